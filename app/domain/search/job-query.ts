/**
 * The job search as a person asks for it (the page's URL, the API's query string,
 * a saved search): a faceted search (search-query.ts) with these filters and sorts.
 */
import {
  emptySearch,
  parseSearch,
  queryFields,
  searchParamsOf,
  type FacetedQuery,
  type ParsedQuery,
  type SearchSpec,
} from "./search-query";

export { MAX_PAGE, POSTED_SINCE_DAYS, POSTED_SINCE_LABELS, QUERY_MAX_LENGTH } from "./search-query";

export const JOB_SORTS = ["relevance", "newest", "wage"] as const;
export type JobSort = (typeof JOB_SORTS)[number];
export const JOB_SORT_LABELS: Record<JobSort, string> = { relevance: "相关度", newest: "最新发布", wage: "月薪从高到低" };

export const JOB_SEARCH = {
  filters: ["city", "park", "cluster", "category", "class", "level"],
  sorts: JOB_SORTS,
  sortMessage: "排序方式只能是 relevance（相关度）、newest（最新）或 wage（月薪）",
  since: true,
} as const satisfies SearchSpec<"city" | "park" | "cluster" | "category" | "class" | "level", JobSort>;

export type JobSearchQuery = FacetedQuery<(typeof JOB_SEARCH.filters)[number], JobSort>;
export const JOB_QUERY_FIELDS: readonly string[] = queryFields(JOB_SEARCH);

export function parseJobSearch(params: URLSearchParams, options: { strict: boolean }): ParsedQuery<JobSearchQuery> {
  return parseSearch(JOB_SEARCH, params, options);
}

/** The canonical query string of a job search: defaults left out, so equal searches give equal links. */
export function jobSearchParams(query: JobSearchQuery, overrides: Partial<JobSearchQuery> = {}): URLSearchParams {
  return searchParamsOf(JOB_SEARCH, query, overrides);
}

/** An empty search: everything, by relevance, first page. */
export const EMPTY_JOB_SEARCH: JobSearchQuery = emptySearch(JOB_SEARCH);
