/**
 * Marker clustering for the province-wide map. Each group is drawn at the centre of
 * its members, so the rule is about those centres: while two groups' centres lie
 * closer than `size` along both axes (their square boxes of side `size` would
 * overlap on screen), the closest such pair merges and its centre is recomputed.
 * At the end no two drawn markers overlap. Deterministic (ties go to input order)
 * and pure; positions are in viewBox units.
 */
export type Positioned = { x: number; y: number };

/**
 * The grouping box at province zoom (viewBox units, the map 1000 wide). Each drawn
 * marker's link covers a square 2 units smaller than the box, so no two links overlap.
 * A desktop groups by 28 (a park marker is 20 across, a group 27). A phone draws the
 * map about 325 px across: it groups by 140, so each link is a square of about 45 px
 * to touch, and draws the markers 3 times as large.
 */
export const MARKER_BOXES = { desktop: 28, phone: 140 } as const;

/** The centre of a group of markers. */
export function centreOf(points: readonly Positioned[]): Positioned {
  return {
    x: points.reduce((sum, p) => sum + p.x, 0) / points.length,
    y: points.reduce((sum, p) => sum + p.y, 0) / points.length,
  };
}

/** How far apart two boxes' centres are along the axis where they are farthest apart (Chebyshev distance). */
function boxGap(a: Positioned, b: Positioned): number {
  return Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y));
}

export function groupNearby<T extends Positioned>(points: readonly T[], size: number): T[][] {
  const groups = points.map((p) => ({ centre: { x: p.x, y: p.y } as Positioned, members: [p] }));
  for (;;) {
    let best: { i: number; j: number; gap: number } | undefined;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const gap = boxGap(groups[i]!.centre, groups[j]!.centre);
        if (gap < size && (!best || gap < best.gap)) best = { i, j, gap };
      }
    }
    if (!best) return groups.map((g) => g.members);
    const into = groups[best.i]!;
    into.members.push(...groups[best.j]!.members);
    into.centre = centreOf(into.members);
    groups.splice(best.j, 1);
  }
}
