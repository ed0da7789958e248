import { z } from "zod";
import { parseRatio } from "./decimal";

/**
 * The training-fund policy document (PolicyVersion kind "training_fund", product.md §5.2
 * and §12): the fee rate and the colleges' share ratio as exact decimal strings, the
 * months after a statement at which each statement line falls due, and what happens to
 * the share of an enterprise whose park has no current pairing. Versions written before
 * the last two existed read with the defaults (3 months, held in a province pool).
 */
export const TRAINING_FUND_POLICY_KIND = "training_fund";

export const UNPAIRED_RULES = ["province_pool", "enterprise_retains"] as const;
export type UnpairedRule = (typeof UNPAIRED_RULES)[number];
export const UNPAIRED_RULE_LABELS: Record<UnpairedRule, string> = {
  province_pool: "暂存省级统筹池（待园区建立对接后分配）",
  enterprise_retains: "由企业留用于本企业职工培训",
};

const ratio = (label: string) =>
  z.string({ error: `${label}必须是小数字符串` }).superRefine((text, ctx) => {
    const parsed = parseRatio(text);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: `${label}${parsed.reason}` });
  });

export const TrainingFundPolicySchema = z.object({
  rate: ratio("培训经费提取比例"),
  shareRatio: ratio("院校分成比例"),
  dueMonths: z
    .number({ error: "应付期限必须是整数月" })
    .int({ error: "应付期限必须是整数月" })
    .min(0, { error: "应付期限不能为负数" })
    .max(24, { error: "应付期限不能超过 24 个月" })
    .default(3),
  unpairedRule: z.enum(UNPAIRED_RULES, { error: "请选择无对接院校时分成的处理方式" }).default("province_pool"),
});
export type TrainingFundPolicyData = z.infer<typeof TrainingFundPolicySchema>;

export const DEFAULT_TRAINING_FUND_POLICY: TrainingFundPolicyData = TrainingFundPolicySchema.parse({ rate: "0.025", shareRatio: "0.2" });
