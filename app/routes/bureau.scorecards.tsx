import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PeriodFilter } from "~/components/report";
import { ScoreBars, ScorecardCard, formatChange, formatScore } from "~/components/scorecard";
import { UNRANKED_LABELS } from "~/domain/assessment/score";
import { chinaDate } from "~/domain/china-time";
import { previousPeriod } from "~/domain/reports/placements";
import { scorecardPeriods } from "~/services/assessment/scorecards.server";
import { readCityScorecards } from "~/services/assessment/views.server";
import { periodOrError } from "~/services/reports/placements.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "考核评分 · 园校通" }];

/** The city view (product.md §11): a city bureau's own city card and the cards of the parks in its city. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["bureau"]);
    const periods = await scorecardPeriods();
    const period = periodOrError(new URL(request.url).searchParams.get("period") || periods[0] || previousPeriod("quarter", chinaDate(new Date())).key);
    return json({ period, periods, ...(await readCityScorecards({ principal, period: period.key })) });
  });
}

export default function CityScorecardsPage() {
  const { period, periods, city, parks } = useLoaderData<typeof loader>();
  const exportLink = (subject: "city" | "park", format: "csv" | "xlsx") => `/scorecards/export?period=${encodeURIComponent(period.key)}&subject=${subject}&format=${format}`;
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">考核评估</p>
        <h1>本市考核评分</h1>
        <p className="muted">省园区办按季度、年度发布考核评分：本市的评分和本市各园区的评分（排名为全省园区中的名次）。得分＝Σ 权重 × min(实际 ÷ 目标, 1) × 100；可就业毕业生不足 30 人时列示但不排名。</p>
      </header>
      <PeriodFilter current={period.key} periods={periods} role="search" />
      {city.published || parks.published ? (
        <>
          {city.own ? <ScorecardCard row={city.own} subject="city" ranked={city.ranked} periodLabel={period.label} /> : <p className="panel muted">本市不在该期设区市考核范围内。</p>}
          <section className="panel stack" aria-label="本市园区考核评分">
            <h2>本市园区</h2>
            {parks.rows.length === 0 ? (
              <p className="muted">本市没有园区在该期考核范围内。</p>
            ) : (
              <>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">全省排名</th>
                        <th scope="col">园区</th>
                        <th scope="col">得分</th>
                        <th scope="col">同比</th>
                        <th scope="col">可就业毕业生</th>
                        <th scope="col">说明</th>
                      </tr>
                    </thead>
                    <tbody>
                      {parks.rows.map((r) => (
                        <tr key={r.key}>
                          <td>{r.rank !== null ? `第 ${r.rank} 名 / 共 ${parks.ranked} 个` : "不排名"}</td>
                          <th scope="row">{r.name}</th>
                          <td>{formatScore(r.score)}</td>
                          <td>{formatChange(r.change)}</td>
                          <td>{r.graduates} 人</td>
                          <td className="muted">{r.unranked ? UNRANKED_LABELS[r.unranked] : ""}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <ScoreBars rows={parks.rows} title="本市各园区得分（0–100）" />
              </>
            )}
          </section>
          {parks.rows.map((r) => (
            <ScorecardCard key={r.key} row={r} subject="park" ranked={parks.ranked} periodLabel={period.label} />
          ))}
          <p className="export-links">
            <a className="button" href={exportLink("park", "xlsx")}>导出园区评分 Excel</a>
            <a className="button" href={exportLink("park", "csv")}>导出园区评分 CSV</a>
            <a className="button" href={exportLink("city", "xlsx")}>导出本市评分 Excel</a>
          </p>
        </>
      ) : (
        <p className="panel muted">{period.label}的考核评分尚未发布。</p>
      )}
    </div>
  );
}
