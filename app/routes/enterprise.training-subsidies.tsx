import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { ClaimStatus, RuleList } from "~/components/subsidy";
import { chinaDate } from "~/domain/china-time";
import { formatYuan } from "~/domain/money";
import { LEVEL_NAMES } from "~/domain/subsidy/worker-training";
import {
  createWorkerTrainingClaim,
  evaluateWorkerTrainingClaim,
  listTrainingBasesForClaims,
  listWorkerTrainingClaims,
  workerTrainingInputSchema,
} from "~/services/subsidy/worker-training.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { ImportFileForm } from "~/components/import-form";
import { importColumnsOf, startImportFromForm } from "~/services/registry/imports.server";
import { requireForm } from "~/utils/csrf.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "职工技能提升补贴 · 园校通" }];


export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const [claims, bases] = await Promise.all([listWorkerTrainingClaims({ principal }), listTrainingBasesForClaims()]);
    return json({ claims, bases, importColumns: importColumnsOf("worker_training_claims") });
  });
}

type Checked = { ok: false; formError: string; fieldErrors: Record<string, string>; rules?: { rule: string; passed: boolean; detail: string }[]; amountFen?: number };

/** "check" explains every rule without storing anything; "submit" files the claim when it can be made. */
export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["enterprise"]);
    if (form.get("intent") === "import") {
      const started = await attempt(() => startImportFromForm({ principal, kind: "worker_training_claims", form }));
      if (!started.ok) return started.response;
      return redirectWithFlash(request, "文件已上传，检查结果见本页", { to: `/imports/${started.data}` });
    }
    const parsed = parseFields(workerTrainingInputSchema({ form: true }), form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    try {
      const check = await evaluateWorkerTrainingClaim({ principal, input: parsed.data });
      if (form.get("intent") !== "submit" || !check.claimable) {
        const formError = check.claimable ? `可以申请，补贴金额 ${formatYuan(check.amountFen)}；证书由人社局审核时核验` : "不符合申请条件，见下方逐条说明";
        return json<Checked>({ ok: false, formError, fieldErrors: {}, rules: check.rules, amountFen: check.amountFen }, { status: check.claimable ? 200 : 422 });
      }
      const made = await createWorkerTrainingClaim({ principal, input: parsed.data });
      return redirectWithFlash(request, `已提交 ${parsed.data.name} 的职业技能提升补贴申请（${formatYuan(made.amountFen)}），等待人社局审核`, { to: `/subsidies/claims/${made.claimId}` });
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.status !== 403 && error.status !== 404) {
        return json<Checked>({ ok: false, formError: error.message, fieldErrors: error.field ? { [error.field]: error.message } : {} }, { status: error.status });
      }
      throw error;
    }
  });
}

export default function EnterpriseTrainingSubsidiesPage() {
  const { claims, bases, importColumns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Checked | undefined;
  const busy = useNavigation().state === "submitting";
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">职业技能提升补贴 · 产业集群企业优先审核</p>
        <h1>职工技能提升补贴</h1>
        <p className="muted">
          为在本企业参保、在园校对接实训基地培训后取得职业技能等级证书的职工申请补贴：初级工 1,000 元、中级工 1,500 元、高级工 2,000 元（以政策为准）；
          每人每个等级限一次，每人每年最多三次。证书由人社局审核时核验。
        </p>
      </header>
      <section className="panel stack">
        <h2>申请补贴</h2>
        {result?.formError && !errors.file ? (
          <p className={result.rules && result.amountFen ? "" : "field-error"} role="alert">
            {result.formError}
          </p>
        ) : null}
        {result?.rules ? <RuleList rules={result.rules} /> : null}
        <Form method="post" className="stack">
          <CsrfInput />
          <Field label="职工姓名" name="name" required maxLength={40} error={errors.name} />
          <Field label="身份证号" name="idNumber" required maxLength={18} autoComplete="off" error={errors.idNumber} />
          <Field label="本企业参保起始日期" name="insuredFrom" type="date" required error={errors.insuredFrom} />
          <Field label="连续缴纳社保月数" name="insuredMonths" inputMode="numeric" required error={errors.insuredMonths} />
          <div className="field">
            <label htmlFor="wt-base">实训基地</label>
            <select id="wt-base" name="baseId" required aria-invalid={errors.baseId ? true : undefined}>
              {bases.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}（{b.park.name}）
                </option>
              ))}
            </select>
            {errors.baseId ? <p className="field-error" role="alert">{errors.baseId}</p> : null}
          </div>
          <Field label="培训结束日期" name="trainingEndedOn" type="date" required error={errors.trainingEndedOn} />
          <Field label="证书名称（职业/工种）" name="certificateName" required maxLength={60} error={errors.certificateName} />
          <div className="field">
            <label htmlFor="wt-level">证书等级</label>
            <select id="wt-level" name="certificateLevel" defaultValue="4">
              {[5, 4, 3, 2, 1].map((level) => (
                <option key={level} value={level}>{LEVEL_NAMES[level]}</option>
              ))}
            </select>
          </div>
          <Field label="发证日期" name="certificateIssuedOn" type="date" required error={errors.certificateIssuedOn} />
          <Field label="发证机构" name="certificateIssuer" required maxLength={60} error={errors.certificateIssuer} />
          <Field label="证书编号" name="certificateNumber" required maxLength={40} error={errors.certificateNumber} />
          <div className="sub-actions">
            <button type="submit" name="intent" value="check" className="button" disabled={busy}>逐条核验</button>
            <button type="submit" name="intent" value="submit" className="button button-primary" disabled={busy}>提交申请</button>
          </div>
        </Form>
      </section>
      <ImportFileForm kind="worker_training_claims" label="职工技能提升补贴申请" columns={importColumns} error={errors.file} />
      <section className="stack">
        <h2>申请记录</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">职工</th>
                <th scope="col">身份证号</th>
                <th scope="col">证书</th>
                <th scope="col">金额</th>
                <th scope="col">状态</th>
                <th scope="col">审核单位</th>
                <th scope="col">申请日期</th>
              </tr>
            </thead>
            <tbody>
              {claims.length === 0 ? (
                <tr>
                  <td colSpan={7} className="muted">尚未申请</td>
                </tr>
              ) : (
                claims.map((c) => (
                  <tr key={c.id}>
                    <td><Link to={`/subsidies/claims/${c.id}`}>{c.trainee.name}</Link></td>
                    <td>{c.trainee.idNumberMasked}</td>
                    <td>
                      {c.trainee.certificateName}（{LEVEL_NAMES[c.trainee.certificateLevel] ?? c.trainee.certificateLevel}）
                      {c.trainee.certificateVerifiedAt ? "" : <span className="muted">（待核验）</span>}
                    </td>
                    <td>{formatYuan(c.amountFen)}</td>
                    <td>
                      <ClaimStatus status={c.status} />
                      {c.rejectReason ? <div className="field-error">{c.rejectReason}</div> : null}
                      {c.status === "approved" && c.noticeEndsOn ? <div className="muted">公示期满 {chinaDate(c.noticeEndsOn)} 起可发放</div> : null}
                    </td>
                    <td>{c.bureau.name}</td>
                    <td>{c.createdOn}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
