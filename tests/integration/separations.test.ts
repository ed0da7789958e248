import { beforeAll, describe, expect, it } from "vitest";
import { chinaDate } from "~/domain/china-time";
import { addCalendarDays, dateOf } from "~/domain/subsidy/calendar";
import { applyTo } from "~/services/labour/applications.server";
import { confirmSeparation, endPlacement, reportSeparation } from "~/services/labour/separations.server";
import { checkEmploymentIntegrity } from "~/services/labour/integrity.server";
import { createJob } from "~/services/labour/postings.server";
import { createPaymentBatch } from "~/services/subsidy/batches.server";
import { releaseHeldClaim } from "~/services/subsidy/review.server";
import { prisma } from "~/utils/db.server";
import type { AppError } from "~/utils/errors.server";
import type { Principal } from "~/utils/principal.server";
import { seedMajors, thrown } from "./labour-fixtures";
import { buildSubsidyRegistry, createPlacement, createProtectedGraduate, createSubsidyPolicy, principalOf } from "./subsidy-fixtures";
import { createAccount } from "./fixtures";

/** Separations (product.md §10): who ends a placement, what it reopens, and what the money does. */
let registry: Awaited<ReturnType<typeof buildSubsidyRegistry>>;
let enterprise: Principal;
let college: Principal;
let bureau: Principal;
const today = chinaDate(new Date());

beforeAll(async () => {
  registry = await buildSubsidyRegistry();
  await seedMajors();
  await createSubsidyPolicy(1, "2020-01-01");
  const hr = await createAccount("sep-hr", "enterprise", { enterpriseId: registry.sites[0].enterprise.id });
  enterprise = await principalOf(hr.id);
  college = await principalOf(registry.collegeAccount.id);
  bureau = await principalOf(registry.sites[0].officer.id);
});

async function employed(options: { startDate?: string; contractMonths?: number } = {}) {
  const { graduate, account } = await createProtectedGraduate(registry.college.id);
  await prisma.graduate.update({ where: { id: graduate.id }, data: { status: "placed" } });
  const placement = await createPlacement(graduate.id, registry.sites[0].enterprise.id, { startDate: options.startDate ?? "2026-01-05", contractMonths: options.contractMonths ?? 24 });
  return { graduate, placement, principal: await principalOf(account.id) };
}

async function claim(graduateId: number, placementId: number, kind: string, status: string) {
  const policy = await prisma.policyVersion.findFirstOrThrow({ where: { kind: "subsidy" } });
  return prisma.subsidyClaim.create({
    data: {
      graduateId, placementId, kind, origin: "automatic", status, amountFen: 300_000, bureauId: registry.sites[0].bureau.id, policyVersionId: policy.id,
      evaluation: "{}", noticeEndsOn: status === "approved" ? dateOf("2026-01-01") : null, paidAt: status === "paid" ? new Date() : null,
    },
  });
}

const auditOf = async (claimId: number) => (await prisma.subsidyAuditEvent.findMany({ where: { claimId }, orderBy: { id: "asc" } })).map((e) => e.action);

