import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { AuditTimeline, ClaimStatus, ClaimSteps, kindLabel, RuleList } from "~/components/subsidy";
import { FUNDING_SOURCES } from "~/domain/constants";
import { formatYuan } from "~/domain/money";
import { getClaim } from "~/services/subsidy/claims.server";
import { verifyWorkerCertificate } from "~/services/subsidy/worker-training.server";
import { LEVEL_NAMES } from "~/domain/subsidy/worker-training";
import { approveClaim, confirmGraduation, declineGraduation, rejectClaim, releaseHeldClaim } from "~/services/subsidy/review.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, conflict, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { requiredText } from "~/utils/forms";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "补贴申请 · 园校通" }];

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), source: z.enum(Object.keys(FUNDING_SOURCES) as [string, ...string[]], { error: "请选择资金来源" }) }),
  z.object({ intent: z.literal("reject"), reason: requiredText("驳回理由", 200) }),
  z.object({ intent: z.literal("confirm") }),
  z.object({ intent: z.literal("release") }),
  z.object({ intent: z.literal("decline"), reason: requiredText("不予确认的理由", 200) }),
  z.object({ intent: z.literal("verify"), issuer: requiredText("发证机构", 60), number: requiredText("证书编号", 40) }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["graduate", "college", "enterprise", "bureau", "province"]);
    const claim = await getClaim({ principal, claimId: idParam(params.claimId, "补贴申请") });
    // A city bureau reads its counties' claims; only the claim's own bureau decides it.
    const decides = principal.role === "bureau" && claim.bureauId === principal.bureauId;
    return json({ claim, role: principal.role, decides, sources: FUNDING_SOURCES });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["college", "bureau"]);
    const claimId = idParam(params.claimId, "补贴申请");
    const parsed = ActionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return json({ ok: false as const, message: issue?.message ?? "提交的内容无效", field: String(issue?.path[0] ?? "") }, { status: 400 });
    }
    const input = parsed.data;
    try {
      if (input.intent === "approve") {
        const r = await approveClaim({ principal, claimId, source: input.source });
        return redirectWithFlash(request, `已批准，金额 ${formatYuan(r.amountFen)}，公示期满 ${r.payableFrom} 起可发放`);
      }
      if (input.intent === "reject") await rejectClaim({ principal, claimId, reason: input.reason });
      if (input.intent === "confirm") {
        const r = await confirmGraduation({ principal, claimIds: [claimId] });
        if (r.failed.length > 0) throw conflict(r.failed[0]!.message);
      }
      if (input.intent === "decline") await declineGraduation({ principal, claimId, reason: input.reason });
      if (input.intent === "verify") {
        await verifyWorkerCertificate({ principal, claimId, issuer: input.issuer, number: input.number });
        return redirectWithFlash(request, "证书已核验");
      }
      if (input.intent === "release") {
        await releaseHeldClaim({ principal, claimId });
        return redirectWithFlash(request, "已记录人社局的决定");
      }
      return redirectWithFlash(request, "已处理");
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.status !== 404) {
        return json({ ok: false as const, message: error.message, field: error.field ?? "" }, { status: error.status });
      }
      throw error;
    }
  });
}

