import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ORDER_STATUSES, ROLES } from "../constants";
import { checkOrderMove, orderMovesFor, remainingPlaces, statusAfterHire, type OrderStatus } from "./order-status";

const order = (status: OrderStatus, quantityFilled = 0, quantity = 10) => ({ status, quantity, quantityFilled });

describe("order status machine", () => {
  it.each([
    ["draft", "open", "enterprise"],
    ["open", "contracted", "college"],
    ["contracted", "in_training", "college"],
    ["contracted", "in_training", "enterprise"],
    ["fulfilled", "closed", "enterprise"],
    ["draft", "closed", "enterprise"],
    ["open", "closed", "enterprise"],
    ["in_training", "closed", "enterprise"],
  ] as const)("%s → %s by %s is allowed", (from, to, role) => {
    expect(checkOrderMove(order(from), to, role)).toEqual({ ok: true });
  });

  it.each([
    ["draft", "contracted", "college", "订单当前状态不能变更为该状态"],
    ["open", "contracted", "enterprise", "此操作（承接订单）不由您的角色执行"],
    ["draft", "open", "college", "此操作（发布订单）不由您的角色执行"],
    ["closed", "open", "enterprise", "订单当前状态不能变更为该状态"],
    ["fulfilled", "in_training", "enterprise", "订单当前状态不能变更为该状态"],
    ["in_training", "fulfilled", "enterprise", "订单尚无录用记录，不能确认完成"],
  ] as const)("%s → %s by %s is refused: %s", (from, to, role, reason) => {
    expect(checkOrderMove(order(from), to, role)).toEqual({ ok: false, reason });
  });

  it("lets an enterprise confirm an order in training once a place is filled", () => {
    expect(checkOrderMove(order("in_training", 1), "fulfilled", "enterprise")).toEqual({ ok: true });
  });

  it("offers as buttons exactly the moves it would accept", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_STATUSES), fc.constantFrom(...ORDER_STATUSES), fc.constantFrom(...ROLES), (from, to, role) => {
        const offered = orderMovesFor(from, role).some((m) => m.to === to);
        const accepted = checkOrderMove(order(from, 1), to, role).ok;
        return offered === accepted;
      }),
    );
  });

  it("never leaves closed", () => {
    for (const to of ORDER_STATUSES) for (const role of ROLES) expect(checkOrderMove(order("closed", 1), to, role).ok).toBe(false);
  });

  it("fulfils an order in training when a hire fills its last place, and only then", () => {
    expect(statusAfterHire(order("in_training", 9, 10))).toBe("fulfilled");
    expect(statusAfterHire(order("in_training", 8, 10))).toBe("in_training");
    expect(statusAfterHire(order("open", 9, 10))).toBe("open");
  });

  it("counts remaining places down to zero, never below", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 600 }), (quantity, filled) => {
        const left = remainingPlaces({ quantity, quantityFilled: filled });
        return left >= 0 && (filled <= quantity ? left === quantity - filled : left === 0);
      }),
    );
  });
});
