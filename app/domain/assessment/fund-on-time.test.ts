import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { onTimeRateBp, paidOnTimeFen, type DueLine } from "./fund-on-time";

const line = (owedFen: number, payments: DueLine["payments"], dueOn = "2026-06-30"): DueLine => ({ owedFen, dueOn, payments });
const confirmed = (amountFen: number, paidOn: string) => ({ status: "confirmed", amountFen, paidOn });

describe("paidOnTimeFen / onTimeRateBp (经费分成按期到账率)", () => {
  it.each([
    ["paid in full on the due day", line(100_000, [confirmed(100_000, "2026-06-30")]), 100_000],
    ["paid a day late", line(100_000, [confirmed(100_000, "2026-07-01")]), 0],
    ["part on time, the rest late", line(100_000, [confirmed(40_000, "2026-05-01"), confirmed(60_000, "2026-08-01")]), 40_000],
    ["waiting for confirmation or disputed: not received", line(100_000, [{ status: "pending", amountFen: 100_000, paidOn: "2026-05-01" }, { status: "disputed", amountFen: 100_000, paidOn: "2026-05-01" }]), 0],
    ["more than owed counts as the amount owed", line(100_000, [confirmed(150_000, "2026-05-01")]), 100_000],
    ["nothing paid", line(100_000, []), 0],
  ])("%s", (_label, l, expected) => {
    expect(paidOnTimeFen(l)).toBe(expected);
  });

  it("weighs lines by amount; an overpaid line does not make up for another; nothing owed: no rate", () => {
    expect(onTimeRateBp([line(300_000, [confirmed(300_000, "2026-06-01")]), line(100_000, [])])).toBe(7_500);
    expect(onTimeRateBp([line(100_000, [confirmed(200_000, "2026-06-01")]), line(100_000, [])])).toBe(5_000);
    expect(onTimeRateBp([line(3, [confirmed(2, "2026-06-01")])])).toBe(6_667);
    expect(onTimeRateBp([])).toBeNull();
    expect(onTimeRateBp([line(0, [])])).toBeNull();
  });

  const lines = fc.array(
    fc.record({
      owedFen: fc.integer({ min: 1, max: 10_000_000 }),
      dueOn: fc.constantFrom("2026-03-31", "2026-06-30"),
      payments: fc.array(
        fc.record({ status: fc.constantFrom("pending", "confirmed", "disputed"), amountFen: fc.integer({ min: 1, max: 10_000_000 }), paidOn: fc.constantFrom("2026-01-15", "2026-04-30", "2026-07-31") }),
        { maxLength: 4 },
      ),
    }),
    { minLength: 1, maxLength: 6 },
  );

  it("a rate is between 0 and 100%, and a line's on-time part never exceeds what it owes", () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const rate = onTimeRateBp(ls)!;
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(10_000);
        for (const l of ls) expect(paidOnTimeFen(l)).toBeLessThanOrEqual(l.owedFen);
      }),
    );
  });

  it("confirming one more on-time payment never lowers the rate; paying later never raises it", () => {
    fc.assert(
      fc.property(lines, fc.nat(), fc.integer({ min: 1, max: 1_000_000 }), (ls, pick, amountFen) => {
        const i = pick % ls.length;
        const before = onTimeRateBp(ls)!;
        const withPayment = ls.map((l, j) => (j === i ? { ...l, payments: [...l.payments, confirmed(amountFen, l.dueOn)] } : l));
        expect(onTimeRateBp(withPayment)!).toBeGreaterThanOrEqual(before);
        const later = ls.map((l) => ({ ...l, payments: l.payments.map((p) => ({ ...p, paidOn: "2099-01-01" })) }));
        expect(onTimeRateBp(later)!).toBeLessThanOrEqual(before);
      }),
    );
  });
});
