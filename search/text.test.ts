import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bigrams, cropHighlighted, foldChinese, foldForMatching, foldWidth, soundAlike, highlight, indexTerms, piecesFromMarkers, tokenize, typoDistance } from "./text";

describe("text for the embedded engine", () => {
  it("folds full-width letters, digits and spaces to half-width, one character for one", () => {
    expect(foldWidth("ＰＬＣ　１２３ａｂ")).toBe("PLC 123ab");
    expect(foldWidth("数控技术")).toBe("数控技术");
  });

  it("folds traditional characters to simplified ones, one for one (OpenCC)", () => {
    expect(foldChinese("電工 數控 維修 臺灣 後勤")).toBe("电工 数控 维修 台湾 后勤");
    expect(foldChinese("数控 PLC")).toBe("数控 PLC");
    expect(indexTerms("數控技術")).toBe(indexTerms("数控技术"));
    expect(highlight("維修電工", ["电工"])).toEqual([{ text: "維修", match: false }, { text: "電工", match: true }]);
  });

  it("folds for matching in one pass exactly as width, case and traditional folding one after another", () => {
    const reference = (text: string) => foldChinese(foldWidth(text).replace(/[A-Z]/g, (ch) => ch.toLowerCase()));
    expect(foldForMatching("ＰＬＣ編程　AutoCAD 數控")).toBe("plc编程 autocad 数控");
    expect(foldForMatching("数控技术")).toBe("数控技术");
    const pieces = fc.constantFrom("A", "z", "Ｐ", "ｃ", "１", "　", " ", "電", "數", "电", "工", "後", "𠀀", "\ud800", "é", "⺀", "臺");
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.array(pieces).map((a) => a.join(""))), (text) => {
        expect(foldForMatching(text)).toBe(reference(text));
        expect(foldForMatching(text).length).toBe(text.length);
      }),
      { numRuns: 500 },
    );
  });

  it("knows characters that sound alike, tones aside (pinyin-pro)", () => {
    expect(soundAlike("空", "控")).toBe(true);
    expect(soundAlike("原", "源")).toBe(true);
    expect(soundAlike("行", "航")).toBe(true);
    expect(soundAlike("空", "据")).toBe(false);
  });

  it("splits Chinese runs from words and lower-cases words", () => {
    expect(tokenize("熟悉ＰＬＣ编程、AutoCAD 2024")).toEqual([
      { kind: "han", text: "熟悉" },
      { kind: "word", text: "plc" },
      { kind: "han", text: "编程" },
      { kind: "word", text: "autocad" },
      { kind: "word", text: "2024" },
    ]);
    expect(tokenize("，。！？……")).toEqual([]);
  });

  it("indexes Chinese as overlapping pairs plus the last character", () => {
    expect(bigrams("数控技术")).toEqual(["数控", "控技", "技术"]);
    expect(indexTerms("数控技术 PLC")).toBe("数控 控技 技术 术 plc");
    expect(indexTerms("焊")).toBe("焊");
  });

  it("counts typos, a swap of neighbours being one", () => {
    expect(typoDistance("plcc", "plc", 1)).toBe(1);
    expect(typoDistance("autocda", "autocad", 1)).toBe(1);
    expect(typoDistance("plc", "cnc", 1)).toBe(2);
  });

  it("never loses or reorders text when highlighting", () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 3 }), (text, needles) => {
        expect(
          highlight(text, needles)
            .map((p) => p.text)
            .join(""),
        ).toBe(text);
      }),
    );
  });

  it("highlights Latin words only at a word start, Chinese anywhere, ignoring width and case", () => {
    expect(highlight("会用ＡｕｔｏＣＡＤ，懂CAD", ["autocad", "cad"]).filter((p) => p.match).map((p) => p.text)).toEqual([
      "ＡｕｔｏＣＡＤ",
      "CAD",
    ]);
    expect(highlight("中国农业发展银行", ["农业"])).toEqual([
      { text: "中国", match: false },
      { text: "农业", match: true },
      { text: "发展银行", match: false },
    ]);
  });

  it("reads Meilisearch's marked text", () => {
    expect(piecesFromMarkers("中国\u0001农业\u0002银行", "\u0001", "\u0002")).toEqual([
      { text: "中国", match: false },
      { text: "农业", match: true },
      { text: "银行", match: false },
    ]);
  });

  it("crops long text around the first match", () => {
    const text = `${"甲".repeat(100)}数控${"乙".repeat(100)}`;
    const cropped = cropHighlighted(highlight(text, ["数控"]), 40);
    expect(cropped.find((p) => p.match)?.text).toBe("数控");
    expect(cropped[0]).toEqual({ text: "…", match: false });
    expect(cropped.map((p) => p.text).join("").length).toBeLessThanOrEqual(42);
  });
});
