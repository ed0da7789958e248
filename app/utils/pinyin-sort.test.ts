import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { pinyinSortKey, withNameSort } from "./pinyin-sort";

const byKey = (names: string[], kind: "place" | "person" = "place") =>
  [...names].sort((a, b) => {
    const ka = pinyinSortKey(a, kind);
    const kb = pinyinSortKey(b, kind);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });

describe("pinyinSortKey", () => {
  it("orders provinces and cities by pinyin, reading polyphonic characters in their word", () => {
    expect(byKey(["广州", "重庆", "北京", "安徽"])).toEqual(["安徽", "北京", "重庆", "广州"]);
    // ICU's per-character zh collation puts 长沙 under zhang and 厦门 under sha.
    expect(byKey(["张家口", "长沙", "厦门", "深圳", "西安"])).toEqual(["长沙", "深圳", "西安", "厦门", "张家口"]);
  });

  it("reads a person's surname as a surname", () => {
    expect(pinyinSortKey("曾国藩", "person").startsWith("zeng1 ")).toBe(true);
    expect(pinyinSortKey("单雄信", "person").startsWith("shan4 ")).toBe(true);
    expect(byKey(["曾敏", "蔡伟", "单丽", "沈阳"], "person")).toEqual(["蔡伟", "单丽", "沈阳", "曾敏"]);
  });

  it("puts a name before its continuations and homophones in a fixed order", () => {
    expect(byKey(["安徽", "安", "昂"])).toEqual(["安", "安徽", "昂"]);
    expect(byKey(["章", "张"])).toEqual(["张", "章"]); // same zhang1: code point order
    expect(pinyinSortKey("ABC科技")).toBe("abc ke1 ji4\tABC科技");
  });

  it("is a total order consistent with the names: different names, different keys", () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
    fc.assert(
      fc.property(fc.array(han, { minLength: 1, maxLength: 4 }), fc.array(han, { minLength: 1, maxLength: 4 }), (a, b) => {
        const x = a.join("");
        const y = b.join("");
        if (x !== y) expect(pinyinSortKey(x)).not.toBe(pinyinSortKey(y));
        // one tab, between the reading and the name; a character without a reading stays itself
        expect(pinyinSortKey(x).split("\t")).toEqual([expect.not.stringMatching(/\t/), x]);
      }),
    );
  });
});

describe("withNameSort", () => {
  it("fills nameSort for the keyed models only", () => {
    expect(withNameSort("Park", { name: "北京园" })).toEqual({ name: "北京园", nameSort: pinyinSortKey("北京园") });
    expect(withNameSort("Account", { name: "x" })).toEqual({ name: "x" });
    expect(withNameSort("Park", { level: "national" })).toEqual({ level: "national" });
  });
});
