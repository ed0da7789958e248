import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CHAINS } from "~/domain/constants";
import { CITIES } from "~/domain/geo/divisions";
import type { Bounds, Ring } from "~/domain/geo/projection";
import { boundsOf, fitProjection, ringsToPath } from "~/domain/geo/projection";
import { centreOf, groupNearby, MARKER_BOXES } from "~/domain/geo/marker-groups";
import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";

/**
 * 全省工业产业集群电子分布图: the 11 cities drawn from the outlines the project ships
 * (app/data/geo, no tile server), with parks, clusters and training bases placed
 * from their coordinates and coloured by industrial chain.
 */
export const CHAIN_COLORS: Record<string, string> = {
  电子信息: "#1f77b4",
  有色金属: "#8c564b",
  装备制造: "#2ca02c",
  新能源: "#17becf",
  石化化工: "#9467bd",
  建材: "#7f7f7f",
  钢铁: "#393b79",
  航空: "#d62728",
  食品: "#e6a100",
  纺织服装: "#e377c2",
  医药: "#0b6e4f",
  现代家具: "#a05d2c",
};
const NO_CHAIN_COLOR = "#5b6b7b";
const WIDTH = 1000;
const MARGIN = 16;

const GeoSchema = z.object({
  features: z.array(
    z.object({
      properties: z.object({ name: z.string(), code: z.string() }),
      geometry: z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))) }),
    }),
  ),
});

let outlines: Map<string, Ring[]> | undefined;

/** City code → its rings, read once from the shipped GeoJSON. */
function cityOutlines(): Map<string, Ring[]> {
  if (!outlines) {
    const file = path.resolve("app/data/geo/jiangxi-cities.geojson");
    const geo = GeoSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
    outlines = new Map(geo.features.map((f) => [f.properties.code, f.geometry.coordinates.flat()]));
  }
  return outlines;
}

export const MapFilterSchema = z.object({
  chain: z.enum(CHAINS).optional().catch(undefined),
  city: z
    .string()
    .refine((c) => CITIES.some((x) => x.code === c))
    .optional()
    .catch(undefined),
});
export type MapFilter = z.infer<typeof MapFilterSchema>;

/** A drawn marker; a "group" stands for several parks too close to tell apart at province zoom (`count` of them). */
export type MapMarker = {
  kind: "park" | "cluster" | "base" | "group";
  id: number;
  name: string;
  note: string;
  x: number;
  y: number;
  color: string;
  href: string;
  count?: number;
};
const GROUP_COLOR = "#1c2733";

function widen(b: Bounds, share: number): Bounds {
  const dx = (b.maxLng - b.minLng) * share;
  const dy = (b.maxLat - b.minLat) * share;
  return { minLng: b.minLng - dx, maxLng: b.maxLng + dx, minLat: b.minLat - dy, maxLat: b.maxLat + dy };
}

