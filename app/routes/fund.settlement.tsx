import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatementFilters } from "~/components/fund";
import { LineStatusBadge, PaymentTable } from "~/components/fund-settlement";
import { chinaDate } from "~/domain/china-time";
import { formatYuan } from "~/domain/money";
import { decideFromForm, listArrears, listFundPayments } from "~/services/fund/settlement.server";
import { readStatementQuery, statementYears } from "~/services/fund/training-fund.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { requirePrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "培训经费结算与欠缴 · 园校通" }];

/** Park and province: what the year's statements owe, what arrived, who is in arrears, and the pool's payments to confirm. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["park", "province"]);
    const query = readStatementQuery(new URL(request.url));
    const [arrears, payments] = await Promise.all([
      listArrears({ principal, year: query.year }),
      listFundPayments({ principal, year: query.year, status: "pending" }),
    ]);
    return json({
      query,
      years: statementYears(),
      role: principal.role,
      today: chinaDate(new Date()),
      ...arrears,
      poolPayments: principal.role === "province" ? payments.filter((p) => p.recipient === "province_pool") : [],
    });
  });
}

/** The province, holder of the province pool, confirms or disputes a payment to the pool. */
export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["province"]);
    const outcome = await decideFromForm(principal, form);
    return redirectWithFlash(request, outcome.message, { kind: outcome.ok ? "success" : "error" });
  });
}

export default function FundSettlementPage() {
  const { query, years, issue, rows, totals, poolPayments, role, today } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">企业培训经费 · {role === "province" ? "全省" : "园区"}</p>
        <h1>院校分成结算与欠缴</h1>
        <p className="muted">
          {issue ? `${query.year} 年度对账单 ${issue.issuedOn} 出具，${issue.dueOn} 到期（${issue.dueMonths} 个月）。` : `${query.year} 年度尚未完成核算。`}
          逾期未付清的企业每月收到一次提醒。
        </p>
        <p>
          <Link to="/fund/ledgers">各院校专款专用台账 →</Link>
        </p>
      </header>
      <StatementFilters years={years} year={query.year} />
      <ul className="kpis kpis-money" aria-label="结算合计">
        <li className="kpi"><span className="kpi-value">{formatYuan(totals.owedFen)}</span><span className="kpi-label">院校分成应付</span></li>
        <li className="kpi"><span className="kpi-value">{formatYuan(totals.confirmedFen)}</span><span className="kpi-label">已确认到账</span></li>
        <li className="kpi"><span className="kpi-value">{formatYuan(totals.arrearsFen)}</span><span className="kpi-label">逾期欠缴</span></li>
        <li className="kpi"><span className="kpi-value">{totals.disputed}</span><span className="kpi-label">有异议的对账行</span></li>
      </ul>
      <section className="stack">
        <h2>欠缴企业（{rows.length}）</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">企业</th>
                <th scope="col">园区</th>
                <th scope="col" className="num">欠缴金额</th>
                <th scope="col" className="num">逾期行数</th>
                <th scope="col">到期日</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr><td colSpan={6} className="muted">{issue && today > issue.dueOn ? "没有欠缴企业" : "尚未到期，没有欠缴"}</td></tr>
              ) : (
                rows.map((r) => (
                  <tr key={r.enterprise.id}>
                    <td>{r.enterprise.name}</td>
                    <td>{r.enterprise.park.name}</td>
                    <td className="num"><strong>{formatYuan(r.outstandingFen)}</strong></td>
                    <td className="num">{r.lines}</td>
                    <td>{r.dueOn}</td>
                    <td>{r.statuses.map((s) => <LineStatusBadge key={s} status={s} />)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>
      {role === "province" ? (
        <section className="stack">
          <h2>省级统筹资金池待确认的付款（{poolPayments.length}）</h2>
          <p className="muted">所在园区没有对口院校的企业，其院校分成按政策计入省级统筹资金池，由省园区办确认到账。</p>
          <PaymentTable rows={poolPayments} decide empty="没有待确认的付款" />
        </section>
      ) : null}
    </div>
  );
}
