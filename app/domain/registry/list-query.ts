import { z } from "zod";

/**
 * What a registry list shows, read from the URL's search parameters: the page, the
 * sort column and direction, and the filters. Links (sort headers, pager, exports)
 * are built from the same parameters, so a list's address is its state.
 */
export type SortDirection = "asc" | "desc";
export type ListSpec = {
  sorts: readonly string[];
  defaultSort: string;
  defaultDirection: SortDirection;
  filters: readonly string[];
};
export type ListQuery = {
  page: number;
  sort: string;
  direction: SortDirection;
  filters: Record<string, string>;
};

export const PAGE_SIZE = 20;
const MAX_FILTER_LENGTH = 100;

const PageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);
const DirectionSchema = z.enum(["asc", "desc"]);
const FilterSchema = z.string().trim().max(MAX_FILTER_LENGTH);

/** Reads a list's state; anything unknown or malformed falls back to the default rather than failing. */
export function parseListQuery(params: URLSearchParams, spec: ListSpec): ListQuery {
  const sortParam = params.get("sort") ?? "";
  const sort = spec.sorts.includes(sortParam) ? sortParam : spec.defaultSort;
  const direction = DirectionSchema.catch(spec.defaultDirection).parse(params.get("dir") ?? undefined);
  const filters: Record<string, string> = {};
  for (const key of spec.filters) {
    const value = FilterSchema.safeParse(params.get(key) ?? "");
    if (value.success && value.data !== "") filters[key] = value.data;
  }
  return { page: PageSchema.parse(params.get("page") ?? 1), sort, direction, filters };
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The search string of `query` with `changes` applied; an empty or null change removes the parameter. */
export function listSearch(query: ListQuery, changes: Record<string, string | number | null> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query.filters)) params.set(key, value);
  params.set("sort", query.sort);
  params.set("dir", query.direction);
  if (query.page > 1) params.set("page", String(query.page));
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") params.delete(key);
    else params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The link behind a sortable column header: ascending first, the other way when already sorted by it; back to page 1. */
export function sortSearch(query: ListQuery, column: string): string {
  const direction: SortDirection = query.sort === column && query.direction === "asc" ? "desc" : "asc";
  return listSearch(query, { sort: column, dir: direction, page: null });
}
