import { z } from "zod";
import { isCalendarDate } from "../calendar-date";

/**
 * The public-holiday calendar of one year (放假与调休安排), a versioned policy per year
 * (PolicyVersion kind "holidays:<year>"): the days off (休) and the adjusted working
 * days (班, 调休上班); every other day follows the week. Entered or imported as a list,
 * one day a line: `2027-02-08,休,春节` (comma, tab or spaces between the fields).
 */

export const holidayCalendarKind = (year: number) => `holidays:${year}`;

export const HolidayDaySchema = z.object({ date: z.string().refine(isCalendarDate), isWorkday: z.boolean(), name: z.string().max(20) });
export const HolidayCalendarSchema = z.object({ year: z.number().int().min(2000).max(2100), days: z.array(HolidayDaySchema).max(200) });
export type HolidayDay = z.infer<typeof HolidayDaySchema>;
export type HolidayCalendar = z.infer<typeof HolidayCalendarSchema>;

const OFF = new Set(["休", "假", "放假", "holiday", "off"]);
const ON = new Set(["班", "上班", "调休上班", "workday", "work"]);

export type HolidayParse = { ok: true; days: HolidayDay[] } | { ok: false; errors: string[] };

/** Reads the list typed or imported for `year`; every line's problem is reported with its line number. */
export function parseHolidayList(text: string, year: number): HolidayParse {
  const days: HolidayDay[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === "" || line.startsWith("#") || /^日期/.test(line)) return;
      const [date = "", kind = "", ...rest] = line.split(/\s*[,，\t]\s*|\s+/);
      const at = `第 ${i + 1} 行`;
      if (!isCalendarDate(date)) return void errors.push(`${at}：日期“${date}”无效，应为 ${year}-01-01 这样的格式`);
      if (!date.startsWith(`${year}-`)) return void errors.push(`${at}：${date} 不在 ${year} 年`);
      if (seen.has(date)) return void errors.push(`${at}：${date} 重复`);
      const k = kind.toLowerCase();
      if (!OFF.has(k) && !ON.has(k)) return void errors.push(`${at}：第二项应为“休”（放假）或“班”（调休上班）`);
      const name = rest.join(" ").slice(0, 20);
      seen.add(date);
      days.push({ date, isWorkday: ON.has(k), name: name || (ON.has(k) ? "调休上班" : "节假日") });
    });
  if (errors.length > 0) return { ok: false, errors };
  if (days.length === 0) return { ok: false, errors: ["请至少填写一天"] };
  return { ok: true, days: days.sort((a, b) => (a.date < b.date ? -1 : 1)) };
}

/** The list as it is typed, for the form (one day a line). */
export function formatHolidayList(days: readonly HolidayDay[]): string {
  return days.map((d) => `${d.date},${d.isWorkday ? "班" : "休"},${d.name}`).join("\n");
}
