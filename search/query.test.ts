import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meilisearchQuery, parseQuery } from "./query";

const shape = (q: string) => parseQuery(q).map((p) => `${p.negated ? "-" : ""}${p.phrase ? "phrase" : "word"}:${p.tokens.map((t) => t.text).join("+")}`);

describe("query syntax shared by both engines", () => {
  it("reads words, phrases and exclusions as Meilisearch does", () => {
    expect(shape("数控 -南昌")).toEqual(["word:数控", "-word:南昌"]);
    expect(shape('"西门子 PLC" 调试')).toEqual(["phrase:西门子+plc", "word:调试"]);
    expect(shape('-"劳务 派遣" 焊工')).toEqual(["-phrase:劳务+派遣", "word:焊工"]);
    expect(shape("“低压电工证”")).toEqual(["phrase:低压电工证"]);
    expect(shape("「數控」")).toEqual(["phrase:数控"]);
    expect(shape("PLC编程")).toEqual(["word:plc", "word:编程"]);
    expect(shape("南昌-九江")).toEqual(["word:南昌", "word:九江"]);
    expect(shape('"未闭合的 引号')).toEqual(["phrase:未闭合的+引号"]);
    expect(shape("- 电工 --")).toEqual(["word:电工"]);
    expect(shape('"" -')).toEqual([]);
    // Radicals are Han script but symbols, not words (found by the property below).
    expect(shape("⺀ 数控⿰")).toEqual(["word:数控"]);
  });

  it("sends Meilisearch the same query with quotes normalised and traditional characters folded", () => {
    expect(meilisearchQuery("數控 -南昌")).toBe("数控 -南昌");
    expect(meilisearchQuery("“電工 證”")).toBe('"电工 证"');
    expect(meilisearchQuery('a"b')).toBe('a "b"');
  });

  it("never yields a token carrying syntax, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (q) => {
        for (const part of parseQuery(q)) for (const token of part.tokens) expect(token.text).toMatch(/^[\p{L}\p{N}]+$/u);
        expect(meilisearchQuery(q).split('"').length % 2).toBe(1);
      }),
    );
  });
});
