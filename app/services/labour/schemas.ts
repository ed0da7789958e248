import { z } from "zod";
import { PLACEMENT_END_REASONS } from "~/domain/constants";
import { parseYuanToFen } from "~/domain/money";
import { CITIES } from "~/domain/geo/divisions";
import { calendarDateField, calendarDayField, graduationDateField, wholeNumberField, idField } from "~/utils/forms";

/**
 * Zod schemas of the labour-market forms, shared by the pages (field errors in
 * Chinese) and the services' callers. Money is entered in yuan and kept in fen.
 */

const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).trim().min(1, { error: `请填写${label}` }).max(max, { error: `${label}不能超过 ${max} 个字符` });

const wholeNumber = wholeNumberField;

/** Yuan as typed (4500, 4500.5, 4,500.50) → integer fen, without floating point. */
export const yuanAsFen = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .transform((s) => s.replace(/[,，]/g, ""))
    .refine((s) => /^\d{1,7}(\.\d{1,2})?$/.test(s), { error: `${label}应为金额（元），最多两位小数` })
    .transform((s) => parseYuanToFen(s)!);

const calendarDay = calendarDayField;
const calendarDate = calendarDateField;

const skillLevel = z.coerce.number().int().min(1, { error: "请选择技能等级" }).max(5, { error: "请选择技能等级" });

/** A list typed into one box: commas, 顿号, semicolons or spaces between items. */
const tagList = (label: string) =>
  z
    .string()
    .default("")
    .transform((s) => [...new Set(s.split(/[,，;；、\s]+/).map((t) => t.trim()).filter(Boolean))])
    .refine((tags) => tags.length <= 20, { error: `${label}最多 20 个` })
    .refine((tags) => tags.every((t) => t.length <= 20), { error: `每个${label}不能超过 20 个字符` });

export const CohortSchema = z.object({
  majorCode: z.string().regex(/^\d{6}$/, { error: "请选择专业" }),
  level: z.enum(["高职", "中职", "职业本科", "技工院校"], { error: "请选择层次" }),
  size: wholeNumber("人数", 1, 2000),
  expectedGraduation: graduationDateField("预计毕业日期"),
  trainingBaseId: idField.optional().or(z.literal("").transform(() => undefined)),
  skillsTaught: tagList("培训技能"),
  targetSkillLevel: skillLevel,
});
export type CohortInput = z.infer<typeof CohortSchema>;

export const JobSchema = z
  .object({
    title: text("岗位名称", 60),
    description: text("岗位描述", 2000),
    majorClasses: z
      .array(z.string().regex(/^\d{4}$/))
      .min(1, { error: "请至少选择一个专业类" })
      .max(10, { error: "最多选择 10 个专业类" }),
    skillLevelRequired: z.coerce.number().int().min(1).max(5).optional().or(z.literal("").transform(() => undefined)),
    wageMinFen: yuanAsFen("最低月薪"),
    wageMaxFen: yuanAsFen("最高月薪"),
    openings: wholeNumber("招聘人数", 1, 1000),
  })
  .refine((j) => j.wageMaxFen >= j.wageMinFen, { error: "最高月薪不能低于最低月薪", path: ["wageMaxFen"] });
export type JobInput = z.infer<typeof JobSchema>;

export const OrderSchema = z.object({
  title: text("订单名称", 60),
  majorCode: z.string().regex(/^\d{6}$/, { error: "请选择专业" }),
  skillTags: tagList("技能要求"),
  skillLevel,
  quantity: wholeNumber("需求人数", 1, 1000),
  startDate: calendarDate("开始日期"),
  wageFen: yuanAsFen("月薪"),
  collegeId: idField.optional().or(z.literal("").transform(() => undefined)),
});
export type OrderInput = z.infer<typeof OrderSchema>;

export const ProfileSchema = z.object({
  skillTags: tagList("技能标签"),
  preferredCities: z.array(z.enum(CITIES.map((c) => c.code) as [string, ...string[]], { error: "意向城市应为本省设区市" })).max(11),
  willingToRelocate: z.boolean(),
});
export type ProfileInput = z.infer<typeof ProfileSchema>;

export const CertificateSchema = z.object({
  name: text("证书名称", 60),
  level: skillLevel,
  issuedAt: calendarDate("发证日期"),
});
export type CertificateInput = z.infer<typeof CertificateSchema>;

export const OfferSchema = z.object({
  startDate: calendarDay("入职日期"),
  monthlyWageFen: yuanAsFen("月薪"),
  contractMonths: wholeNumber("劳动合同期限（月）", 1, 120),
  replyBy: calendarDay("答复期限"),
});

export const ConfirmPlacementSchema = z.object({
  contractMonths: wholeNumber("劳动合同期限（月）", 1, 120),
  insuredMonths: wholeNumber("社保缴纳月数", 0, 120),
});
export type ConfirmPlacementInput = z.infer<typeof ConfirmPlacementSchema>;

export const SeparationSchema = z.object({
  endedOn: calendarDay("离职日期"),
  endReason: z.enum(PLACEMENT_END_REASONS, { error: `离职原因应为：${PLACEMENT_END_REASONS.join("、")}` }),
});