export default function ClaimPage() {
  const { claim, role, decides, sources } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const e = claim.evaluation;
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">补贴申请 #{claim.id}</p>
        <h1>
          {(claim.graduate ?? claim.workerTrainee)?.name} · {kindLabel(claim.kind)} {formatYuan(claim.amountFen)}
        </h1>
        <ClaimStatus status={claim.status} />
        <ClaimSteps status={claim.status} worker={claim.workerTrainee !== null} />
      </header>
      {result ? (
        <p className="panel field-error" role="alert">
          {result.message}
        </p>
      ) : null}
      {claim.rejectReason ? <p className="panel field-error">驳回理由：{claim.rejectReason}</p> : null}
      {claim.heldReason ? (
        <section className="panel stack" aria-label="就业结束">
          <p className="field-error">{claim.heldReason}</p>
          {decides ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="release" />
              <button type="submit" className="button" disabled={busy}>{claim.status === "paid" ? "复核完毕" : "继续支付"}</button>
            </Form>
          ) : null}
        </section>
      ) : null}
      <dl className="facts panel">
        {claim.graduate && claim.placement ? (
          <>
            <div><dt>身份证号</dt><dd>{claim.graduate.idNumber}</dd></div>
            <div><dt>毕业院校</dt><dd>{claim.graduate.college.name}（{claim.graduate.schoolLevel}）</dd></div>
            <div><dt>毕业日期</dt><dd>{chinaDate(claim.graduate.graduationDate)}</dd></div>
            <div><dt>就业单位</dt><dd>{claim.placement.enterprise.name}（{claim.placement.enterprise.park.name}）</dd></div>
            <div><dt>入职日期</dt><dd>{chinaDate(claim.placement.startDate)}</dd></div>
            <div><dt>劳动合同 / 社保</dt><dd>{claim.placement.contractMonths ?? "—"} 个月 / {claim.placement.insuredMonths ?? "—"} 个月</dd></div>
          </>
        ) : null}
        {claim.workerTrainee ? (
          <>
            <div><dt>身份证号</dt><dd>{claim.workerTrainee.idNumber}</dd></div>
            <div>
              <dt>申请企业</dt>
              <dd>
                {claim.workerTrainee.enterprise.name}（{claim.workerTrainee.enterprise.park.name}
                {claim.workerTrainee.enterprise.cluster ? ` · ${claim.workerTrainee.enterprise.cluster.name}产业集群` : ""}）
              </dd>
            </div>
            <div><dt>本企业参保</dt><dd>{chinaDate(claim.workerTrainee.insuredFrom)} 起连续 {claim.workerTrainee.insuredMonths} 个月</dd></div>
            <div><dt>实训基地</dt><dd>{claim.workerTrainee.base.name}，{chinaDate(claim.workerTrainee.trainingEndedOn)} 结束培训</dd></div>
            <div>
              <dt>技能证书</dt>
              <dd>
                {claim.workerTrainee.certificateName}（{LEVEL_NAMES[claim.workerTrainee.certificateLevel] ?? claim.workerTrainee.certificateLevel}），{chinaDate(claim.workerTrainee.certificateIssuedOn)} 发证
              </dd>
            </div>
            <div>
              <dt>发证机构 / 证书编号</dt>
              <dd>
                {claim.workerTrainee.certificateIssuer} / {claim.workerTrainee.certificateNumber}
                {claim.workerTrainee.certificateVerifiedAt ? `（${chinaDate(claim.workerTrainee.certificateVerifiedAt)} 已核验）` : "（待人社局核验）"}
              </dd>
            </div>
          </>
        ) : null}
        <div><dt>审核单位</dt><dd>{claim.bureau.name}</dd></div>
        <div><dt>适用政策</dt><dd>第 {claim.policyVersion.version} 版（{chinaDate(claim.policyVersion.effectiveFrom)} 起施行）</dd></div>
        <div><dt>资金来源</dt><dd>{claim.budgetAllocation ? (sources[claim.budgetAllocation.source] ?? claim.budgetAllocation.source) : "—"}</dd></div>
        <div><dt>可发放日期</dt><dd>{claim.noticeEndsOn ? `${chinaDate(claim.noticeEndsOn)} 起（公示期满）` : "—"}</dd></div>
      </dl>
      {e.rules ? (
        <section className="panel">
          <h2>{claim.workerTrainee ? "资格核验（逐条）" : "资格核验（生成申请时）"}</h2>
          <RuleList rules={e.rules} />
        </section>
      ) : null}
      {role === "college" && claim.status === "pending_college" ? (
        <section className="panel stack">
          <h2>确认毕业</h2>
          <p className="muted">请核对该生的毕业信息与学籍记录一致后确认；确认后申请转人社局审核。</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="confirm" />
            <button type="submit" className="button button-primary" disabled={busy}>确认已毕业</button>
          </Form>
          <Form method="post" className="sub-actions">
            <CsrfInput />
            <input type="hidden" name="intent" value="decline" />
            <div className="field">
              <label htmlFor="decline-reason">不予确认的理由</label>
              <input id="decline-reason" name="reason" maxLength={200} required />
            </div>
            <button type="submit" className="button" disabled={busy}>不予确认</button>
          </Form>
        </section>
      ) : null}
      {role === "bureau" && !decides ? (
        <p className="panel muted" role="note">本申请由{claim.bureau.name}审核，设区市人社局只能查看。</p>
      ) : null}
      {decides && claim.status === "pending_review" && claim.workerTrainee && !claim.workerTrainee.certificateVerifiedAt ? (
        <section className="panel stack">
          <h2>核验证书</h2>
          <p className="muted">请向发证机构核实证书后，填写核实的发证机构和证书编号；证书核验后方可批准。</p>
          <Form method="post" className="sub-actions">
            <CsrfInput />
            <input type="hidden" name="intent" value="verify" />
            <div className="field">
              <label htmlFor="verify-issuer">发证机构</label>
              <input id="verify-issuer" name="issuer" maxLength={60} required defaultValue={claim.workerTrainee.certificateIssuer} />
            </div>
            <div className="field">
              <label htmlFor="verify-number">证书编号</label>
              <input id="verify-number" name="number" maxLength={40} required defaultValue={claim.workerTrainee.certificateNumber} />
            </div>
            <button type="submit" className="button" disabled={busy}>证书已核验</button>
          </Form>
        </section>
      ) : null}
      {decides && claim.status === "pending_review" ? (
        <section className="panel stack">
          <h2>审核</h2>
          <p className="muted">批准时将按当前就业和社保情况复核资格，并从所选资金来源的本年度预算中占用相应金额。</p>
          <Form method="post" className="sub-actions">
            <CsrfInput />
            <input type="hidden" name="intent" value="approve" />
            <div className="field">
              <label htmlFor="approve-source">资金来源</label>
              <select id="approve-source" name="source" required defaultValue="employment_subsidy">
                {Object.entries(sources).map(([value, label]) => (
                  <option key={value} value={value}>{label}</option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-primary" disabled={busy}>批准</button>
          </Form>
          <Form method="post" className="sub-actions">
            <CsrfInput />
            <input type="hidden" name="intent" value="reject" />
            <div className="field">
              <label htmlFor="reject-reason">驳回理由</label>
              <input id="reject-reason" name="reason" maxLength={200} required aria-invalid={result?.field === "reason" ? true : undefined} />
            </div>
            <button type="submit" className="button" disabled={busy}>驳回</button>
          </Form>
        </section>
      ) : null}
      <section className="panel">
        <h2>办理记录</h2>
        <AuditTimeline events={claim.events} />
      </section>
    </div>
  );
}
