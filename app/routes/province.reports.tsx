import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { chinaMinute, chinaDate } from "~/domain/china-time";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { z } from "zod";
import { FundMoneyPanel, WorkerTrainingPanel } from "~/components/fund-report";
import { fundMoneyReport, workerTrainingReport } from "~/services/fund/report.server";
import { MetricTable, OutdatedSnapshotNote, PeriodFilter, RateBars, RunPanel, TrendChart } from "~/components/report";
import { DIMENSION_LABELS, DIMENSIONS, parsePeriod } from "~/domain/reports/placements";
import { publishedPeriods, recentReportRuns, requestPlacementReport } from "~/services/reports/placements.server";
import { readReportView } from "~/services/reports/views.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "就业报表 · 园校通" }];

const GenerateSchema = z.object({
  period: z
    .string({ error: "请填写统计期" })
    .trim()
    .refine((v) => parsePeriod(v) !== null, { error: "统计期格式应为 2026-09（月）、2026-Q3（季度）或 2026（年）" })
    .refine((v) => (parsePeriod(v)?.start ?? "9999") <= chinaDate(new Date()), { error: "统计期尚未开始" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["province"]);
    const [view, runs, periods, fund, workerTraining] = await Promise.all([
      readReportView({ principal, url: new URL(request.url) }),
      recentReportRuns(8),
      publishedPeriods(),
      fundMoneyReport({ principal }),
      workerTrainingReport({ principal }),
    ]);
    return json({
      view,
      fund,
      workerTraining,
      periods: periods.map((p) => p.period),
      runs: runs.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null })),
    });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["province"]);
    const parsed = parseFields(GenerateSchema, form);
    if (!parsed.ok) return json({ fieldErrors: parsed.fieldErrors }, { status: 400 });
    const { run, deferred } = await requestPlacementReport({ period: parsePeriod(parsed.data.period)!, createdById: principal.accountId });
    return redirectWithFlash(
      request,
      deferred ? `后台任务服务暂不可用：${run.period} 报表已记录，将在后台稍后处理，恢复后自动生成。` : `已开始生成 ${run.period} 报表，进度见下方。`,
    );
  });
}

export default function ProvinceReportsPage() {
  const { view, runs, periods, fund, workerTraining } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const id = useId();

  const exportHref = (format: string) => `/reports/export?period=${encodeURIComponent(view.period.key)}&by=${view.dimension}&format=${format}`;

  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">全省 · 定期调度</p>
        <h1>园校对接就业报表</h1>
        <p className="muted">
          报表每月 1 日、每季度首日自动生成上一月、上一季度的数据，也可随时手动生成。报表一经发布即为快照，之后新增的数据不会改变已发布的报表；重新生成会发布新版本。
        </p>
        <p className="screen-only">
          <Link to={`/province/reports/bulletin?period=${encodeURIComponent(view.period.key)}`}>查看 {view.period.label} 通报（园区、院校排名）→</Link>
        </p>
      </header>

      <RunPanel
        title="生成报表"
        submitLabel="生成报表"
        periodLabel="统计期"
        periodHint="月：2026-09；季度：2026-Q3；年：2026"
        defaultPeriod={view.period.key}
        periodError={result?.fieldErrors?.period}
        runs={runs}
      />

      <PeriodFilter current={view.period.key} periods={periods} role="search">
        <div className="field">
          <label htmlFor={`${id}-by`}>统计维度</label>
          <select id={`${id}-by`} name="by" defaultValue={view.dimension}>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {DIMENSION_LABELS[d]}
              </option>
            ))}
          </select>
        </div>
      </PeriodFilter>

      <section className="panel" aria-labelledby={`${id}-report`}>
        <h2 id={`${id}-report`}>
          {view.period.label} · 按{DIMENSION_LABELS[view.dimension]}
        </h2>
        {view.snapshot ? (
          <>
            <p className="muted">
              快照 #{view.snapshot.id}，{view.snapshot.trigger === "schedule" ? "定时" : "手动"}生成，发布于{" "}
              {view.snapshot.publishedAt ? chinaMinute(view.snapshot.publishedAt) : ""}。
            </p>
            <OutdatedSnapshotNote outdated={view.snapshot.outdated} />
            <p className="export-links">
              <a className="button" href={exportHref("csv")}>
                导出 CSV
              </a>{" "}
              <a className="button" href={exportHref("xlsx")}>
                导出 Excel
              </a>
            </p>
            <div className="grid-2">
              <TrendChart trend={view.trend} title={`${view.period.label}全省每月就业`} />
              <RateBars rows={view.chartRows} rate="placementRateBp" title={`就业率（前 15，按${DIMENSION_LABELS[view.dimension]}）`} />
            </div>
            <MetricTable
              rows={view.rows}
              sort={view}
              total={view.total}
              page={view.page}
              pageSize={view.pageSize}
              caption={`${view.period.label}按${DIMENSION_LABELS[view.dimension]}的就业报表`}
            />
            <p className="muted">
              口径：可就业毕业生＝统计期末前已毕业且期初前未就业；园区、产业集群的可就业毕业生为其对接院校的毕业生，已就业仅计在本园区（集群）就业者；新增就业＝统计期内开始就业的毕业生人数（同一人只计一次）；6（12）个月留存率＝新增就业者中到快照生成日已满 6（12）个月者里，届时仍在该岗位者所占比例；订单完成率＝订单到岗人数 ÷ 订单需求人数；年度预算已用＝本年初至期末批准的补贴金额。
            </p>
          </>
        ) : (
          <p className="muted">该统计期尚无已发布的报表。请在上方生成。</p>
        )}
      </section>
      <FundMoneyPanel report={fund} byPark />
      <WorkerTrainingPanel report={workerTraining} />
    </div>
  );
}
