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

  it("merges again when a group's centre lands on another marker", () => {
    // 1 and 2 merge first (10 apart); their centre (105) is then 23 from 3, inside the size.
    const points = [
      { id: 1, x: 100, y: 0 },
      { id: 2, x: 110, y: 0 },
      { id: 3, x: 128, y: 0 },
    ];
    expect(groupNearby(points, 24).map((g) => g.map((p) => p.id).sort())).toEqual([[1, 2, 3]]);
  });

  it("treats boxes touching diagonally as overlapping", () => {
    // 28 apart in a straight line but only 20 along each axis: the square boxes overlap.
    const points = [
      { id: 1, x: 0, y: 0 },
      { id: 2, x: 20, y: 20 },
    ];
    expect(groupNearby(points, 24)).toHaveLength(1);
  });

  it("keeps every marker exactly once, and no two drawn groups' boxes overlap", () => {
    const point = fc.record({ x: fc.integer({ min: 0, max: 1000 }), y: fc.integer({ min: 0, max: 1000 }) });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 80 }), (points) => {
        const groups = groupNearby(points, 24);
        expect(groups.flat()).toHaveLength(points.length);
        const centres = groups.map((g) => centreOf(g));
        for (const [i, a] of centres.entries())
          for (const b of centres.slice(i + 1)) expect(Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y))).toBeGreaterThanOrEqual(24);
      }),
    );
  });
});
