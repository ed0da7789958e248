import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCalendarDays } from "../subsidy/calendar";
import { DEFAULT_LABOUR_POLICY } from "./offer";
import { checkCohortForOrder, checkOrderTerms } from "./order-terms";

const today = "2026-12-04";
const policy = DEFAULT_LABOUR_POLICY;

describe("checkOrderTerms (product.md §10)", () => {
  it.each([
    ["30 days before the day it is placed", "2026-11-04", 500_000, { ok: true }],
    ["31 days before", "2026-11-03", 500_000, { ok: false, field: "startDate", reason: "开始日期不能早于 2026-11-04（下单前 30 天）" }],
    ["three years ahead", "2029-12-04", 500_000, { ok: true }],
    ["beyond three years", "2029-12-05", 500_000, { ok: false, field: "startDate", reason: "开始日期不能晚于 2029-12-04（下单后 3 年内）" }],
    ["the minimum wage exactly", "2027-03-01", 161_000, { ok: true }],
    ["below the minimum wage", "2027-03-01", 160_999, { ok: false, field: "wageFen", reason: "月薪不能低于最低工资标准 ¥1,610" }],
  ])("%s", (_name, startDate, wageFen, expected) => {
    expect(checkOrderTerms({ startDate, wageFen }, { today, policy })).toEqual(expected);
  });

  it("follows the policy's minimum wage", () => {
    expect(checkOrderTerms({ startDate: today, wageFen: 180_000 }, { today, policy: { minimumMonthlyWageFen: 185_000 } })).toMatchObject({ ok: false, reason: "月薪不能低于最低工资标准 ¥1,850" });
  });

  it("accepts a start exactly when it lies in the window", () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 1500 }), (offset) => {
        const startDate = addCalendarDays(today, offset);
        expect(checkOrderTerms({ startDate, wageFen: 500_000 }, { today, policy }).ok).toBe(offset >= -30 && startDate <= "2029-12-04");
      }),
    );
  });
});

describe("checkCohortForOrder: the order's major or one of its class", () => {
  it.each([
    ["460103", "460103", true, "the same major"],
    ["460103", "460101", true, "another major of 4601 机械设计制造类"],
    ["460103", "660103", true, "the 中职 数控技术应用 (66 → 46)"],
    ["460103", "460301", false, "4603 自动化类"],
    ["510203", "460103", false, "another category"],
  ])("order %s, cohort %s: %s (%s)", (orderMajorCode, cohortMajorCode, ok) => {
    expect(checkCohortForOrder({ orderMajorCode, cohortMajorCode }).ok).toBe(ok);
  });
});
