import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCalendarYears, calendarDateOfCell, checkCalendarDate, checkChinaDateTime, checkGraduationDate, isCalendarDate } from "./calendar-date";

describe("checkCalendarDate: the one strict date parser", () => {
  it.each([
    ["2026-02-28", "2026-02-28"],
    ["2028-02-29", "2028-02-29"],
    [" 2026-09-01 ", "2026-09-01"],
    ["2026/9/1", "2026-09-01"],
    ["2026.09.01", "2026-09-01"],
    ["2026年9月1日", "2026-09-01"],
    ["2026年9月1", "2026-09-01"],
    ["20260901", "2026-09-01"],
  ])("reads %j as %s", (text, date) => {
    expect(checkCalendarDate(text, "开始日期")).toEqual({ ok: true, date });
  });

  it.each([
    ["2026-02-30", "开始日期「2026-02-30」不是日历上的日期"],
    ["2026-02-29", "开始日期「2026-02-29」不是日历上的日期"],
    ["2026-13-01", "开始日期「2026-13-01」不是日历上的日期"],
    ["2026-00-10", "开始日期「2026-00-10」不是日历上的日期"],
    ["0000-01-01", "开始日期的年份应在 1900—2100 之间"],
    ["9999-12-31", "开始日期的年份应在 1900—2100 之间"],
    ["1899-12-31", "开始日期的年份应在 1900—2100 之间"],
    ["", "开始日期应为日期，格式如 2026-09-01"],
    ["30/06/2026", "开始日期应为日期，格式如 2026-09-01"],
    ["2026-9-1T00:00", "开始日期应为日期，格式如 2026-09-01"],
    ["+275760-09-13", "开始日期应为日期，格式如 2026-09-01"],
  ])("refuses %j: %s", (text, reason) => {
    expect(checkCalendarDate(text, "开始日期")).toEqual({ ok: false, reason });
  });

  it("takes only YYYY-MM-DD when asked for ISO (the JSON API)", () => {
    expect(checkCalendarDate("2026/9/1", "startDate", { iso: true })).toEqual({ ok: false, reason: "startDate应为日期，格式如 2026-09-01" });
    expect(checkCalendarDate("2026-09-01", "startDate", { iso: true })).toEqual({ ok: true, date: "2026-09-01" });
  });

  it("accepts exactly the real days of 1900–2100, in every spelling", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1800, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d && y >= 1900 && y <= 2100;
        const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        for (const text of [iso, `${y}/${m}/${d}`, `${y}年${m}月${d}日`]) {
          const check = checkCalendarDate(text);
          expect(check.ok).toBe(real);
          if (check.ok) expect(check.date).toBe(iso);
        }
        expect(isCalendarDate(iso)).toBe(new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d);
      }),
    );
  });
});

describe("graduation dates: within five years either side of today", () => {
  it.each([
    ["2021-12-04", true],
    ["2021-12-03", false],
    ["2031-12-04", true],
    ["2031-12-05", false],
    ["2026-06-30", true],
  ])("%s on 2026-12-04: %s", (date, ok) => {
    expect(checkGraduationDate(date, "2026-12-04").ok).toBe(ok);
  });

  it("names the window in the reason", () => {
    expect(checkGraduationDate("2000-06-30", "2026-12-04")).toEqual({ ok: false, reason: "毕业日期应在 2021-12-04 至 2031-12-04 之间（今天前后 5 年内）" });
  });

  it("moves 29 February to the 28th in a common year", () => {
    expect(addCalendarYears("2028-02-29", -5)).toBe("2023-02-28");
    expect(addCalendarYears("2028-02-29", 4)).toBe("2032-02-29");
  });
});

describe("checkChinaDateTime: a datetime-local value in Beijing time", () => {
  it.each([
    ["2026-12-10T17:00", "2026-12-10T09:00:00.000Z"],
    ["2026-12-10 17:00:30", "2026-12-10T09:00:30.000Z"],
    ["2026-12-10T00:00", "2026-12-09T16:00:00.000Z"],
  ])("reads %j as %s", (text, iso) => {
    const check = checkChinaDateTime(text, "截止时间");
    expect(check.ok && check.instant.toISOString()).toBe(iso);
  });

  it.each([
    ["2026-02-30T10:00", "截止时间「2026-02-30」不是日历上的日期"],
    ["9999-01-01T10:00", "截止时间的年份应在 1900—2100 之间"],
    ["2026-12-10T24:00", "截止时间「2026-12-10T24:00」不是有效的时刻"],
    ["2026-12-10", "截止时间应为日期和时间，格式如 2026-09-01 17:00"],
    ["明天", "截止时间应为日期和时间，格式如 2026-09-01 17:00"],
  ])("refuses %j", (text, reason) => {
    expect(checkChinaDateTime(text, "截止时间")).toEqual({ ok: false, reason });
  });
});

describe("calendarDateOfCell: the day a spreadsheet date cell shows", () => {
  it("reads the UTC day ExcelJS gives, zero-padded, and the parser takes it back unchanged", () => {
    expect(calendarDateOfCell(new Date(Date.UTC(2026, 8, 1)))).toBe("2026-09-01");
    expect(calendarDateOfCell(new Date(Date.UTC(2024, 1, 29, 23, 59)))).toBe("2024-02-29");
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 11, 31) }), (ms) => {
        const day = calendarDateOfCell(new Date(ms));
        expect(checkCalendarDate(day, "日期", { iso: true })).toEqual({ ok: true, date: day });
      }),
    );
  });
});
