import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateWorkerTraining, type WorkerTrainingFacts } from "./worker-training";

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
});
