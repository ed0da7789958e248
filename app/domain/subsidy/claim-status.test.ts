import { describe, expect, it } from "vitest";
import { CLAIM_STATUSES, CLAIM_STEPS, claimProgress, nextClaimStatus } from "./claim-status";

describe("claim status transitions", () => {
  it.each([
    ["pending_college", "confirm_graduation", "pending_review"],
    ["pending_college", "decline_graduation", "rejected"],
    ["pending_review", "approve", "approved"],
    ["pending_review", "reject", "rejected"],
    ["approved", "batch", "in_batch"],
    ["in_batch", "pay", "paid"],
  ] as const)("%s --%s--> %s", (from, step, to) => {
    expect(nextClaimStatus(from, step)).toBe(to);
  });

  it("allows each step from exactly one status, and nothing leaves paid or rejected", () => {
    for (const step of CLAIM_STEPS) {
      expect(CLAIM_STATUSES.filter((s) => nextClaimStatus(s, step) !== null)).toHaveLength(1);
      expect(nextClaimStatus("paid", step)).toBeNull();
      expect(nextClaimStatus("rejected", step)).toBeNull();
    }
  });

  it("cannot approve a claim whose graduation the college has not confirmed", () => {
    expect(nextClaimStatus("pending_college", "approve")).toBeNull();
    expect(nextClaimStatus("approved", "pay")).toBeNull();
  });

  it("orders the path a graduate sees", () => {
    expect(claimProgress("pending_college")).toBe(0);
    expect(claimProgress("paid")).toBe(4);
    expect(claimProgress("rejected")).toBe(-1);
  });
});
