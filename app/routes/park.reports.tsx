import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { chinaMinute } from "~/domain/china-time";
import { useLoaderData } from "@remix-run/react";
import { formatMetric, MetricTable, OutdatedSnapshotNote, PeriodFilter, RateBars, TrendChart } from "~/components/report";
import { formatRate, METRIC_COLUMNS } from "~/domain/reports/placements";
import { FundMoneyPanel, WorkerTrainingPanel } from "~/components/fund-report";
import { fundMoneyReport, workerTrainingReport } from "~/services/fund/report.server";
import { periodOrError, publishedPeriods } from "~/services/reports/placements.server";
import { defaultPeriod, readParkReport, REPORT_SORT } from "~/services/reports/views.server";
import { parseListQuery } from "~/utils/list-query";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "园区报表 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["park"]);
    const params = new URL(request.url).searchParams;
    const period = periodOrError(params.get("period") || (await defaultPeriod()));
    const [report, periods, fund, workerTraining] = await Promise.all([
      readParkReport({ principal, periodKey: period.key, sort: parseListQuery(params, REPORT_SORT) }),
      publishedPeriods(),
      fundMoneyReport({ principal }),
      workerTrainingReport({ principal }),
    ]);
    return json({ period, report, periods: periods.map((p) => p.period), fund, workerTraining });
  });
}

export default function ParkReportsPage() {
  const { period, report, periods, fund, workerTraining } = useLoaderData<typeof loader>();
  const exportHref = (by: string, format: string) => `/reports/export?period=${encodeURIComponent(period.key)}&by=${by}&format=${format}`;
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">园区报表</p>
        <h1>{report.own ? report.own.name : "本园区"} · {period.label}就业报表</h1>
        <p className="muted">数据来自全省定期发布的报表快照{report.publishedAt ? `（发布于 ${chinaMinute(report.publishedAt)}）` : ""}。可就业毕业生为本园区对接院校的毕业生，已就业计在本园区就业者。</p>
        <OutdatedSnapshotNote outdated={report.outdated} />
      </header>
      <PeriodFilter current={period.key} periods={periods} />
      {report.own ? (
        <>
          <ul className="kpis" aria-label="本园区指标">
            <li className="kpi">
              <span className="kpi-value">{report.rank ? `${report.rank} / ${report.ranked}` : "—"}</span>
              <span className="kpi-label">全省就业率名次</span>
            </li>
            {METRIC_COLUMNS.filter((c) => c.kind !== "text" && c.key !== "budgetTotalFen").map((c) => (
              <li key={c.key} className="kpi">
                <span className="kpi-value">{formatMetric(c.kind, report.own![c.key])}</span>
                <span className="kpi-label">{c.label}</span>
              </li>
            ))}
          </ul>
          <p className="export-links">
            <a className="button" href={exportHref("park", "csv")}>导出园区 CSV</a>{" "}
            <a className="button" href={exportHref("park", "xlsx")}>导出园区 Excel</a>{" "}
            <a className="button" href={exportHref("cluster", "xlsx")}>导出集群 Excel</a>
          </p>
          <div className="grid-2">
            <TrendChart
              trend={report.history.map((h) => ({ month: h.period, placed: h.placed, placements: h.placements, placementRateBp: h.placementRateBp, relevanceRateBp: h.relevanceRateBp }))}
              title="各月报表：新增就业与就业率"
            />
            <RateBars rows={report.clusters} rate="relevanceRateBp" title="各产业集群对口率" />
          </div>
          <section className="panel">
            <h2>产业集群（{report.clusters.length}）</h2>
            <MetricTable rows={report.clusters} sort={report} total={report.clusters.length} page={1} pageSize={100} caption="各产业集群指标" />
          </section>
          {report.history.length > 0 ? (
            <p className="muted">
              近月就业率：{report.history.map((h) => `${h.period} ${formatRate(h.placementRateBp)}`).join("；")}
            </p>
          ) : null}
        </>
      ) : (
        <p className="panel muted">该统计期尚无已发布的报表。全省报表每月 1 日自动生成。</p>
      )}
      <FundMoneyPanel report={fund} byPark={false} />
      <WorkerTrainingPanel report={workerTraining} />
    </div>
  );
}
