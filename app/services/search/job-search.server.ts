import { ensureIndexBuilt } from "../../../search/sync.server";
import { searchEngine } from "../../../search/engine.server";
import { INDEXES } from "../../../search/settings";
import { cropHighlighted } from "../../../search/text";
import type { Filter, Highlighted, SearchDocument, SearchRequest } from "../../../search/types";
import { parseJobSearch, type JobSearchQuery } from "~/domain/search/job-query";
import { relatedSearches, type SearchSuggestion } from "~/services/search/suggestions.server";
import { SKILL_LEVEL_LABELS } from "~/domain/constants";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";

const DAY_MS = 86_400_000;
const DESCRIPTION_SNIPPET = 120;

/** The page's and the API's facets, each on one attribute of the jobs index. */
export const JOB_FACETS = {
  city: "cityCode",
  park: "parkId",
  cluster: "clusterId",
  category: "majorCategories",
  class: "majorClasses",
  level: "level",
} as const;
export type JobFacet = keyof typeof JOB_FACETS;
const FACET_KEYS = Object.keys(JOB_FACETS) as JobFacet[];

export type FacetOption = { value: string; label: string; count: number; selected: boolean };

export type JobHit = {
  id: number;
  title: string;
  enterpriseName: string;
  parkName: string;
  cityName: string;
  clusterName: string;
  level: number;
  levelLabel: string;
  wageMinFen: number;
  wageMaxFen: number;
  openings: number;
  postedAt: string;
  highlights: { title: Highlighted; enterpriseName: Highlighted; description: Highlighted };
};

export type JobSearchResponse = {
  /** When nothing is found: other queries that find something under the same filters (issue 17). */
  suggestions: SearchSuggestion[];
  totalHits: number;
  page: number;
  perPage: number;
  totalPages: number;
  hits: JobHit[];
  facets: Record<JobFacet, FacetOption[]>;
};

/** Names of everything a filter can name, to check values against and to label facets. */
async function readLabels() {
  const [cities, parks, clusters, categories, classes] = await Promise.all([
    prisma.city.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } }),
    prisma.park.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } }),
    prisma.cluster.findMany({ select: { id: true, name: true, park: { select: { name: true } } }, orderBy: { id: "asc" } }),
    prisma.majorCategory.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } }),
    prisma.majorClass.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } }),
  ]);
  const levels = new Map<string, string>([["0", "不限"], ...Object.entries(SKILL_LEVEL_LABELS)]);
  return {
    city: new Map(cities.map((c) => [c.code, c.name])),
    park: new Map(parks.map((p) => [String(p.id), p.name])),
    cluster: new Map(clusters.map((c) => [String(c.id), `${c.name}（${c.park.name}）`])),
    category: new Map(categories.map((c) => [c.code.slice(0, 2), c.name])),
    class: new Map(classes.map((c) => [c.code, c.name])),
    level: levels,
  } satisfies Record<JobFacet, Map<string, string>>;
}
type Labels = Awaited<ReturnType<typeof readLabels>>;

/**
 * The facet labels change only when a registry does; every search would otherwise read
 * five tables. Kept for a minute per process, so a renamed park shows within a minute.
 */
const LABELS_TTL_MS = 60_000;
let labelsCache: { at: number; labels: Promise<Labels> } | null = null;
function loadLabels(): Promise<Labels> {
  const now = Date.now();
  if (!labelsCache || now - labelsCache.at > LABELS_TTL_MS) {
    const labels = readLabels();
    labels.catch(() => (labelsCache = null));
    labelsCache = { at: now, labels };
  }
  return labelsCache.labels;
}

const UNKNOWN_VALUE: Record<JobFacet, string> = {
  city: "城市",
  park: "园区",
  cluster: "产业集群",
  category: "专业大类",
  class: "专业类",
  level: "技能等级",
};

/**
 * Reads a job search from URL parameters and checks every filter value names
 * something that exists; any problem is a 400 AppError naming the parameter.
 */
export async function readJobSearch(params: URLSearchParams, options: { strict: boolean }): Promise<JobSearchQuery> {
  const parsed = parseJobSearch(params, options);
  if (!parsed.ok) {
    throw new AppError({ message: parsed.problem.message, status: 400, code: "invalid_query", field: parsed.problem.field });
  }
  const labels = await loadLabels();
  for (const key of FACET_KEYS) {
    for (const value of parsed.query[key]) {
      if (!labels[key].has(String(value))) {
        throw new AppError({
          message: `没有找到${UNKNOWN_VALUE[key]}「${value}」，请从列表中选择`,
          status: 400,
          code: "unknown_filter_value",
          field: key,
        });
      }
    }
  }
  return parsed.query;
}

function facetFilter(query: JobSearchQuery, key: JobFacet): Filter | null {
  const values = query[key];
  return values.length ? { field: JOB_FACETS[key], anyOf: values } : null;
}

/** The engine filters of a search; `omit` leaves one facet's own filter out (to count its alternatives). */
function jobFilters(query: JobSearchQuery, now: Date, omit?: JobFacet): Filter[] {
  const filters: Filter[] = [];
  for (const key of FACET_KEYS) {
    const filter = key === omit ? null : facetFilter(query, key);
    if (filter) filters.push(filter);
  }
  if (query.wageMin !== undefined) filters.push({ field: "wageMaxFen", min: query.wageMin * 100 });
  if (query.wageMax !== undefined) filters.push({ field: "wageMinFen", max: query.wageMax * 100 });
  if (query.since !== undefined) filters.push({ field: "postedAt", min: now.getTime() - query.since * DAY_MS });
  return filters;
}

