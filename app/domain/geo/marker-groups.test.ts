import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { centreOf, groupNearby } from "./marker-groups";

describe("groupNearby", () => {
  it("merges markers that would overlap and keeps distant ones apart", () => {
    const points = [
      { id: 1, x: 100, y: 100 },
      { id: 2, x: 105, y: 103 },
      { id: 3, x: 400, y: 400 },
    ];
    expect(groupNearby(points, 24).map((g) => g.map((p) => p.id))).toEqual([[1, 2], [3]]);
    expect(centreOf(groupNearby(points, 24)[0]!)).toEqual({ x: 102.5, y: 101.5 });
  });

  it("keeps every marker exactly once, and no two groups start closer than the radius", () => {
    const point = fc.record({ x: fc.integer({ min: 0, max: 1000 }), y: fc.integer({ min: 0, max: 1000 }) });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 60 }), (points) => {
        const groups = groupNearby(points, 24);
        expect(groups.flat()).toHaveLength(points.length);
        const heads = groups.map((g) => g[0]!);
        for (const [i, a] of heads.entries()) for (const b of heads.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(24);
      }),
    );
  });
});
