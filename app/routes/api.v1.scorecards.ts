import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { INDICATORS } from "~/domain/assessment/indicators";
import { hasScorecards, subjectOrError } from "~/services/assessment/scorecards.server";
import { notGenerated, readScorecards } from "~/services/assessment/views.server";
import { periodOrError } from "~/services/reports/placements.server";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, errorResponse } from "~/utils/errors.server";

/**
 * GET /api/v1/scorecards?period=2026-Q3&subject=park|college|city — the published
 * scorecards (考核评分) of a quarter or a year: score (0–100), rank (null when not
 * ranked: fewer than 30 graduates, or nothing to score), year-on-year change, and
 * each indicator's value, target, weight and points. Rates are basis points.
 * Province: all; park, college: its own card; a city bureau: its city, its parks.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    const principal = await requirePrincipal(request, ["province", "park", "college", "bureau"]);
    const params = new URL(request.url).searchParams;
    const period = periodOrError(params.get("period"));
    if (!hasScorecards(period)) {
      throw new AppError({ code: "bad_period", field: "period", message: "考核评分按季度（2026-Q3）或年度（2026）发布" });
    }
    const subject = subjectOrError(params.get("subject"));
    const view = await readScorecards({ principal, period: period.key, subject });
    if (!view) throw notGenerated(period.label);
    return json({
      period: { key: period.key, kind: period.kind, start: period.start, end: period.end },
      subject,
      snapshot: { id: view.id, publishedAt: view.publishedAt, trigger: view.trigger, indicatorSetVersion: view.setVersion, asOf: view.asOf },
      ranked: view.ranked,
      indicators: view.set.items.map((i) => ({ ...i, label: INDICATORS[i.indicator].label, unit: INDICATORS[i.indicator].unit, definition: INDICATORS[i.indicator].definition })),
      rows: view.rows.map((r) => ({
        key: r.key,
        name: r.name,
        graduates: r.graduates,
        score: r.score,
        rank: r.rank,
        unranked: r.unranked,
        previousScore: r.previousScore,
        change: r.change,
        indicators: r.indicators,
      })),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
