import { FUNDING_SOURCES } from "~/domain/constants";
import { dateOf, noticePeriod } from "~/domain/subsidy/calendar";
import { workCalendarFrom } from "~/services/policy/calendar.server";
import { chinaDate } from "~/domain/china-time";
import { QUEUE_SORTS, requiredStatus } from "~/domain/subsidy/claim-status";
import { CLAIM_KIND_LABELS, SUBSIDY_KIND_LABELS, type SubsidyKind } from "~/domain/subsidy/policy";
import { freeAnnualSlot, WORKER_TRAINING_KIND } from "~/domain/subsidy/worker-training";
import { Prisma } from "~/generated/prisma/client";
import type { Principal } from "~/utils/principal.server";
import { requireActor } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { containsText } from "~/utils/sql.server";
import { AppError, conflict, notFound } from "~/utils/errors.server";
import { PAGE_SIZE, pageWindow, type ListQuery } from "~/utils/list-query";
import { moveClaim } from "./audit.server";
import { claimSubjectSelect, evaluatePlacement, grantKeyOf, subjectOf } from "./claims.server";
import { workerTrainingApproval } from "./worker-training.server";

/** The outcome of a step taken on several claims at once: each claim succeeds or fails on its own. */
export type BulkOutcome = { done: number[]; failed: { claimId: number; message: string }[] };


// ───── College: graduation confirmations ─────

export const CONFIRMATION_SORTS = ["createdAt", "graduationDate", "name"] as const;

/** Claims of the college's graduates waiting for it to confirm their graduation. */
export async function listGraduationConfirmations({
  principal,
  query,
}: {
  principal: Principal;
  query: ListQuery<(typeof CONFIRMATION_SORTS)[number]>;
}) {
  const collegeId = requireActor(principal, "college", "只有院校可以确认毕业");
  const where: Prisma.SubsidyClaimWhereInput = { status: "pending_college", graduate: { collegeId } };
  const direction = query.direction;
  const orderBy: Prisma.SubsidyClaimOrderByWithRelationInput =
    query.sort === "createdAt"
      ? { createdAt: direction }
      : query.sort === "name"
        ? { graduate: { nameSort: direction } }
        : { graduate: { graduationDate: direction } };
  const [rows, total] = await Promise.all([
    prisma.subsidyClaim.findMany({
      where,
      orderBy: [orderBy, { id: "asc" }],
      ...pageWindow(query),
      select: {
        id: true,
        kind: true,
        amountFen: true,
        createdAt: true,
        graduate: { select: { name: true, idNumberMasked: true, majorCode: true, graduationDate: true, schoolLevel: true } },
        placement: { select: { enterprise: { select: { name: true } } } },
      },
    }),
    prisma.subsidyClaim.count({ where }),
  ]);
  // Only graduates' claims wait for a college, so both links are there.
  return { rows: rows.map((r) => ({ ...r, graduate: r.graduate!, placement: r.placement! })), total, page: query.page, pageSize: query.pageSize ?? PAGE_SIZE, sort: query.sort, direction: query.direction };
}

/** The college confirms that these claimants graduated as recorded; the claims go to the bureau. */
export async function confirmGraduation({
  principal,
  claimIds,
  now = new Date(),
}: {
  principal: Principal;
  claimIds: number[];
  now?: Date;
}): Promise<BulkOutcome> {
  const collegeId = requireActor(principal, "college", "只有院校可以确认毕业");
  const outcome: BulkOutcome = { done: [], failed: [] };
  for (const claimId of claimIds) {
    const changed = await prisma.$transaction((tx) =>
      moveClaim(tx, {
        where: { id: claimId, status: requiredStatus("confirm_graduation"), graduate: { collegeId } },
        data: { status: "pending_review", graduationConfirmedAt: now },
        event: { claimId, actorAccountId: principal.accountId, action: "graduation_confirmed", detail: { from: "pending_college", to: "pending_review" }, at: now },
      }),
    );
    if (changed) outcome.done.push(claimId);
    else outcome.failed.push({ claimId, message: `申请 ${claimId} 不在待确认列表中` });
  }
  return outcome;
}

/** The college finds the graduation record wrong: the claim ends, with the college's reason. */
export async function declineGraduation({
  principal,
  claimId,
  reason,
  now = new Date(),
}: {
  principal: Principal;
  claimId: number;
  reason: string;
  now?: Date;
}) {
  const collegeId = requireActor(principal, "college", "只有院校可以确认毕业");
  await prisma.$transaction((tx) =>
    moveClaim(tx, {
      where: { id: claimId, status: requiredStatus("decline_graduation"), graduate: { collegeId } },
      data: { status: "rejected", rejectReason: `院校不予确认毕业：${reason}` },
      event: { claimId, actorAccountId: principal.accountId, action: "graduation_declined", detail: { from: "pending_college", to: "rejected", reason }, at: now },
      refusal: "该申请不在待确认列表中",
    }),
  );
}

// ───── Bureau: review queue ─────

export type QueueFilter = { status?: string; kind?: string; origin?: "automatic" | "graduate" | "enterprise"; q?: string };

