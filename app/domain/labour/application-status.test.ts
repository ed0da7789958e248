import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES, ROLES } from "../constants";
import {
  activeKeyOf,
  applicationMovesFor,
  checkApplicationMove,
  FINAL_APPLICATION_STATUSES,
  isActiveApplication,
} from "./application-status";

describe("application status machine", () => {
  it.each([
    ["submitted", "viewed", "enterprise"],
    ["viewed", "shortlisted", "enterprise"],
    ["shortlisted", "offered", "enterprise"],
    ["offered", "accepted", "graduate"],
    ["offered", "declined", "graduate"],
    ["accepted", "hired", "enterprise"],
    ["accepted", "rejected", "enterprise"],
    ["accepted", "withdrawn", "graduate"],
    ["submitted", "rejected", "enterprise"],
    ["offered", "rejected", "enterprise"],
    ["submitted", "withdrawn", "graduate"],
    ["offered", "withdrawn", "graduate"],
  ] as const)("%s → %s by %s is allowed", (from, to, role) => {
    expect(checkApplicationMove(from, to, role)).toEqual({ ok: true });
  });

  it.each([
    ["withdrawn", "hired", "enterprise", "申请人已撤回该申请，不能再变更"],
    ["hired", "withdrawn", "graduate", "该申请已录用，不能再变更"],
    ["rejected", "viewed", "enterprise", "该申请已结束（未通过），不能再变更"],
    ["submitted", "hired", "enterprise", "只有毕业生接受录用通知后才能录用"],
    ["submitted", "lapsed", "enterprise", "申请当前状态不能直接变更为该状态"],
    ["viewed", "offered", "enterprise", "申请当前状态不能直接变更为该状态"],
    ["submitted", "withdrawn", "enterprise", "此操作（撤回申请）不由您的角色执行"],
    ["offered", "hired", "enterprise", "只有毕业生接受录用通知后才能录用"],
    ["offered", "accepted", "enterprise", "此操作（接受录用通知）不由您的角色执行"],
    ["accepted", "hired", "graduate", "此操作（录用）不由您的角色执行"],
    ["lapsed", "accepted", "graduate", "录用通知已过答复期限，不能再变更"],
    ["closed", "viewed", "enterprise", "该岗位或订单已关闭，不能再变更"],
    ["submitted", "rejected", "college", "此操作（不予录用）不由您的角色执行"],
  ] as const)("%s → %s by %s is refused: %s", (from, to, role, reason) => {
    expect(checkApplicationMove(from, to, role)).toEqual({ ok: false, reason });
  });

  it("offers as buttons exactly the moves it would accept", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...APPLICATION_STATUSES),
        fc.constantFrom(...APPLICATION_STATUSES),
        fc.constantFrom(...ROLES),
        (from, to, role) => applicationMovesFor(from, role).some((m) => m.to === to) === checkApplicationMove(from, to, role).ok,
      ),
    );
  });

  it("ends for good in hired, rejected, withdrawn, declined, lapsed and closed", () => {
    for (const from of FINAL_APPLICATION_STATUSES) {
      expect(isActiveApplication(from)).toBe(false);
      for (const to of APPLICATION_STATUSES) for (const role of ROLES) expect(checkApplicationMove(from, to, role).ok).toBe(false);
    }
  });

  it("keys an active application by its job or order, and frees the key once it ends", () => {
    expect(activeKeyOf({ jobId: 7, orderId: null }, "submitted")).toBe("job:7");
    expect(activeKeyOf({ jobId: null, orderId: 3 }, "offered")).toBe("order:3");
    expect(activeKeyOf({ jobId: 7, orderId: null }, "withdrawn")).toBeNull();
    expect(activeKeyOf({ jobId: null, orderId: 3 }, "hired")).toBeNull();
  });

  it("has a key exactly while the application is active", () => {
    fc.assert(
      fc.property(fc.constantFrom(...APPLICATION_STATUSES), fc.integer({ min: 1 }), fc.boolean(), (status, id, isJob) => {
        const key = activeKeyOf(isJob ? { jobId: id, orderId: null } : { jobId: null, orderId: id }, status);
        return (key !== null) === isActiveApplication(status);
      }),
    );
  });
});
