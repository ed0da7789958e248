/**
 * Page and sort of a list, read from the URL (?page=2&sort=-createdAt). Only the
 * sort keys a list declares are accepted; anything else falls back to its default.
 */
export type ListQuery<K extends string> = { page: number; pageSize: number; sortKey: K; descending: boolean; sort: string };

export function readListQuery<K extends string>(
  url: URL,
  options: { sortKeys: readonly K[]; defaultSort: string; pageSize?: number },
): ListQuery<K> {
  const pageSize = options.pageSize ?? 20;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const requested = url.searchParams.get("sort") ?? options.defaultSort;
  const parse = (s: string) => ({ key: s.replace(/^-/, "") as K, descending: s.startsWith("-") });
  const chosen = options.sortKeys.includes(parse(requested).key) ? parse(requested) : parse(options.defaultSort);
  return { page, pageSize, sortKey: chosen.key, descending: chosen.descending, sort: `${chosen.descending ? "-" : ""}${chosen.key}` };
}

/** Prisma's skip and take for a page. */
export function pageWindow(q: { page: number; pageSize: number }) {
  return { skip: (q.page - 1) * q.pageSize, take: q.pageSize };
}

export type Paged<T> = { rows: T[]; total: number; page: number; pageSize: number; sort: string };
