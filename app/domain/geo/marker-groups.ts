/**
 * Marker clustering for the province-wide map: markers whose positions lie within
 * `radius` of a group's first marker join that group, so no two drawn markers
 * overlap. Deterministic (input order) and pure; positions are in viewBox units.
 */
export type Positioned = { x: number; y: number };

export function groupNearby<T extends Positioned>(points: readonly T[], radius: number): T[][] {
  const groups: { x: number; y: number; members: T[] }[] = [];
  for (const point of points) {
    const home = groups.find((g) => Math.hypot(g.x - point.x, g.y - point.y) < radius);
    if (home) home.members.push(point);
    else groups.push({ x: point.x, y: point.y, members: [point] });
  }
  return groups.map((g) => g.members);
}

/** The centre of a group of markers. */
export function centreOf(points: readonly Positioned[]): Positioned {
  return {
    x: points.reduce((sum, p) => sum + p.x, 0) / points.length,
    y: points.reduce((sum, p) => sum + p.y, 0) / points.length,
  };
}
