import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundsOf, fitProjection, ringsToPath } from "./projection";

const jiangxi = { minLng: 113.57, maxLng: 118.48, minLat: 24.49, maxLat: 30.08 };

describe("fitProjection", () => {
  it("puts the north-west corner top-left and the south-east corner bottom-right", () => {
    const p = fitProjection(jiangxi, 1000, 10);
    expect(p.project([113.57, 30.08])).toEqual([10, 10]);
    const [x, y] = p.project([118.48, 24.49]);
    expect(x).toBeCloseTo(990, 0);
    expect(y).toBeCloseTo(p.height - 10, 0);
  });

  it("keeps the province taller than wide once longitudes are shrunk by cos(latitude)", () => {
    const p = fitProjection(jiangxi, 1000);
    expect(p.height).toBeGreaterThan(1000);
  });

  it("places every point inside the bounds inside the drawing", () => {
    const p = fitProjection(jiangxi, 800, 20);
    fc.assert(
      fc.property(fc.double({ min: 113.57, max: 118.48, noNaN: true }), fc.double({ min: 24.49, max: 30.08, noNaN: true }), (lng, lat) => {
        const [x, y] = p.project([lng, lat]);
        expect(x).toBeGreaterThanOrEqual(19.9);
        expect(x).toBeLessThanOrEqual(780.1);
        expect(y).toBeGreaterThanOrEqual(19.9);
        expect(y).toBeLessThanOrEqual(p.height - 19.9);
      }),
    );
  });

  it("keeps east to the right and north up", () => {
    const p = fitProjection(jiangxi, 1000);
    expect(p.project([117, 28])[0]).toBeGreaterThan(p.project([115, 28])[0]);
    expect(p.project([115, 29])[1]).toBeLessThan(p.project([115, 27])[1]);
  });
});

describe("ringsToPath", () => {
  it("draws each ring as a closed path", () => {
    const ring = [[0, 1], [1, 1], [1, 0], [0, 1]] as const;
    const p = fitProjection(boundsOf([ring]), 100);
    expect(ringsToPath([ring], p)).toMatch(/^M0,0L\d+(\.\d)?,0L[\d.]+,[\d.]+L0,0Z$/);
  });
});
