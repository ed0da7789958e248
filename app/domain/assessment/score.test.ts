import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_INDICATOR_SETS, INDICATOR_IDS, IndicatorSetSchema, type IndicatorSet } from "./indicators";
import { MIN_RANKED_GRADUATES, scoreAndRank, scoreSubject, type IndicatorValues } from "./score";

const set: IndicatorSet = {
  items: [
    { indicator: "placement_rate", weight: 60, target: 8000, direction: "higher" },
    { indicator: "claim_decision_days", weight: 40, target: 10, direction: "lower" },
  ],
};

describe("scoreSubject (product.md §11: Σ weight × min(value ÷ target, 1) × 100)", () => {
  it.each<[string, IndicatorValues, number | null, (number | null)[]]>([
    ["both at target", { placement_rate: 8000, claim_decision_days: 10 }, 100, [60, 40]],
    ["above target is capped", { placement_rate: 9500, claim_decision_days: 2 }, 100, [60, 40]],
    ["half the placement rate, twice the days", { placement_rate: 4000, claim_decision_days: 20 }, 50, [30, 20]],
    ["no decision needed 0 days: full points (lower is better)", { placement_rate: 0, claim_decision_days: 0 }, 40, [0, 40]],
    ["an unmeasured indicator is left out and its weight shared", { placement_rate: 4000, claim_decision_days: null }, 50, [50, null]],
    ["nothing measured: no score", { placement_rate: null }, null, [null, null]],
    ["one third: rounded to hundredths", { placement_rate: 8000 / 3, claim_decision_days: 10 }, 60, [20, 40]],
  ])("%s", (_name, values, score, points) => {
    const result = scoreSubject(set, values);
    expect(result.score).toBe(score);
    expect(result.indicators.map((i) => i.points)).toEqual(points);
  });

  it("a zero-weight indicator shows its value but earns nothing", () => {
    const result = scoreSubject({ items: [...set.items, { indicator: "active_secondments", weight: 0, target: 2, direction: "higher" }] }, { placement_rate: 8000, claim_decision_days: 10, active_secondments: 5 });
    expect(result.score).toBe(100);
    expect(result.indicators[2]).toMatchObject({ value: 5, points: 0 });
  });
});

describe("scoreAndRank", () => {
  it("ranks by score, equal scores by key; fewer than 30 graduates shown but not ranked", () => {
    const rows = scoreAndRank(set, [
      { key: "3", name: "丙", graduates: 120, values: { placement_rate: 4000, claim_decision_days: 10 }, previousScore: 50 },
      { key: "1", name: "甲", graduates: 29, values: { placement_rate: 8000, claim_decision_days: 10 } },
      { key: "2", name: "乙", graduates: 30, values: { placement_rate: 4000, claim_decision_days: 10 } },
      { key: "4", name: "丁", graduates: 300, values: { placement_rate: 8000, claim_decision_days: 5 }, previousScore: 100 },
      { key: "5", name: "戊", graduates: 300, values: {} },
    ]);
    expect(rows.map((r) => [r.key, r.score, r.rank, r.unranked, r.change])).toEqual([
      ["4", 100, 1, null, 0],
      ["2", 70, 2, null, null],
      ["3", 70, 3, null, 20],
      ["1", 100, null, "few_graduates", null],
      ["5", null, null, "no_score", null],
    ]);
  });

  it("the default sets are valid and each weighs 100 in all", () => {
    for (const s of Object.values(DEFAULT_INDICATOR_SETS)) {
      expect(IndicatorSetSchema.parse(s)).toEqual(s);
      expect(s.items.reduce((sum, i) => sum + i.weight, 0)).toBe(100);
    }
  });
});

// ─── Properties ───

const setArb: fc.Arbitrary<IndicatorSet> = fc
  .uniqueArray(fc.constantFrom(...INDICATOR_IDS), { minLength: 1, maxLength: INDICATOR_IDS.length })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((indicator) =>
        fc.record({
          indicator: fc.constant(indicator),
          weight: fc.integer({ min: 0, max: 100 }),
          target: fc.integer({ min: 1, max: 10_000 }),
          direction: fc.constantFrom("higher" as const, "lower" as const),
        }),
      ),
    ),
  )
  .map((items) => ({ items }))
  .filter((s) => s.items.some((i) => i.weight > 0));
const valueArb = fc.option(fc.double({ min: 0, max: 20_000, noNaN: true }), { nil: null });
const valuesArb = fc.dictionary(fc.constantFrom(...INDICATOR_IDS), valueArb) as fc.Arbitrary<IndicatorValues>;

describe("properties", () => {
  it("a score is between 0 and 100", () => {
    fc.assert(
      fc.property(setArb, valuesArb, (s, values) => {
        const { score } = scoreSubject(s, values);
        return score === null || (score >= 0 && score <= 100);
      }),
    );
  });

  it("raising one indicator (in its better direction) never lowers the score", () => {
    fc.assert(
      fc.property(setArb, valuesArb, fc.nat(), fc.double({ min: 0, max: 5_000, noNaN: true }), (s, values, pick, step) => {
        const item = s.items[pick % s.items.length]!;
        const before = values[item.indicator];
        if (before === null || before === undefined) return true;
        const better = item.direction === "higher" ? before + step : Math.max(0, before - step);
        const a = scoreSubject(s, values).score!;
        const b = scoreSubject(s, { ...values, [item.indicator]: better }).score!;
        return b >= a;
      }),
    );
  });

  const subjectsArb = fc.array(
    fc.record({ graduates: fc.integer({ min: 0, max: 200 }), values: valuesArb }),
    { maxLength: 40 },
  );

  it("ranks are a permutation of 1…n over the ranked subjects, in score order", () => {
    fc.assert(
      fc.property(setArb, subjectsArb, (s, subjects) => {
        const rows = scoreAndRank(s, subjects.map((x, i) => ({ ...x, key: String(i).padStart(3, "0"), name: `单位${i}` })));
        const ranks = rows.filter((r) => r.rank !== null).map((r) => r.rank!);
        const sorted = [...ranks].sort((a, b) => a - b);
        if (!sorted.every((r, i) => r === i + 1)) return false;
        const byRank = rows.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
        return byRank.every((r, i) => i === 0 || byRank[i - 1]!.score! >= r.score!) && rows.length === subjects.length;
      }),
    );
  });

  it("the unranked rule: a subject is ranked exactly when it has a score and at least 30 graduates", () => {
    fc.assert(
      fc.property(setArb, subjectsArb, (s, subjects) => {
        const rows = scoreAndRank(s, subjects.map((x, i) => ({ ...x, key: String(i), name: `单位${i}` })));
        return rows.every((r) => (r.rank !== null) === (r.score !== null && r.graduates >= MIN_RANKED_GRADUATES));
      }),
    );
  });
});
