/**
 * Calendar dates as "YYYY-MM-DD" strings (the policy's dates are days, not instants),
 * and the working-day arithmetic of the public-notice period (公示期): weekends and
 * public holidays are skipped, adjusted working days (调休上班) are counted.
 */

import { isCalendarDate } from "../calendar-date";

/** The UTC-midnight instant of a calendar date, as stored in the database. */
export function dateOf(text: string): Date {
  if (!isCalendarDate(text)) throw new RangeError(`不是有效的日期：${text}`);
  return new Date(`${text}T00:00:00.000Z`);
}

/** The calendar date of a UTC-midnight instant. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, days: number): string {
  const next = dateOf(date);
  next.setUTCDate(next.getUTCDate() + days);
  return isoDate(next);
}

/** Holidays (false) and adjusted working days (true) by date; other days follow the week. */
export type WorkCalendar = ReadonlyMap<string, boolean>;

export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  const listed = calendar.get(date);
  if (listed !== undefined) return listed;
  const weekday = dateOf(date).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The notice period after an approval on `approvedOn`: it runs over the next
 * `workingDays` working days (the day of approval is not one of them), and payment
 * may start the day after the last of them. With no notice days, payment may start
 * the day of approval.
 */
export function noticePeriod({
  approvedOn,
  workingDays,
  calendar,
}: {
  approvedOn: string;
  workingDays: number;
  calendar: WorkCalendar;
}): { lastNoticeDay: string | null; payableFrom: string } {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError(`公示工作日数无效：${workingDays}`);
  if (workingDays === 0) return { lastNoticeDay: null, payableFrom: approvedOn };
  let day = approvedOn;
  let counted = 0;
  while (counted < workingDays) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, calendar)) counted += 1;
  }
  return { lastNoticeDay: day, payableFrom: addCalendarDays(day, 1) };
}
