import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeTrainingFund } from "./compute";
import type { Fraction } from "./decimal";
import { fenToYuanText, parseYuanToFen } from "~/domain/money";
import { formatFraction, formatPercent, multiplyHalfUp, parseDecimal, parseRatio } from "./decimal";
import { checkPayrollParts, withAdjustments } from "./payroll";
import { splitByLargestRemainder } from "./split";

const ratio = (text: string): Fraction => {
  const parsed = parseRatio(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};
const DEFAULT = { rate: ratio("0.025"), shareRatio: ratio("0.2") };

describe("parseDecimal / parseRatio", () => {
  it.each([
    ["0.025", 25n, 1000n],
    ["0.2", 2n, 10n],
    ["1", 1n, 1n],
    ["0", 0n, 1n],
    [" 0.50 ", 50n, 100n],
  ])("%s is the exact fraction %i/%i", (text, numerator, denominator) => {
    expect(parseRatio(text)).toEqual({ ok: true, value: { numerator, denominator } });
  });

  it.each(["", "abc", "-0.1", "1e-2", "2.5%", ".5", "0.", "0,025", "0.1234567890123"])("refuses %j", (text) => {
    expect(parseDecimal(text).ok).toBe(false);
  });

  it("refuses a ratio above 1", () => {
    expect(parseRatio("1.0001")).toEqual({ ok: false, reason: "不能大于 1" });
  });

  it("prints a fraction back as the shortest decimal and as a percentage", () => {
    expect(formatFraction(ratio("0.0250"))).toBe("0.025");
    expect(formatFraction(ratio("1"))).toBe("1");
    expect(formatPercent(ratio("0.025"))).toBe("2.5%");
    expect(formatPercent(ratio("0.2"))).toBe("20%");
  });
});

describe("parseYuanToFen", () => {
  it.each([
    ["1234.56", 123456],
    ["1,234.5", 123450],
    ["0", 0],
    ["12345678901", 1234567890100],
    ["0.07", 7],
  ])("%s yuan is %i fen", (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });

  it.each(["", "-1", "1.234", "abc", "1e5"])("refuses %j", (text) => {
    expect(parseYuanToFen(text)).toBeNull();
  });
});

describe("fenToYuanText", () => {
  it.each([
    [0, "0.00"],
    [7, "0.07"],
    [123456, "1234.56"],
    [-50001, "-500.01"],
  ])("%i fen → %s", (fen, text) => {
    expect(fenToYuanText(fen)).toBe(text);
  });

  it("reads back through parseYuanToFen", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 15 - 1 }), (fen) => parseYuanToFen(fenToYuanText(fen)) === fen));
  });
});

describe("multiplyHalfUp", () => {
  it.each([
    [100n, "0.025", 3n], // 2.5 fen: exactly half, rounds up
    [99n, "0.025", 2n], // 2.475
    [1_000_020n, "0.025", 25_001n], // 25000.5: exactly half
    [1_000_019n, "0.025", 25_000n], // 25000.475
    [2n, "0.25", 1n], // 0.5
    [1n, "0.25", 0n], // 0.25
    [0n, "0.025", 0n],
  ])("%i × %s = %i", (amount, rate, result) => {
    expect(multiplyHalfUp(amount, ratio(rate))).toBe(result);
  });

  it("is within half a fen of the exact product, and exact halves go up", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 1000 }), (amount, per1000) => {
        const fraction = { numerator: BigInt(per1000), denominator: 1000n };
        const rounded = multiplyHalfUp(amount, fraction);
        const twiceError = 2n * (rounded * 1000n - amount * fraction.numerator); // 2 × 1000 × (rounded − exact)
        return twiceError > -1000n && twiceError <= 1000n;
      }),
    );
  });
});

describe("computeTrainingFund: hand-computed cases", () => {
  it.each([
    {
      name: "the API example: ¥12,345,678.91, one college",
      payrollFen: 1_234_567_891,
      colleges: [{ code: "4136000001", placements: 5 }],
      feeFen: 30_864_197, // 30,864,197.275
      shareFen: 6_172_839, // 6,172,839.4
      parts: [["4136000001", 6_172_839]],
    },
    {
      name: "a fee ending in exactly half a fen rounds up",
      payrollFen: 1_000_020, // ¥10,000.20 × 2.5% = 25,000.5 fen
      colleges: [{ code: "4136000001", placements: 0 }],
      feeFen: 25_001,
      shareFen: 5_000, // 5,000.2
      parts: [["4136000001", 5_000]],
    },
    {
      name: "three colleges with no placements share equally; the odd fen goes to the lowest code",
      payrollFen: 40_000_000, // fee 1,000,000, share 200,000
      colleges: [
        { code: "4136000003", placements: 0 },
        { code: "3636000009", placements: 0 },
        { code: "4136000001", placements: 0 },
      ],
      feeFen: 1_000_000,
      shareFen: 200_000,
      parts: [
        ["3636000009", 66_667],
        ["4136000001", 66_667],
        ["4136000003", 66_666],
      ],
    },
    {
      name: "placements 3 : 1 split 1,001 fen into 750.75 and 250.25",
      payrollFen: 200_200, // fee 5,005, share 1,001
      colleges: [
        { code: "4136000002", placements: 1 },
        { code: "4136000001", placements: 3 },
      ],
      feeFen: 5_005,
      shareFen: 1_001,
      parts: [
        ["4136000001", 751],
        ["4136000002", 250],
      ],
    },
    {
      name: "a college with no placements gets nothing when another has some",
      payrollFen: 4_000_000,
      colleges: [
        { code: "4136000001", placements: 0 },
        { code: "4136000002", placements: 2 },
      ],
      feeFen: 100_000,
      shareFen: 20_000,
      parts: [
        ["4136000001", 0],
        ["4136000002", 20_000],
      ],
    },
    {
      name: "no paired college: fee and share, nobody to pay",
      payrollFen: 4_000_000,
      colleges: [],
      feeFen: 100_000,
      shareFen: 20_000,
      parts: [],
    },
  ])("$name", ({ payrollFen, colleges, feeFen, shareFen, parts }) => {
    const result = computeTrainingFund({ payrollFen, policy: DEFAULT, colleges });
    expect(result.feeFen).toBe(feeFen);
    expect(result.shareFen).toBe(shareFen);
    expect(result.allocations.map((a) => [a.code, a.amountFen])).toEqual(parts);
  });

  it("keeps each college's placements beside its part", () => {
    const result = computeTrainingFund({
      payrollFen: 200_200,
      policy: DEFAULT,
      colleges: [{ code: "4136000001", placements: 3 }],
    });
    expect(result.allocations).toEqual([{ code: "4136000001", amountFen: 1_001, placements: 3 }]);
  });

  it("uses the policy it is given, not the defaults", () => {
    const result = computeTrainingFund({
      payrollFen: 1_000_000,
      policy: { rate: ratio("0.015"), shareRatio: ratio("0.5") },
      colleges: [],
    });
    expect(result).toEqual({ feeFen: 15_000, shareFen: 7_500, allocations: [] });
  });

  it("refuses a negative or fractional payroll", () => {
    expect(() => computeTrainingFund({ payrollFen: -1, policy: DEFAULT, colleges: [] })).toThrow(RangeError);
    expect(() => computeTrainingFund({ payrollFen: 1.5, policy: DEFAULT, colleges: [] })).toThrow(RangeError);
  });
});

