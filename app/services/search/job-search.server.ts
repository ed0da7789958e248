import { INDEXES } from "../../../search/settings";
import { cropHighlighted } from "../../../search/text";
import type { Filter, Highlighted, SearchDocument, SearchRequest } from "../../../search/types";
import { JOB_SEARCH, parseJobSearch, type JobSearchQuery } from "~/domain/search/job-query";
import { checkedQuery, facetedResponse, runFacetedSearch, type FacetedSearchResponse } from "~/services/search/faceted-search.server";
import { SKILL_LEVEL_LABELS } from "~/domain/constants";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";

export type { FacetOption } from "~/services/search/faceted-search.server";

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

export type JobSearchResponse = FacetedSearchResponse<JobHit, JobFacet>;

/**
 * Reads a job search from URL parameters and checks every filter value names
 * something that exists; any problem is a 400 AppError naming the parameter.
 */
export async function readJobSearch(params: URLSearchParams, options: { strict: boolean }): Promise<JobSearchQuery> {
  return checkedQuery(parseJobSearch(params, options), JOB_SEARCH.filters);
}

/** Filters besides the facets: wage and posting date. */
function otherFilters(query: JobSearchQuery, now: Date): Filter[] {
  const filters: Filter[] = [];
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
  const found = await runFacetedSearch<JobFacet>({
    index: INDEXES.jobs,
    facets: JOB_FACETS,
    q: query.q,
    chosen: query,
    others: [...otherFilters(query, now), ...(postedBetween ? [{ field: "postedAt", min: postedBetween.from, max: postedBetween.to }] : [])],
    sort: jobSort(query),
    page: query.page,
    perPage: query.perPage,
    highlight: ["title", "enterpriseName", "description"],
    suggest: !postedBetween,
  });
  return facetedResponse(found, toHit);
}

/** The caller's active applications to the given jobs or orders, by job or order id. */
export async function myActiveApplications({
  principal,
  to,
  ids,
}: {
  principal: Principal;
  to: "jobId" | "orderId";
  ids: readonly number[];
}): Promise<Record<number, { id: number; status: string }>> {
  if (!principal.graduateId || ids.length === 0) return {};
  const rows = await prisma.application.findMany({
    where: { graduateId: principal.graduateId, [to]: { in: [...ids] }, activeKey: { not: null } },
    select: { id: true, status: true, jobId: true, orderId: true },
  });
  return Object.fromEntries(rows.map((r) => [r[to]!, { id: r.id, status: r.status }]));
}
