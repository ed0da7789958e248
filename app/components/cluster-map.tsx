import type { MapMarker } from "~/services/geo/cluster-map.server";

type MapData = {
  width: number;
  height: number;
  cities: { code: string; name: string; path: string; labelX: number; labelY: number }[];
  markers: MapMarker[];
  counts: { parks: number; clusters: number; bases: number };
  legend: { chain: string; color: string }[];
};

export const KIND_LABELS: Record<MapMarker["kind"], string> = { park: "园区", cluster: "产业集群", base: "实训基地" };
const ORDER: MapMarker["kind"][] = ["park", "cluster", "base"];

/** Park: circle; cluster: diamond; training base: triangle — shape says what, colour says which chain (here and on /map). */
export function Marker({ m, size }: { m: MapMarker; size: number }) {
  const shape =
    m.kind === "park" ? (
      <circle cx={m.x} cy={m.y} r={size} />
    ) : m.kind === "cluster" ? (
      <rect x={m.x - size * 0.6} y={m.y - size * 0.6} width={size * 1.2} height={size * 1.2} transform={`rotate(45 ${m.x} ${m.y})`} />
    ) : (
      <path d={`M${m.x},${m.y - size * 1.1}L${m.x + size},${m.y + size * 0.7}L${m.x - size},${m.y + size * 0.7}Z`} />
    );
  return (
    <a href={m.href} className={`marker marker-${m.kind}`} data-kind={m.kind} aria-label={`${KIND_LABELS[m.kind]}：${m.name}`}>
      <title>{`${m.name}（${m.note}）`}</title>
      <g fill={m.color}>{shape}</g>
    </a>
  );
}

/** The province's cluster map (getClusterMap's data) as a figure: city outlines and markers; city links lead to /map. */
export function ClusterMapFigure({ map, caption }: { map: MapData; caption: string }) {
  const markers = [...map.markers].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return (
    <figure className="panel cluster-map">
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="img" aria-label={caption}>
        <g className="cities">
          {map.cities.map((c) => (
            <a key={c.code} href={`/map?city=${c.code}`} aria-label={`查看${c.name}分布图`}>
              <path d={c.path} className="city" fillRule="evenodd" />
            </a>
          ))}
        </g>
        <g className="city-labels" aria-hidden="true">
          {map.cities.map((c) => (
            <text key={c.code} x={c.labelX} y={c.labelY} fontSize={24}>
              {c.name}
            </text>
          ))}
        </g>
        <g className="markers">
          {markers.map((m) => (
            <Marker key={`${m.kind}-${m.id}`} m={m} size={10} />
          ))}
        </g>
      </svg>
      <figcaption className="muted">
        {caption}：园区 {map.counts.parks} 个（圆点）、产业集群 {map.counts.clusters} 个（菱形）、实训基地 {map.counts.bases} 个（三角），颜色表示产业链。
        <a href="/map">打开完整分布图 →</a>
      </figcaption>
    </figure>
  );
}
