import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  checkIdentityNumber,
  identityCheckChar,
  maskIdentityNumber,
  genderOfIdentityNumber,
} from "./identity-number";
import { checkCreditCode, creditCodeCheckChar, CREDIT_CODE_CHARSET } from "./credit-code";
import { checkSchoolCode } from "./school-code";
import { checkMobilePhone } from "./mobile-phone";

const TODAY = new Date(Date.UTC(2026, 10, 28));

/** Every single-character change of a valid code, keeping its alphabet. */
function oneCharChanges(valid: string, alphabet: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < valid.length; i++) {
    for (const ch of alphabet) {
      if (ch !== valid[i]) out.push(valid.slice(0, i) + ch + valid.slice(i + 1));
    }
  }
  return out;
}

describe("identity number (GB 11643)", () => {
  it.each(["11010519491231002X", "11010519491231002x"])("accepts %s (domain.md example)", (id) => {
    expect(checkIdentityNumber(id, TODAY)).toEqual({ ok: true });
  });

  it.each(["360622", "360727", "360105"])("accepts the retired division code %s", (division) => {
    const first17 = `${division}19900101123`;
    expect(checkIdentityNumber(first17 + identityCheckChar(first17), TODAY)).toEqual({ ok: true });
  });

  it.each([
    ["", "18位"],
    ["11010519491231002", "18位"],
    ["1101051949123100XX", "18位"],
    ["990105194912310023", "行政区划"],
    ["360199199001011234", "行政区划"],
    ["110105194902300021", "出生日期"],
    ["110105213001010021", "出生日期"],
    ["110105194912310021", "校验位"],
  ])("refuses %s with a reason about %s", (id, reason) => {
    const result = checkIdentityNumber(id, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("refuses every one-character change of the valid example", () => {
    for (const changed of oneCharChanges("11010519491231002X", "0123456789X")) {
      expect(checkIdentityNumber(changed, TODAY).ok, changed).toBe(false);
    }
  });

  it("accepts any Jiangxi number whose check character is computed", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("360102", "360622", "360783", "361181", "360727"),
        fc.date({ min: new Date("1960-01-01"), max: new Date("2010-12-31"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (division, birth, seq) => {
          const ymd = birth.toISOString().slice(0, 10).replaceAll("-", "");
          const first17 = `${division}${ymd}${String(seq).padStart(3, "0")}`;
          return checkIdentityNumber(first17 + identityCheckChar(first17), TODAY).ok;
        },
      ),
    );
  });

  it("masks all but the division prefix and the last four", () => {
    expect(maskIdentityNumber("36010219900101123X")).toBe("3601**********123X");
  });

  it.each([
    ["a 15-digit (first-generation) number", "360102900101123", "3601*******1123"],
    ["a number with a lower-case check letter", "36010219900101123x", "3601**********123x"],
    ["a 14-character cut-off number", "36010219900101", "**************"],
    ["a 10-character value", "3601021990", "**********"],
    ["a short value", "3601", "****"],
    ["an empty value", "", ""],
    ["spaces around a number", " 36010219900101123X ", " 360************23X "],
    ["full-width digits", "３６０１０２１９９００１０１１２３Ｘ", "３６０１**********１２３Ｘ"],
    ["characters outside the basic plane", "𠀀𠀁𠀂𠀃0102199001011𠀄𠀅𠀆𠀇", "𠀀𠀁𠀂𠀃*************𠀄𠀅𠀆𠀇"],
  ])("masks %s", (_label, input, masked) => {
    expect(maskIdentityNumber(input)).toBe(masked);
  });

  it("never shows more than the first and last four characters of any input, and nothing of one shorter than 15", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), (a, b) => {
        for (const input of [a, b]) {
          const chars = Array.from(input);
          const masked = Array.from(maskIdentityNumber(input));
          expect(masked).toHaveLength(chars.length);
          const shown = masked.flatMap((c, i) => (c === "*" ? [] : [i]));
          if (chars.length < 15) expect(masked.every((c) => c === "*")).toBe(true);
          for (const i of shown) {
            expect(i < 4 || i >= chars.length - 4).toBe(true);
            expect(masked[i]).toBe(chars[i]);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("reads the gender from the sequence number", () => {
    expect(genderOfIdentityNumber("11010519491231002X")).toBe("F");
    expect(genderOfIdentityNumber("110105194912310011")).toBe("M");
  });
});

describe("unified social credit code (GB 32100)", () => {
  it("accepts the domain.md example", () => {
    expect(checkCreditCode("91350100M000100Y43")).toEqual({ ok: true });
  });

  it("refuses every one-character change of the valid example", () => {
    for (const changed of oneCharChanges("91350100M000100Y43", CREDIT_CODE_CHARSET)) {
      expect(checkCreditCode(changed).ok, changed).toBe(false);
    }
  });

  it.each([
    ["91350100M000100Y4", "18位"],
    ["91350100M000100Y4I", "不允许的字符"],
    ["9135A100M000100Y43", "行政区划"],
  ])("refuses %s (%s)", (code, reason) => {
    const result = checkCreditCode(code);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("computes a check character that makes any body valid", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: 9, maxLength: 9 }),
        (org) => {
          const first17 = `91360100${org.join("")}`;
          return checkCreditCode(first17 + creditCodeCheckChar(first17)).ok;
        },
      ),
    );
  });
});

describe("school code and mobile phone", () => {
  it.each([
    ["4136000001", true],
    ["3636012345", true],
    ["413600000", false],
    ["5136000001", false],
    ["4199000001", false],
    ["41360000a1", false],
  ])("school code %s → %s", (code, ok) => {
    expect(checkSchoolCode(code).ok).toBe(ok);
  });

  it.each([
    ["13812345678", true],
    ["+86 138-1234-5678", true],
    ["19912345678", true],
    ["12812345678", false],
    ["1381234567", false],
    ["138123456789", false],
  ])("mobile %s → %s", (phone, ok) => {
    expect(checkMobilePhone(phone).ok).toBe(ok);
  });
});
