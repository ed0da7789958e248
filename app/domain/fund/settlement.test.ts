import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, dueDate, lineKey, paymentProblem, settleLine, spendFrom, type LinePayments } from "./settlement";

describe("addMonths / dueDate (product.md §12: due 3 months after the statement)", () => {
  it.each([
    ["2026-01-15", 3, "2026-04-15"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2027-11-30", 3, "2028-02-29"],
    ["2026-01-31", 1, "2026-02-28"],
    ["2026-12-31", 0, "2026-12-31"],
    ["2026-10-31", 12, "2027-10-31"],
  ])("%s + %i months is %s", (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });

  it("a line falls due dueMonths after its statement", () => {
    expect(dueDate("2026-03-10", 3)).toBe("2026-06-10");
  });

  it("never goes backwards and lands in the month counted", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2090-12-31"), noInvalidDate: true }), fc.integer({ min: 0, max: 36 }), (d, months) => {
        const day = d.toISOString().slice(0, 10);
        const due = addMonths(day, months);
        expect(due >= day).toBe(true);
        const [y, m] = day.split("-").map(Number) as [number, number];
        const [dy, dm] = due.split("-").map(Number) as [number, number];
        expect(dy * 12 + dm - (y * 12 + m)).toBe(months);
      }),
    );
  });
});

const pay = (...items: [LinePayments[number]["status"], number][]): LinePayments => items.map(([status, amountFen]) => ({ status, amountFen }));

describe("settleLine: a statement line's status", () => {
  const due = "2026-06-30";
  it.each([
    ["nothing paid before the due date", 10_000, pay(), "2026-06-30", "unpaid", 10_000, 10_000],
    ["a payment waiting for confirmation does not count as paid", 10_000, pay(["pending", 10_000]), "2026-05-01", "unpaid", 10_000, 0],
    ["part confirmed before the due date", 10_000, pay(["confirmed", 4_000]), "2026-05-01", "part_paid", 6_000, 6_000],
    ["part confirmed after the due date is overdue", 10_000, pay(["confirmed", 4_000]), "2026-07-01", "overdue", 6_000, 6_000],
    ["confirmed in full in two parts", 10_000, pay(["confirmed", 4_000], ["confirmed", 6_000]), "2027-01-01", "paid", 0, 0],
    ["a disputed payment: disputed, and it can be recorded again", 10_000, pay(["disputed", 10_000]), "2026-05-01", "disputed", 10_000, 10_000],
    ["disputed past the due date stays disputed", 10_000, pay(["disputed", 5_000], ["confirmed", 1]), "2026-08-01", "disputed", 9_999, 9_999],
    ["nothing owed is paid", 0, pay(), "2026-08-01", "paid", 0, 0],
  ])("%s", (_label, owedFen, payments, today, status, outstandingFen, payableFen) => {
    const line = settleLine({ owedFen, payments, dueOn: due, today });
    expect(line.status).toBe(status);
    expect(line.outstandingFen).toBe(outstandingFen);
    expect(line.payableFen).toBe(payableFen);
  });

  it("outstanding + confirmed covers what is owed, and nothing is negative", () => {
    const payment = fc.record({ status: fc.constantFrom("pending" as const, "confirmed" as const, "disputed" as const), amountFen: fc.integer({ min: 1, max: 1_000_000 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.array(payment, { maxLength: 6 }), fc.boolean(), (owedFen, payments, late) => {
        const line = settleLine({ owedFen, payments, dueOn: "2026-06-30", today: late ? "2026-07-01" : "2026-06-30" });
        expect(line.outstandingFen).toBeGreaterThanOrEqual(0);
        expect(line.payableFen).toBeGreaterThanOrEqual(0);
        expect(line.payableFen).toBeLessThanOrEqual(line.outstandingFen);
        expect(line.outstandingFen + Math.min(line.confirmedFen, owedFen)).toBe(owedFen);
        if (line.status === "paid") expect(line.confirmedFen).toBeGreaterThanOrEqual(owedFen);
        if (line.status === "overdue") expect(late).toBe(true);
      }),
    );
  });
});

describe("paymentProblem / spendFrom", () => {
  it.each([
    [0, 100, "付款金额必须大于 0"],
    [101, 100, "付款金额超过尚未支付的金额"],
    [1, 0, "该笔应付款已全部付清或有待确认的付款"],
    [100, 100, null],
  ])("paying %i against %i payable: %s", (amountFen, payableFen, problem) => {
    expect(paymentProblem({ amountFen, payableFen })).toBe(problem);
  });

  it("a spending entry never takes the balance below zero", () => {
    expect(spendFrom(5_000, 5_000)).toEqual({ ok: true, balanceFen: 0 });
    expect(spendFrom(5_000, 5_001)).toEqual({ ok: false, reason: "支出金额超过专款余额" });
    expect(spendFrom(5_000, 0)).toEqual({ ok: false, reason: "支出金额必须大于 0" });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: -10, max: 1e9 }), (balance, amount) => {
        const r = spendFrom(balance, amount);
        if (r.ok) expect(r.balanceFen).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("keys a line by its college or its pool", () => {
    expect(lineKey({ recipient: "college", collegeId: 7 })).toBe("c7");
    expect(lineKey({ recipient: "province_pool", collegeId: null })).toBe("province_pool");
  });
});
