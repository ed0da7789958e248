import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, annualSlotKeys, evaluateWorkerTraining, freeAnnualSlot, insuredOn, workerTrainingGrantKey, type WorkerTrainingFacts } from "./worker-training";

const ok: WorkerTrainingFacts = {
  level: 4,
  certificateIssuedOn: "2026-06-01",
  certificateVerified: true,
  trainedAtBase: true,
  trainingEndedOn: "2026-05-20",
  insuredAtEnterprise: true,
  priorGrants: [],
};

describe("worker training subsidy rules (product.md §12)", () => {
  it.each([
    ["初级 ¥1,000", { level: 5 }, true, 100_000, null],
    ["中级 ¥1,500", { level: 4 }, true, 150_000, null],
    ["高级 ¥2,000", { level: 3 }, true, 200_000, null],
    ["技师: only by policy", { level: 2 }, false, 0, "level"],
    ["unverified certificate", { certificateVerified: false }, false, 0, "verified"],
    ["not trained at a park–school base", { trainedAtBase: false }, false, 0, "base"],
    ["certificate before the training ended", { trainingEndedOn: "2026-06-02" }, false, 0, "after_training"],
    ["not insured at the enterprise", { insuredAtEnterprise: false }, false, 0, "insured"],
    ["once per person per level", { priorGrants: [{ level: 4, year: 2024 }] }, false, 0, "once_per_level"],
    ["a different level earlier is fine", { priorGrants: [{ level: 5, year: 2025 }] }, true, 150_000, null],
    ["at most three a year", { level: 3, priorGrants: [{ level: 5, year: 2026 }, { level: 4, year: 2026 }, { level: 2, year: 2026 }] }, false, 0, "per_year"],
    ["three last year do not count", { level: 3, priorGrants: [{ level: 5, year: 2025 }, { level: 4, year: 2025 }, { level: 2, year: 2025 }] }, true, 200_000, null],
  ] as const)("%s", (_label, change, eligible, amountFen, failed) => {
    const result = evaluateWorkerTraining({ ...ok, ...change } as WorkerTrainingFacts);
    expect(result.eligible).toBe(eligible);
    expect(result.amountFen).toBe(amountFen);
    expect(result.rules.filter((r) => !r.passed).map((r) => r.rule)).toEqual(failed ? [failed] : []);
  });

  it("技师 is subsidised once the policy sets its amount", () => {
    expect(evaluateWorkerTraining({ ...ok, level: 2 }, { amounts: { 2: 300_000 }, maxPerYear: 3 })).toMatchObject({ eligible: true, amountFen: 300_000 });
  });

  it("explains every rule, and pays only when every rule passes", () => {
    const facts = fc.record({
      level: fc.integer({ min: 1, max: 5 }),
      certificateIssuedOn: fc.constantFrom("2026-01-15", "2026-06-01"),
      certificateVerified: fc.boolean(),
      trainedAtBase: fc.boolean(),
      trainingEndedOn: fc.option(fc.constantFrom("2026-01-01", "2026-03-01"), { nil: null }),
      insuredAtEnterprise: fc.boolean(),
      priorGrants: fc.array(fc.record({ level: fc.integer({ min: 1, max: 5 }), year: fc.constantFrom(2025, 2026) }), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(facts, (f) => {
        const r = evaluateWorkerTraining(f);
        expect(r.rules).toHaveLength(7);
        expect(r.eligible).toBe(r.rules.every((x) => x.passed));
        if (r.eligible) {
          expect(r.amountFen).toBeGreaterThan(0);
          expect(f.priorGrants.some((g) => g.level === f.level)).toBe(false);
          expect(f.priorGrants.filter((g) => g.year === 2026 && f.certificateIssuedOn.startsWith("2026")).length).toBeLessThan(3);
        } else expect(r.amountFen).toBe(0);
        for (const rule of r.rules) expect(rule.detail.length).toBeGreaterThan(0);
      }),
    );
  });

  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2026-11-15", 3, "2027-02-15"],
    ["2026-05-10", 0, "2026-05-10"],
    ["2026-05-10", 24, "2028-05-10"],
  ] as const)("addMonths(%s, %i) = %s", (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });

  it.each([
    ["on the first insured day", "2026-01-10", 6, "2026-01-10", true],
    ["before insurance began", "2026-01-10", 6, "2026-01-09", false],
    ["on the last insured day", "2026-01-10", 6, "2026-07-09", true],
    ["after the insured months", "2026-01-10", 6, "2026-07-10", false],
    ["no months paid", "2026-01-10", 0, "2026-01-10", false],
  ] as const)("insured on the certificate's day: %s", (_label, insuredFrom, insuredMonths, day, expected) => {
    expect(insuredOn({ insuredFrom, insuredMonths, day })).toBe(expected);
  });

  it("one grant key per person and level; yearly slots 1 … limit, the first free one taken", () => {
    expect(workerTrainingGrantKey("h", 4)).toBe("h:worker_training:4");
    expect(workerTrainingGrantKey("h", 4)).not.toBe(workerTrainingGrantKey("h", 3));
    const keys = annualSlotKeys("h", 2026, 3);
    expect(keys).toEqual(["h:2026:1", "h:2026:2", "h:2026:3"]);
    expect(freeAnnualSlot(keys, new Set(["h:2026:1"]))).toBe("h:2026:2");
    expect(freeAnnualSlot(keys, new Set(keys))).toBeNull();
    expect(annualSlotKeys("h", 2027, 3)).not.toContain("h:2026:1");
  });

  it("taking free slots one by one never yields more than the yearly limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 10 }), (limit, attempts) => {
        const keys = annualSlotKeys("h", 2026, limit);
        const taken = new Set<string>();
        for (let i = 0; i < attempts; i++) {
          const slot = freeAnnualSlot(keys, taken);
          if (slot) taken.add(slot);
        }
        expect(taken.size).toBe(Math.min(limit, attempts));
      }),
    );
  });

  it("insured on a day is the same as lying in [insuredFrom, insuredFrom + months)", () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 36 }), day, (from, months, d) => {
        const inside = insuredOn({ insuredFrom: from, insuredMonths: months, day: d });
        expect(inside).toBe(months > 0 && from <= d && d < addMonths(from, months));
        if (months > 0) expect(insuredOn({ insuredFrom: from, insuredMonths: months, day: from })).toBe(true);
      }),
    );
  });
});
