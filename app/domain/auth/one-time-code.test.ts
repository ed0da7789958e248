import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CODE_ALPHABET, CODE_LENGTH, formatCode, isCodeShaped, normalizeCode } from "./one-time-code";

describe("activation codes", () => {
  it.each([
    ["K7Q2-9XPM", true],
    ["k7q2 9xpm", true],
    ["K7Q29XPM", true],
    ["K7Q2-9XP", false],
    ["K0Q2-9XPM", false],
    ["K1Q2-9XPM", false],
    ["", false],
  ])("%j shaped like a code: %s", (raw, shaped) => {
    expect(isCodeShaped(raw)).toBe(shaped);
  });

  it("reads back the same code from how it is printed, typed in lower case or without the dash", () => {
    const code = fc.array(fc.constantFrom(...CODE_ALPHABET), { minLength: CODE_LENGTH, maxLength: CODE_LENGTH }).map((a) => a.join(""));
    fc.assert(
      fc.property(code, (c) => {
        const printed = formatCode(c);
        return normalizeCode(printed) === c && normalizeCode(printed.toLowerCase()) === c && isCodeShaped(` ${printed} `);
      }),
    );
  });
});