/** The bureau's claims, filtered, sorted and paged; the pending ones first by default. */
export async function listReviewQueue({
  principal,
  filter,
  query,
}: {
  principal: Principal;
  filter: QueueFilter;
  query: ListQuery<(typeof QUEUE_SORTS)[number]>;
}) {
  const bureauId = requireActor(principal, "bureau", "只有人社局可以审核补贴");
  const where: Prisma.SubsidyClaimWhereInput = {
    bureauId,
    status: filter.status,
    kind: filter.kind,
    origin: filter.origin,
    ...(filter.q ? { OR: [{ graduate: { name: containsText(filter.q) } }, { workerTrainee: { name: containsText(filter.q) } }] } : {}),
  };
  const direction = query.direction;
  const orderBy: Prisma.SubsidyClaimOrderByWithRelationInput[] =
    query.sort === "name" ? [{ graduate: { nameSort: direction } }, { workerTrainee: { name: direction } }] : [{ [query.sort]: direction }];
  const [rows, total, pendingFen] = await Promise.all([
    prisma.subsidyClaim.findMany({
      where,
      // Cluster enterprises' worker-training claims first (product.md §12), then the chosen order.
      orderBy: [{ reviewFirst: "desc" }, ...orderBy, { id: "asc" }],
      ...pageWindow(query),
      select: {
        id: true,
        kind: true,
        origin: true,
        reviewFirst: true,
        status: true,
        amountFen: true,
        createdAt: true,
        ...claimSubjectSelect,
      },
    }),
    prisma.subsidyClaim.count({ where }),
    prisma.subsidyClaim.aggregate({ where, _sum: { amountFen: true } }),
  ]);
  return { rows: rows.map(({ graduate: _g, placement: _p, workerTrainee: _w, ...r }) => ({ ...r, subject: subjectOf({ graduate: _g, placement: _p, workerTrainee: _w }) })), total, totalFen: pendingFen._sum.amountFen ?? 0, page: query.page, pageSize: query.pageSize ?? PAGE_SIZE, sort: query.sort, direction: query.direction };
}

