import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { z } from "zod";
import { SortHeader } from "~/components/list-controls";
import { PeriodFilter, RunPanel } from "~/components/report";
import { ScoreBars, SubjectTabs, formatChange, formatScore } from "~/components/scorecard";
import { INDICATORS, SUBJECT_LABELS, formatIndicatorValue } from "~/domain/assessment/indicators";
import { UNRANKED_LABELS } from "~/domain/assessment/score";
import { chinaDate, chinaMinute } from "~/domain/china-time";
import { parsePeriod, previousPeriod } from "~/domain/reports/placements";
import { hasScorecards, scorecardPeriods, subjectOrError } from "~/services/assessment/scorecards.server";
import { readScorecards, SCORECARD_SORTS, sortScorecardRows } from "~/services/assessment/views.server";
import { periodOrError, recentReportRuns, requestPlacementReport } from "~/services/reports/placements.server";
import { requireForm } from "~/utils/csrf.server";
import { parseListQuery } from "~/utils/list-query";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "考核评估 · 园校通" }];

const PublishSchema = z.object({
  period: z
    .string({ error: "请填写考核期" })
    .trim()
    .refine((v) => parsePeriod(v) !== null && hasScorecards(parsePeriod(v)!), { error: "考核期格式应为 2026-Q3（季度）或 2026（年度）" })
    .refine((v) => (parsePeriod(v)?.start ?? "9999") <= chinaDate(new Date()), { error: "考核期尚未开始" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["province"]);
    const url = new URL(request.url);
    const periods = await scorecardPeriods();
    const period = periodOrError(url.searchParams.get("period") || periods[0] || previousPeriod("quarter", chinaDate(new Date())).key);
    const subject = subjectOrError(url.searchParams.get("subject") || "park");
    const list = parseListQuery(url, { sorts: SCORECARD_SORTS, defaultSort: "rank", defaultDirection: "asc" });
    const [view, runs] = await Promise.all([readScorecards({ principal, period: period.key, subject }), recentReportRuns(8)]);
    return json({
      period,
      subject,
      periods,
      sort: { sort: list.sort, direction: list.direction },
      view: view
        ? { ...view, publishedAt: view.publishedAt?.toISOString() ?? null, rows: sortScorecardRows(view.rows, list.sort, list.direction) }
        : null,
      runs: runs.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null })),
    });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["province"]);
    const parsed = parseFields(PublishSchema, form);
    if (!parsed.ok) return json({ fieldErrors: parsed.fieldErrors, requested: null, deferred: false }, { status: 400 });
    const { run, deferred } = await requestPlacementReport({ period: parsePeriod(parsed.data.period)!, createdById: principal.accountId });
    return json({ fieldErrors: null, requested: run.period, deferred });
  });
}

export default function ProvinceScorecardsPage() {
  const { period, subject, periods, sort, view, runs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const id = useId();
  const query = `period=${encodeURIComponent(period.key)}&subject=${subject}`;
  const items = view?.set.items ?? [];

  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">全省 · 考核评估</p>
        <h1>园区、院校、设区市考核评分</h1>
        <p className="muted">
          考核评分按季度、年度发布，与就业报表同时生成（每季度首日自动生成上一季度），也可随时手动发布。评分一经发布即为快照；重新发布会生成新版本。得分＝Σ 权重 × min(实际 ÷ 目标, 1) × 100（越低越好的指标为目标 ÷ 实际）；可就业毕业生不足 30 人的单位列示但不排名。
        </p>
        <p className="screen-only">
          <Link to="/province/settings/indicators">调整考核指标与权重 →</Link>{" "}
          <Link to={`/province/scorecards/bulletin?period=${encodeURIComponent(period.key)}`}>{period.label}考核通报（打印）→</Link>
        </p>
      </header>

      <RunPanel
        title="发布考核评分"
        submitLabel="发布考核评分"
        periodLabel="考核期"
        periodHint="季度：2026-Q3；年度：2026"
        defaultPeriod={period.key}
        periodError={result?.fieldErrors?.period}
        runs={runs}
        notice={
          result?.requested ? (
            <p className="notice" role="status">
              {result.deferred ? `后台任务服务暂不可用：${result.requested} 已记录，将在后台稍后处理。` : `已开始生成 ${result.requested} 的就业报表与考核评分，进度见下方。`}
            </p>
          ) : null
        }
      />

      <PeriodFilter current={period.key} periods={periods} role="search">
        <input type="hidden" name="subject" value={subject} />
      </PeriodFilter>
      <SubjectTabs current={subject} base="/province/scorecards" period={period.key} />

      <section className="panel stack" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>
          {period.label} · {SUBJECT_LABELS[subject]}考核评分
        </h2>
        {view ? (
          <>
            <p className="muted">
              快照 #{view.id}，{view.trigger === "schedule" ? "定时" : "手动"}发布于 {view.publishedAt ? chinaMinute(view.publishedAt) : ""}；指标体系{view.setVersion ? `第 ${view.setVersion} 版` : "默认版本"}；参与排名 {view.ranked} 个，共 {view.total} 个。
            </p>
            <p className="export-links">
              <a className="button" href={`/scorecards/export?${query}&format=csv`}>导出 CSV</a>{" "}
              <a className="button" href={`/scorecards/export?${query}&format=xlsx`}>导出 Excel</a>
            </p>
            <ScoreBars title={`得分（前 15，按排名）`} rows={view.rows.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!).slice(0, 15)} />
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-list`}>
              <table className="wide-table">
                <caption>{period.label}{SUBJECT_LABELS[subject]}考核评分</caption>
                <thead>
                  <tr>
                    <SortHeader label="排名" sortKey="rank" current={sort} />
                    <SortHeader label="名称" sortKey="name" current={sort} />
                    <SortHeader label="得分" sortKey="score" current={sort} />
                    <SortHeader label="同比" sortKey="change" current={sort} />
                    <SortHeader label="可就业毕业生" sortKey="graduates" current={sort} />
                    {items.map((i) => (
                      <th key={i.indicator} scope="col" title={INDICATORS[i.indicator].definition}>
                        {INDICATORS[i.indicator].label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {view.rows.map((r) => (
                    <tr key={r.key}>
                      <td>{r.rank ?? <span className="muted" title={r.unranked ? UNRANKED_LABELS[r.unranked] : undefined}>不排名</span>}</td>
                      <th scope="row">{r.name}</th>
                      <td>{formatScore(r.score)}</td>
                      <td>{formatChange(r.change)}</td>
                      <td>{r.graduates}</td>
                      {r.indicators.map((i) => (
                        <td key={i.indicator}>
                          {formatIndicatorValue(INDICATORS[i.indicator].unit, i.value)}
                          {i.points !== null ? <span className="muted">（{i.points.toFixed(1)}）</span> : null}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <details>
              <summary>指标口径、目标与权重</summary>
              <ul>
                {items.map((i) => (
                  <li key={i.indicator}>
                    <strong>{INDICATORS[i.indicator].label}</strong>（权重 {i.weight}，目标 {i.direction === "lower" ? "≤" : "≥"} {formatIndicatorValue(INDICATORS[i.indicator].unit, i.target)}）：{INDICATORS[i.indicator].definition}
                  </li>
                ))}
              </ul>
            </details>
          </>
        ) : (
          <p className="muted">该考核期尚无已发布的考核评分，请在上方发布。</p>
        )}
      </section>
    </div>
  );
}
