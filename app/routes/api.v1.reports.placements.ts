import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { latestSnapshot, dimensionOrError, periodOrError } from "~/services/reports/placements.server";
import { requirePrincipal } from "~/utils/principal.server";
import { reportScope } from "~/utils/scopes.server";
import { AppError, errorResponse } from "~/utils/errors.server";

/**
 * GET /api/v1/reports/placements?period=2026-Q3&by=park — the published placement
 * report of a period (month 2026-09, quarter 2026-Q3, year 2026) by a dimension
 * (province, city, park, cluster, college, base, major_category; default province).
 * Rates are basis points (万分比), money is fen. 404 `not_generated` when the period
 * has no published report yet.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    const principal = await requirePrincipal(request, ["province", "park", "college"]);
    const params = new URL(request.url).searchParams;
    const period = periodOrError(params.get("period"));
    const dimension = dimensionOrError(params.get("by"));
    const scope = await reportScope(principal, dimension);
    const snapshot = await latestSnapshot({ period: period.key, dimension });
    if (!snapshot) {
      throw new AppError({ status: 404, code: "not_generated", field: "period", message: `${period.label}的报表尚未生成` });
    }
    return json({
      period: { key: period.key, kind: period.kind, start: period.start, end: period.end },
      dimension,
      snapshot: { id: snapshot.id, publishedAt: snapshot.publishedAt, trigger: snapshot.trigger, metricsVersion: snapshot.metricsVersion, outdated: snapshot.outdated },
      rows: snapshot.data.rows.filter((r) => !scope || scope.has(r.key)),
      trend: dimension === "province" ? snapshot.data.trend : undefined,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