/** Holidays and adjusted working days from `day` on, enough for any notice period. */
export async function calendarFrom(day: string) {
  // Each year's public-holiday calendar as in force on `day` (a published version, else the loaded table).
  return workCalendarFrom(day);
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** What approving a claim re-checks and sets, for a graduate's claim or a worker-training claim. */
async function approvalOf(claim: { id: number; kind: string; placementId: number | null; workerTraineeId: number | null; graduate: { idNumberHash: string } | null }) {
  if (claim.kind === WORKER_TRAINING_KIND) {
    const w = await workerTrainingApproval(claim.id, claim.workerTraineeId!);
    if (!w.eligible) throw conflict(`复核不符合职业技能提升补贴条件：${w.failed.join("；")}`);
    return { amountFen: w.amountFen, policy: w.policy, grantKey: w.grantKey, annualSlots: w.annualSlots, evaluation: w.evaluation, label: CLAIM_KIND_LABELS[claim.kind]! };
  }
  const kind = claim.kind as SubsidyKind;
  const label = SUBSIDY_KIND_LABELS[kind];
  const { evaluation, policy } = await evaluatePlacement(claim.placementId!);
  const decision = evaluation[kind];
  if (!decision.eligible) {
    const failed = evaluation.rules.filter((r) => !r.passed && r.appliesTo.includes(kind)).map((r) => r.detail);
    throw conflict(`复核不符合${label}条件：${failed.join("；")}`);
  }
  return { amountFen: decision.amountFen, policy, grantKey: grantKeyOf(claim.graduate!.idNumberHash, kind), annualSlots: null, evaluation: undefined, label };
}

/**
 * Approves one claim: re-checks eligibility under the policy in force on the hire
 * date (a worker-training claim: on the certificate's day) with today's facts, sets the
 * person's grant key (unique: one subsidy of a kind per identity number, ever,
 * province-wide; for worker training one per certificate level), for worker training
 * takes one of the person's yearly slots (unique: at most the policy's limit a year,
 * ADR 160), and reserves the amount from the named funding source of this year's budget
 * with a conditional UPDATE, all in one transaction whose first statement is a write, so
 * that concurrent approvals, in this process or another, serialise on SQLite's write lock
 * instead of each reading a stale remainder.
 */
export async function approveClaim({
  principal,
  claimId,
  source,
  now = new Date(),
}: {
  principal: Principal;
  claimId: number;
  source: string;
  now?: Date;
}) {
  const bureauId = requireActor(principal, "bureau", "只有人社局可以审核补贴");
  const claim = await prisma.subsidyClaim.findFirst({
    where: { id: claimId, bureauId },
    select: { id: true, kind: true, status: true, amountFen: true, placementId: true, workerTraineeId: true, graduate: { select: { idNumberHash: true } } },
  });
  if (!claim) throw notFound("补贴申请");
  if (claim.status !== requiredStatus("approve")) throw conflict("只有待审核的申请可以批准");
  const { amountFen, policy, grantKey, annualSlots, evaluation, label } = await approvalOf(claim);
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const allocation = await prisma.budgetAllocation.findFirst({
    where: { source, budget: { bureauId, year } },
    select: { id: true },
  });
  if (!allocation) throw conflict(`${year} 年度预算中没有「${FUNDING_SOURCES[source] ?? source}」资金`, "source");
  const notice = noticePeriod({ approvedOn: today, workingDays: policy.policy.noticeWorkingDays, calendar: await calendarFrom(today) });
  // A worker-training approval that lost a race for a yearly slot (PostgreSQL) tries the next free one.
  for (let attempt = 0; ; attempt++) {
    try {
      await prisma.$transaction(async (tx) => {
        await moveClaim(tx, {
          where: { id: claim.id, status: requiredStatus("approve") },
          data: {
            status: "approved",
            grantKey,
            amountFen,
            evaluation,
            policyVersionId: policy.id,
            budgetAllocationId: allocation.id,
            approvedAt: now,
            noticeEndsOn: dateOf(notice.payableFrom),
          },
          event: {
            claimId: claim.id,
            actorAccountId: principal.accountId,
            action: "approved",
            detail: {
              from: "pending_review",
              to: "approved",
              amountFen,
              previousAmountFen: claim.amountFen,
              source,
              policyVersion: policy.version,
              lastNoticeDay: notice.lastNoticeDay,
              payableFrom: notice.payableFrom,
            },
            at: now,
          },
          refusal: "该申请已被他人处理",
        });
        if (annualSlots) {
          const taken = await tx.subsidyClaim.findMany({ where: { annualSlot: { in: annualSlots } }, select: { annualSlot: true } });
          const slot = freeAnnualSlot(annualSlots, new Set(taken.map((t) => t.annualSlot!)));
          if (!slot) throw conflict(`该职工本年度已享受 ${annualSlots.length} 次职业技能提升补贴，达到每年上限`);
          await tx.subsidyClaim.update({ where: { id: claim.id }, data: { annualSlot: slot } });
        }
        // In the same transaction: an overdrawn budget undoes the approval and its log entry.
        const reserved = await tx.$executeRaw`
          UPDATE "BudgetAllocation" SET "reservedFen" = "reservedFen" + ${amountFen}
          WHERE "id" = ${allocation.id} AND "reservedFen" + ${amountFen} <= "amountFen"`;
        if (reserved !== 1) throw conflict(`「${FUNDING_SOURCES[source] ?? source}」本年度预算余额不足`, "source");
      });
      break;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const granted = await prisma.subsidyClaim.count({ where: { grantKey } });
      if (granted > 0 || !annualSlots || attempt >= annualSlots.length) {
        throw conflict(annualSlots ? `该身份证号已享受过该等级证书的${label}（每人每个等级限一次）` : `该身份证号已享受过${label}（每人限一次）`);
      }
    }
  }
  return { claimId: claim.id, amountFen, payableFrom: notice.payableFrom };
}

/** Approves several claims from one funding source; each succeeds or fails on its own. */
export async function approveClaims({
  principal,
  claimIds,
  source,
  now = new Date(),
}: {
  principal: Principal;
  claimIds: number[];
  source: string;
  now?: Date;
}): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { done: [], failed: [] };
  for (const claimId of claimIds) {
    try {
      await approveClaim({ principal, claimId, source, now });
      outcome.done.push(claimId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcome.failed.push({ claimId, message: error.message });
    }
  }
  return outcome;
}

/** Rejects a claim under review, with the reason the graduate will read. */
export async function rejectClaim({
  principal,
  claimId,
  reason,
  now = new Date(),
}: {
  principal: Principal;
  claimId: number;
  reason: string;
  now?: Date;
}) {
  const bureauId = requireActor(principal, "bureau", "只有人社局可以审核补贴");
  await prisma.$transaction((tx) =>
    moveClaim(tx, {
      where: { id: claimId, bureauId, status: requiredStatus("reject") },
      data: { status: "rejected", rejectReason: reason },
      event: { claimId, actorAccountId: principal.accountId, action: "rejected", detail: { from: "pending_review", to: "rejected", reason }, at: now },
      refusal: "只有待审核的申请可以驳回",
    }),
  );
}

/**
 * The bureau's decision on a claim held (approved, unpaid) or flagged (paid) after its
 * placement ended: the hold is lifted and the claim goes on as before. Logged.
 */
export async function releaseHeldClaim({ principal, claimId, now = new Date() }: { principal: Principal; claimId: number; now?: Date }) {
  const bureauId = requireActor(principal, "bureau", "只有人社局可以审核补贴");
  await prisma.$transaction(async (tx) => {
    const claim = await tx.subsidyClaim.findFirst({ where: { id: claimId, bureauId }, select: { status: true, heldAt: true } });
    if (!claim) throw notFound("补贴申请");
    await moveClaim(tx, {
      where: { id: claimId, bureauId, heldAt: { not: null } },
      data: { heldAt: null, heldReason: null },
      event: { claimId, actorAccountId: principal.accountId, at: now, action: claim.status === "paid" ? "flag_reviewed" : "hold_released", detail: { status: claim.status } },
      refusal: "该申请没有待决定的暂停或复核",
    });
  });
}
