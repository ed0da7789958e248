import { z } from "zod";
import { CHINA_OFFSET_MS } from "~/domain/china-time";
import { formatWholeYuan } from "~/domain/money";
import { addCalendarDays, dateOf, isoDate } from "../subsidy/calendar";

/**
 * An offer (录用通知, product.md §10): start date, monthly wage, contract months and the
 * last day on which the graduate may answer. Dates are "YYYY-MM-DD" calendar days in
 * China; an offer lapses when that day is over in China (16:00 UTC of the same day).
 */
export type OfferTerms = { startDate: string; monthlyWageFen: number; contractMonths: number; replyBy: string };

/** The labour policy (a versioned policy table of kind "labour"); ¥1,610 is the lowest class of Jiangxi's 2021 standard. */
export const LABOUR_POLICY_KIND = "labour";
export const LabourPolicySchema = z.object({
  minimumMonthlyWageFen: z.number().int().min(0).max(10_000_000),
});
export type LabourPolicy = z.infer<typeof LabourPolicySchema>;
export const DEFAULT_LABOUR_POLICY: LabourPolicy = { minimumMonthlyWageFen: 161_000 };

/** How far ahead an offer may start, and the longest time a graduate may be given to answer. */
export const OFFER_START_MAX_DAYS = 366;
export const OFFER_REPLY_MAX_DAYS = 30;

export type TermsCheck = { ok: true } | { ok: false; field: keyof OfferTerms; reason: string };


/** Whether an offer made on `today` (China) may carry these terms. */
export function checkOfferTerms(terms: OfferTerms, { today, policy }: { today: string; policy: LabourPolicy }): TermsCheck {
  if (terms.monthlyWageFen < policy.minimumMonthlyWageFen) {
    return { ok: false, field: "monthlyWageFen", reason: `月薪不能低于最低工资标准 ${formatWholeYuan(policy.minimumMonthlyWageFen)}` };
  }
  if (terms.startDate < today) return { ok: false, field: "startDate", reason: "入职日期不能早于今天" };
  if (terms.startDate > addCalendarDays(today, OFFER_START_MAX_DAYS)) return { ok: false, field: "startDate", reason: "入职日期不能晚于一年以后" };
  if (terms.replyBy < today) return { ok: false, field: "replyBy", reason: "答复期限不能早于今天" };
  if (terms.replyBy > addCalendarDays(today, OFFER_REPLY_MAX_DAYS)) {
    return { ok: false, field: "replyBy", reason: `答复期限最长为 ${OFFER_REPLY_MAX_DAYS} 天` };
  }
  if (terms.replyBy > terms.startDate) return { ok: false, field: "replyBy", reason: "答复期限不能晚于入职日期" };
  return { ok: true };
}

/** The instant an offer answerable until `replyBy` lapses: midnight in China after that day. */
export function offerLapsesAt(replyBy: Date): Date {
  return new Date(dateOf(addCalendarDays(isoDate(replyBy), 1)).getTime() - CHINA_OFFSET_MS);
}

/** True once the graduate can no longer answer. */
export function isOfferOverdue(replyBy: Date, now: Date): boolean {
  return now.getTime() >= offerLapsesAt(replyBy).getTime();
}

/** Days a graduate has to answer an offer made by an allocation round, and the contract those offers state. */
export const ALLOCATION_REPLY_DAYS = 7;
export const ALLOCATION_CONTRACT_MONTHS = 12;

/**
 * The terms of the offer an allocation round makes for an order: the order's start
 * date (today when it already passed) and wage, a 12-month contract, and a week to
 * answer (never beyond the start date).
 */
export function allocationOfferTerms({ orderStartDate, wageFen, today }: { orderStartDate: string; wageFen: number; today: string }): OfferTerms {
  const startDate = orderStartDate < today ? today : orderStartDate;
  const week = addCalendarDays(today, ALLOCATION_REPLY_DAYS);
  return { startDate, monthlyWageFen: wageFen, contractMonths: ALLOCATION_CONTRACT_MONTHS, replyBy: week < startDate ? week : startDate };
}
