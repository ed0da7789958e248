import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import type { ListQuery } from "~/utils/list-query";
import { listSearch } from "~/utils/list-query";
import type { FilterDef } from "~/services/registry/types";

/** The filters of a list as a GET form: the URL carries them, the sort is kept, the page starts again. */
export function ListFilters({ filters, query }: { filters: readonly FilterDef[]; query: ListQuery }) {
  const id = useId();
  return (
    <Form method="get" className="panel filters" role="search">
      {filters.map((f) => (
        <div className="field" key={f.key}>
          <label htmlFor={`${id}-${f.key}`}>{f.label}</label>
          {f.type === "select" ? (
            <select id={`${id}-${f.key}`} name={f.key} defaultValue={query.filters[f.key] ?? ""}>
              <option value="">全部</option>
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input id={`${id}-${f.key}`} name={f.key} type="search" defaultValue={query.filters[f.key] ?? ""} maxLength={100} />
          )}
        </div>
      ))}
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.direction} />
      <div className="filter-actions">
        <button type="submit" className="button button-primary">
          筛选
        </button>
        <Link to="?" className="button button-quiet">
          清除
        </Link>
      </div>
    </Form>
  );
}

/** Downloads of the whole filtered list (every page), in the list's sort order. */
export function ExportButtons({ kind, query }: { kind: string; query: ListQuery }) {
  const search = listSearch(query, { page: null });
  const join = search ? `${search}&` : "?";
  return (
    <span className="export-buttons">
      <a className="button" href={`/registries/${kind}/export${join}format=csv`} download>
        导出 CSV
      </a>
      <a className="button" href={`/registries/${kind}/export${join}format=xlsx`} download>
        导出 Excel
      </a>
    </span>
  );
}
