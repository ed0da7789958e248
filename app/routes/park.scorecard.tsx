import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PeriodFilter } from "~/components/report";
import { ScoreTrend, ScorecardCard } from "~/components/scorecard";
import { loadOwnScorecard } from "~/services/assessment/views.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "考核评分 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => json(await loadOwnScorecard(request, "park")));
}

export default function OwnScorecardPage() {
  const { period, periods, subject, own, ranked, published, trend } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">考核评估</p>
        <h1>{subject === "park" ? "园区" : "院校"}考核评分</h1>
        <p className="muted">省园区办按季度、年度发布考核评分。得分＝Σ 权重 × min(实际 ÷ 目标, 1) × 100；可就业毕业生不足 30 人时列示但不排名。</p>
      </header>
      <PeriodFilter current={period.key} periods={periods} role="search" />
      {own ? (
        <>
          <ScorecardCard row={own} subject={subject} ranked={ranked} periodLabel={period.label} />
          <section className="panel">
            <ScoreTrend trend={trend} title="各季度得分与排名" />
          </section>
          <p className="export-links">
            <a className="button" href={`/scorecards/export?period=${encodeURIComponent(period.key)}&subject=${subject}&format=xlsx`}>导出 Excel</a>
          </p>
        </>
      ) : (
        <p className="panel muted">{published ? "本单位不在该期考核范围内。" : `${period.label}的考核评分尚未发布。`}</p>
      )}
    </div>
  );
}
