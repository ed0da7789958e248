import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ClaimStatus, ClaimSteps, kindLabel, RuleList } from "~/components/subsidy";
import { CsrfInput } from "~/components/csrf-input";
import { formatYuan } from "~/domain/money";
import { listMySubsidies, requestSubsidyClaims } from "~/services/subsidy/claims.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idField } from "~/utils/forms";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "我的补贴 · 园校通" }];

const RequestSchema = z.object({ placementId: idField });

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["graduate"]);
    return json({ placements: await listMySubsidies({ principal }) });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["graduate"]);
    const parsed = RequestSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return json({ ok: false as const, message: "就业记录编号无效" }, { status: 400 });
    try {
      const result = await requestSubsidyClaims({ principal, placementId: parsed.data.placementId });
      return redirectWithFlash(request, `已提交 ${result.created.map((c) => kindLabel(c.kind)).join("、")}申请，等待院校确认毕业`);
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return json({ ok: false as const, message: error.message }, { status: error.status });
      throw error;
    }
  });
}

export default function MySubsidiesPage() {
  const { placements } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <header className="page-head">
        <h1>我的补贴</h1>
        <p className="muted">
          在省内工业园区企业就业、劳动合同和社保经企业确认后，系统自动为您生成学费补贴和生活补贴申请（免申即享），无需填表。每人学费补贴、生活补贴各限享受一次。
        </p>
      </header>
      {result ? (
        <p className="panel field-error" role="alert">
          {result.message}
        </p>
      ) : null}
      {placements.length === 0 ? <p className="panel muted">暂无就业记录。被园区企业录用后，这里会显示您的补贴。</p> : null}
      {placements.map((p) => (
        <section key={p.id} className="panel sub-card" aria-label={`${p.enterprise.name} 的补贴`}>
          <h2>
            {p.enterprise.name}
            <span className="muted"> · {p.enterprise.park.name}</span>
          </h2>
          <p className="muted">
            入职 {chinaDate(p.startDate)} · 劳动合同 {p.contractMonths ?? "—"} 个月 · 已缴社保 {p.insuredMonths ?? "—"} 个月
          </p>
          {p.claims.length > 0 ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">补贴</th>
                    <th scope="col">金额</th>
                    <th scope="col">状态</th>
                    <th scope="col">办理进度</th>
                    <th scope="col">详情</th>
                  </tr>
                </thead>
                <tbody>
                  {p.claims.map((c) => (
                    <tr key={c.id}>
                      <td>{kindLabel(c.kind)}</td>
                      <td>{formatYuan(c.amountFen)}</td>
                      <td>
                        <ClaimStatus status={c.status} />
                        {c.status === "approved" && c.noticeEndsOn ? <div className="muted">{chinaDate(c.noticeEndsOn)} 起可发放</div> : null}
                        {c.rejectReason ? <div className="field-error">{c.rejectReason}</div> : null}
                      </td>
                      <td>
                        <ClaimSteps status={c.status} />
                      </td>
                      <td>
                        <Link to={`/subsidies/claims/${c.id}`}>查看记录</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {!p.confirmedAt ? (
            <p className="muted">用人单位尚未确认劳动合同和社保缴纳月数，确认后将自动生成补贴申请。</p>
          ) : p.problem ? (
            <p className="field-error">{p.problem}</p>
          ) : p.evaluation ? (
            <details open={p.claims.length === 0}>
              <summary>
                资格核验（政策第 {p.policyVersion} 版）：学费补贴{p.evaluation.tuition.eligible ? `可享受 ${formatYuan(p.evaluation.tuition.amountFen)}` : "不符合"}，生活补贴
                {p.evaluation.living.eligible ? `可享受 ${formatYuan(p.evaluation.living.amountFen)}` : "不符合"}
              </summary>
              <RuleList rules={p.evaluation.rules} />
            </details>
          ) : null}
          {p.confirmedAt && p.evaluation && p.claims.length < 2 && (p.evaluation.tuition.eligible || p.evaluation.living.eligible) ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="placementId" value={p.id} />
              <button type="submit" className="button button-primary" disabled={busy}>
                申请补贴
              </button>
            </Form>
          ) : null}
        </section>
      ))}
    </div>
  );
}