/** The most frequent of the values (the chain of most of a park's clusters: the colour of the park and of its bases). */
function dominantChain(chains: string[]): string | null {
  const counts = new Map<string, number>();
  for (const c of chains) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

export async function getClusterMap(filter: MapFilter) {
  const shapes = cityOutlines();
  const shown = filter.city ? [filter.city] : [...shapes.keys()];
  const bounds = widen(boundsOf(shown.flatMap((code) => shapes.get(code) ?? [])), filter.city ? 0.04 : 0);
  const projection = fitProjection(bounds, WIDTH, MARGIN);

  const parkWhere: Prisma.ParkWhereInput = {
    ...(filter.city ? { cityCode: filter.city } : {}),
    ...(filter.chain ? { clusters: { some: { chain: filter.chain } } } : {}),
  };
  const parks = await prisma.park.findMany({
    where: parkWhere,
    select: {
      id: true,
      name: true,
      lng: true,
      lat: true,
      cityCode: true,
      city: { select: { name: true } },
      clusters: { select: { id: true, name: true, chain: true, lng: true, lat: true } },
      bases: { select: { id: true, name: true, capacity: true, lng: true, lat: true } },
    },
    orderBy: { nameSort: "asc" },
  });
  const colorOf = (chain: string | null) => (chain ? (CHAIN_COLORS[chain] ?? NO_CHAIN_COLOR) : NO_CHAIN_COLOR);
  const place = (lng: number, lat: number) => {
    const [x, y] = projection.project([lng, lat]);
    return { x, y };
  };
  const markers: MapMarker[] = [];
  const cityOfPark = new Map(parks.map((p) => [p.id, p.cityCode]));
  for (const park of parks) {
    const chain = dominantChain(park.clusters.map((c) => c.chain));
    const parkColor = colorOf(filter.chain ?? chain);
    const contents = [park.clusters.length ? `${park.clusters.length} 个产业集群` : "", park.bases.length ? `${park.bases.length} 个实训基地` : ""].filter(Boolean).join("、");
    markers.push({ kind: "park", id: park.id, name: park.name, note: `${park.city.name} · 园区${contents ? ` · ${contents}` : ""}`, ...place(park.lng, park.lat), color: parkColor, href: `/registries/parks/${park.id}` });
    for (const c of park.clusters) {
      if (filter.chain && c.chain !== filter.chain) continue;
      markers.push({ kind: "cluster", id: c.id, name: c.name, note: `${park.name} · ${c.chain}`, ...place(c.lng, c.lat), color: colorOf(c.chain), href: `/registries/clusters/${c.id}` });
    }
    for (const b of park.bases) {
      markers.push({ kind: "base", id: b.id, name: b.name, note: `${park.name} · 实训基地 · ${b.capacity} 人`, ...place(b.lng, b.lat), color: parkColor, href: `/registries/bases/${b.id}` });
    }
  }
  return {
    width: projection.width,
    drawn: drawnMarkers(markers, filter, cityOfPark, MARKER_BOXES.desktop),
    drawnOnPhone: drawnMarkers(markers, filter, cityOfPark, MARKER_BOXES.phone),
    height: projection.height,
    cities: shown.map((code) => {
      const city = CITIES.find((c) => c.code === code);
      const [labelX, labelY] = projection.project([city?.lng ?? 0, city?.lat ?? 0]);
      return { code, name: city?.name ?? code, path: ringsToPath(shapes.get(code) ?? [], projection), labelX, labelY };
    }),
    markers,
    counts: {
      parks: markers.filter((m) => m.kind === "park").length,
      clusters: markers.filter((m) => m.kind === "cluster").length,
      bases: markers.filter((m) => m.kind === "base").length,
    },
    legend: CHAINS.map((chain) => ({ chain, color: CHAIN_COLORS[chain] ?? NO_CHAIN_COLOR })),
  };
}

/**
 * What the map draws. A city's map: every marker, parks last so that a park is on top
 * of its own clusters and bases (a click on it opens the park). The province's map:
 * parks only (their clusters and bases counted in the note), and parks that would
 * overlap merged into one numbered group that zooms into the city of most of them.
 */
function drawnMarkers(markers: MapMarker[], filter: MapFilter, cityOfPark: Map<number, string>, box: number): MapMarker[] {
  if (filter.city) {
    const order: MapMarker["kind"][] = ["base", "cluster", "park"];
    return [...markers].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  }
  return groupNearby(
    markers.filter((m) => m.kind === "park"),
    box,
  ).map((group) => {
    if (group.length === 1) return group[0]!;
    const cities = group.map((m) => cityOfPark.get(m.id) ?? "");
    const city = dominantChain(cities) ?? cities[0]!;
    const cityName = CITIES.find((c) => c.code === city)?.name ?? "";
    const chain = filter.chain ? `&chain=${encodeURIComponent(filter.chain)}` : "";
    return {
      kind: "group",
      id: group[0]!.id,
      name: `${cityName}${group.length} 个园区`,
      note: group.map((m) => m.name).join("、"),
      ...centreOf(group),
      color: GROUP_COLOR,
      href: `/map?city=${city}${chain}`,
      count: group.length,
    };
  });
}
