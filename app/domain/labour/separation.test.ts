import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCalendarDays } from "../subsidy/calendar";
import { checkEndDate, collegeMayConfirmFrom, contractMonthsAfterEnd, monthsServed } from "./separation";

describe("months served", () => {
  it.each([
    ["2026-01-15", "2027-01-14", 12],
    ["2026-01-15", "2027-01-13", 11],
    ["2026-01-01", "2026-12-31", 12],
    ["2026-01-31", "2026-02-27", 0],
    ["2026-03-01", "2026-03-01", 0],
    ["2026-03-01", "2026-08-31", 6],
  ] as const)("%s … %s is %i months", (start, end, months) => expect(monthsServed(start, end)).toBe(months));

  it("never shrinks when the end moves later", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 60 }), (s, len, more) => {
        const start = addCalendarDays("2020-01-01", s);
        const end = addCalendarDays(start, len);
        return monthsServed(start, addCalendarDays(end, more)) >= monthsServed(start, end);
      }),
    );
  });
});

describe("the end date", () => {
  it("lies between the start and today", () => {
    expect(checkEndDate({ startDate: "2026-03-01", endedOn: "2026-02-28", today: "2026-12-03" })).toEqual({ ok: false, field: "endedOn", reason: "离职日期不能早于入职日期 2026-03-01" });
    expect(checkEndDate({ startDate: "2026-03-01", endedOn: "2026-12-04", today: "2026-12-03" })).toEqual({ ok: false, field: "endedOn", reason: "离职日期不能晚于今天" });
    expect(checkEndDate({ startDate: "2026-03-01", endedOn: "2026-12-03", today: "2026-12-03" })).toEqual({ ok: true });
  });
});

describe("what the subsidy rules count", () => {
  it("counts no more contract months than were served once the placement ended", () => {
    expect(contractMonthsAfterEnd(24, "2026-01-01", null)).toBe(24);
    expect(contractMonthsAfterEnd(24, "2026-01-01", "2026-06-30")).toBe(6);
    expect(contractMonthsAfterEnd(12, "2024-01-01", "2026-06-30")).toBe(12);
  });
});

describe("when the college may confirm a reported separation", () => {
  it("is after 10 working days, skipping weekends and holidays and counting adjusted working days", () => {
    // Reported on Thursday 2026-12-03: the tenth working day after it is Thursday 2026-12-17.
    expect(collegeMayConfirmFrom("2026-12-03", new Map())).toBe("2026-12-18");
    expect(collegeMayConfirmFrom("2026-12-03", new Map([["2026-12-07", false]]))).toBe("2026-12-19");
    expect(collegeMayConfirmFrom("2026-12-03", new Map([["2026-12-05", true]]))).toBe("2026-12-17");
  });
});
