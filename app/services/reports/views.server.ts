/**
 * What the report pages, the export and the API show of a snapshot: the caller's
 * scope, sorting and paging. Province sees every group; a park its own park and its
 * clusters; a college its own row.
 */
import { rankBy, type MetricRow, METRIC_COLUMNS, previousPeriod } from "~/domain/reports/placements";
import { parseListQuery, type ListSpec, type SortDirection } from "~/utils/list-query";
import type { Principal } from "~/utils/principal.server";
import { reportScope } from "~/utils/scopes.server";
import { dimensionOrError, latestSnapshot, periodOrError, publishedPeriods } from "./placements.server";
import { chinaDate } from "~/domain/china-time";

export const REPORT_PAGE_SIZE = 20;
const SORT_KEYS = METRIC_COLUMNS.map((c) => c.key);
/** A report table's sort, read from the address like every list (`?sort=placementRateBp&dir=desc`). */
export const REPORT_SORT: ListSpec<MetricKey> = { sorts: SORT_KEYS, defaultSort: "placementRateBp", defaultDirection: "desc" };
export const BY_PLACEMENT_RATE = { sort: "placementRateBp", direction: "desc" } as const;
type MetricKey = (typeof METRIC_COLUMNS)[number]["key"];

export function sortRows(rows: MetricRow[], { sort, direction }: { sort: string; direction: SortDirection }): MetricRow[] {
  const key = sort;
  if (!(SORT_KEYS as readonly string[]).includes(key)) return rows;
  const dir = direction === "desc" ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[key as keyof MetricRow];
    const y = b[key as keyof MetricRow];
    if (x === y) return a.key < b.key ? -1 : 1;
    if (x === null) return 1; // empty figures last either way
    if (y === null) return -1;
    if (typeof x === "string" && typeof y === "string") return dir * x.localeCompare(y, "zh-CN");
    return dir * ((x as number) - (y as number));
  });
}

/** The period a page opens on: the newest with a published report, else the quarter just ended. */
export async function defaultPeriod(now = new Date()): Promise<string> {
  const periods = await publishedPeriods();
  if (periods[0]) return periods[0].period;
  return previousPeriod("quarter", chinaDate(now)).key;
}

export async function readReportView({ principal, url }: { principal: Principal; url: URL }) {
  const params = url.searchParams;
  const period = periodOrError(params.get("period") || (await defaultPeriod()));
  const dimension = dimensionOrError(params.get("by"));
  const { sort, direction, page } = parseListQuery(params, REPORT_SORT);
  const scope = await reportScope(principal, dimension);
  const snapshot = await latestSnapshot({ period: period.key, dimension });
  const all = snapshot ? snapshot.data.rows.filter((r) => !scope || scope.has(r.key)) : [];
  const sorted = sortRows(all, { sort, direction });
  return {
    period,
    dimension,
    sort,
    direction,
    page,
    pageSize: REPORT_PAGE_SIZE,
    total: sorted.length,
    rows: sorted.slice((page - 1) * REPORT_PAGE_SIZE, page * REPORT_PAGE_SIZE),
    chartRows: sortRows(all, BY_PLACEMENT_RATE),
    trend: snapshot?.data.trend ?? [],
    snapshot: snapshot ? { id: snapshot.id, publishedAt: snapshot.publishedAt?.toISOString() ?? null, trigger: snapshot.trigger, outdated: snapshot.outdated } : null,
  };
}

/** The bulletin (通报) of a period: parks and colleges ranked by placement rate and by 对口率. */
export async function readBulletin(periodKey: string) {
  const [parks, colleges] = await Promise.all([
    latestSnapshot({ period: periodKey, dimension: "park" }),
    latestSnapshot({ period: periodKey, dimension: "college" }),
  ]);
  const ranks = (rows: MetricRow[]) => {
    const byRelevance = new Map(rankBy(rows, "relevanceRateBp").map((r) => [r.key, r.rank]));
    return rankBy(rows, "placementRateBp").map((r) => ({ ...r, relevanceRank: byRelevance.get(r.key) ?? null }));
  };
  return {
    parks: parks ? ranks(parks.data.rows) : null,
    colleges: colleges ? ranks(colleges.data.rows) : null,
    publishedAt: parks?.publishedAt?.toISOString() ?? colleges?.publishedAt?.toISOString() ?? null,
    outdated: (parks?.outdated ?? false) || (colleges?.outdated ?? false),
  };
}

/** One park's report: its row, its clusters, its place in the bulletin, and its history over published months up to the period. */
export async function readParkReport({
  principal,
  periodKey,
  sort = BY_PLACEMENT_RATE,
}: {
  principal: Principal;
  periodKey: string;
  sort?: { sort: string; direction: SortDirection };
}) {
  const parkScope = await reportScope(principal, "park");
  const clusterScope = await reportScope(principal, "cluster");
  const [parks, clusters] = await Promise.all([
    latestSnapshot({ period: periodKey, dimension: "park" }),
    latestSnapshot({ period: periodKey, dimension: "cluster" }),
  ]);
  const own = parks?.data.rows.find((r) => parkScope?.has(r.key)) ?? null;
  const ranked = parks ? rankBy(parks.data.rows, "placementRateBp") : [];
  const rank = own ? (ranked.find((r) => r.key === own.key)?.rank ?? null) : null;
  const periods = await publishedPeriods();
  // The months up to the chosen period's end: a quarter's report never charts a later month.
  const lastMonth = periodOrError(periodKey).end.slice(0, 7);
  const history: { period: string; placementRateBp: number | null; relevanceRateBp: number | null; placed: number; placements: number }[] = [];
  for (const p of periods.filter((x) => /^\d{4}-\d{2}$/.test(x.period) && x.period <= lastMonth).slice(0, 12)) {
    const snapshot = await latestSnapshot({ period: p.period, dimension: "park" });
    const row = snapshot?.data.rows.find((r) => parkScope?.has(r.key));
    if (row) history.push({ period: p.period, placementRateBp: row.placementRateBp, relevanceRateBp: row.relevanceRateBp, placed: row.placed, placements: row.placements });
  }
  return {
    own,
    rank,
    ranked: ranked.length,
    clusters: clusters ? sortRows(clusters.data.rows.filter((r) => clusterScope?.has(r.key)), sort) : [],
    sort: sort.sort,
    direction: sort.direction,
    history: history.reverse(),
    publishedAt: parks?.publishedAt?.toISOString() ?? null,
    outdated: (parks?.outdated ?? false) || (clusters?.outdated ?? false),
  };
}
