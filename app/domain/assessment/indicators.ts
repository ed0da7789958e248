import { z } from "zod";

/**
 * Assessment (考核评估, product.md §11): the indicators a scorecard can use, and the
 * indicator set — a versioned policy per subject type (PolicyVersion kind
 * "indicators:park" | "indicators:college" | "indicators:city") naming which
 * indicators count, with weight, target and direction. Pure: no database, no clock.
 */

export const SUBJECT_TYPES = ["park", "college", "city"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export const SUBJECT_LABELS: Record<SubjectType, string> = { park: "园区", college: "院校", city: "设区市" };

export const INDICATOR_IDS = [
  "placement_rate",
  "relevance_rate",
  "retention6_rate",
  "order_fill_rate",
  "base_use_rate",
  "active_secondments",
  "fund_on_time_rate",
  "claim_decision_days",
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];
/** bp: basis points of a rate (0…10000 = 0…100%); count: a number of people; days: a mean number of days. */
export type IndicatorUnit = "bp" | "count" | "days";
export type Direction = "higher" | "lower";

export type IndicatorDef = { id: IndicatorId; label: string; unit: IndicatorUnit; direction: Direction; definition: string };

export const INDICATORS: Record<IndicatorId, IndicatorDef> = {
  placement_rate: {
    id: "placement_rate",
    label: "就业率",
    unit: "bp",
    direction: "higher",
    definition: "已就业 ÷ 可就业毕业生（与就业报表同口径：统计期末前已毕业且期初前未就业者中，统计期内首次就业的比例；园区为其对接院校的毕业生在本园区就业的比例）",
  },
  relevance_rate: {
    id: "relevance_rate",
    label: "专业对口率",
    unit: "bp",
    direction: "higher",
    definition: "统计期内新增就业者中，岗位与所学专业对口者所占比例（同一人只计一次）",
  },
  retention6_rate: {
    id: "retention6_rate",
    label: "6个月留存率",
    unit: "bp",
    direction: "higher",
    definition: "统计期内新增就业者中，到评分生成日已满 6 个月者里届时仍在该岗位者所占比例（由就业记录的离职日期计算；尚无满 6 个月者时为“—”，不计分）",
  },
  order_fill_rate: {
    id: "order_fill_rate",
    label: "订单完成率",
    unit: "bp",
    direction: "higher",
    definition: "统计期内开始的订单到岗人数 ÷ 订单需求人数",
  },
  base_use_rate: {
    id: "base_use_rate",
    label: "实训基地使用率",
    unit: "bp",
    direction: "higher",
    definition: "统计期内毕业、在本单位实训基地培养的毕业生人数 ÷ 这些基地的培养容量（容量按年计，季度按四分之一）",
  },
  active_secondments: {
    id: "active_secondments",
    label: "在岗双向挂职人数",
    unit: "count",
    direction: "higher",
    definition: "统计期内任一天在岗的双向挂职人员数（园区、设区市按挂职企业所在园区计，院校按本院校计）",
  },
  fund_on_time_rate: {
    id: "fund_on_time_rate",
    label: "经费分成按期到账率",
    unit: "bp",
    direction: "higher",
    definition: "统计期内到期的培训经费分成（各年度结算单的每一行，企业按政策留用的除外）中，到期日当天或之前付款并经收款方确认到账的金额 ÷ 应付金额；待确认或有异议的付款不计，多付不抵其他行；园区、设区市按付款企业所在地计，院校按收款院校计（统计期内没有到期的分成时为“—”，不计分）",
  },
  claim_decision_days: {
    id: "claim_decision_days",
    label: "补贴审核平均天数",
    unit: "days",
    direction: "lower",
    definition: "统计期内人社局批准的补贴申请（毕业生学费、生活补贴和企业职工技能提升补贴），从申请生成到作出批准决定的平均天数；园区、设区市两类都计，院校只计本校毕业生的申请（越少越好，得分＝目标 ÷ 实际）",
  },
};

const IndicatorItemSchema = z.object({
  indicator: z.enum(INDICATOR_IDS, { error: "未知的考核指标" }),
  weight: z.number({ error: "权重必须是数字" }).int({ error: "权重必须是整数" }).min(0, { error: "权重不能为负数" }).max(100, { error: "权重不能超过 100" }),
  target: z.number({ error: "目标值必须是数字" }).positive({ error: "目标值必须大于 0" }).max(1_000_000, { error: "目标值过大" }),
  direction: z.enum(["higher", "lower"], { error: "方向应为越高越好或越低越好" }),
});
export type IndicatorItem = z.infer<typeof IndicatorItemSchema>;

export const IndicatorSetSchema = z.object({
  items: z
    .array(IndicatorItemSchema)
    .min(1, { error: "至少需要一项考核指标" })
    .refine((items) => new Set(items.map((i) => i.indicator)).size === items.length, { error: "同一指标只能出现一次" })
    .refine((items) => items.some((i) => i.weight > 0), { error: "至少一项指标的权重须大于 0" }),
});
export type IndicatorSet = z.infer<typeof IndicatorSetSchema>;

export const indicatorSetKind = (subject: SubjectType) => `indicators:${subject}`;

const item = (indicator: IndicatorId, weight: number, target: number): IndicatorItem => ({ indicator, weight, target, direction: INDICATORS[indicator].direction });

/** The default sets (product.md §11), in force until the province publishes a version. */
export const DEFAULT_INDICATOR_SETS: Record<SubjectType, IndicatorSet> = {
  park: {
    items: [
      item("placement_rate", 25, 6000),
      item("relevance_rate", 15, 7000),
      item("retention6_rate", 15, 8000),
      item("order_fill_rate", 15, 9000),
      item("base_use_rate", 10, 8000),
      item("active_secondments", 10, 2),
      item("fund_on_time_rate", 10, 9500),
    ],
  },
  college: {
    items: [
      item("placement_rate", 30, 6000),
      item("relevance_rate", 20, 7000),
      item("retention6_rate", 15, 8000),
      item("base_use_rate", 10, 8000),
      item("active_secondments", 10, 1),
      item("fund_on_time_rate", 15, 9500),
    ],
  },
  city: {
    items: [
      item("placement_rate", 30, 6000),
      item("relevance_rate", 15, 7000),
      item("retention6_rate", 15, 8000),
      item("order_fill_rate", 15, 9000),
      item("active_secondments", 5, 5),
      item("claim_decision_days", 20, 10),
    ],
  },
};

/** A value for people: "57.14%", "3 人", "4.5 天"; "—" when there is none. */
export function formatIndicatorValue(unit: IndicatorUnit, value: number | null): string {
  if (value === null) return "—";
  if (unit === "bp") return `${(value / 100).toFixed(2)}%`;
  if (unit === "count") return `${value} 人`;
  return `${value.toFixed(1)} 天`;
}

/** A target as typed in the settings form: percent for rates, plain numbers otherwise. */
export function targetInputOf(unit: IndicatorUnit, target: number): string {
  return unit === "bp" ? String(target / 100) : String(target);
}
