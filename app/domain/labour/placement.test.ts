import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HIGHER_VOCATIONAL_MAJORS, SECONDARY_VOCATIONAL_MAJORS } from "../catalogue/majors";
import { isInProvincePark, isMajorRelevantToJob, isMajorRelevantToOrder } from "./placement";

describe("对口 (major relevance)", () => {
  it.each([
    ["460103", ["4601"], true, "数控技术 in 机械设计制造类"],
    ["460103", ["4603", "4601"], true, "one of several classes"],
    ["460103", ["4603"], false, "a neighbouring class of the same category"],
    ["510203", ["4601", "4603"], false, "another category"],
    ["660103", ["4601"], true, "a 中职 major maps −20 onto its 高职 class"],
    ["660301", ["4603"], true, "中职 机电技术应用 is 自动化类"],
    ["660301", ["4601"], false, "中职 机电技术应用 is not 机械设计制造类"],
    ["460103", ["6601"], true, "a 中职 class on the job maps too"],
    ["460103", [], false, "a job accepting no class"],
  ])("graduate %s, job classes %j → %s (%s)", (major, classes, expected) => {
    expect(isMajorRelevantToJob(major, classes)).toBe(expected);
  });

  it.each([
    ["460103", "460101", true],
    ["660103", "460102", true],
    ["460301", "460103", false],
    ["510201", "510203", true],
  ])("graduate %s, order major %s → %s", (major, orderMajor, expected) => {
    expect(isMajorRelevantToOrder(major, orderMajor)).toBe(expected);
  });

  const majors = [...HIGHER_VOCATIONAL_MAJORS, ...SECONDARY_VOCATIONAL_MAJORS].map((m) => m.code);

  it("is relevant whenever the job accepts the graduate's own class, whatever else it accepts", () => {
    fc.assert(
      fc.property(fc.constantFrom(...majors), fc.array(fc.constantFrom(...majors)), (major, others) => {
        const own = major.slice(0, 4);
        return isMajorRelevantToJob(major, [...others.map((o) => o.slice(0, 4)), own]);
      }),
    );
  });

  it("agrees between an order's major and a job accepting only that major's class", () => {
    fc.assert(
      fc.property(fc.constantFrom(...majors), fc.constantFrom(...majors), (graduate, order) =>
        isMajorRelevantToOrder(graduate, order) === isMajorRelevantToJob(graduate, [order.slice(0, 4)]),
      ),
    );
  });
});

describe("in-province-park flag", () => {
  it.each([
    [{ cityCode: "360100" }, true],
    [{ cityCode: "361100" }, true],
    [{ cityCode: "350100" }, false],
    [null, false],
  ])("%j → %s", (park, expected) => {
    expect(isInProvincePark(park)).toBe(expected);
  });
});
