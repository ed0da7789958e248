import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Pager, SortHeader } from "~/components/list-controls";
import { kindLabel } from "~/components/subsidy";
import { formatYuan } from "~/domain/money";
import { CONFIRMATION_SORTS, confirmGraduation, listGraduationConfirmations } from "~/services/subsidy/review.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseListQuery } from "~/utils/list-query";
import { idField } from "~/utils/forms";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "毕业确认 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["college"]);
    const query = parseListQuery(new URL(request.url), { sorts: CONFIRMATION_SORTS, defaultSort: "createdAt", defaultDirection: "asc" });
    return json(await listGraduationConfirmations({ principal, query }));
  });
}

const ConfirmSchema = z.array(idField).min(1, { error: "请至少勾选一项申请" }).max(500);

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["college"]);
    const ids = ConfirmSchema.safeParse(form.getAll("claimId"));
    if (!ids.success) return json({ ok: false as const, message: ids.error.issues[0]?.message ?? "请至少勾选一项申请" }, { status: 400 });
    const outcome = await confirmGraduation({ principal, claimIds: ids.data });
    const failed = outcome.failed.map((f) => f.message).join("；");
    const message = `已确认 ${outcome.done.length} 项${failed ? `；${failed}` : ""}`;
    // All done: told after the redirect (ADR 112); a refusal stays on the page with its reasons.
    if (outcome.failed.length === 0) return redirectWithFlash(request, message);
    return json({ ok: false as const, message }, { status: 409 });
  });
}

export default function ConfirmationsPage() {
  const { rows, total, page, pageSize, sort, direction } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <header className="page-head">
        <h1>毕业确认</h1>
        <p className="muted">本校毕业生的补贴申请需先由学校确认其毕业信息属实，再转人社局审核。共 {total} 项待确认。</p>
      </header>
      {result ? (
        <p className="panel field-error" role="alert">
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <CsrfInput />
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">选择</th>
                <SortHeader label="姓名" sortKey="name" current={{ sort, direction }} />
                <th scope="col">身份证号</th>
                <th scope="col">层次</th>
                <SortHeader label="毕业日期" sortKey="graduationDate" current={{ sort, direction }} />
                <th scope="col">就业单位</th>
                <th scope="col">补贴</th>
                <SortHeader label="生成时间" sortKey="createdAt" current={{ sort, direction }} />
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={8} className="muted">没有待确认的申请</td>
                </tr>
              ) : (
                rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <input type="checkbox" name="claimId" value={r.id} aria-label={`选择 ${r.graduate.name} 的${kindLabel(r.kind)}`} />
                    </td>
                    <td>
                      <Link to={`/subsidies/claims/${r.id}`}>{r.graduate.name}</Link>
                    </td>
                    <td>{r.graduate.idNumberMasked}</td>
                    <td>{r.graduate.schoolLevel}</td>
                    <td>{chinaDate(r.graduate.graduationDate)}</td>
                    <td>{r.placement.enterprise.name}</td>
                    <td>
                      {kindLabel(r.kind)} {formatYuan(r.amountFen)}
                    </td>
                    <td>{chinaDate(r.createdAt)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <button type="submit" className="button button-primary" disabled={busy || rows.length === 0}>
          确认所选毕业生已毕业
        </button>
      </Form>
      <Pager total={total} page={page} pageSize={pageSize} />
    </div>
  );
}
