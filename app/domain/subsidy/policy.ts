import { z } from "zod";
import { SCHOOL_LEVELS } from "../constants";

/**
 * The subsidy policy (product.md §5.1) as data: one JSON document per PolicyVersion
 * row of kind "subsidy". Amounts are integer fen.
 */
const fen = (label: string) =>
  z.number({ error: `${label}必须是整数（分）` }).int({ error: `${label}必须是整数（分）` }).min(0, { error: `${label}不能为负数` }).max(100_000_000, { error: `${label}过大` });
const count = (label: string, max: number) =>
  z.number({ error: `${label}必须是整数` }).int({ error: `${label}必须是整数` }).min(0, { error: `${label}不能为负数` }).max(max, { error: `${label}不能超过 ${max}` });

export const SubsidyPolicySchema = z
  .object({
    eligibleSchoolLevels: z.array(z.enum(SCHOOL_LEVELS, { error: "未知的办学层次" })).min(1, { error: "至少选择一个可享受补贴的办学层次" }),
    graduationWindowYears: count("毕业年限", 10),
    minContractMonths: count("劳动合同最短月数", 120),
    minInsuredMonths: count("连续缴纳社保最短月数", 120),
    tuitionFen: z.partialRecord(z.enum(SCHOOL_LEVELS), fen("学费补贴金额")),
    livingFenPerMonth: fen("生活补贴月标准"),
    livingMaxMonths: count("生活补贴最多月数", 120),
    noticeWorkingDays: count("公示工作日数", 30),
    /** Worker training subsidies (product.md §12): fen per certificate level (5 初级工 … 1 高级技师) and the yearly limit per person; the defaults when absent. */
    workerTraining: z
      .object({
        amounts: z.partialRecord(z.enum(["1", "2", "3", "4", "5"]), fen("技能提升补贴金额")),
        maxPerYear: count("每人每年补贴次数", 12),
      })
      .optional(),
  })
  .superRefine((policy, ctx) => {
    for (const level of policy.eligibleSchoolLevels) {
      if (policy.tuitionFen[level] === undefined) {
        ctx.addIssue({ code: "custom", path: ["tuitionFen", level], message: `请填写${level}的学费补贴金额` });
      }
    }
  });
export type SubsidyPolicy = z.infer<typeof SubsidyPolicySchema>;

export const SUBSIDY_POLICY_KIND = "subsidy";

export const SUBSIDY_KINDS = ["tuition", "living"] as const;
export type SubsidyKind = (typeof SUBSIDY_KINDS)[number];
export const SUBSIDY_KIND_LABELS: Record<SubsidyKind, string> = { tuition: "学费补贴", living: "生活补贴" };

/** Every kind of claim the subsidy machinery handles: the graduate's two and the enterprise's worker training (ADR 160). */
export const CLAIM_KIND_LABELS: Record<string, string> = { ...SUBSIDY_KIND_LABELS, worker_training: "职业技能提升补贴" };
