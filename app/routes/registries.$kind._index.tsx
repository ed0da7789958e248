import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pager } from "~/components/list-controls";
import { DataTable } from "~/components/registry/data-table";
import { ExportButtons, ListFilters } from "~/components/registry/list-filters";
import { listRegistry } from "~/services/registry/registry.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "名录"} · 园校通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    return json(await listRegistry({ principal, kind: params.kind, params: new URL(request.url).searchParams }));
  });
}

export default function RegistryListPage() {
  const list = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-head list-head">
        <div>
          <p className="eyebrow">
            <Link to="/registries">名录管理</Link>
          </p>
          <h1>{list.title}</h1>
        </div>
        <p className="actions">
          {list.mayCreate ? (
            <Link to={`/registries/${list.kind}/new`} className="button button-primary">
              登记
            </Link>
          ) : null}
          {list.mayImport ? (
            <Link to={`/imports?kind=${list.kind}`} className="button">
              导入
            </Link>
          ) : null}
          <ExportButtons kind={list.kind} query={list.query} />
        </p>
      </header>
      <ListFilters filters={list.filters} query={list.query} />
      <DataTable columns={list.columns} rows={list.rows} query={list.query} empty="没有符合条件的记录" />
      <Pager page={list.query.page} total={list.total} pageSize={list.pageSize} />
    </div>
  );
}
