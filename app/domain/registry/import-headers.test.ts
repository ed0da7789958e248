import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchHeaders, normaliseHeader, rowValues, splitCellList, type ImportColumn } from "./import-headers";

const columns: ImportColumn[] = [
  { key: "name", header: "名称", aliases: ["企业名称"], required: true, note: "" },
  { key: "creditCode", header: "统一社会信用代码", aliases: ["信用代码"], required: true, note: "" },
  { key: "phone", header: "联系电话", aliases: [], required: false, note: "" },
];

describe("matchHeaders", () => {
  it("accepts Chinese headers with marks and notes, and English aliases", () => {
    expect(matchHeaders(["*企业名称", "统一社会信用代码（必填）"], columns)).toEqual({
      ok: true,
      positions: { name: 0, creditCode: 1 },
    });
    expect(matchHeaders(["phone", "Credit Code", "NAME"], columns)).toEqual({
      ok: true,
      positions: { name: 2, creditCode: 1, phone: 0 },
    });
  });

  it("names every missing required column", () => {
    expect(matchHeaders(["联系电话"], columns)).toEqual({
      ok: false,
      reasons: ["缺少必填列“名称”", "缺少必填列“统一社会信用代码”"],
    });
  });

  it("ignores case, spaces and underscores", () => {
    fc.assert(
      fc.property(fc.constantFrom("creditCode", "credit_code", " CREDIT code ", "credit-code"), (h) => {
        expect(normaliseHeader(h)).toBe("creditcode");
      }),
    );
  });
});

describe("cells", () => {
  it("reads a row by position, trimmed, with absent cells empty", () => {
    expect(rowValues([" 甲公司 "], { name: 0, creditCode: 1 })).toEqual({ name: "甲公司", creditCode: "" });
  });

  it("splits lists on the separators people type", () => {
    expect(splitCellList("钳工、电工, 焊工；车工，,")).toEqual(["钳工", "电工", "焊工", "车工"]);
  });
});
