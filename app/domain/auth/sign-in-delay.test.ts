import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CLIENT_POLICY, delayAfter, LOGIN_POLICY, recordFailure, secondsToWait, waitMs, type ThrottleState } from "./sign-in-delay";

const t0 = new Date("2026-11-28T08:00:00Z");
const after = (ms: number) => new Date(t0.getTime() + ms);

function failTimes(offsets: number[], policy = LOGIN_POLICY): ThrottleState | null {
  let state: ThrottleState | null = null;
  for (const ms of offsets) state = recordFailure(state, after(ms), policy);
  return state;
}

describe("sign-in throttling by growing delay", () => {
  it.each([
    [1, 0],
    [2, 0],
    [3, 1_000],
    [4, 2_000],
    [5, 4_000],
    [6, 8_000],
    [9, 60_000],
    [50, 60_000],
  ])("after %i failures of a login the next attempt waits %i ms", (failures, delay) => {
    expect(delayAfter(failures, LOGIN_POLICY)).toBe(delay);
  });

  it("lets an office behind one address mistype ten times before slowing it", () => {
    expect(delayAfter(9, CLIENT_POLICY)).toBe(0);
    expect(delayAfter(10, CLIENT_POLICY)).toBe(1_000);
  });

  it("slows the next attempt after five quick failures by seconds, never for good", () => {
    const state = failTimes([0, 1, 2, 3, 4]);
    expect(secondsToWait(state, after(5))).toBe(4);
    expect(waitMs(state, after(4 + 4_000))).toBe(0);
  });

  it("forgets failures after a quiet quarter of an hour", () => {
    const state = failTimes([0, 1, 2, 3, 4, 4 + LOGIN_POLICY.resetMs]);
    expect(state?.failures).toBe(1);
    expect(waitMs(state, after(5 + LOGIN_POLICY.resetMs))).toBe(0);
  });

  it("never delays a key with fewer than its free failures, whatever their timing", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(LOGIN_POLICY.resetMs * 3), { maxLength: LOGIN_POLICY.freeFailures - 1 }), (offsets) => {
        const sorted = [...offsets].sort((a, b) => a - b);
        return waitMs(failTimes(sorted), after((sorted.at(-1) ?? 0) + 1)) === 0;
      }),
    );
  });

  it("grows the delay with each failure and never beyond the ceiling", () => {
    fc.assert(
      fc.property(fc.nat(200), (n) => {
        const d = delayAfter(n, LOGIN_POLICY);
        return d <= LOGIN_POLICY.maxDelayMs && d <= delayAfter(n + 1, LOGIN_POLICY);
      }),
    );
  });

  it("never makes anyone wait longer than the ceiling after the latest failure", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(60_000), { minLength: 1, maxLength: 40 }), (gaps) => {
        let t = 0;
        const offsets = gaps.map((g) => (t += g));
        return waitMs(failTimes(offsets), after(t)) <= LOGIN_POLICY.maxDelayMs;
      }),
    );
  });
});
