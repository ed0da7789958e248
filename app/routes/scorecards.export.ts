import type { LoaderFunctionArgs } from "@remix-run/node";
import { INDICATORS, SUBJECT_LABELS, formatIndicatorValue, type IndicatorId } from "~/domain/assessment/indicators";
import { UNRANKED_LABELS, type ScorecardRow } from "~/domain/assessment/score";
import { hasScorecards, subjectOrError } from "~/services/assessment/scorecards.server";
import { notGenerated, readScorecards, sortScorecardRows } from "~/services/assessment/views.server";
import { periodOrError } from "~/services/reports/placements.server";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { EXPORT_FORMATS, exportTable, type ExportColumn } from "~/utils/table-export.server";

/**
 * GET /scorecards/export?period=2026-Q3&subject=park&format=csv|xlsx — the published
 * scorecards of a period within the caller's scope, ranked first: score, rank, change,
 * and each indicator's value and points.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["province", "park", "college", "bureau"]);
    const params = new URL(request.url).searchParams;
    const period = periodOrError(params.get("period"));
    if (!hasScorecards(period)) throw new AppError({ code: "bad_period", field: "period", message: "考核评分按季度（2026-Q3）或年度（2026）发布" });
    const subject = subjectOrError(params.get("subject"));
    const format = params.get("format") ?? "";
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new AppError({ code: "bad_format", field: "format", message: "导出格式应为 csv 或 xlsx" });
    const view = await readScorecards({ principal, period: period.key, subject });
    if (!view) throw notGenerated(period.label);
    const ids: IndicatorId[] = view.set.items.map((i) => i.indicator);
    const columns: ExportColumn<ScorecardRow>[] = [
      { header: "排名", value: (r) => r.rank ?? "不排名", width: 8 },
      { header: "代码", value: (r) => r.key, width: 10 },
      { header: "名称", value: (r) => r.name, width: 32 },
      { header: "得分", value: (r) => r.score ?? "", width: 10 },
      { header: "同比变化", value: (r) => r.change ?? "", width: 10 },
      { header: "可就业毕业生", value: (r) => r.graduates, width: 12 },
      ...ids.flatMap((id, n): ExportColumn<ScorecardRow>[] => [
        { header: INDICATORS[id].label, value: (r) => formatIndicatorValue(INDICATORS[id].unit, r.indicators[n]?.value ?? null), width: 14 },
        { header: `${INDICATORS[id].label}得分`, value: (r) => r.indicators[n]?.points ?? "", width: 10 },
      ]),
      { header: "说明", value: (r) => (r.unranked ? UNRANKED_LABELS[r.unranked] : ""), width: 30 },
    ];
    const name = `考核评分-${period.key}-${SUBJECT_LABELS[subject]}`;
    return exportTable({ format, fileName: name, sheetName: name, columns, rows: sortScorecardRows(view.rows, "rank", "asc") });
  });
}