const recipients = fc.uniqueArray(
  fc.record({ code: fc.stringMatching(/^41360\d{5}$/), weight: fc.integer({ min: 0, max: 5_000 }) }),
  { minLength: 1, maxLength: 12, selector: (r) => r.code },
);

describe("splitByLargestRemainder: properties", () => {
  const amounts = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

  it("parts sum exactly to the amount and none is negative", () => {
    fc.assert(
      fc.property(amounts, recipients, (amount, rs) => {
        const parts = splitByLargestRemainder(amount, rs);
        expect(parts.reduce((s, p) => s + p.amountFen, 0)).toBe(amount);
        expect(parts.every((p) => p.amountFen >= 0)).toBe(true);
        expect(parts.map((p) => p.code).sort()).toEqual(rs.map((r) => r.code).sort());
      }),
    );
  });

  it("each part is within one fen of its exact proportional value", () => {
    fc.assert(
      fc.property(amounts, recipients, (amount, rs) => {
        const total = rs.reduce((s, r) => s + r.weight, 0);
        const weightOf = (code: string) => (total === 0 ? 1 : rs.find((r) => r.code === code)!.weight);
        const denominator = BigInt(total === 0 ? rs.length : total);
        for (const part of splitByLargestRemainder(amount, rs)) {
          // |part − amount × w / W| < 1  ⇔  |part × W − amount × w| < W
          const gap = BigInt(part.amountFen) * denominator - BigInt(amount) * BigInt(weightOf(part.code));
          expect(gap < denominator && gap > -denominator).toBe(true);
        }
      }),
    );
  });

  it("gives equal weights equal parts up to one fen, the extra fen to lower codes", () => {
    fc.assert(
      fc.property(amounts, fc.integer({ min: 1, max: 9 }), (amount, n) => {
        const rs = Array.from({ length: n }, (_, i) => ({ code: `413600000${9 - i}`, weight: 7 }));
        const parts = splitByLargestRemainder(amount, rs);
        const amountsInCodeOrder = parts.map((p) => p.amountFen);
        expect([...amountsInCodeOrder].sort((a, b) => b - a)).toEqual(amountsInCodeOrder);
        expect(amountsInCodeOrder[0]! - amountsInCodeOrder[n - 1]!).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("computeTrainingFund's allocations sum to its share for any payroll and policy", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 13 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 100 }),
        recipients,
        (payrollFen, ratePer1000, sharePercent, rs) => {
          const policy = {
            rate: { numerator: BigInt(ratePer1000), denominator: 1000n },
            shareRatio: { numerator: BigInt(sharePercent), denominator: 100n },
          };
          const colleges = rs.map((r) => ({ code: r.code, placements: r.weight }));
          const result = computeTrainingFund({ payrollFen, policy, colleges });
          expect(result.allocations.reduce((s, a) => s + a.amountFen, 0)).toBe(result.shareFen);
          expect(result.shareFen).toBeLessThanOrEqual(result.feeFen);
          expect(result.feeFen).toBeLessThanOrEqual(payrollFen);
        },
      ),
    );
  });
});

describe("payroll declarations", () => {
  it("accepts parts that add up to the total and refuses parts that do not", () => {
    expect(checkPayrollParts(300, {})).toBeNull();
    expect(checkPayrollParts(300, { timeWages: 200, bonuses: 100 })).toBeNull();
    expect(checkPayrollParts(300, { timeWages: 200, bonuses: 50 })).toBe("各组成部分合计 ¥2.50，与工资总额 ¥3.00 不一致");
  });

  it("shows each correction as an adjustment against the version before", () => {
    const versions = withAdjustments([
      { version: 2, payrollFen: 1_200 },
      { version: 1, payrollFen: 1_000 },
      { version: 3, payrollFen: 1_100 },
    ]);
    expect(versions.map((v) => [v.version, v.adjustmentFen])).toEqual([
      [1, null],
      [2, 200],
      [3, -100],
    ]);
  });
});