describe("the enterprise records a separation", () => {
  it("ends the placement, makes the graduate available again and logs it", async () => {
    const { graduate, placement, principal: grad } = await employed();
    const ended = await endPlacement({ principal: enterprise, placementId: placement.id, input: { endedOn: "2026-11-30", endReason: "主动离职" } });
    expect(ended).toMatchObject({ endedOn: "2026-11-30", endReason: "主动离职" });
    const stored = await prisma.placement.findUniqueOrThrow({ where: { id: placement.id }, include: { events: true } });
    expect(stored.endedOn?.toISOString().slice(0, 10)).toBe("2026-11-30");
    expect(stored.events.map((e) => e.action)).toEqual(["ended"]);
    expect((await prisma.graduate.findUniqueOrThrow({ where: { id: graduate.id } })).status).toBe("available");
    const job = await createJob({
      principal: enterprise,
      input: { title: "复职岗位", description: "d", majorClasses: ["4601"], wageMinFen: 400_000, wageMaxFen: 500_000, openings: 1, skillLevelRequired: undefined },
    });
    await expect(applyTo({ principal: grad, target: { jobId: job.id } })).resolves.toMatchObject({ status: "submitted" });
    const again = (await thrown(endPlacement({ principal: enterprise, placementId: placement.id, input: { endedOn: "2026-11-30", endReason: "其他" } }))) as AppError;
    expect(again).toMatchObject({ status: 409, message: "该就业记录已于 2026-11-30 结束" });
  });

  it("refuses an end before the start, in the future, or with an unknown reason, naming the field", async () => {
    const { placement } = await employed({ startDate: "2026-03-01" });
    const early = (await thrown(endPlacement({ principal: enterprise, placementId: placement.id, input: { endedOn: "2026-02-28", endReason: "其他" } }))) as AppError;
    expect(early).toMatchObject({ status: 400, field: "endedOn", message: "离职日期不能早于入职日期 2026-03-01" });
    const future = (await thrown(endPlacement({ principal: enterprise, placementId: placement.id, input: { endedOn: addCalendarDays(today, 1), endReason: "其他" } }))) as AppError;
    expect(future).toMatchObject({ status: 400, field: "endedOn" });
    const reason = (await thrown(endPlacement({ principal: enterprise, placementId: placement.id, input: { endedOn: "2026-06-01", endReason: "跳槽" as "其他" } }))) as AppError;
    expect(reason).toMatchObject({ status: 400, field: "endReason" });
    const other = await createAccount("sep-hr-2", "enterprise", { enterpriseId: registry.sites[1].enterprise.id });
    const foreign = (await thrown(endPlacement({ principal: await principalOf(other.id), placementId: placement.id, input: { endedOn: "2026-06-01", endReason: "其他" } }))) as AppError;
    expect(foreign.status).toBe(404);
    expect((await prisma.placement.findUniqueOrThrow({ where: { id: placement.id } })).endedOn).toBeNull();
  });
});

describe("the graduate reports a separation", () => {
  it("is confirmed by the enterprise with the reported day and reason", async () => {
    const { placement, principal: grad } = await employed();
    await reportSeparation({ principal: grad, placementId: placement.id, input: { endedOn: "2026-10-31", endReason: "协商解除" } });
    expect((await prisma.placement.findUniqueOrThrow({ where: { id: placement.id } })).endedOn).toBeNull();
    await confirmSeparation({ principal: enterprise, placementId: placement.id });
    const stored = await prisma.placement.findUniqueOrThrow({ where: { id: placement.id }, include: { events: { orderBy: { id: "asc" } } } });
    expect(stored).toMatchObject({ endReason: "协商解除", endReportedOn: null });
    expect(stored.events.map((e) => e.action)).toEqual(["end_reported", "end_confirmed"]);
  });

  it("is confirmed by the college only after 10 working days without the enterprise's answer", async () => {
    const { placement, principal: grad } = await employed();
    const reportedAt = new Date("2026-11-02T02:00:00Z"); // Monday 2026-11-02 in China
    await reportSeparation({ principal: grad, placementId: placement.id, input: { endedOn: "2026-10-30", endReason: "主动离职" }, now: reportedAt });
    const early = (await thrown(confirmSeparation({ principal: college, placementId: placement.id, now: new Date("2026-11-16T02:00:00Z") }))) as AppError;
    expect(early).toMatchObject({ status: 409, message: "用人单位可在 10 个工作日内确认；2026-11-17 起院校方可代为确认" });
    await confirmSeparation({ principal: college, placementId: placement.id, now: new Date("2026-11-17T02:00:00Z") });
    expect((await prisma.placement.findUniqueOrThrow({ where: { id: placement.id } })).endReason).toBe("主动离职");
  });

  it("cannot be confirmed before it is reported", async () => {
    const { placement } = await employed();
    expect(((await thrown(confirmSeparation({ principal: enterprise, placementId: placement.id }))) as AppError).message).toBe("毕业生尚未申报离职");
  });
});

