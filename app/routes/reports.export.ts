import type { LoaderFunctionArgs } from "@remix-run/node";
import { DIMENSION_LABELS, formatRate, METRIC_COLUMNS, type MetricRow } from "~/domain/reports/placements";
import { dimensionOrError, latestSnapshot, periodOrError } from "~/services/reports/placements.server";
import { BY_PLACEMENT_RATE, sortRows } from "~/services/reports/views.server";
import { requirePrincipal } from "~/utils/principal.server";
import { reportScope } from "~/utils/scopes.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { fenToYuanText } from "~/domain/money";
import { EXPORT_FORMATS, exportTable, type ExportColumn } from "~/utils/table-export.server";

const METRIC_COLUMNS_NULLABLE_FEN = new Set<keyof MetricRow>(["avgWageFen", "budgetTotalFen", "fundShareFen", "workerClaimsApprovedFen", "workerClaimsPaidFen"]);

/**
 * GET /reports/export?period=2026-Q3&by=park&format=csv|xlsx — the published snapshot
 * of a period by a dimension, every metric, within the caller's scope. Money in yuan;
 * a figure that does not apply (no placements, no budget at that level) stays empty.
 */
const COLUMNS: ExportColumn<MetricRow>[] = [
  { header: "代码", value: (r) => r.key, width: 10 },
  ...METRIC_COLUMNS.map((c): ExportColumn<MetricRow> => {
    if (c.kind === "text") return { header: c.label, value: (r) => r.name, width: 32 };
    if (c.kind === "rate") return { header: c.label, value: (r) => formatRate(r[c.key] as number | null) };
    if (c.kind === "count") return { header: c.label, value: (r) => r[c.key] as number, width: 12 };
    const nullable = METRIC_COLUMNS_NULLABLE_FEN.has(c.key);
    return nullable
      ? { header: `${c.label}（元）`, value: (r) => (r[c.key] === null ? "" : fenToYuanText(r[c.key] as number)), width: 16 }
      : { header: `${c.label}（元）`, value: (r) => r[c.key] as number, money: true };
  }),
];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["province", "park", "college"]);
    const params = new URL(request.url).searchParams;
    const period = periodOrError(params.get("period"));
    const dimension = dimensionOrError(params.get("by"));
    const format = params.get("format") ?? "";
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new AppError({ code: "bad_format", field: "format", message: "导出格式应为 csv 或 xlsx" });
    }
    const scope = await reportScope(principal, dimension);
    const snapshot = await latestSnapshot({ period: period.key, dimension });
    if (!snapshot) throw new AppError({ status: 404, code: "not_generated", message: `${period.label}的报表尚未生成` });
    const rows = sortRows(snapshot.data.rows.filter((r) => !scope || scope.has(r.key)), BY_PLACEMENT_RATE);
    const name = `就业报表-${period.key}-按${DIMENSION_LABELS[dimension]}`;
    return exportTable({ format, fileName: name, sheetName: name, columns: COLUMNS, rows });
  });
}
