import { Link } from "@remix-run/react";
import type { ListQuery } from "~/domain/registry/list-query";
import { listSearch, sortSearch } from "~/domain/registry/list-query";
import type { Column, DisplayRow } from "~/services/registry/types";

type Sorting = { query: ListQuery };

/** Column headers that sort by following a link (so sorting works without script and can be bookmarked). */
function SortHeader({ column, query }: { column: Column; query: ListQuery }) {
  const active = query.sort === column.key;
  const ariaSort = active ? (query.direction === "asc" ? "ascending" : "descending") : undefined;
  return (
    <th scope="col" aria-sort={ariaSort}>
      <Link to={sortSearch(query, column.key)} className="sort-link" preventScrollReset>
        {column.label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (query.direction === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </th>
  );
}

/**
 * A registry table: the first column links to the record, a row with a warning is
 * marked; with `query` the sortable headers become links.
 */
export function DataTable({ columns, rows, empty, query }: { columns: readonly Column[]; rows: readonly DisplayRow[]; empty: string } & Partial<Sorting>) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((column) =>
              query && column.sortable ? (
                <SortHeader key={column.key} column={column} query={query} />
              ) : (
                <th key={column.key} scope="col">
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id} className={row.warning ? "row-warning" : undefined}>
                {columns.map((column, i) => (
                  <td key={column.key}>
                    {i === 0 && row.href ? <Link to={row.href}>{row.cells[column.key] ?? "—"}</Link> : (row.cells[column.key] ?? "—")}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Previous / next and the position, as links that keep the filters and sort. */
export function Pager({ query, total, pageCount }: { query: ListQuery; total: number; pageCount: number }) {
  const page = Math.min(query.page, pageCount);
  return (
    <nav className="pager" aria-label="分页">
      {page > 1 ? (
        <Link to={listSearch(query, { page: page - 1 })} className="button" rel="prev">
          上一页
        </Link>
      ) : (
        <span className="button" aria-disabled="true">
          上一页
        </span>
      )}
      <span>
        第 {page} / {pageCount} 页 · 共 {total.toLocaleString("zh-CN")} 条
      </span>
      {page < pageCount ? (
        <Link to={listSearch(query, { page: page + 1 })} className="button" rel="next">
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
