/**
 * The one strict reading of a date typed into the platform (forms, file imports, the
 * JSON API; product.md §10, issue 14): a real day of the Gregorian calendar in a year
 * between 1900 and 2100, so 2026-02-30, 0000-01-01 and 9999-12-31 are refused with a
 * Chinese reason naming the field. Dates are "YYYY-MM-DD" strings from here on.
 *
 * Forms and files may also be written the way people keep dates in Excel
 * (2026/9/1, 2026.9.1, 2026年9月1日, 20260901); the JSON API takes "YYYY-MM-DD" only.
 */

/** The years a typed date may name (0000 and 9999 are typing slips, not dates). */
export const CALENDAR_YEAR_MIN = 1900;
export const CALENDAR_YEAR_MAX = 2100;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TYPED_DATE = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?|(\d{2})(\d{2}))$/;

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function realDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** True for a "YYYY-MM-DD" that names a day of the Gregorian calendar (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  return realDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

export type CalendarDateCheck = { ok: true; date: string } | { ok: false; reason: string };

/**
 * Reads a typed date. `iso: true` (the JSON API) takes only "YYYY-MM-DD"; otherwise the
 * Excel spellings above are read too. The reason is Chinese and names the field.
 */
export function checkCalendarDate(text: string, label = "日期", { iso = false }: { iso?: boolean } = {}): CalendarDateCheck {
  const trimmed = text.trim();
  const example = `${label}应为日期，格式如 2026-09-01`;
  const match = iso ? ISO_DATE.exec(trimmed) : TYPED_DATE.exec(trimmed);
  if (!match) return { ok: false, reason: example };
  const y = Number(match[1]);
  const m = Number(match[2] ?? match[4] ?? match[6]);
  const d = Number(match[3] ?? match[5] ?? match[7]);
  if (!realDay(y, m, d)) return { ok: false, reason: `${label}「${trimmed}」不是日历上的日期` };
  if (y < CALENDAR_YEAR_MIN || y > CALENDAR_YEAR_MAX) {
    return { ok: false, reason: `${label}的年份应在 ${CALENDAR_YEAR_MIN}—${CALENDAR_YEAR_MAX} 之间` };
  }
  return { ok: true, date: `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` };
}

/**
 * The calendar day a spreadsheet's date cell shows, as "YYYY-MM-DD". ExcelJS reads a
 * date cell as that day's midnight in UTC (whatever the time zone of the machine that
 * wrote it), so the day is read in UTC; the text then goes through checkCalendarDate
 * like a typed date.
 */
export function calendarDateOfCell(value: Date): string {
  return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1, 2)}-${pad(value.getUTCDate(), 2)}`;
}

/** The same day `years` years later (earlier when negative); 29 February becomes 28 February. */
export function addCalendarYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  return md === "02-29" && !realDay(y, 2, 29) ? `${pad(y, 4)}-02-28` : `${pad(y, 4)}-${md}`;
}

/** How far from today a graduation date may lie, either side (product.md §10). */
export const GRADUATION_WINDOW_YEARS = 5;

/** A graduation (or expected graduation) date within five years either side of today. */
export function checkGraduationDate(date: string, today: string, label = "毕业日期"): { ok: true } | { ok: false; reason: string } {
  const earliest = addCalendarYears(today, -GRADUATION_WINDOW_YEARS);
  const latest = addCalendarYears(today, GRADUATION_WINDOW_YEARS);
  if (date < earliest || date > latest) {
    return { ok: false, reason: `${label}应在 ${earliest} 至 ${latest} 之间（今天前后 ${GRADUATION_WINDOW_YEARS} 年内）` };
  }
  return { ok: true };
}

export type DateTimeCheck = { ok: true; instant: Date } | { ok: false; reason: string };

/**
 * A date and time typed in China (a datetime-local field: "2026-12-10T17:00", seconds
 * optional, a space for the T allowed): the date by checkCalendarDate, the time a real
 * time of day; the instant it names in Asia/Shanghai.
 */
export function checkChinaDateTime(text: string, label = "时间"): DateTimeCheck {
  const match = /^(\S+)[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  const example = `${label}应为日期和时间，格式如 2026-09-01 17:00`;
  if (!match) return { ok: false, reason: example };
  const day = checkCalendarDate(match[1]!, label, { iso: true });
  if (!day.ok) return day.reason.endsWith("格式如 2026-09-01") ? { ok: false, reason: example } : day;
  const [h, m, s] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (h > 23 || m > 59 || s > 59) return { ok: false, reason: `${label}「${text.trim()}」不是有效的时刻` };
  return { ok: true, instant: new Date(Date.parse(`${day.date}T${match[2]}:${match[3]}:${pad(s, 2)}+08:00`)) };
}
