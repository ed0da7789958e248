/**
 * A flat map of the province for SVG, drawn offline: an equirectangular projection
 * with longitudes shrunk by cos(latitude) at the middle of the area shown, which at
 * Jiangxi's size (≈4.5° × 6°) distorts less than the simplification of the outlines.
 */
export type LngLat = readonly [number, number];
export type Ring = readonly LngLat[];
export type Bounds = { minLng: number; maxLng: number; minLat: number; maxLat: number };
export type Projection = { width: number; height: number; project: (point: LngLat) => [number, number] };

export function boundsOf(rings: readonly Ring[]): Bounds {
  const b = { minLng: Infinity, maxLng: -Infinity, minLat: Infinity, maxLat: -Infinity };
  for (const ring of rings) {
    for (const [lng, lat] of ring) {
      b.minLng = Math.min(b.minLng, lng);
      b.maxLng = Math.max(b.maxLng, lng);
      b.minLat = Math.min(b.minLat, lat);
      b.maxLat = Math.max(b.maxLat, lat);
    }
  }
  return b;
}

/** Fits `bounds` into a drawing `width` units wide, with `margin` units around it. */
export function fitProjection(bounds: Bounds, width: number, margin = 0): Projection {
  const shrink = Math.cos((((bounds.minLat + bounds.maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((bounds.maxLng - bounds.minLng) * shrink, 1e-6);
  const spanY = Math.max(bounds.maxLat - bounds.minLat, 1e-6);
  const scale = (width - 2 * margin) / spanX;
  const height = spanY * scale + 2 * margin;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    width,
    height: round(height),
    project: ([lng, lat]) => [
      round(margin + (lng - bounds.minLng) * shrink * scale),
      round(margin + (bounds.maxLat - lat) * scale),
    ],
  };
}

/** An SVG path for the rings of one area (outer rings and holes alike; even-odd filling). */
export function ringsToPath(rings: readonly Ring[], projection: Projection): string {
  return rings
    .map((ring) => ring.map((point, i) => `${i === 0 ? "M" : "L"}${projection.project(point).join(",")}`).join("") + "Z")
    .join("");
}

