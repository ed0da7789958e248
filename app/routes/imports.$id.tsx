import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { readImportJob } from "~/services/registry/imports.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "导入结果 · 园校通" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    // Registry imports (province, park), fund payments and worker-training claims (enterprise), 专款支出 (college): each sees the imports it started.
    const principal = await requirePrincipal(request, ["province", "park", "enterprise", "college"]);
    return json(await readImportJob({ principal, id: idParam(params.id) }));
  });
}

const POLL_MS = 1_000;

/** While the worker runs the import, the page asks again every second. */
function usePolling(active: boolean) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!active || state !== "idle") return;
    const timer = setTimeout(revalidate, POLL_MS);
    return () => clearTimeout(timer);
  }, [active, state, revalidate]);
}

export default function ImportJobPage() {
  const job = useLoaderData<typeof loader>();
  const working = job.status === "queued" || job.status === "running";
  usePolling(working);
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">
          <Link to={job.backTo}>{job.backTo === "/imports" ? "批量导入" : `返回${job.kindLabel}`}</Link>
        </p>
        <h1>
          导入{job.kindLabel}：{job.fileName}
        </h1>
      </header>
      {working ? (
        <section className="panel stack" aria-live="polite">
          <p>
            {job.status === "queued"
              ? "排队中，马上开始…"
              : job.totalRows === 0
                ? "正在读取文件…"
                : job.doneRows >= job.totalRows
                  ? "校验通过，正在写入数据库…"
                  : `正在校验：${job.doneRows.toLocaleString("zh-CN")} / ${job.totalRows.toLocaleString("zh-CN")} 行`}
          </p>
          <progress max={job.totalRows || 1} value={job.doneRows} aria-label="导入进度" />
        </section>
      ) : null}
      {job.status === "done" ? (
        <div className="notice" role="status">
          <p>
            导入成功：共 {job.totalRows.toLocaleString("zh-CN")} 条{job.kindLabel}记录。
          </p>
          {job.backTo === "/imports" ? <Link to={`/registries/${job.kind}`}>查看{job.kindLabel}名录</Link> : <Link to={job.backTo}>返回{job.kindLabel}</Link>}
        </div>
      ) : null}
      {job.status === "refused" || job.status === "failed" ? (
        <section className="stack">
          <div className="notice notice-error" role="alert">
            <p>
              {job.status === "failed" ? "导入失败，未导入任何记录。" : `文件有 ${job.errorCount} 处错误，未导入任何记录。请改正后重新导入。`}
            </p>
          </div>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">行号</th>
                  <th scope="col">列</th>
                  <th scope="col">原因</th>
                </tr>
              </thead>
              <tbody>
                {job.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.line > 0 ? `第 ${e.line} 行` : "—"}</td>
                    <td>{e.field ?? "—"}</td>
                    <td className="wrap">{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {job.errorCount > job.errors.length ? <p className="muted">仅显示前 {job.errors.length} 处错误。</p> : null}
        </section>
      ) : null}
    </div>
  );
}
