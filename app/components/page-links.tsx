import { Link, useLocation } from "@remix-run/react";

function hrefWith(search: string, changes: Record<string, string>): string {
  const params = new URLSearchParams(search);
  for (const [k, v] of Object.entries(changes)) params.set(k, v);
  return `?${params.toString()}`;
}

/** Previous / next links and the position in a paged list; other query parameters are kept. */
export function PageLinks({ total, page, pageSize }: { total: number; page: number; pageSize: number }) {
  const { search } = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label="分页">
      {page > 1 ? <Link to={hrefWith(search, { page: String(page - 1) })}>上一页</Link> : <span className="muted">上一页</span>}
      <span>
        第 {page} / {pages} 页，共 {total} 条
      </span>
      {page < pages ? <Link to={hrefWith(search, { page: String(page + 1) })}>下一页</Link> : <span className="muted">下一页</span>}
    </nav>
  );
}

/** A column header that sorts the list by `sortKey`, toggling direction on a second click. */
export function SortHeader({ label, sortKey, current }: { label: string; sortKey: string; current: string }) {
  const { search } = useLocation();
  const active = current.replace(/^-/, "") === sortKey;
  const descending = current.startsWith("-");
  const next = active && !descending ? `-${sortKey}` : sortKey;
  return (
    <th scope="col" aria-sort={active ? (descending ? "descending" : "ascending") : undefined}>
      <Link to={hrefWith(search, { sort: next, page: "1" })}>
        {label}
        {active ? (descending ? " ↓" : " ↑") : ""}
      </Link>
    </th>
  );
}
