import { Link } from "@remix-run/react";
import { ListTable } from "~/components/list-controls";
import type { ListQuery } from "~/utils/list-query";
import type { Column, DisplayRow } from "~/services/registry/types";

type Sorting = { query: ListQuery };

/**
 * A registry table: the first column links to the record, a row with a warning is
 * marked; with `query` the sortable headers become links.
 */
export function DataTable({ columns, rows, empty, query }: { columns: readonly Column[]; rows: readonly DisplayRow[]; empty: string } & Partial<Sorting>) {
  return (
    <ListTable headings={columns.map((column) => ({ label: column.label, sort: column.sortable ? column.key : undefined }))} rows={rows} empty={empty} sort={query}>
      {(row) => (
        <tr key={row.id} className={row.warning ? "row-warning" : undefined}>
          {columns.map((column, i) => (
            <td key={column.key} data-label={column.label}>
              {i === 0 && row.href ? <Link to={row.href}>{row.cells[column.key] ?? "—"}</Link> : (row.cells[column.key] ?? "—")}
            </td>
          ))}
        </tr>
      )}
    </ListTable>
  );
}
