import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatWholeYuan, formatYuan } from "./money";

describe("formatYuan", () => {
  it.each([
    [0, "¥0.00"],
    [5, "¥0.05"],
    [300000, "¥3,000.00"],
    [123456789, "¥1,234,567.89"],
    [-50001, "-¥500.01"],
  ])("%i fen → %s", (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it("refuses amounts that are not whole fen", () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });

  it("reads back to the same number of fen", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        const text = formatYuan(fen).replace(/[¥,]/g, "");
        return Math.round(Number(text) * 100) === fen;
      }),
    );
  });
});

describe("formatWholeYuan", () => {
  it.each([
    [640_000, "¥6,400"],
    [161_050, "¥1,610.50"],
    [0, "¥0"],
    [-100, "-¥1"],
  ])("writes %i fen as %s", (fen, text) => {
    expect(formatWholeYuan(fen)).toBe(text);
  });
});
