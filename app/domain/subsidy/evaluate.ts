import type { SchoolLevel } from "../constants";
import type { SubsidyKind, SubsidyPolicy } from "./policy";

/** The facts a subsidy decision rests on (from a placement, or given to the dry-run API). */
export type SubsidyFacts = {
  schoolLevel: SchoolLevel;
  /** "YYYY-MM-DD" */
  graduationDate: string;
  /** "YYYY-MM-DD": the placement's start date. */
  hireDate: string;
  employerInProvincePark: boolean;
  contractMonths: number;
  insuredMonthsConsecutive: number;
  priorTuitionSubsidy: boolean;
  priorLivingSubsidy: boolean;
};

export const RULES = [
  "school_level",
  "graduation_window",
  "employer_in_park",
  "contract_months",
  "insured_months",
  "no_prior_tuition",
  "no_prior_living",
] as const;
export type RuleName = (typeof RULES)[number];

export type RuleResult = { rule: RuleName; passed: boolean; detail: string; appliesTo: SubsidyKind[] };
export type SubsidyDecision = { eligible: boolean; amountFen: number };
export type SubsidyEvaluation = {
  tuition: SubsidyDecision;
  living: SubsidyDecision & { months: number };
  rules: RuleResult[];
};

const BOTH: SubsidyKind[] = ["tuition", "living"];

/**
 * Evaluates both subsidies against a policy. Every rule is reported, passed or
 * failed, with its reason in Chinese; a subsidy is granted when all the rules that
 * apply to it pass. The living subsidy is paid per insured month, capped.
 */
export function evaluateSubsidy(facts: SubsidyFacts, policy: SubsidyPolicy): SubsidyEvaluation {
  const hireYear = Number(facts.hireDate.slice(0, 4));
  const graduationYear = Number(facts.graduationDate.slice(0, 4));
  const earliestYear = hireYear - policy.graduationWindowYears;
  const levelOk = policy.eligibleSchoolLevels.includes(facts.schoolLevel);
  const windowOk = graduationYear >= earliestYear && graduationYear <= hireYear;

  const rules: RuleResult[] = [
    {
      rule: "school_level",
      passed: levelOk,
      appliesTo: BOTH,
      detail: levelOk
        ? `办学层次「${facts.schoolLevel}」在补贴范围内`
        : `办学层次「${facts.schoolLevel}」不在补贴范围内（可享受：${policy.eligibleSchoolLevels.join("、")}）`,
    },
    {
      rule: "graduation_window",
      passed: windowOk,
      appliesTo: BOTH,
      detail: windowOk
        ? `${graduationYear} 年毕业，在 ${earliestYear}–${hireYear} 年毕业生范围内`
        : graduationYear > hireYear
          ? `${graduationYear} 年毕业，晚于入职年份 ${hireYear} 年`
          : `${graduationYear} 年毕业，早于 ${earliestYear} 年（入职当年及前 ${policy.graduationWindowYears} 年毕业才可享受）`,
    },
    {
      rule: "employer_in_park",
      passed: facts.employerInProvincePark,
      appliesTo: BOTH,
      detail: facts.employerInProvincePark ? "用人单位位于本省登记的工业园区" : "用人单位不在本省登记的工业园区内",
    },
    {
      rule: "contract_months",
      passed: facts.contractMonths >= policy.minContractMonths,
      appliesTo: BOTH,
      detail:
        facts.contractMonths >= policy.minContractMonths
          ? `劳动合同期限 ${facts.contractMonths} 个月，不少于 ${policy.minContractMonths} 个月`
          : `劳动合同期限 ${facts.contractMonths} 个月，少于 ${policy.minContractMonths} 个月`,
    },
    {
      rule: "insured_months",
      passed: facts.insuredMonthsConsecutive >= policy.minInsuredMonths,
      appliesTo: BOTH,
      detail:
        facts.insuredMonthsConsecutive >= policy.minInsuredMonths
          ? `已连续缴纳社保 ${facts.insuredMonthsConsecutive} 个月，不少于 ${policy.minInsuredMonths} 个月`
          : `已连续缴纳社保 ${facts.insuredMonthsConsecutive} 个月，不足 ${policy.minInsuredMonths} 个月`,
    },
    {
      rule: "no_prior_tuition",
      passed: !facts.priorTuitionSubsidy,
      appliesTo: ["tuition"],
      detail: facts.priorTuitionSubsidy ? "已享受过学费补贴（每人限享受一次）" : "此前未享受学费补贴",
    },
    {
      rule: "no_prior_living",
      passed: !facts.priorLivingSubsidy,
      appliesTo: ["living"],
      detail: facts.priorLivingSubsidy ? "已享受过生活补贴（每人限享受一次）" : "此前未享受生活补贴",
    },
  ];

  const eligibleFor = (kind: SubsidyKind) => rules.every((r) => r.passed || !r.appliesTo.includes(kind));
  const tuitionEligible = eligibleFor("tuition");
  const livingEligible = eligibleFor("living");
  const months = Math.min(facts.insuredMonthsConsecutive, policy.livingMaxMonths);
  return {
    tuition: { eligible: tuitionEligible, amountFen: tuitionEligible ? (policy.tuitionFen[facts.schoolLevel] ?? 0) : 0 },
    living: { eligible: livingEligible, amountFen: livingEligible ? months * policy.livingFenPerMonth : 0, months: livingEligible ? months : 0 },
    rules,
  };
}

