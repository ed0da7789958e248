import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ROLE_LABELS } from "~/domain/constants";
import { HomeExtrasView } from "~/components/home-extras";
import { getHomeData } from "~/services/dashboard/dashboard.server";
import { getHomeExtras } from "~/services/dashboard/extras.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { navigationOf } from "~/utils/navigation";
import { isCityBureau } from "~/services/subsidy/city.server";

export const meta: MetaFunction = () => [{ title: "首页 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    const revealIdNumber = new URL(request.url).searchParams.get("showId") === "1";
    const [home, extras] = await Promise.all([getHomeData(principal, { revealIdNumber }), getHomeExtras(principal)]);
    return json({ home, extras, roleLabel: ROLE_LABELS[principal.role], work: navigationOf(principal.role, { cityBureau: await isCityBureau(principal) }).slice(1) });
  });
}

export default function HomePage() {
  const { home, extras, roleLabel, work } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">{roleLabel}工作台</p>
        <h1>{home.title}</h1>
      </header>
      {home.facts.length > 0 ? (
        <dl className="facts panel">
          {home.facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>
                {f.value}
                {f.toggle ? (
                  <>
                    {" "}
                    <Link to={f.toggle.href} replace preventScrollReset className="fact-toggle">
                      {f.toggle.text}
                    </Link>
                  </>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <ul className="kpis" aria-label="关键指标">
        {home.kpis.map((k) => (
          <li key={k.label} className="kpi">
            <span className="kpi-value">{k.value.toLocaleString("zh-CN")}</span>
            <span className="kpi-label">{k.label}</span>
          </li>
        ))}
      </ul>
      <HomeExtrasView extras={extras} />
      <div className="grid-2">
        {home.lists.map((list) => (
          <section key={list.title} className="panel">
            <h2>{list.title}</h2>
            {list.rows.length === 0 ? (
              <p className="muted">{list.empty}</p>
            ) : (
              <ul className="rows">
                {list.rows.map((row, i) => (
                  <li key={i}>
                    <span>{row.text}</span>
                    {row.note ? <span className="muted">{row.note}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
        <section className="panel">
          <h2>我的工作</h2>
          <ul className="worklist">
            {work.map((item) => (
              <li key={item.to}>
                <Link to={item.to}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
