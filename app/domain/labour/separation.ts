import { addCalendarDays, noticePeriod, type WorkCalendar } from "../subsidy/calendar";

/**
 * Separations (离职, product.md §10): a placement ends on a day with a reason. The
 * graduate may report it; the enterprise confirms, or the college once the enterprise
 * has not answered within 10 working days.
 */
export const COLLEGE_CONFIRMS_AFTER_WORKING_DAYS = 10;

/** The first day the college may confirm a separation the graduate reported on `reportedOn`: 10 working days without an answer. */
export function collegeMayConfirmFrom(reportedOn: string, calendar: WorkCalendar): string {
  return noticePeriod({ approvedOn: reportedOn, workingDays: COLLEGE_CONFIRMS_AFTER_WORKING_DAYS, calendar }).payableFrom;
}

/** Whole months worked from the first day to the last day inclusive (2026-01-15 … 2027-01-14 is 12). */
export function monthsServed(startDate: string, endedOn: string): number {
  const end = addCalendarDays(endedOn, 1);
  const [y1, m1, d1] = startDate.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = end.split("-").map(Number) as [number, number, number];
  return Math.max(0, (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0));
}

export type SeparationCheck = { ok: true } | { ok: false; field: "endedOn"; reason: string };

/** An end day is on or after the start and not in the future (China date). */
export function checkEndDate({ startDate, endedOn, today }: { startDate: string; endedOn: string; today: string }): SeparationCheck {
  if (endedOn < startDate) return { ok: false, field: "endedOn", reason: `离职日期不能早于入职日期 ${startDate}` };
  if (endedOn > today) return { ok: false, field: "endedOn", reason: "离职日期不能晚于今天" };
  return { ok: true };
}

/** The contract months the subsidy rules may count once a placement ended: no more than were served. */
export function contractMonthsAfterEnd(contractMonths: number, startDate: string, endedOn: string | null): number {
  return endedOn === null ? contractMonths : Math.min(contractMonths, monthsServed(startDate, endedOn));
}
