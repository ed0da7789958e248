import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { chinaMinute } from "~/domain/china-time";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useId, useState } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { importKindsFor, listImportJobs, startImport } from "~/services/registry/imports.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { refusal } from "~/utils/action-result.server";
import { ListTable } from "~/components/list-controls";

export const meta: MetaFunction = () => [{ title: "批量导入 · 园校通" }];

const IMPORTERS = ["province", "park"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, IMPORTERS);
    const [kinds, jobs] = await Promise.all([importKindsFor(principal), listImportJobs({ principal })]);
    return json({ kinds, jobs });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, IMPORTERS);
    const kind = form.get("kind");
    const file = form.get("file");
    try {
      if (typeof kind !== "string" || !kind) throw new AppError({ message: "请选择导入内容", field: "kind" });
      if (!(file instanceof File)) throw new AppError({ message: "请选择要导入的文件", field: "file" });
      const id = await startImport({ principal, kind, file });
      return redirectWithFlash(request, `已上传「${file.name}」，正在后台检查和导入，进度见本页`, { to: `/imports/${id}` });
    } catch (error) {
      const refused = refusal(error, { when: (e) => Boolean(e.field) });
      if (refused) return json({ fieldErrors: refused.fieldErrors }, { status: refused.status });
      throw error;
    }
  });
}

const STATUS: Record<string, string> = { queued: "排队中", running: "导入中", done: "已完成", refused: "已拒绝", failed: "失败" };

export default function ImportsPage() {
  const { kinds, jobs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [kind, setKind] = useState(params.get("kind") ?? kinds[0]?.kind ?? "");
  const navigation = useNavigation();
  const id = useId();
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  const columns = kinds.find((k) => k.kind === kind)?.columns ?? [];
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">
          <Link to="/registries">名录管理</Link>
        </p>
        <h1>批量导入</h1>
        <p className="muted">
          支持 CSV（UTF-8）和 Excel（.xlsx）文件，第一行为表头。任何一行有误，整个文件都不导入，并列出每一处错误的行号和原因。
        </p>
      </header>
      <Form method="post" encType="multipart/form-data" className="panel stack" noValidate>
        <CsrfInput />
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-kind`}>导入内容</label>
            <select id={`${id}-kind`} name="kind" value={kind} onChange={(e) => setKind(e.target.value)} aria-invalid={errors.kind ? true : undefined}>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
            {errors.kind ? <p className="field-error" role="alert">{errors.kind}</p> : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-file`}>文件</label>
            <input
              id={`${id}-file`}
              name="file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={errors.file ? true : undefined}
              aria-describedby={errors.file ? `${id}-file-error` : undefined}
            />
            {errors.file ? (
              <p className="field-error" id={`${id}-file-error`} role="alert">
                {errors.file}
              </p>
            ) : null}
          </div>
        </div>
        <p className="muted">
          表头：
          {columns.map((c, i) => (
            <span key={c.header}>
              {i > 0 ? "、" : ""}
              {c.header}
              {c.required ? "*" : ""}
            </span>
          ))}
          （* 为必填；也接受英文列名）
        </p>
        {kind ? (
          <p>
            <a href={`/imports/template/${kind}`} download className="button">
              下载{kinds.find((k) => k.kind === kind)?.label}导入模板（Excel）
            </a>{" "}
            <span className="muted">模板含表头、一行示例和每列的填写说明。</span>
          </p>
        ) : null}
        <p>
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "正在上传…" : "开始导入"}
          </button>
        </p>
      </Form>
      <section className="stack">
        <h2>最近的导入</h2>
        <ListTable headings={["文件", "内容", "行数", "状态", "导入人", "时间"]} rows={jobs} empty="还没有导入记录">
          {(j) => (
            <tr key={j.id}>
              <td>
                <Link to={`/imports/${j.id}`}>{j.fileName}</Link>
              </td>
              <td>{j.kindLabel}</td>
              <td>{j.totalRows}</td>
              <td>{STATUS[j.status] ?? j.status}</td>
              <td>{j.by}</td>
              <td>{chinaMinute(j.createdAt)}</td>
            </tr>
          )}
        </ListTable>
      </section>
    </div>
  );
}
