import { LedgerTable, type LedgerEntryRow } from "~/components/fund-settlement";
import { BarChart } from "~/components/subsidy";
import { formatYuan } from "~/domain/money";

/** A college's 专款专用 ledger as the college, its park and the province see it. */
export function LedgerSummary({
  ledger,
}: {
  ledger: {
    balanceFen: number;
    receivedFen: number;
    spentFen: number;
    categories: { category: string; label: string; amountFen: number; entries: number }[];
    entries: LedgerEntryRow[];
  };
}) {
  return (
    <>
      <ul className="kpis kpis-money" aria-label="专款合计">
        <li className="kpi"><span className="kpi-value">{formatYuan(ledger.balanceFen)}</span><span className="kpi-label">专款余额</span></li>
        <li className="kpi"><span className="kpi-value">{formatYuan(ledger.receivedFen)}</span><span className="kpi-label">累计收入</span></li>
        <li className="kpi"><span className="kpi-value">{formatYuan(ledger.spentFen)}</span><span className="kpi-label">累计支出</span></li>
      </ul>
      <BarChart title="按类别的支出" rows={ledger.categories.map((c) => ({ label: c.label, value: c.amountFen }))} />
      <section className="stack">
        <h2>收支明细</h2>
        <LedgerTable rows={ledger.entries} />
      </section>
    </>
  );
}