describe("money follows the record", () => {
  it("re-evaluates an unapproved claim (a contract ended before 12 months fails, with the reason), holds an approved one, flags a paid one", async () => {
    const { graduate, placement } = await employed({ startDate: "2026-01-05", contractMonths: 24 });
    const pending = await claim(graduate.id, placement.id, "tuition", "pending_review");
    const approved = await claim(graduate.id, placement.id, "living", "approved");
    const second = await employed({ startDate: "2026-01-05", contractMonths: 24 });
    const paid = await claim(second.graduate.id, second.placement.id, "tuition", "paid");

    await endPlacement({ principal: enterprise, placementId: placement.id, input: { endedOn: "2026-06-30", endReason: "用人单位解除" } });
    await endPlacement({ principal: enterprise, placementId: second.placement.id, input: { endedOn: "2026-06-30", endReason: "主动离职" } });

    const rejected = await prisma.subsidyClaim.findUniqueOrThrow({ where: { id: pending.id } });
    expect(rejected.status).toBe("rejected");
    expect(rejected.rejectReason).toContain("就业已于 2026-06-30 结束（用人单位解除）");
    expect(rejected.rejectReason).toContain("劳动合同期限 5 个月，少于 12 个月");
    expect(await auditOf(pending.id)).toEqual(["reevaluated_after_separation"]);

    const held = await prisma.subsidyClaim.findUniqueOrThrow({ where: { id: approved.id } });
    expect(held).toMatchObject({ status: "approved", heldReason: "就业已于 2026-06-30 结束（用人单位解除），暂停支付，待人社局决定" });
    expect(await auditOf(approved.id)).toEqual(["held_after_separation"]);
    const batch = await thrown(createPaymentBatch({ principal: bureau }));
    expect((batch as AppError).status).toBe(409);

    const flagged = await prisma.subsidyClaim.findUniqueOrThrow({ where: { id: paid.id } });
    expect(flagged).toMatchObject({ status: "paid", heldReason: "就业已于 2026-06-30 结束（主动离职），补贴已发放，待人社局复核（不自动追回）" });
    expect(await auditOf(paid.id)).toEqual(["flagged_after_separation"]);

    await releaseHeldClaim({ principal: bureau, claimId: approved.id });
    expect(await prisma.subsidyClaim.findUniqueOrThrow({ where: { id: approved.id } })).toMatchObject({ heldAt: null, status: "approved" });
    expect(await auditOf(approved.id)).toEqual(["held_after_separation", "hold_released"]);
    await expect(createPaymentBatch({ principal: bureau })).resolves.toBeTruthy();
  });
});

describe("the integrity check", () => {
  it("names a claim whose placement ended without the money rules, and not one that went through them", async () => {
    const { graduate, placement } = await employed();
    const looked = await claim(graduate.id, placement.id, "tuition", "approved");
    await endPlacement({ principal: enterprise, placementId: placement.id, input: { endedOn: "2026-06-30", endReason: "其他" } });
    const bypass = await employed();
    const missed = await claim(bypass.graduate.id, bypass.placement.id, "tuition", "approved");
    await prisma.placement.update({ where: { id: bypass.placement.id }, data: { endedOn: dateOf("2026-06-30"), endReason: "其他" } });
    await prisma.placementEvent.create({ data: { placementId: bypass.placement.id, action: "ended" } });
    const finding = (await checkEmploymentIntegrity()).find((f) => f.rule === "claim_not_reexamined")!;
    expect(finding.ids).toContain(missed.id);
    expect(finding.ids).not.toContain(looked.id);
  });
});
