import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { SelectField } from "~/components/labour";
import { ROSTER_COLUMNS } from "~/domain/labour/roster";
import { cohortChoices } from "~/services/labour/cohorts.server";
import { importRoster, latestRosterImport, type RosterImportResult } from "~/services/labour/roster.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { optionalIdParam } from "~/utils/params.server";
import { majorText } from "~/domain/catalogue/majors";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "导入毕业生名册 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["college"]);
    const [latest, choices] = await Promise.all([latestRosterImport({ principal }), cohortChoices({ principal })]);
    return json({ latest, cohorts: choices.cohorts });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["college"]);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new AppError({ message: "请选择要导入的 CSV 或 XLSX 文件", field: "file" });
    const cohortId = optionalIdParam(form.get("cohortId"));
    const result: RosterImportResult = await importRoster({
      principal,
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      cohortId,
    });
    // Imported: told after the redirect (ADR 112); a refused file stays here with every bad row.
    if (result.status === "done") return redirectWithFlash(request, `「${file.name}」导入成功：共 ${result.imported} 名毕业生`);
    return json(result, { status: 400 });
  });
}

export default function RosterImportPage() {
  const { latest, cohorts } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const revalidator = useRevalidator();
  const running = fetcher.state !== "idle";

  // While the file is being imported, re-read the import's progress every 0.7 s.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 700);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  // The finished import: from this submission, or else the last one on record (also without JavaScript).
  const finished = latest && latest.status !== "running" ? { status: latest.status, imported: latest.doneRows, problems: latest.problems } : null;
  const result = fetcher.data && "status" in fetcher.data ? fetcher.data : finished;
  const fileName = latest?.fileName ? `「${latest.fileName}」` : "";
  const failure = fetcher.data && "error" in fetcher.data ? (fetcher.data as { error: { message: string } }).error.message : null;
  const progress = running && latest?.status === "running" ? latest : null;
  return (
    <div className="stack">
      <p>
        <Link to="/college/graduates">← 毕业生名册</Link>
      </p>
      <h1>导入毕业生名册</h1>
      <section className="panel stack">
        <p>
          上传 CSV 或 XLSX 文件，第一行为表头：
          {Object.values(ROSTER_COLUMNS).map((c) => (
            <code key={c.header} style={{ marginRight: "0.4rem" }}>
              {c.header}
              {c.required ? "" : "（可选）"}
            </code>
          ))}
          。英文表头（name, id_number, phone, major_code, school_level, graduation_date, skill_level, skill_tags, preferred_cities）同样可用。
        </p>
        <p className="muted">整个文件全部通过检查才会导入；有任何一行有误，将列出所有错误行，且不导入任何数据。</p>
        <p>
          <a href="/college/graduates/template" download className="button">
            下载名册导入模板（Excel）
          </a>{" "}
          <span className="muted">模板含表头、一行示例和每列的填写说明。</span>
        </p>
        <fetcher.Form method="post" encType="multipart/form-data" className="stack">
          <CsrfInput />
          <div className="field">
            <label htmlFor="roster-file">名册文件</label>
            <input id="roster-file" type="file" name="file" accept=".csv,.xlsx" required />
          </div>
          <SelectField label="归入培训班（可选）" name="cohortId" defaultValue="">
            <option value="">不归入培训班</option>
            {cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {majorText(c.majorCode)} · {chinaDate(c.expectedGraduation)} 毕业 · {c.size} 人
              </option>
            ))}
          </SelectField>
          <div>
            <button type="submit" className="button button-primary" disabled={running}>
              {running ? "正在导入…" : "开始导入"}
            </button>
          </div>
        </fetcher.Form>
        {running ? (
          <div role="status" aria-live="polite">
            <progress className="progress" max={progress?.totalRows || 1} value={progress?.doneRows ?? 0} />
            <p className="muted">
              {progress && progress.totalRows > 0 ? `已检查 ${progress.doneRows} / ${progress.totalRows} 行` : "正在上传并读取文件…"}
            </p>
          </div>
        ) : null}
      </section>
      {failure ? (
        <p className="field-error" role="alert">
          {failure}
        </p>
      ) : null}
      {result?.status === "done" ? (
        <p className="muted">
          上次导入{fileName}：共 {result.imported} 名毕业生。<Link to="/college/graduates">查看名册</Link>
        </p>
      ) : null}
      {result?.status === "refused" ? (
        <section className="panel" role="alert">
          <h2>
            {fileName}未导入：共 {result.problems.length} 处错误
          </h2>
          <div className="table-wrap problems">
            <table>
              <thead>
                <tr>
                  <th scope="col">行号</th>
                  <th scope="col">字段</th>
                  <th scope="col">原因</th>
                </tr>
              </thead>
              <tbody>
                {result.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.line > 0 ? `第 ${p.line} 行` : "文件"}</td>
                    <td>{p.field || "—"}</td>
                    <td className="wrap">{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
