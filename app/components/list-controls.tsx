import { Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { changeSearch, nextDirection, pageCount, type SortDirection } from "~/utils/list-query";

/** The page numbers worth a link: the first, the last and two either side of the current one. */
function pageNumbers(page: number, pages: number): number[] {
  const shown = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2]);
  return [...shown].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
}

/**
 * The one pager of every list: previous / next, the page numbers and the position.
 * Links keep every other parameter of the address (filters, sort, year…).
 */
export function Pager({ page, total, pageSize, maxPages }: { page: number; total: number; pageSize: number; maxPages?: number }) {
  const { search } = useLocation();
  const pages = Math.min(pageCount(total, pageSize), maxPages ?? Number.POSITIVE_INFINITY);
  const to = (p: number) => changeSearch(search, { page: p === 1 ? null : p }) || "?";
  return (
    <nav className="pagination" aria-label="分页">
      {page > 1 ? (
        <Link to={to(Math.min(page - 1, pages))} className="button" rel="prev" preventScrollReset>
          上一页
        </Link>
      ) : (
        <span className="button" aria-disabled="true">
          上一页
        </span>
      )}
      {pages > 1 ? (
        <span className="pagination-pages">
          {pageNumbers(page, pages).map((p, i, all) => (
            <span key={p}>
              {i > 0 && p - all[i - 1]! > 1 ? <span className="muted">…</span> : null}
              {p === page ? (
                <span aria-current="page" className="current-page">
                  {p}
                </span>
              ) : (
                <Link to={to(p)} aria-label={`第 ${p} 页`} preventScrollReset>
                  {p}
                </Link>
              )}
            </span>
          ))}
        </span>
      ) : null}
      <span className="pagination-position">
        第 {Math.min(page, pages)} / {pages} 页 · 共 {total.toLocaleString("zh-CN")} 条
      </span>
      {page < pages ? (
        <Link to={to(page + 1)} className="button" rel="next" preventScrollReset>
          下一页
        </Link>
      ) : (
        <span className="button" aria-disabled="true">
          下一页
        </span>
      )}
    </nav>
  );
}

/**
 * The one sortable column header: a link (so sorting works without script and can be
 * bookmarked) to `?sort=<key>&dir=asc|desc`, ascending first, back to page 1.
 */
export function SortHeader({
  label,
  sortKey,
  current,
  className,
}: {
  label: string;
  sortKey: string;
  current: { sort: string; direction: SortDirection };
  className?: string;
}) {
  const { search } = useLocation();
  const active = current.sort === sortKey;
  const ariaSort = active ? (current.direction === "asc" ? "ascending" : "descending") : undefined;
  const to = changeSearch(search, { sort: sortKey, dir: nextDirection(current, sortKey), page: null });
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <Link to={to} className="sort-link" preventScrollReset>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (current.direction === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </th>
  );
}

/** A column's heading: its label, or with `sort` a sortable one, and the class of the heading. */
export type Heading = string | { label: string; sort?: string; className?: string };

/**
 * The one list table: its headings (with `sort`, the list's current order, a heading
 * that names a `sort` key is a SortHeader), a row per record drawn by `children`, the
 * line said when there is none (across every column) and, with `pager`, the pager
 * after the table. `caption` is the table's own `<caption>` element.
 */
export function ListTable<T>({
  headings,
  rows,
  empty,
  sort,
  pager,
  className,
  caption,
  children,
}: {
  headings: readonly Heading[];
  rows: readonly T[];
  empty: ReactNode;
  sort?: { sort: string; direction: SortDirection };
  pager?: { total: number; page: number; pageSize: number };
  className?: string;
  caption?: ReactNode;
  children: (row: T, index: number) => ReactNode;
}) {
  return (
    <>
      <div className="table-wrap">
        <table className={className}>
          {caption}
          <thead>
            <tr>
              {headings.map((heading, i) => {
                const { label, sort: key, className: headingClass } = typeof heading === "string" ? { label: heading } : heading;
                return sort && key ? (
                  <SortHeader key={i} label={label} sortKey={key} current={sort} className={headingClass} />
                ) : (
                  <th key={i} scope="col" className={headingClass}>
                    {label}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={headings.length} className="muted">
                  {empty}
                </td>
              </tr>
            ) : (
              rows.map(children)
            )}
          </tbody>
        </table>
      </div>
      {pager ? <Pager total={pager.total} page={pager.page} pageSize={pager.pageSize} /> : null}
    </>
  );
}
