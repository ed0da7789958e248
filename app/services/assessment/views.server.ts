/**
 * What scorecard pages, the export and the API show: the latest published snapshot of
 * a period and subject type, within the caller's scope. The province sees everything;
 * a park or a college its own card (with its rank among its peers); a city bureau its
 * city's card and the cards of the parks in its city. Other roles are refused.
 */
import { INDICATORS, type SubjectType } from "~/domain/assessment/indicators";
import { UNRANKED_LABELS, type ScorecardRow } from "~/domain/assessment/score";
import type { Principal } from "~/utils/principal.server";
import { AppError } from "~/utils/errors.server";
import { scorecardScope } from "~/utils/scopes.server";
import { latestScorecard, scorecardPeriods, scorecardTrend } from "./scorecards.server";
import { chinaDate } from "~/domain/china-time";
import { previousPeriod } from "~/domain/reports/placements";
import { periodOrError } from "~/services/reports/placements.server";
import { requirePrincipal } from "~/utils/principal.server";

export const SCORECARD_SORTS = ["rank", "score", "change", "name", "graduates"] as const;
export type ScorecardSort = (typeof SCORECARD_SORTS)[number];

export function sortScorecardRows(rows: ScorecardRow[], sort: ScorecardSort, direction: "asc" | "desc"): ScorecardRow[] {
  const sign = direction === "asc" ? 1 : -1;
  const nullsLast = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : sign * (a - b));
  return [...rows].sort((a, b) => {
    const by =
      sort === "name" ? sign * a.name.localeCompare(b.name, "zh") :
      sort === "graduates" ? sign * (a.graduates - b.graduates) :
      sort === "score" ? nullsLast(a.score, b.score) :
      sort === "change" ? nullsLast(a.change, b.change) :
      nullsLast(a.rank, b.rank);
    return by || a.key.localeCompare(b.key);
  });
}

export async function readScorecards({ principal, period, subject }: { principal: Principal; period: string; subject: SubjectType }) {
  const scope = await scorecardScope(principal, subject);
  const snapshot = await latestScorecard({ period, subject });
  if (!snapshot) return null;
  const all = snapshot.data.rows;
  return {
    id: snapshot.id,
    publishedAt: snapshot.publishedAt,
    trigger: snapshot.trigger,
    setVersion: snapshot.data.setVersion,
    set: snapshot.data.set,
    asOf: snapshot.data.asOf,
    ranked: all.filter((r) => r.rank !== null).length,
    total: all.length,
    rows: all.filter((r) => !scope || scope.has(r.key)),
  };
}

export function notGenerated(label: string) {
  return new AppError({ status: 404, code: "not_generated", field: "period", message: `${label}的考核评分尚未发布` });
}

/** The park or college page's data: the chosen (or latest) period's own card, its rank and trend. */
export async function loadOwnScorecard(request: Request, role: "park" | "college") {
  const principal = await requirePrincipal(request, [role]);
  const periods = await scorecardPeriods();
  const period = periodOrError(new URL(request.url).searchParams.get("period") || periods[0] || previousPeriod("quarter", chinaDate(new Date())).key);
  const { view, own, trend } = await readOwnCard({ principal, period: period.key, subject: role });
  return { period, periods, subject: role, own, ranked: view?.ranked ?? 0, published: view !== null, trend };
}

/** One subject's card with its trend over published quarters (the park and college pages). */
export async function readOwnCard({ principal, period, subject }: { principal: Principal; period: string; subject: SubjectType }) {
  const view = await readScorecards({ principal, period, subject });
  const own = view?.rows[0] ?? null;
  const trend = own ? await scorecardTrend({ subject, key: own.key, kind: "quarter" }) : [];
  return { view, own, trend };
}

/**
 * The city view: a city bureau's own city card and its parks' cards of a period, ranked
 * first (ranks are the province-wide ones). A county bureau, like any role without a
 * city, is refused by `scorecardScope`.
 */
export async function readCityScorecards({ principal, period }: { principal: Principal; period: string }) {
  const [city, parks] = await Promise.all([readScorecards({ principal, period, subject: "city" }), readScorecards({ principal, period, subject: "park" })]);
  return {
    city: { published: city !== null, own: city?.rows[0] ?? null, ranked: city?.ranked ?? 0 },
    parks: { published: parks !== null, rows: sortScorecardRows(parks?.rows ?? [], "rank", "asc"), ranked: parks?.ranked ?? 0 },
  };
}

/** The definitions shown beside the values. */
export const definitionOf = (id: keyof typeof INDICATORS) => INDICATORS[id].definition;
export { UNRANKED_LABELS };
