import { MARKER_BOXES } from "~/domain/geo/marker-groups";
import type { MapMarker } from "~/services/geo/cluster-map.server";

type MapData = {
  width: number;
  height: number;
  cities: { code: string; name: string; path: string; labelX: number; labelY: number }[];
  markers: MapMarker[];
  drawn: MapMarker[];
  drawnOnPhone: MapMarker[];
  counts: { parks: number; clusters: number; bases: number };
  legend: { chain: string; color: string }[];
};

export const KIND_LABELS: Record<MapMarker["kind"], string> = { park: "园区", cluster: "产业集群", base: "实训基地", group: "相邻园区" };

/**
 * Park: circle; cluster: diamond; training base: triangle — shape says what, colour says
 * which chain (here and on /map). `hit`: the side of an invisible square that the link
 * covers around the marker (a touch target), at province zoom where no two overlap.
 */
export function Marker({ m, size, hit }: { m: MapMarker; size: number; hit?: number }) {
  const target = hit ? <rect className="marker-hit" x={m.x - hit / 2} y={m.y - hit / 2} width={hit} height={hit} fill="transparent" /> : null;
  if (m.kind === "group") {
    return (
      <a href={m.href} className="marker marker-group" data-kind="group" aria-label={`${m.name}，放大查看：${m.note}`}>
        <title>{`${m.name}：${m.note}（点击放大）`}</title>
        {target}
        <g fill={m.color}>
          <circle cx={m.x} cy={m.y} r={size * 1.35} />
        </g>
        <text x={m.x} y={m.y} className="marker-count" fontSize={size * 1.3} dominantBaseline="central" textAnchor="middle" aria-hidden="true">
          {m.count}
        </text>
      </a>
    );
  }
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
      {target}
      <g fill={m.color}>{shape}</g>
    </a>
  );
}

/** What each shape means: drawn with the same shapes as the map. */
export function MarkerLegend({ grouped }: { grouped: boolean }) {
  const sample = (kind: MapMarker["kind"], count?: number): MapMarker => ({ kind, id: 0, name: "", note: "", x: 12, y: 12, color: "#5b6b7b", href: "", count });
  const kinds: MapMarker["kind"][] = grouped ? ["park", "group"] : ["park", "cluster", "base"];
  return (
    <ul className="marker-legend" aria-label="标记说明">
      {kinds.map((kind) => (
        <li key={kind}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <LegendShape m={sample(kind, kind === "group" ? 3 : undefined)} />
          </svg>
          {kind === "group" ? "相邻的几个园区（数字为个数，点击放大到该市）" : kind === "park" ? (grouped ? "园区（点击打开园区，集群和基地见园区页）" : "园区") : KIND_LABELS[kind]}
        </li>
      ))}
    </ul>
  );
}

/** A marker's shape without its link, for the legend. */
function LegendShape({ m }: { m: MapMarker }) {
  const size = 8;
  if (m.kind === "group") {
    return (
      <g>
        <circle cx={m.x} cy={m.y} r={11} fill="#1c2733" />
        <text x={m.x} y={m.y} fontSize={12} fill="#fff" dominantBaseline="central" textAnchor="middle">
          {m.count}
        </text>
      </g>
    );
  }
  if (m.kind === "park") return <circle cx={m.x} cy={m.y} r={size} fill={m.color} />;
  if (m.kind === "cluster") return <rect x={m.x - size * 0.8} y={m.y - size * 0.8} width={size * 1.6} height={size * 1.6} transform={`rotate(45 ${m.x} ${m.y})`} fill={m.color} />;
  return <path d={`M${m.x},${m.y - size * 1.1}L${m.x + size},${m.y + size * 0.8}L${m.x - size},${m.y + size * 0.8}Z`} fill={m.color} />;
}

/**
 * The markers at province zoom twice: grouped for a desktop and, more coarsely and
 * larger, for a phone (app.css shows one set by the width of the screen). Each link
 * covers a square 2 units smaller than its grouping box, so no two links overlap.
 */
export function ProvinceMarkers({ map }: { map: Pick<MapData, "drawn" | "drawnOnPhone"> }) {
  return (
    <>
      <g className="markers markers-desktop">
        {map.drawn.map((m) => (
          <Marker key={`${m.kind}-${m.id}`} m={m} size={10} hit={MARKER_BOXES.desktop - 2} />
        ))}
      </g>
      <g className="markers markers-phone">
        {map.drawnOnPhone.map((m) => (
          <Marker key={`${m.kind}-${m.id}`} m={m} size={30} hit={MARKER_BOXES.phone - 2} />
        ))}
      </g>
    </>
  );
}

/** The province's cluster map (getClusterMap's data) as a figure: city outlines and grouped park markers; city links lead to /map. */
export function ClusterMapFigure({ map, caption }: { map: MapData; caption: string }) {
  return (
    <figure className="panel cluster-map">
      {/* A group, not an image: it holds links (one per city and per marker). */}
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="group" aria-label={caption}>
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
        <ProvinceMarkers map={map} />
      </svg>
      <figcaption className="muted">
        {caption}：园区 {map.counts.parks} 个、产业集群 {map.counts.clusters} 个、实训基地 {map.counts.bases} 个，颜色表示产业链。
        <MarkerLegend grouped />
        <a href="/map">打开完整分布图 →</a>
      </figcaption>
    </figure>
  );
}
