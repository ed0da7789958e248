import { HolidayCalendarSchema, holidayCalendarKind, type HolidayDay } from "~/domain/calendar/holidays";
import { addCalendarDays, dateOf, isoDate } from "~/domain/subsidy/calendar";
import { prisma } from "~/utils/db.server";
import { policyInForce } from "~/utils/policy.server";

/** The calendar of one year as in force on a day: the published version, else the loaded CalendarDay rows (2026), else none. */
export async function holidayDaysOfYear(year: number, on: Date): Promise<{ days: HolidayDay[]; version: number | null; source: "policy" | "table" | "none" }> {
  const row = await policyInForce({ kind: holidayCalendarKind(year), on });
  if (row) {
    const parsed = HolidayCalendarSchema.safeParse(row.data);
    if (parsed.success) return { days: parsed.data.days, version: row.version, source: "policy" };
  }
  const rows = await prisma.calendarDay.findMany({
    where: { date: { gte: dateOf(`${year}-01-01`), lte: dateOf(`${year}-12-31`) } },
    orderBy: { date: "asc" },
    select: { date: true, isWorkday: true, name: true },
  });
  if (rows.length === 0) return { days: [], version: null, source: "none" };
  return { days: rows.map((r) => ({ date: isoDate(r.date), isWorkday: r.isWorkday, name: r.name })), version: null, source: "table" };
}

/**
 * Holidays and adjusted working days from `day` on (120 days, enough for any notice
 * period), each year's as in force on `day`: the computation's own date decides the
 * version, so a notice period computed on a day stays what it was (ADR 130).
 */
export async function workCalendarFrom(day: string): Promise<Map<string, boolean>> {
  const last = addCalendarDays(day, 120);
  const out = new Map<string, boolean>();
  for (let year = Number(day.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    const { days } = await holidayDaysOfYear(year, dateOf(day));
    for (const d of days) if (d.date >= day && d.date <= last) out.set(d.date, d.isWorkday);
  }
  return out;
}