function jobSort(query: JobSearchQuery): SearchRequest["sort"] {
  if (query.sort === "wage") return { field: "wageMaxFen", direction: "desc" };
  if (query.sort === "newest" || !query.q) return { field: "postedAt", direction: "desc" };
  return undefined;
}

function facetOptions(key: JobFacet, counts: Record<string, number>, query: JobSearchQuery, labels: Labels): FacetOption[] {
  const selected = new Set(query[key].map(String));
  const values = new Set([...Object.keys(counts), ...selected]);
  const byCode = key === "city" || key === "category" || key === "level";
  return [...values]
    .filter((value) => labels[key].has(value))
    .map((value) => ({ value, label: labels[key].get(value)!, count: counts[value] ?? 0, selected: selected.has(value) }))
    .sort((a, b) => (byCode ? a.value.localeCompare(b.value) : b.count - a.count || a.label.localeCompare(b.label, "zh")));
}

function toHit(document: SearchDocument, highlights: Record<string, Highlighted>): JobHit {
  const text = (field: string) => String(document[field] ?? "");
  const pieces = (field: string) => highlights[field] ?? [{ text: text(field), match: false }];
  const level = Number(document.level ?? 0);
  return {
    id: document.id,
    title: text("title"),
    enterpriseName: text("enterpriseName"),
    parkName: text("parkName"),
    cityName: text("cityName"),
    clusterName: text("clusterName"),
    level,
    levelLabel: level ? (SKILL_LEVEL_LABELS[level] ?? "") : "不限",
    wageMinFen: Number(document.wageMinFen),
    wageMaxFen: Number(document.wageMaxFen),
    openings: Number(document.openings ?? 0),
    postedAt: new Date(Number(document.postedAt)).toISOString(),
    highlights: {
      title: pieces("title"),
      enterpriseName: pieces("enterpriseName"),
      description: cropHighlighted(pieces("description"), DESCRIPTION_SNIPPET),
    },
  };
}

/**
 * Runs a job search with facet counts. A facet that is filtered on counts its
 * values as if its own filter were off, so the other choices stay visible.
 */
export async function searchJobs({
  query,
  now = new Date(),
  postedBetween,
}: {
  query: JobSearchQuery;
  now?: Date;
  /** Only jobs posted in this window (epoch ms, both ends included): saved-search alerts. */
  postedBetween?: { from: number; to: number };
}): Promise<JobSearchResponse> {
  const engine = searchEngine();
  await ensureIndexBuilt(engine, "jobs");
  const extra: Filter[] = postedBetween ? [{ field: "postedAt", min: postedBetween.from, max: postedBetween.to }] : [];
  const base = { q: query.q, highlight: ["title", "enterpriseName", "description"] } as const;
  const filteredFacets = FACET_KEYS.filter((key) => query[key].length > 0);
  const [labels, main, ...alternatives] = await Promise.all([
    loadLabels(),
    engine.search(INDEXES.jobs, {
      ...base,
      filters: [...jobFilters(query, now), ...extra],
      facets: FACET_KEYS.filter((key) => !filteredFacets.includes(key)).map((key) => JOB_FACETS[key]),
      sort: jobSort(query),
      page: query.page,
      hitsPerPage: query.perPage,
    }),
    ...filteredFacets.map((key) =>
      engine.search(INDEXES.jobs, {
        q: query.q,
        filters: [...jobFilters(query, now, key), ...extra],
        facets: [JOB_FACETS[key]],
        hitsPerPage: 1,
      }),
    ),
  ]);
  const counts: Record<string, Record<string, number>> = { ...main.facets };
  filteredFacets.forEach((key, i) => (counts[JOB_FACETS[key]] = alternatives[i]!.facets[JOB_FACETS[key]] ?? {}));
  const facets = Object.fromEntries(
    FACET_KEYS.map((key) => [key, facetOptions(key, counts[JOB_FACETS[key]] ?? {}, query, labels)]),
  ) as Record<JobFacet, FacetOption[]>;
  const suggestions =
    main.totalHits === 0 && query.q && !postedBetween
      ? await relatedSearches({ engine, index: INDEXES.jobs, q: query.q, filters: jobFilters(query, now) })
      : [];
  return {
    suggestions,
    totalHits: main.totalHits,
    page: main.page,
    perPage: main.hitsPerPage,
    totalPages: main.totalPages,
    hits: main.hits.map((hit) => toHit(hit.document, hit.highlights)),
    facets,
  };
}

/** The caller's active applications to the given jobs, by job id. */
export async function myActiveApplications({ principal, jobIds }: { principal: Principal; jobIds: readonly number[] }) {
  if (!principal.graduateId || jobIds.length === 0) return {};
  const rows = await prisma.application.findMany({
    where: { graduateId: principal.graduateId, jobId: { in: [...jobIds] }, activeKey: { not: null } },
    select: { id: true, status: true, jobId: true },
  });
  return Object.fromEntries(rows.map((r) => [r.jobId!, { id: r.id, status: r.status }])) as Record<number, { id: number; status: string }>;
}
