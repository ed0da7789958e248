import { beforeAll, describe, expect, it } from "vitest";
import { createClaimsForPlacement, getClaim, listMySubsidies, requestSubsidyClaims } from "~/services/subsidy/claims.server";
import { createPaymentBatch, exportPaymentBatchCsv, markPaymentBatchPaid } from "~/services/subsidy/batches.server";
import { getBureauBudget, setBudgetAllocation } from "~/services/subsidy/budget.server";
import { createSubsidyPolicyVersion, listSubsidyPolicies } from "~/services/subsidy/policies.server";
import { approveClaim, approveClaims, confirmGraduation, declineGraduation, rejectClaim } from "~/services/subsidy/review.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { reconcileSubsidyClaims } from "~/services/subsidy/reconcile.server";
import { createAccount } from "./fixtures";
import {
  buildSubsidyRegistry,
  createPlacement,
  createProtectedGraduate,
  createSubsidyPolicy,
  DEFAULT_POLICY,
  fundBureau,
  principalOf,
} from "./subsidy-fixtures";

let registry: Awaited<ReturnType<typeof buildSubsidyRegistry>>;
/** Friday 27 November 2026, 10:00 in China. */
const APPROVAL_TIME = new Date("2026-11-27T02:00:00Z");

beforeAll(async () => {
  registry = await buildSubsidyRegistry();
  await createSubsidyPolicy(1, "2020-01-01");
  await createSubsidyPolicy(2, "2026-10-01", { tuitionFen: { 高职: 400000, 中职: 250000 } });
  await fundBureau(registry.sites[0].bureau.id, 2026, { employment_subsidy: 10_000_000, poverty_training: 300_000 });
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

async function claimedPlacement(options: Parameters<typeof createPlacement>[2] = {}, site: 0 | 1 = 0) {
  const { graduate, account, idNumber } = await createProtectedGraduate(registry.college.id);
  const placement = await createPlacement(graduate.id, registry.sites[site].enterprise.id, options);
  return { graduate, account, idNumber, placement };
}

const college = () => principalOf(registry.collegeAccount.id);
const officer = (site: 0 | 1 = 0) => principalOf(registry.sites[site].officer.id);

describe("claim creation (免申即享)", () => {
  it("creates a tuition and a living claim for a confirmed placement, once, in the park's county bureau", async () => {
    const { placement, graduate } = await claimedPlacement({ insuredMonths: 7 });
    const first = await createClaimsForPlacement({ placementId: placement.id, origin: "automatic" });
    expect(first.created.map((c) => [c.kind, c.amountFen])).toEqual([
      ["tuition", 300000],
      ["living", 300000],
    ]);
    const again = await createClaimsForPlacement({ placementId: placement.id, origin: "automatic" });
    expect(again.created).toEqual([]);
    const claims = await prisma.subsidyClaim.findMany({ where: { graduateId: graduate.id } });
    expect(claims).toHaveLength(2);
    expect(claims.every((c) => c.status === "pending_college" && c.bureauId === registry.sites[0].bureau.id)).toBe(true);
    const events = await prisma.subsidyAuditEvent.findMany({ where: { claimId: { in: claims.map((c) => c.id) } } });
    expect(events.map((e) => e.action)).toEqual(["created", "created"]);
  });

  it("creates nothing for an 11-month contract and says why", async () => {
    const { placement } = await claimedPlacement({ contractMonths: 11 });
    const result = await createClaimsForPlacement({ placementId: placement.id, origin: "automatic" });
    expect(result.created).toEqual([]);
    expect(result.skipped[0]?.reason).toContain("劳动合同期限 11 个月，少于 12 个月");
  });

  it("applies the policy in force on the placement's start date", async () => {
    const before = await claimedPlacement({ startDate: "2026-09-30" });
    const after = await claimedPlacement({ startDate: "2026-10-01" });
    const a = await createClaimsForPlacement({ placementId: before.placement.id, origin: "automatic" });
    const b = await createClaimsForPlacement({ placementId: after.placement.id, origin: "automatic" });
    expect(a.created.find((c) => c.kind === "tuition")?.amountFen).toBe(300000);
    expect(b.created.find((c) => c.kind === "tuition")?.amountFen).toBe(400000);
  });

  it("lets the graduate ask for their own confirmed placement only", async () => {
    const mine = await claimedPlacement({ confirmed: false });
    const theirs = await claimedPlacement();
    const me = await principalOf(mine.account.id);
    expect((await rejection(requestSubsidyClaims({ principal: me, placementId: mine.placement.id }))).message).toContain(
      "尚未确认",
    );
    expect((await rejection(requestSubsidyClaims({ principal: me, placementId: theirs.placement.id }))).status).toBe(404);
    await prisma.placement.update({ where: { id: mine.placement.id }, data: { confirmedAt: new Date() } });
    const result = await requestSubsidyClaims({ principal: me, placementId: mine.placement.id });
    expect(result.created).toHaveLength(2);
    const claim = await prisma.subsidyClaim.findFirstOrThrow({ where: { placementId: mine.placement.id } });
    expect(claim.origin).toBe("graduate");
    const mySubsidies = await listMySubsidies({ principal: me });
    expect(mySubsidies[0]?.claims).toHaveLength(2);
    expect(mySubsidies[0]?.evaluation?.tuition.eligible).toBe(true);
  });

  it("reconciles confirmed placements that got no claims, and a second run changes nothing", async () => {
    const { placement } = await claimedPlacement();
    const first = await reconcileSubsidyClaims({ now: new Date() });
    expect(first.created).toBeGreaterThanOrEqual(2);
    expect(await prisma.subsidyClaim.count({ where: { placementId: placement.id } })).toBe(2);
    const second = await reconcileSubsidyClaims({ now: new Date() });
    expect(second.created).toBe(0);
  });
});

describe("from graduation confirmation to payment", () => {
  it("walks a claim through every step, reserving budget and logging each step", async () => {
    const { placement, graduate, account, idNumber } = await claimedPlacement({ insuredMonths: 4 });
    const { created } = await createClaimsForPlacement({ placementId: placement.id, origin: "automatic" });
    const ids = created.map((c) => c.id);
    await expect(approveClaim({ principal: await officer(), claimId: ids[0]!, source: "employment_subsidy", now: APPROVAL_TIME })).rejects.toThrow(
      "只有待审核的申请可以批准",
    );
    expect((await confirmGraduation({ principal: await college(), claimIds: ids })).done).toEqual(ids);

    const budgetBefore = await getBureauBudget({ principal: await officer(), year: 2026 });
    const approved = await approveClaims({ principal: await officer(), claimIds: ids, source: "employment_subsidy", now: APPROVAL_TIME });
    expect(approved).toEqual({ done: ids, failed: [] });
    const budgetAfter = await getBureauBudget({ principal: await officer(), year: 2026 });
    expect(budgetAfter.total.reservedFen - budgetBefore.total.reservedFen).toBe(300000 + 200000);

    const [mine] = await listMySubsidies({ principal: await principalOf(account.id) });
    expect(mine?.evaluation?.tuition.eligible).toBe(true);
    const claim = await prisma.subsidyClaim.findUniqueOrThrow({ where: { id: ids[0]! } });
    expect(claim.grantKey).toBe(`${graduate.idNumberHash}:tuition`);
    // Approved on Friday 27 November: notice Mon 30 Nov – Fri 4 Dec, payable from Saturday 5 December.
    expect(claim.noticeEndsOn?.toISOString().slice(0, 10)).toBe("2026-12-05");

    await expect(createPaymentBatch({ principal: await officer(), now: new Date("2026-12-04T08:00:00Z") })).rejects.toThrow(
      "没有公示期满",
    );
    const batch = await createPaymentBatch({ principal: await officer(), now: new Date("2026-12-05T01:00:00Z") });
    expect(batch.count).toBeGreaterThanOrEqual(2);
    await expect(markPaymentBatchPaid({ principal: await officer(), batchId: batch.id })).rejects.toThrow("已导出");
    const { csv } = await exportPaymentBatchCsv({ principal: await officer(), batchId: batch.id });
    expect(csv.startsWith("\uFEFF批次号,申请编号,姓名,身份证号")).toBe(true);
    expect(csv).toContain(`${graduate.name},${idNumber},学费补贴,3000.00,就业补助资金`);
    await markPaymentBatchPaid({ principal: await officer(), batchId: batch.id });
    expect((await prisma.subsidyClaim.findUniqueOrThrow({ where: { id: ids[0]! } })).status).toBe("paid");

    const seen = await getClaim({ principal: await principalOf(account.id), claimId: ids[0]! });
    expect(seen.events.map((e) => e.action)).toEqual(["created", "graduation_confirmed", "approved", "batched", "exported", "paid"]);
    expect(seen.graduate?.idNumber).toBe(idNumber);
    const fromCollege = await getClaim({ principal: await college(), claimId: ids[0]! });
    expect(fromCollege.graduate?.idNumber).not.toBe(idNumber);
    expect(fromCollege.graduate?.idNumber).toContain("*");
  });

  it("rejects with a reason, and a declined graduation ends the claim", async () => {
    const one = await claimedPlacement();
    const two = await claimedPlacement();
    const a = await createClaimsForPlacement({ placementId: one.placement.id, origin: "automatic" });
    const b = await createClaimsForPlacement({ placementId: two.placement.id, origin: "automatic" });
    await confirmGraduation({ principal: await college(), claimIds: [a.created[0]!.id] });
    await rejectClaim({ principal: await officer(), claimId: a.created[0]!.id, reason: "劳动合同与社保记录不一致" });
    await declineGraduation({ principal: await college(), claimId: b.created[0]!.id, reason: "该生未取得毕业证书" });
    const rejected = await prisma.subsidyClaim.findMany({ where: { id: { in: [a.created[0]!.id, b.created[0]!.id] }  }, orderBy: { id: "asc" } });
    expect(rejected.map((c) => [c.status, c.rejectReason])).toEqual([
      ["rejected", "劳动合同与社保记录不一致"],
      ["rejected", "院校不予确认毕业：该生未取得毕业证书"],
    ]);
  });

  it("keeps a bureau out of another bureau's claims and refuses a source it has no budget from", async () => {
    const { placement } = await claimedPlacement();
    const { created } = await createClaimsForPlacement({ placementId: placement.id, origin: "automatic" });
    await confirmGraduation({ principal: await college(), claimIds: [created[0]!.id] });
    expect((await rejection(approveClaim({ principal: await officer(1), claimId: created[0]!.id, source: "employment_subsidy" }))).status).toBe(404);
    const noSource = await rejection(approveClaim({ principal: await officer(), claimId: created[0]!.id, source: "agriculture_training", now: APPROVAL_TIME }));
    expect(noSource.message).toContain("没有「农业培训资金（高素质农民）」资金");
  });

  it("refuses an approval the source cannot pay for, and leaves the budget as it was", async () => {
    const { placement } = await claimedPlacement();
    const { created } = await createClaimsForPlacement({ placementId: placement.id, origin: "automatic" });
    const tuition = created.find((c) => c.kind === "tuition")!;
    await confirmGraduation({ principal: await college(), claimIds: [tuition.id] });
    const before = await prisma.budgetAllocation.findFirstOrThrow({ where: { source: "poverty_training" } });
    await prisma.budgetAllocation.update({ where: { id: before.id }, data: { reservedFen: 100_000 } });
    const error = await rejection(approveClaim({ principal: await officer(), claimId: tuition.id, source: "poverty_training", now: APPROVAL_TIME }));
    expect(error.message).toContain("预算余额不足");
    const after = await prisma.budgetAllocation.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.reservedFen).toBe(100_000n);
    const claim = await prisma.subsidyClaim.findUniqueOrThrow({ where: { id: tuition.id } });
    expect([claim.status, claim.grantKey]).toEqual(["pending_review", null]);
  });
});

describe("budget and policy administration", () => {
  it("refuses to cut an allocation under what is reserved", async () => {
    const principal = await officer();
    await setBudgetAllocation({ principal, year: 2027, source: "skills_upgrade", amountFen: 500_000 });
    const allocation = await prisma.budgetAllocation.findFirstOrThrow({ where: { source: "skills_upgrade" } });
    await prisma.budgetAllocation.update({ where: { id: allocation.id }, data: { reservedFen: 400_000 } });
    const error = await rejection(setBudgetAllocation({ principal, year: 2027, source: "skills_upgrade", amountFen: 300_000 }));
    expect(error.message).toBe("预算金额不能低于已批准占用的金额");
    await setBudgetAllocation({ principal, year: 2027, source: "skills_upgrade", amountFen: 450_000 });
    expect((await prisma.budgetAllocation.findUniqueOrThrow({ where: { id: allocation.id } })).amountFen).toBe(450_000n);
  });

  it("adds policy versions without touching earlier ones", async () => {
    const province = await principalOf((await createAccount("sub-province", "province")).id);
    const before = await listSubsidyPolicies({ principal: province });
    const created = await createSubsidyPolicyVersion({
      principal: province,
      effectiveFrom: "2027-01-01",
      policy: { ...DEFAULT_POLICY, livingFenPerMonth: 60000 },
      note: "生活补贴标准调整",
    });
    expect(created.version).toBe(3);
    const after = await listSubsidyPolicies({ principal: province });
    expect(after.map((p) => p.version)).toEqual([3, 2, 1]);
    expect(after.slice(1)).toEqual(before);
    expect(after[0]?.policy?.livingFenPerMonth).toBe(60000);
  });
});

describe("the audit log", () => {
  it("cannot be changed or deleted, even by a direct query", async () => {
    const event = await prisma.subsidyAuditEvent.findFirstOrThrow();
    await expect(prisma.subsidyAuditEvent.update({ where: { id: event.id }, data: { action: "forged" } })).rejects.toThrow();
    await expect(prisma.subsidyAuditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    expect((await prisma.subsidyAuditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe(event.action);
  });
});
