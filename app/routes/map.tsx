import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { KIND_LABELS, Marker, MarkerLegend, ProvinceMarkers } from "~/components/cluster-map";
import { CHAINS } from "~/domain/constants";
import { CITIES } from "~/domain/geo/divisions";
import type { MapMarker } from "~/services/geo/cluster-map.server";
import { getClusterMap, MapFilterSchema } from "~/services/geo/cluster-map.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "全省工业产业集群电子分布图 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    await requirePrincipal(request);
    const params = new URL(request.url).searchParams;
    const filter = MapFilterSchema.parse({ chain: params.get("chain") || undefined, city: params.get("city") || undefined });
    return json({ filter, map: await getClusterMap(filter) });
  });
}

export default function ClusterMapPage() {
  const { filter, map } = useLoaderData<typeof loader>();
  const id = useId();
  const size = filter.city ? 12 : 10;
  const order: MapMarker["kind"][] = ["park", "cluster", "base"];
  const markers = [...map.markers].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const grouped = !filter.city;
  return (
    <div className="stack">
      <header className="page-head">
        <h1>全省工业产业集群电子分布图</h1>
        <p className="muted">
          园区 {map.counts.parks} 个 · 产业集群 {map.counts.clusters} 个 · 实训基地 {map.counts.bases} 个。点击标记查看详情。
        </p>
      </header>
      <Form method="get" className="panel filters" role="search">
        <div className="field">
          <label htmlFor={`${id}-chain`}>产业链</label>
          <select id={`${id}-chain`} name="chain" defaultValue={filter.chain ?? ""}>
            <option value="">全部产业链</option>
            {CHAINS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-city`}>城市</label>
          <select id={`${id}-city`} name="city" defaultValue={filter.city ?? ""}>
            <option value="">全省</option>
            {CITIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button button-primary">
            筛选
          </button>
          <Link to="/map" className="button button-quiet">
            清除
          </Link>
        </div>
      </Form>
      <div className="map-layout">
        <figure className="panel cluster-map">
          {/* A group, not an image: it holds links (one per city and per marker). */}
          <svg viewBox={`0 0 ${map.width} ${map.height}`} role="group" aria-labelledby={`${id}-caption`}>
            <g className="cities">
              {map.cities.map((c) => (
                <a key={c.code} href={`/map?city=${c.code}${filter.chain ? `&chain=${encodeURIComponent(filter.chain)}` : ""}`} aria-label={`只看${c.name}`}>
                  <path d={c.path} className="city" fillRule="evenodd" />
                </a>
              ))}
            </g>
            <g className="city-labels" aria-hidden="true">
              {map.cities.map((c) => (
                <text key={c.code} x={c.labelX} y={c.labelY} fontSize={filter.city ? 34 : 24}>
                  {c.name}
                </text>
              ))}
            </g>
            {grouped ? (
              <ProvinceMarkers map={map} />
            ) : (
              <g className="markers">
                {map.drawn.map((m) => (
                  <Marker key={`${m.kind}-${m.id}`} m={m} size={size} />
                ))}
              </g>
            )}
          </svg>
          <figcaption id={`${id}-caption`} className="muted">
            江西省{filter.city ? ` · ${CITIES.find((c) => c.code === filter.city)?.name}` : ""}
            {filter.chain ? ` · ${filter.chain}` : ""}
            {grouped ? "：全省视图只画园区，相邻的园区合并为带数字的标记；选择城市可看到每个产业集群和实训基地。" : "：颜色表示产业链。"}
            <MarkerLegend grouped={grouped} />
          </figcaption>
        </figure>
        <aside className="panel legend" aria-label="图例">
          <h2>图例：产业链颜色</h2>
          <ul>
            {map.legend.map((l) => (
              <li key={l.chain}>
                <Link
                  to={`/map?chain=${encodeURIComponent(l.chain)}${filter.city ? `&city=${filter.city}` : ""}`}
                  aria-current={filter.chain === l.chain ? "true" : undefined}
                >
                  <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
                  {l.chain}
                </Link>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <details className="panel">
        <summary>列表查看（{markers.length}）</summary>
        <ul className="rows">
          {markers.map((m) => (
            <li key={`${m.kind}-${m.id}`}>
              <Link to={m.href}>{m.name}</Link>
              <span className="muted">
                {KIND_LABELS[m.kind]} · {m.note}
              </span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
