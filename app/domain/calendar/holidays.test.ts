import { describe, expect, it } from "vitest";
import { noticePeriod } from "../subsidy/calendar";
import { formatHolidayList, parseHolidayList } from "./holidays";

describe("parseHolidayList", () => {
  it("reads days off and adjusted working days, in any separator, sorted", () => {
    const parsed = parseHolidayList("日期,类型,名称\n2027-02-14 班 春节调休\n2027-02-08，休，春节\n\n# 注释\n2027-01-01\t休\t元旦", 2027);
    expect(parsed).toEqual({
      ok: true,
      days: [
        { date: "2027-01-01", isWorkday: false, name: "元旦" },
        { date: "2027-02-08", isWorkday: false, name: "春节" },
        { date: "2027-02-14", isWorkday: true, name: "春节调休" },
      ],
    });
    if (parsed.ok) expect(parseHolidayList(formatHolidayList(parsed.days), 2027)).toEqual(parsed);
  });

  it.each([
    ["2027-02-30,休", "第 1 行：日期“2027-02-30”无效"],
    ["2026-10-01,休", "第 1 行：2026-10-01 不在 2027 年"],
    ["2027-01-01,休\n2027-01-01,休", "第 2 行：2027-01-01 重复"],
    ["2027-01-01,放", "第 1 行：第二项应为“休”（放假）或“班”（调休上班）"],
    ["\n", "请至少填写一天"],
  ])("refuses %j", (text, message) => {
    const parsed = parseHolidayList(text, 2027);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toContain(message);
  });

  it("a notice period follows the entered days: holidays skipped, an adjusted Sunday counted", () => {
    const parsed = parseHolidayList(["2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"].map((d) => `${d},休,春节`).join("\n") + "\n2027-02-14,班,春节调休", 2027);
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const calendar = new Map(parsed.days.map((d) => [d.date, d.isWorkday]));
    expect(noticePeriod({ approvedOn: "2027-02-05", workingDays: 5, calendar: new Map() })).toEqual({ lastNoticeDay: "2027-02-12", payableFrom: "2027-02-13" });
    expect(noticePeriod({ approvedOn: "2027-02-05", workingDays: 5, calendar })).toEqual({ lastNoticeDay: "2027-02-18", payableFrom: "2027-02-19" });
  });
});
