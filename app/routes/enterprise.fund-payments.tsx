import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { StatementFilters } from "~/components/fund";
import { PaymentTable, SettlementTable } from "~/components/fund-settlement";
import { chinaDate } from "~/domain/china-time";
import { formatYuan } from "~/domain/money";
import { listFundPayments, recordFundPayment, settlementLines, settlementTotals } from "~/services/fund/settlement.server";
import { readStatementQuery, statementYears } from "~/services/fund/training-fund.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { requireActor } from "~/utils/scopes.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields } from "~/utils/forms";
import { PaymentSchema } from "~/services/fund/schemas";
import { importColumnsOf, startImportFromForm } from "~/services/registry/imports.server";
import { ImportFileForm } from "~/components/import-form";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "培训经费付款 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const enterpriseId = requireActor(principal, "enterprise");
    const query = readStatementQuery(new URL(request.url));
    const [{ issue, lines }, payments] = await Promise.all([
      settlementLines({ principal, year: query.year, enterpriseId }),
      listFundPayments({ principal, year: query.year, enterpriseId }),
    ]);
    return json({
      query, years: statementYears(), issue, lines, payments, totals: settlementTotals(lines, chinaDate(new Date())),
      importColumns: importColumnsOf("fund_payments"),
    });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["enterprise"]);
    const enterpriseId = requireActor(principal, "enterprise");
    if (form.get("intent") === "import") {
      const started = await attempt(() => startImportFromForm({ principal, kind: "fund_payments", form }));
      if (!started.ok) return started.response;
      return redirectWithFlash(request, "文件已上传，检查结果见本页", { to: `/imports/${started.data}` });
    }
    const parsed = parseFields(PaymentSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const { year, line, paidOn, amount, voucherNo } = parsed.data;
    const done = await attempt(() => recordFundPayment({ principal, input: { year, enterpriseId, line, paidOn, amountFen: amount, voucherNo } }));
    if (!done.ok) return done.response;
    return redirectWithFlash(request, `已登记付款 ${formatYuan(amount)}（凭证号 ${voucherNo}），等待收款方确认到账`);
  });
}

export default function EnterpriseFundPaymentsPage() {
  const { query, years, issue, lines, payments, totals, importColumns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.fieldErrors : {};
  const payable = lines.filter((l) => l.payableFen > 0);
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">企业培训经费 · 院校分成结算</p>
        <h1>培训经费付款</h1>
        <p className="muted">
          每年度对账单的每一行（应付给对口院校或统筹资金池的院校分成）在对账单出具后
          {issue ? ` ${issue.dueMonths} ` : "规定的"}个月内付清；付款登记后由收款方确认到账。
        </p>
      </header>
      <StatementFilters years={years} year={query.year} />
      {issue ? (
        <ul className="kpis kpis-money" aria-label="付款合计">
          <li className="kpi"><span className="kpi-value">{formatYuan(totals.owedFen)}</span><span className="kpi-label">{query.year} 年应付</span></li>
          <li className="kpi"><span className="kpi-value">{formatYuan(totals.confirmedFen)}</span><span className="kpi-label">已确认到账</span></li>
          <li className="kpi"><span className="kpi-value">{formatYuan(totals.pendingFen)}</span><span className="kpi-label">待确认</span></li>
          <li className="kpi"><span className="kpi-value">{issue.dueOn}</span><span className="kpi-label">到期日（{issue.issuedOn} 出具）</span></li>
        </ul>
      ) : null}
      <section className="stack">
        <h2>对账单</h2>
        <SettlementTable rows={lines} showEnterprise={false} empty={`${query.year} 年度尚未完成核算`} />
      </section>
      {payable.length > 0 ? (
        <section className="panel stack">
          <h2>登记付款</h2>
          {result && !result.ok && result.formError ? <p className="field-error" role="alert">{result.formError}</p> : null}
          <Form method="post" className="stack">
            <CsrfInput />
            <input type="hidden" name="year" value={query.year} />
            <div className="field">
              <label htmlFor="pay-line">收款方</label>
              <select id="pay-line" name="line" aria-invalid={errors.line ? true : undefined}>
                {payable.map((l) => (
                  <option key={l.key} value={l.key}>
                    {l.recipientName}（尚可登记 {formatYuan(l.payableFen)}）
                  </option>
                ))}
              </select>
              {errors.line ? <p className="field-error" role="alert">{errors.line}</p> : null}
            </div>
            <Field label="付款日期" name="paidOn" type="date" required error={errors.paidOn} defaultValue={chinaDate(new Date())} />
            <Field label="付款金额（元）" name="amount" inputMode="decimal" required error={errors.amount} />
            <Field label="付款凭证号" name="voucherNo" required maxLength={60} error={errors.voucherNo} />
            <button type="submit" className="button button-primary" disabled={busy}>登记付款</button>
          </Form>
        </section>
      ) : null}
      <ImportFileForm kind="fund_payments" label="培训经费付款" columns={importColumns} error={errors.file} />
      <section className="stack">
        <h2>付款记录</h2>
        <PaymentTable rows={payments} empty="尚未登记付款" />
      </section>
    </div>
  );
}
