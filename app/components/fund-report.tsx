import { Link } from "@remix-run/react";
import { BarChart } from "~/components/subsidy";
import { formatYuan } from "~/domain/money";
import type { FundMoneyReport, WorkerTrainingReport } from "~/services/fund/report.server";

/** The training fund's money on a report page or the province dashboard: share owed and received, arrears, 专款 spending by category. */
export function FundMoneyPanel({ report, byPark }: { report: FundMoneyReport; byPark: boolean }) {
  const { year, totals } = report;
  const spent = report.categories.reduce((s, c) => s + c.amountFen, 0);
  return (
    <section className="panel stack" aria-labelledby="fund-money-heading">
      <h2 id="fund-money-heading">企业培训经费院校分成{year ? `（${year} 年度对账单）` : ""}</h2>
      {totals ? (
        <>
          <ul className="kpis kpis-money" aria-label="院校分成合计">
            <li className="kpi"><span className="kpi-value">{formatYuan(totals.owedFen)}</span><span className="kpi-label">应付</span></li>
            <li className="kpi"><span className="kpi-value">{formatYuan(totals.confirmedFen)}</span><span className="kpi-label">已确认到账</span></li>
            <li className="kpi"><span className="kpi-value">{formatYuan(totals.pendingFen)}</span><span className="kpi-label">待确认</span></li>
            <li className="kpi"><span className="kpi-value">{formatYuan(totals.arrearsFen)}</span><span className="kpi-label">逾期欠缴（{report.arrearsCount} 家企业）</span></li>
          </ul>
          <div className="grid-2">
            <BarChart
              title={byPark ? "各园区应付与已到账" : "各收款院校应付与已到账"}
              rows={report.shares.map((s) => ({ label: s.label, value: s.owedFen, part: s.confirmedFen }))}
              partLabel="已到账 "
            />
            <section>
              <h3>欠缴企业{report.arrearsCount > report.arrears.length ? `（前 ${report.arrears.length} 家，共 ${report.arrearsCount} 家）` : ""}</h3>
              {report.arrears.length === 0 ? (
                <p className="muted">没有逾期未付的企业</p>
              ) : (
                <ul className="rows">
                  {report.arrears.map((a) => (
                    <li key={a.enterprise.id}>
                      <span>{a.enterprise.name}</span>
                      <span className="muted">
                        {a.enterprise.park.name} · 欠 {formatYuan(a.outstandingFen)} · {a.dueOn} 到期
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <p>
                <Link to={`/fund/settlement?year=${year}`}>经费结算与欠缴 →</Link>
              </p>
            </section>
          </div>
        </>
      ) : (
        <p className="muted">尚未出具年度对账单。</p>
      )}
      <BarChart title={`院校专款专用支出按类别（累计 ${formatYuan(spent)}）`} rows={report.categories.map((c) => ({ label: c.label, value: c.amountFen }))} />
      <p>
        <Link to="/fund/ledgers">各院校专款专用台账 →</Link>
      </p>
    </section>
  );
}

/** Worker-training subsidies approved so far, by funding source and by cluster (paid part filled). */
export function WorkerTrainingPanel({ report }: { report: WorkerTrainingReport }) {
  return (
    <section className="panel stack" aria-labelledby="worker-training-heading">
      <h2 id="worker-training-heading">职业技能提升补贴（企业职工培训）</h2>
      {report.claims === 0 ? (
        <p className="muted">尚无已批准的职工培训补贴。</p>
      ) : (
        <>
          <p>
            已批准 {report.claims} 笔，共 {formatYuan(report.amountFen)}，其中已支付 {formatYuan(report.paidFen)}。
          </p>
          <div className="grid-2">
            <BarChart title="按资金来源" rows={report.bySource.map((r) => ({ label: r.label, value: r.amountFen, part: r.paidFen }))} partLabel="已支付 " />
            <BarChart title="按产业集群" rows={report.byCluster.map((r) => ({ label: r.label, value: r.amountFen, part: r.paidFen }))} partLabel="已支付 " />
          </div>
        </>
      )}
    </section>
  );
}
