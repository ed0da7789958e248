import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStrictJson } from "./strict-json";

describe("parseStrictJson: numbers as written", () => {
  it.each([
    ['{"monthlyWageFen": 1e2}', "monthlyWageFen", "1e2"],
    ['{"monthlyWageFen": 1E+2}', "monthlyWageFen", "1E+2"],
    ['{"contractMonths": 0x10}', "contractMonths", "0x10"],
    ['{"a": {"b": [1, 2, 3e0]}}', "a.b.2", "3e0"],
    ['{"candidates": [{"score": 1}, {"score": .5}]}', "candidates.1.score", ".5"],
    ['{"jobId": 016}', "jobId", "016"],
    ['{"jobId": +1}', "jobId", "+1"],
    ['{"x\\"y": 1.}', 'x"y', "1."],
    ["[1, -Infinity]", "1", "-Infinity"],
    ["1e2", "body", "1e2"],
  ])("refuses %s naming %s", (text, field, token) => {
    const read = parseStrictJson(text);
    expect(read).toMatchObject({ ok: false, field });
    expect(!read.ok && read.message).toContain(`数字「${token}」写法无效`);
  });

  it("reads plain numbers, and ignores look-alikes inside strings", () => {
    expect(parseStrictJson('{"a": -12, "b": 0.25, "c": "1e2", "d": [0, 10], "e": null, "f": true}')).toEqual({
      ok: true,
      value: { a: -12, b: 0.25, c: "1e2", d: [0, 10], e: null, f: true },
    });
  });

  it("reports other syntax errors as Chinese JSON errors on the body", () => {
    expect(parseStrictJson('{"a": 1,}')).toMatchObject({ ok: false, field: "body" });
    expect(parseStrictJson('{"a": 1,}')).toMatchObject({ message: expect.stringContaining("请求体不是有效的 JSON") });
    expect(parseStrictJson("")).toEqual({ ok: false, field: "body", message: "请求体为空，应为 JSON 对象" });
  });

  it("reads whatever JSON.stringify writes of plain values exactly as JSON.parse does", () => {
    const plain = fc.jsonValue().filter((v) => !/\d[eE]/.test(JSON.stringify(v) ?? ""));
    fc.assert(
      fc.property(plain, (value) => {
        const text = JSON.stringify(value);
        expect(parseStrictJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
      }),
    );
  });
});
