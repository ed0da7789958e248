/**
 * Calendar dates as "YYYY-MM-DD" strings (the policy's dates are days, not instants),
 * and the working-day arithmetic of the public-notice period (公示期): weekends and
 * public holidays are skipped, adjusted working days (调休上班) are counted.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a "YYYY-MM-DD" that names a day of the Gregorian calendar (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The years a date typed into the platform may name (0000 and 9999 are typing slips, not dates). */
export const CALENDAR_YEAR_MIN = 1900;
export const CALENDAR_YEAR_MAX = 2100;

export type CalendarDateCheck = { ok: true; date: string } | { ok: false; reason: string };

/**
 * The one strict reading of a typed date (forms, imports, API): "YYYY-MM-DD" naming a
 * real day of a year between 1900 and 2100; the reason is Chinese and names the field.
 */
export function checkCalendarDate(text: string, label = "日期"): CalendarDateCheck {
  const trimmed = text.trim();
  if (!ISO_DATE.test(trimmed)) return { ok: false, reason: `${label}应为日期，格式如 2026-09-01` };
  if (!isCalendarDate(trimmed)) return { ok: false, reason: `${label}「${trimmed}」不是日历上的日期` };
  const year = Number(trimmed.slice(0, 4));
  if (year < CALENDAR_YEAR_MIN || year > CALENDAR_YEAR_MAX) {
    return { ok: false, reason: `${label}的年份应在 ${CALENDAR_YEAR_MIN}—${CALENDAR_YEAR_MAX} 之间` };
  }
  return { ok: true, date: trimmed };
}

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
