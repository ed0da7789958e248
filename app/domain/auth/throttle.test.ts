import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isLocked, LOCK_MS, MAX_FAILURES, recordFailure, WINDOW_MS, type ThrottleState } from "./throttle";

const t0 = new Date("2026-11-28T08:00:00Z");
const after = (ms: number) => new Date(t0.getTime() + ms);

function failTimes(offsets: number[]): ThrottleState | null {
  let state: ThrottleState | null = null;
  for (const ms of offsets) state = recordFailure(state, after(ms));
  return state;
}

describe("login throttling", () => {
  it.each([
    [[0, 1, 2, 3], false, "4 failures do not lock"],
    [[0, 1, 2, 3, 4], true, "the 5th failure within the window locks"],
    [[0, 1, 2, 3, WINDOW_MS + 10], false, "failures outside the window start a new count"],
  ])("%j → locked %s (%s)", (offsets, locked) => {
    const state = failTimes(offsets);
    expect(isLocked(state, after(offsets.at(-1)! + 1))).toBe(locked);
  });

  it("unlocks once the lock period has passed", () => {
    const state = failTimes([0, 1, 2, 3, 4]);
    expect(isLocked(state, after(4 + LOCK_MS - 1))).toBe(true);
    expect(isLocked(state, after(4 + LOCK_MS + 1))).toBe(false);
  });

  it("never locks with fewer than MAX_FAILURES failures, whatever their timing", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(WINDOW_MS * 3), { maxLength: MAX_FAILURES - 1 }), (offsets) => {
        const sorted = [...offsets].sort((a, b) => a - b);
        return !isLocked(failTimes(sorted), after((sorted.at(-1) ?? 0) + 1));
      }),
    );
  });
});
