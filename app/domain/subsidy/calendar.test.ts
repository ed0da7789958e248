import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCalendarDays, isWorkingDay, noticePeriod, type WorkCalendar } from "./calendar";
import { chinaDate } from "~/domain/china-time";

const NONE: WorkCalendar = new Map();
/** 2026 National Day: 1–7 October off, Sunday 27 September and Saturday 10 October worked (调休, a fixture). */
const NATIONAL_DAY: WorkCalendar = new Map([
  ["2026-09-27", true],
  ...["01", "02", "03", "04", "05", "06", "07"].map((d) => [`2026-10-${d}`, false] as [string, boolean]),
  ["2026-10-10", true],
]);

describe("noticePeriod: 5 working days after approval", () => {
  it.each([
    ["approved on a Monday", "2026-11-23", NONE, "2026-11-30", "2026-12-01"],
    ["approved on a Friday: the weekend is skipped", "2026-11-27", NONE, "2026-12-04", "2026-12-05"],
    ["approved on a Saturday", "2026-11-28", NONE, "2026-12-04", "2026-12-05"],
    ["approved before National Day: the holiday week is skipped, the adjusted Saturday counts", "2026-09-29", NATIONAL_DAY, "2026-10-12", "2026-10-13"],
    ["approved the Saturday before: the adjusted Sunday counts, the holiday week does not", "2026-09-26", NATIONAL_DAY, "2026-10-08", "2026-10-09"],
  ])("%s", (_name, approvedOn, calendar, lastNoticeDay, payableFrom) => {
    expect(noticePeriod({ approvedOn, workingDays: 5, calendar })).toEqual({ lastNoticeDay, payableFrom });
  });

  it("lets a policy without notice pay the day of approval", () => {
    expect(noticePeriod({ approvedOn: "2026-11-28", workingDays: 0, calendar: NONE })).toEqual({
      lastNoticeDay: null,
      payableFrom: "2026-11-28",
    });
  });

  it("counts exactly the working days between approval and payment", () => {
    const dates = fc.integer({ min: 0, max: 3000 }).map((n) => addCalendarDays("2024-01-01", n));
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 20 }), (approvedOn, workingDays) => {
        const { lastNoticeDay, payableFrom } = noticePeriod({ approvedOn, workingDays, calendar: NATIONAL_DAY });
        let counted = 0;
        for (let d = addCalendarDays(approvedOn, 1); d <= lastNoticeDay!; d = addCalendarDays(d, 1)) {
          if (isWorkingDay(d, NATIONAL_DAY)) counted += 1;
        }
        return counted === workingDays && isWorkingDay(lastNoticeDay!, NATIONAL_DAY) && payableFrom === addCalendarDays(lastNoticeDay!, 1);
      }),
    );
  });
});

describe("dates", () => {
  it("takes the day in China, eight hours ahead of UTC", () => {
    expect(chinaDate(new Date("2026-11-28T15:59:59Z"))).toBe("2026-11-28");
    expect(chinaDate(new Date("2026-11-28T16:00:00Z"))).toBe("2026-11-29");
  });
});
