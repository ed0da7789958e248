import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ApprovedClaim, decisionDays, meanDecisionDays } from "./decision-days";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 6, 1, 2);
const claim = (over: Partial<ApprovedClaim> & { days: number }): ApprovedClaim => {
  const { days, ...rest } = over;
  return { kind: "graduate", createdAt: T0, approvedAt: T0 + days * DAY, parkId: 1, collegeId: 100, cityCode: "360100", ...rest };
};

describe("decisionDays / meanDecisionDays (补贴审核平均天数, ADR 162)", () => {
  it.each([
    ["same moment", 0, 0],
    ["a day and a half", 1.5, 1.5],
    ["ten days", 10, 10],
    ["approval stamped before the claim", -2, 0],
  ])("%s", (_label, days, expected) => {
    expect(decisionDays(claim({ days }))).toBe(expected);
  });

  it.each([
    // label, claims, park 1, college 100, city 360100
    ["graduates only", [claim({ days: 4 }), claim({ days: 8 })], 6, 6, 6],
    ["a worker's claim counts for the park and the city, not for a college", [claim({ days: 4 }), claim({ kind: "worker_training", collegeId: null, days: 10 })], 7, 4, 7],
    ["worker-training claims only: no college figure", [claim({ kind: "worker_training", collegeId: null, days: 3 })], 3, undefined, 3],
    ["rounded half-up to one decimal", [claim({ days: 1 }), claim({ days: 1 }), claim({ days: 2.15 })], 1.4, 1.4, 1.4],
  ] as const)("%s", (_label, claims, park, college, city) => {
    const mean = meanDecisionDays(claims);
    expect(mean.park.get("1")).toBe(park);
    expect(mean.college.get("100")).toBe(college);
    expect(mean.city.get("360100")).toBe(city);
  });

  it("keeps subjects apart: another park, college and city have their own means", () => {
    const mean = meanDecisionDays([
      claim({ days: 2 }),
      claim({ days: 6, parkId: 2, collegeId: 200, cityCode: "360400" }),
      claim({ kind: "worker_training", days: 9, parkId: 2, collegeId: null, cityCode: "360400" }),
    ]);
    expect(Object.fromEntries(mean.park)).toEqual({ "1": 2, "2": 7.5 });
    expect(Object.fromEntries(mean.college)).toEqual({ "100": 2, "200": 6 });
    expect(Object.fromEntries(mean.city)).toEqual({ "360100": 2, "360400": 7.5 });
    expect(meanDecisionDays([]).park.size).toBe(0);
  });

  const claims = fc.array(
    fc.record({
      kind: fc.constantFrom("graduate" as const, "worker_training" as const),
      createdAt: fc.integer({ min: T0, max: T0 + 100 * DAY }),
      days: fc.double({ min: 0, max: 60, noNaN: true }),
      parkId: fc.constantFrom(1, 2, 3),
      collegeId: fc.constantFrom(100, 200),
      cityCode: fc.constantFrom("360100", "360400"),
    }).map(({ kind, createdAt, days, ...site }): ApprovedClaim => ({ kind, createdAt, approvedAt: createdAt + days * DAY, ...site, collegeId: kind === "worker_training" ? null : site.collegeId })),
    { maxLength: 30 },
  );

  it("a mean lies between the fastest and the slowest approval of its subject, whatever the order of the claims", () => {
    fc.assert(
      fc.property(claims, (cs) => {
        const mean = meanDecisionDays(cs);
        expect(meanDecisionDays([...cs].reverse())).toEqual(mean);
        for (const [key, value] of mean.park) {
          const days = cs.filter((c) => String(c.parkId) === key).map(decisionDays);
          expect(value).toBeGreaterThanOrEqual(Math.floor(Math.min(...days) * 10) / 10);
          expect(value).toBeLessThanOrEqual(Math.ceil(Math.max(...days) * 10) / 10);
        }
        // A college's figure never includes a worker's claim.
        const graduateClaims = cs.filter((c) => c.kind === "graduate");
        expect(meanDecisionDays(graduateClaims).college).toEqual(mean.college);
      }),
    );
  });
});
