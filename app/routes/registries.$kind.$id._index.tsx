import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/registry/data-table";
import { readRecord } from "~/services/registry/registry.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "记录"} · 园校通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    return json(await readRecord({ principal, kind: params.kind, id: idParam(params.id) }));
  });
}

export default function RecordPage() {
  const record = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-head list-head">
        <div>
          <p className="eyebrow">
            <Link to={`/registries/${record.kind}`}>{record.registryTitle}</Link>
          </p>
          <h1>{record.title}</h1>
        </div>
        <p className="actions">
          {record.mayEdit ? (
            <Link to="edit" className="button button-primary">
              修改
            </Link>
          ) : null}
          {record.mapHref ? (
            <Link to={record.mapHref} className="button">
              在分布图中查看
            </Link>
          ) : null}
        </p>
      </header>
      <dl className="facts panel">
        {record.facts.map((f) => (
          <div key={f.label} className={f.warning ? "fact-warning" : undefined}>
            <dt>{f.label}</dt>
            <dd>{f.href ? <Link to={f.href}>{f.value}</Link> : f.value}</dd>
          </div>
        ))}
      </dl>
      {record.sections.map((s) => (
        <section key={s.title} className="stack">
          <h2>{s.title}</h2>
          <DataTable columns={s.columns} rows={s.rows} empty={s.empty} />
        </section>
      ))}
    </div>
  );
}
