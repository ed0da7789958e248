import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { registryCounts } from "~/services/registry/registry.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "名录管理 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    return json({ registries: await registryCounts(principal), mayImport: principal.role === "province" || principal.role === "park" });
  });
}

export default function RegistriesPage() {
  const { registries, mayImport } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-head">
        <h1>名录管理</h1>
        <p className="muted">全省园区、集群、企业、院校、园校对接、实训基地与双向挂职名录。</p>
      </header>
      <ul className="kpis" aria-label="名录">
        {registries.map((r) => (
          <li key={r.kind} className="kpi">
            <Link to={`/registries/${r.kind}`} className="kpi-link">
              <span className="kpi-value">{r.count.toLocaleString("zh-CN")}</span>
              <span className="kpi-label">{r.title}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="actions">
        <Link to="/map" className="button">
          产业集群分布图
        </Link>
        {mayImport ? (
          <Link to="/imports" className="button button-primary">
            批量导入
          </Link>
        ) : null}
      </p>
    </div>
  );
}
