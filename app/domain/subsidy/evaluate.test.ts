import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SCHOOL_LEVELS } from "../constants";
import { evaluateSubsidy, type SubsidyFacts } from "./evaluate";
import { SubsidyPolicySchema, type SubsidyPolicy } from "./policy";

/** The default policy of product.md §5.1, as the demo data seeds it. */
const POLICY: SubsidyPolicy = SubsidyPolicySchema.parse({
  eligibleSchoolLevels: ["高职", "中职"],
  graduationWindowYears: 2,
  minContractMonths: 12,
  minInsuredMonths: 3,
  tuitionFen: { 高职: 300000, 中职: 200000 },
  livingFenPerMonth: 50000,
  livingMaxMonths: 6,
  noticeWorkingDays: 5,
});

const FACTS: SubsidyFacts = {
  schoolLevel: "高职",
  graduationDate: "2026-06-30",
  hireDate: "2026-07-15",
  employerInProvincePark: true,
  contractMonths: 12,
  insuredMonthsConsecutive: 3,
  priorTuitionSubsidy: false,
  priorLivingSubsidy: false,
};

const failed = (facts: Partial<SubsidyFacts>) =>
  evaluateSubsidy({ ...FACTS, ...facts }, POLICY).rules.filter((r) => !r.passed).map((r) => r.rule);

describe("evaluateSubsidy at every boundary of the default policy", () => {
  it.each([
    ["graduated in the hire year", { graduationDate: "2026-06-30" }, true, 300000, true, 150000],
    ["graduated hire year − 2", { graduationDate: "2024-06-30", hireDate: "2026-03-01" }, true, 300000, true, 150000],
    ["graduated hire year − 3", { graduationDate: "2023-06-30", hireDate: "2026-03-01" }, false, 0, false, 0],
    ["graduated after the hire year", { graduationDate: "2027-06-30" }, false, 0, false, 0],
    ["contract 11 months", { contractMonths: 11 }, false, 0, false, 0],
    ["contract 12 months", { contractMonths: 12 }, true, 300000, true, 150000],
    ["insured 2 months", { insuredMonthsConsecutive: 2 }, false, 0, false, 0],
    ["insured 3 months", { insuredMonthsConsecutive: 3 }, true, 300000, true, 150000],
    ["insured 6 months: living at the cap", { insuredMonthsConsecutive: 6 }, true, 300000, true, 300000],
    ["insured 7 months: living still 6 months", { insuredMonthsConsecutive: 7 }, true, 300000, true, 300000],
    ["中职 tuition is 2,000 yuan", { schoolLevel: "中职" as const }, true, 200000, true, 150000],
    ["技工院校 is off by default", { schoolLevel: "技工院校" as const }, false, 0, false, 0],
    ["职业本科 is not in the default list", { schoolLevel: "职业本科" as const }, false, 0, false, 0],
    ["employer outside the province's parks", { employerInProvincePark: false }, false, 0, false, 0],
    ["tuition already granted once", { priorTuitionSubsidy: true }, false, 0, true, 150000],
    ["living already granted once", { priorLivingSubsidy: true }, true, 300000, false, 0],
  ])("%s", (_name, facts, tuitionOk, tuitionFen, livingOk, livingFen) => {
    const result = evaluateSubsidy({ ...FACTS, ...facts }, POLICY);
    expect(result.tuition).toEqual({ eligible: tuitionOk, amountFen: tuitionFen });
    expect({ eligible: result.living.eligible, amountFen: result.living.amountFen }).toEqual({
      eligible: livingOk,
      amountFen: livingFen,
    });
  });

  it("names the failing rule with a Chinese reason", () => {
    expect(failed({ contractMonths: 11 })).toEqual(["contract_months"]);
    expect(failed({ insuredMonthsConsecutive: 2 })).toEqual(["insured_months"]);
    expect(failed({ graduationDate: "2023-06-30", hireDate: "2026-03-01" })).toEqual(["graduation_window"]);
    const rule = evaluateSubsidy({ ...FACTS, contractMonths: 11 }, POLICY).rules.find((r) => r.rule === "contract_months");
    expect(rule?.detail).toBe("劳动合同期限 11 个月，少于 12 个月");
    const window = evaluateSubsidy({ ...FACTS, graduationDate: "2023-06-30", hireDate: "2026-03-01" }, POLICY).rules[1];
    expect(window?.detail).toContain("早于 2024 年");
  });

  it("reports every rule, passed ones too", () => {
    const result = evaluateSubsidy(FACTS, POLICY);
    expect(result.rules.map((r) => r.rule)).toEqual([
      "school_level",
      "graduation_window",
      "employer_in_park",
      "contract_months",
      "insured_months",
      "no_prior_tuition",
      "no_prior_living",
    ]);
    expect(result.rules.every((r) => r.passed && r.detail.length > 0)).toBe(true);
  });

  it("applies the amounts of the policy it is given", () => {
    const richer = { ...POLICY, tuitionFen: { 高职: 400000, 中职: 250000 }, livingFenPerMonth: 60000, livingMaxMonths: 3 };
    const result = evaluateSubsidy({ ...FACTS, insuredMonthsConsecutive: 5 }, richer);
    expect(result.tuition.amountFen).toBe(400000);
    expect(result.living.amountFen).toBe(180000);
  });
});

const factsArb = fc.record({
  schoolLevel: fc.constantFrom(...SCHOOL_LEVELS),
  graduationDate: fc.integer({ min: 2015, max: 2030 }).map((y) => `${y}-06-30`),
  hireDate: fc.integer({ min: 2015, max: 2030 }).map((y) => `${y}-09-01`),
  employerInProvincePark: fc.boolean(),
  contractMonths: fc.integer({ min: 0, max: 60 }),
  insuredMonthsConsecutive: fc.integer({ min: 0, max: 60 }),
  priorTuitionSubsidy: fc.boolean(),
  priorLivingSubsidy: fc.boolean(),
});

describe("evaluateSubsidy properties", () => {
  it("grants nothing above the policy's caps and nothing when a rule fails", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const r = evaluateSubsidy(facts, POLICY);
        const sharedFailed = r.rules.some((x) => !x.passed && x.appliesTo.length === 2);
        if (sharedFailed) return !r.tuition.eligible && !r.living.eligible && r.tuition.amountFen === 0 && r.living.amountFen === 0;
        return (
          r.living.amountFen <= POLICY.livingFenPerMonth * POLICY.livingMaxMonths &&
          r.tuition.amountFen <= 300000 &&
          r.tuition.eligible === !facts.priorTuitionSubsidy &&
          r.living.eligible === !facts.priorLivingSubsidy
        );
      }),
    );
  });

  it("never grants less for more insured months", () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 1, max: 12 }), (facts, more) => {
        const before = evaluateSubsidy(facts, POLICY).living.amountFen;
        const after = evaluateSubsidy({ ...facts, insuredMonthsConsecutive: facts.insuredMonthsConsecutive + more }, POLICY).living.amountFen;
        return after >= before;
      }),
    );
  });
});
