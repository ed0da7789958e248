import { addCalendarYears } from "../calendar-date";
import { majorClassOf } from "../catalogue/majors";
import { formatWholeYuan } from "../money";
import { addCalendarDays } from "../subsidy/calendar";
import type { LabourPolicy } from "./offer";

/**
 * What an order (订单培训) may say when it is placed, and which cohort it may be bound
 * to (product.md §10): its start no earlier than 30 days before the day it is placed
 * (and, a bound of our own, no later than three years after: the longest 高职 course);
 * its wage at least the minimum monthly wage of the labour policy; a cohort bound to it
 * teaches the order's major or one of the same class (4-digit code, 中职 and 职业本科
 * codes mapped onto 高职, domain.md §4).
 */
export const ORDER_START_EARLIEST_DAYS = 30;
export const ORDER_START_LATEST_YEARS = 3;

export type OrderTermsCheck = { ok: true } | { ok: false; field: "startDate" | "wageFen"; reason: string };


export function checkOrderTerms(
  order: { startDate: string; wageFen: number },
  { today, policy }: { today: string; policy: LabourPolicy },
): OrderTermsCheck {
  const earliest = addCalendarDays(today, -ORDER_START_EARLIEST_DAYS);
  if (order.startDate < earliest) {
    return { ok: false, field: "startDate", reason: `开始日期不能早于 ${earliest}（下单前 ${ORDER_START_EARLIEST_DAYS} 天）` };
  }
  const latest = addCalendarYears(today, ORDER_START_LATEST_YEARS);
  if (order.startDate > latest) {
    return { ok: false, field: "startDate", reason: `开始日期不能晚于 ${latest}（下单后 ${ORDER_START_LATEST_YEARS} 年内）` };
  }
  if (order.wageFen < policy.minimumMonthlyWageFen) {
    return { ok: false, field: "wageFen", reason: `月薪不能低于最低工资标准 ${formatWholeYuan(policy.minimumMonthlyWageFen)}` };
  }
  return { ok: true };
}

/** Whether a cohort teaching `cohortMajorCode` may be bound to an order for `orderMajorCode`. */
export function checkCohortForOrder({ orderMajorCode, cohortMajorCode }: { orderMajorCode: string; cohortMajorCode: string }) {
  if (cohortMajorCode === orderMajorCode || majorClassOf(cohortMajorCode) === majorClassOf(orderMajorCode)) return { ok: true } as const;
  return { ok: false, reason: "所选培训班的专业与订单专业不同，也不属于同一专业类，不能绑定" } as const;
}
