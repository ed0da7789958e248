import type { Role } from "../constants";

/**
 * 订单培训 status machine (product.md §3): draft → open → contracted → in_training →
 * fulfilled → closed. An order not yet fulfilled may also be closed (cancelled) by
 * its enterprise. Who may make each move is part of the table.
 */
export type OrderStatus = "draft" | "open" | "contracted" | "in_training" | "fulfilled" | "closed";

export type OrderMove = { from: OrderStatus; to: OrderStatus; by: readonly Role[]; label: string };

export const ORDER_MOVES: readonly OrderMove[] = [
  { from: "draft", to: "open", by: ["enterprise"], label: "发布订单" },
  { from: "open", to: "contracted", by: ["college"], label: "承接订单" },
  { from: "contracted", to: "in_training", by: ["college", "enterprise"], label: "开始培训" },
  { from: "in_training", to: "fulfilled", by: ["enterprise"], label: "确认完成" },
  { from: "fulfilled", to: "closed", by: ["enterprise"], label: "关闭订单" },
  { from: "draft", to: "closed", by: ["enterprise"], label: "关闭订单" },
  { from: "open", to: "closed", by: ["enterprise"], label: "关闭订单" },
  { from: "contracted", to: "closed", by: ["enterprise"], label: "关闭订单" },
  { from: "in_training", to: "closed", by: ["enterprise"], label: "关闭订单" },
];

/** Orders in these states take applications and hires. */
export const ORDER_RECRUITING_STATUSES: readonly OrderStatus[] = ["open", "contracted", "in_training"];

export type MoveCheck = { ok: true } | { ok: false; reason: string };

export type OrderFacts = { status: OrderStatus; quantity: number; quantityFilled: number };

/** Whether `role` may move an order to `to`; the reason is Chinese, for the person who asked. */
export function checkOrderMove(order: OrderFacts, to: OrderStatus, role: Role): MoveCheck {
  const move = ORDER_MOVES.find((m) => m.from === order.status && m.to === to);
  if (!move) return { ok: false, reason: `订单当前状态不能变更为该状态` };
  if (!move.by.includes(role)) return { ok: false, reason: `此操作（${move.label}）不由您的角色执行` };
  if (to === "fulfilled" && order.quantityFilled === 0) {
    return { ok: false, reason: "订单尚无录用记录，不能确认完成" };
  }
  return { ok: true };
}

/** The moves `role` could make from an order's current state (for buttons). */
export function orderMovesFor(status: OrderStatus, role: Role): readonly OrderMove[] {
  return ORDER_MOVES.filter((m) => m.from === status && m.by.includes(role));
}

/** The status an order takes after a hire fills a place: filling the last place of an order in training fulfils it. */
export function statusAfterHire(order: OrderFacts): OrderStatus {
  const filled = order.quantityFilled + 1;
  return order.status === "in_training" && filled >= order.quantity ? "fulfilled" : order.status;
}

/** Places still open on an order, never negative. */
export function remainingPlaces(order: Pick<OrderFacts, "quantity" | "quantityFilled">): number {
  return Math.max(0, order.quantity - order.quantityFilled);
}
