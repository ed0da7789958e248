import { Link } from "@remix-run/react";
import { SortHeader } from "~/components/list-controls";
import type { ListQuery } from "~/utils/list-query";
import type { Column, DisplayRow } from "~/services/registry/types";

type Sorting = { query: ListQuery };

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
                <SortHeader key={column.key} label={column.label} sortKey={column.key} current={query} />
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
                  <td key={column.key} data-label={column.label}>
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
