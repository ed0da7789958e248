import { z } from "zod";

/**
 * What a list shows, read from the URL's search parameters: the page, the sort
 * column and its direction, and the filters — `?q=电子&sort=name&dir=desc&page=2`.
 * This is the one convention of every list page (sort headers, pager, exports): a
 * list's address is its state. Anything unknown or malformed falls back to the
 * list's default rather than failing.
 */
export type SortDirection = "asc" | "desc";
export type ListSpec<K extends string = string> = {
  sorts: readonly K[];
  defaultSort: K;
  defaultDirection: SortDirection;
  filters?: readonly string[];
};
export type ListQuery<K extends string = string> = {
  page: number;
  sort: K;
  direction: SortDirection;
  filters: Record<string, string>;
  /** Rows per page when not the usual PAGE_SIZE (a service's caller may ask for more). */
  pageSize?: number;
};
/** One page of a list, with the sort it was read in (what a `<SortHeader>` and `<Pager>` need). */
export type Paged<T> = { rows: T[]; total: number; page: number; pageSize: number; sort: string; direction: SortDirection };

export const PAGE_SIZE = 20;
const MAX_FILTER_LENGTH = 100;

const PageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);
const DirectionSchema = z.enum(["asc", "desc"]);
const FilterSchema = z.string().trim().max(MAX_FILTER_LENGTH);

export function parseListQuery<K extends string>(source: URLSearchParams | URL, spec: ListSpec<K>): ListQuery<K> {
  const params = source instanceof URL ? source.searchParams : source;
  const sortParam = params.get("sort") ?? "";
  const sort = (spec.sorts as readonly string[]).includes(sortParam) ? (sortParam as K) : spec.defaultSort;
  const direction = DirectionSchema.catch(spec.defaultDirection).parse(params.get("dir") ?? undefined);
  const filters: Record<string, string> = {};
  for (const key of spec.filters ?? []) {
    const value = FilterSchema.safeParse(params.get(key) ?? "");
    if (value.success && value.data !== "") filters[key] = value.data;
  }
  return { page: PageSchema.parse(params.get("page") ?? 1), sort, direction, filters };
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Prisma's skip and take for a page. */
export function pageWindow({ page, pageSize = PAGE_SIZE }: { page: number; pageSize?: number }) {
  return { skip: (page - 1) * pageSize, take: pageSize };
}

/** The search string of `query` with `changes` applied; an empty or null change removes the parameter. */
export function listSearch(query: ListQuery, changes: Record<string, string | number | null> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query.filters)) params.set(key, value);
  params.set("sort", query.sort);
  params.set("dir", query.direction);
  if (query.page > 1) params.set("page", String(query.page));
  return withChanges(params, changes);
}

/** `search` (a location's search string) with `changes` applied; other parameters are kept. */
export function changeSearch(search: string, changes: Record<string, string | number | null>): string {
  return withChanges(new URLSearchParams(search), changes);
}

function withChanges(params: URLSearchParams, changes: Record<string, string | number | null>): string {
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") params.delete(key);
    else params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The next direction when a column header is followed: ascending first, the other way when already sorted by it. */
export function nextDirection(current: { sort: string; direction: SortDirection }, column: string): SortDirection {
  return current.sort === column && current.direction === "asc" ? "desc" : "asc";
}

/** The link behind a sortable column header; back to page 1. */
export function sortSearch(query: ListQuery, column: string): string {
  return listSearch(query, { sort: column, dir: nextDirection(query, column), page: null });
}

/**
 * Child-row counts for the parents on one page, e.g. `countsOf(rows, (ids) =>
 * prisma.application.groupBy({ by: ["jobId"], where: { jobId: { in: ids } }, _count: { _all: true } }), "jobId")`.
 * Prisma's `_count` in a select groups the whole child table before joining it (seconds
 * at province scale); grouping only the page's ids reads the foreign-key index.
 */
export async function countsOf(
  rows: readonly { id: number }[],
  group: (ids: number[]) => Promise<unknown>,
  key: string,
): Promise<(id: number) => number> {
  const counted = (rows.length === 0 ? [] : await group(rows.map((r) => r.id))) as readonly ({ _count: { _all: number } } & Record<string, unknown>)[];
  const byId = new Map(counted.map((c) => [c[key] as number, c._count._all]));
  return (id) => byId.get(id) ?? 0;
}
