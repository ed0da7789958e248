import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateOf } from "../subsidy/calendar";
import { chinaDate } from "~/domain/china-time";
import { allocationOfferTerms, checkOfferTerms, DEFAULT_LABOUR_POLICY, isOfferOverdue, offerLapsesAt, type OfferTerms } from "./offer";

const today = "2026-12-03";
const good: OfferTerms = { startDate: "2027-01-04", monthlyWageFen: 450_000, contractMonths: 24, replyBy: "2026-12-10" };
const check = (t: Partial<OfferTerms>) => checkOfferTerms({ ...good, ...t }, { today, policy: DEFAULT_LABOUR_POLICY });

describe("offer terms", () => {
  it("accepts sensible terms", () => expect(check({})).toEqual({ ok: true }));

  it.each([
    [{ monthlyWageFen: 160_999 }, "monthlyWageFen", "月薪不能低于最低工资标准 ¥1,610"],
    [{ startDate: "2026-12-02" }, "startDate", "入职日期不能早于今天"],
    [{ startDate: "2027-12-05" }, "startDate", "入职日期不能晚于一年以后"],
    [{ replyBy: "2026-12-02" }, "replyBy", "答复期限不能早于今天"],
    [{ replyBy: "2027-01-03" }, "replyBy", "答复期限最长为 30 天"],
    [{ startDate: "2026-12-05", replyBy: "2026-12-06" }, "replyBy", "答复期限不能晚于入职日期"],
  ] as const)("refuses %j on %s: %s", (terms, field, reason) => {
    expect(check(terms)).toEqual({ ok: false, field, reason });
  });

  it("takes the minimum wage from the policy in force", () => {
    expect(checkOfferTerms({ ...good, monthlyWageFen: 170_000 }, { today, policy: { minimumMonthlyWageFen: 180_000 } })).toMatchObject({ ok: false, field: "monthlyWageFen" });
  });
});

describe("when an offer lapses", () => {
  it("lapses at midnight in China after the reply day", () => {
    expect(offerLapsesAt(dateOf("2026-12-10")).toISOString()).toBe("2026-12-10T16:00:00.000Z");
    expect(isOfferOverdue(dateOf("2026-12-10"), new Date("2026-12-10T15:59:59Z"))).toBe(false);
    expect(isOfferOverdue(dateOf("2026-12-10"), new Date("2026-12-10T16:00:00Z"))).toBe(true);
  });

  it("is overdue exactly when the China date is past the reply day", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }), fc.integer({ min: -40, max: 40 }), (now, offset) => {
        const replyBy = dateOf(chinaDate(new Date(now.getTime() + offset * 86_400_000)));
        return isOfferOverdue(replyBy, now) === chinaDate(now) > chinaDate(replyBy);
      }),
    );
  });
});

describe("offers made by an allocation round", () => {
  it("state the order's start and wage, a 12-month contract and a week to answer", () => {
    expect(allocationOfferTerms({ orderStartDate: "2027-03-01", wageFen: 500_000, today })).toEqual({
      startDate: "2027-03-01", monthlyWageFen: 500_000, contractMonths: 12, replyBy: "2026-12-10",
    });
  });

  it("never start in the past nor give longer to answer than until the start", () => {
    expect(allocationOfferTerms({ orderStartDate: "2026-11-01", wageFen: 500_000, today })).toMatchObject({ startDate: today, replyBy: today });
    expect(allocationOfferTerms({ orderStartDate: "2026-12-05", wageFen: 500_000, today })).toMatchObject({ startDate: "2026-12-05", replyBy: "2026-12-05" });
  });
});
