import { SCHOOL_LEVELS, type SchoolLevel } from "~/domain/constants";
import { contractMonthsAfterEnd } from "~/domain/labour/separation";
import { isoDate } from "~/domain/subsidy/calendar";
import { evaluateSubsidy, type SubsidyEvaluation, type SubsidyFacts } from "~/domain/subsidy/evaluate";
import { SUBSIDY_KINDS, SUBSIDY_KIND_LABELS, type SubsidyKind } from "~/domain/subsidy/policy";
import { LEVEL_NAMES } from "~/domain/subsidy/worker-training";
import type { Principal } from "~/utils/principal.server";
import { mayReadFullIdNumber, mayReadTraineeIdNumber, readableClaimScope, requireActor } from "~/utils/scopes.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError, notFound } from "~/utils/errors.server";
import { decryptIdNumber } from "~/utils/pii.server";
import { CREATE_CLAIMS_JOB, enqueueOrDefer, QUEUES } from "~/utils/queue.server";
import { recordClaimEvent } from "./audit.server";
import { subsidyPolicyOn, type SubsidyPolicyInForce } from "./policy.server";

export const grantKeyOf = (idNumberHash: string, kind: SubsidyKind) => `${idNumberHash}:${kind}`;

const placementForClaims = {
  id: true,
  graduateId: true,
  startDate: true,
  contractMonths: true,
  insuredMonths: true,
  inProvincePark: true,
  confirmedAt: true,
  endedOn: true,
  graduate: { select: { idNumberHash: true, schoolLevel: true, graduationDate: true } },
  enterprise: { select: { park: { select: { countyCode: true, cityCode: true } } } },
} satisfies Prisma.PlacementSelect;
type PlacementForClaims = Prisma.PlacementGetPayload<{ select: typeof placementForClaims }>;

/**
 * Whether the person already holds a subsidy of each kind granted on another
 * placement (the one-per-person rule); this placement's own claims are not "prior".
 */
async function priorGrants(idNumberHash: string, placementId: number, db: Db) {
  const granted = await db.subsidyClaim.findMany({
    where: { grantKey: { in: SUBSIDY_KINDS.map((k) => grantKeyOf(idNumberHash, k)) }, placementId: { not: placementId } },
    select: { kind: true },
  });
  return { tuition: granted.some((g) => g.kind === "tuition"), living: granted.some((g) => g.kind === "living") };
}

function schoolLevelOf(level: string): SchoolLevel {
  if (!(SCHOOL_LEVELS as readonly string[]).includes(level)) {
    throw new AppError({ status: 422, code: "bad_level", message: `毕业生的办学层次「${level}」无法识别` });
  }
  return level as SchoolLevel;
}

type Db = Prisma.TransactionClient | typeof prisma;

/** The facts of a confirmed placement, as the evaluator reads them; an ended placement counts no more contract months than were served. */
async function factsOfPlacement(placement: PlacementForClaims, db: Db): Promise<SubsidyFacts> {
  const prior = await priorGrants(placement.graduate.idNumberHash, placement.id, db);
  const hireDate = isoDate(placement.startDate);
  return {
    schoolLevel: schoolLevelOf(placement.graduate.schoolLevel),
    graduationDate: isoDate(placement.graduate.graduationDate),
    hireDate,
    employerInProvincePark: placement.inProvincePark,
    contractMonths: contractMonthsAfterEnd(placement.contractMonths ?? 0, hireDate, placement.endedOn ? isoDate(placement.endedOn) : null),
    insuredMonthsConsecutive: placement.insuredMonths ?? 0,
    priorTuitionSubsidy: prior.tuition,
    priorLivingSubsidy: prior.living,
  };
}

/** The placement, its facts, the policy in force on its start date and the evaluation under it. */
export async function evaluatePlacement(placementId: number, db: Db = prisma) {
  const placement = await db.placement.findUnique({ where: { id: placementId }, select: placementForClaims });
  if (!placement) throw notFound("就业记录");
  const facts = await factsOfPlacement(placement, db);
  const policy = await subsidyPolicyOn(facts.hireDate);
  return { placement, facts, policy, evaluation: evaluateSubsidy(facts, policy.policy) };
}

/** The bureau that pays: the county bureau of the enterprise's park's county, else its city's bureau. */
export async function payingBureauOfPark({ countyCode, cityCode }: { countyCode: string; cityCode: string }) {
  const county = await prisma.bureau.findUnique({ where: { countyCode }, select: { id: true } });
  if (county) return county;
  return prisma.bureau.findFirst({ where: { level: "city", cityCode }, select: { id: true }, orderBy: { id: "asc" } });
}

export type ClaimCreation = {
  placementId: number;
  created: { id: number; kind: SubsidyKind; amountFen: number }[];
  /** Why a kind got no new claim (already claimed, not eligible, …). */
  skipped: { kind: SubsidyKind; reason: string }[];
};

function storedEvaluation(evaluation: SubsidyEvaluation, policy: SubsidyPolicyInForce, facts: SubsidyFacts) {
  return JSON.stringify({ policyVersion: policy.version, facts, ...evaluation });
}

/**
 * Creates the tuition and living claims a confirmed placement is eligible for (免申即享).
 * Idempotent: a kind that already has a claim on this placement (unique placementId +
 * kind), or an open claim on another placement, is skipped, so a retried job or a
 * second request changes nothing.
 */
export async function createClaimsForPlacement({
  placementId,
  origin,
  actorAccountId = null,
}: {
  placementId: number;
  origin: "automatic" | "graduate";
  actorAccountId?: number | null;
}): Promise<ClaimCreation> {
  const result: ClaimCreation = { placementId, created: [], skipped: [] };
  const { placement, facts, policy, evaluation } = await evaluatePlacement(placementId);
  if (!placement.confirmedAt) {
    result.skipped.push(...SUBSIDY_KINDS.map((kind) => ({ kind, reason: "企业尚未确认劳动合同和社保月数" })));
    return result;
  }
  const bureau = await payingBureauOfPark(placement.enterprise.park);
  if (!bureau) {
    throw new AppError({ status: 422, code: "no_bureau", message: "企业所在园区的县（市、区）尚无人社局，无法确定审核单位" });
  }
  const existing = await prisma.subsidyClaim.findMany({
    where: { graduateId: placement.graduateId, OR: [{ placementId }, { status: { not: "rejected" } }] },
    select: { kind: true, placementId: true, status: true },
  });
  for (const kind of SUBSIDY_KINDS) {
    const label = SUBSIDY_KIND_LABELS[kind];
    const decision = evaluation[kind];
    if (existing.some((c) => c.kind === kind)) {
      result.skipped.push({ kind, reason: `已有${label}申请` });
      continue;
    }
    if (!decision.eligible) {
      const failed = evaluation.rules.filter((r) => !r.passed && r.appliesTo.includes(kind)).map((r) => r.detail);
      result.skipped.push({ kind, reason: `不符合${label}条件：${failed.join("；")}` });
      continue;
    }
    try {
      const claim = await prisma.$transaction(async (tx) => {
        const created = await tx.subsidyClaim.create({
          data: {
            graduateId: placement.graduateId,
            placementId,
            kind,
            origin,
            amountFen: decision.amountFen,
            bureauId: bureau.id,
            policyVersionId: policy.id,
            evaluation: storedEvaluation(evaluation, policy, facts),
          },
          select: { id: true },
        });
        await recordClaimEvent(tx, {
          claimId: created.id,
          actorAccountId,
          action: "created",
          detail: { origin, kind, amountFen: decision.amountFen, policyVersion: policy.version, status: "pending_college" },
        });
        return created;
      });
      result.created.push({ id: claim.id, kind, amountFen: decision.amountFen });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        result.skipped.push({ kind, reason: `已有${label}申请` });
        continue;
      }
      throw error;
    }
  }
  return result;
}

/** The graduate asks for the subsidies of one of their confirmed placements. */
export async function requestSubsidyClaims({ principal, placementId }: { principal: Principal; placementId: number }) {
  const graduateId = requireActor(principal, "graduate", "只有毕业生本人可以申请补贴");
  const placement = await prisma.placement.findFirst({
    where: { id: placementId, graduateId },
    select: { id: true, confirmedAt: true },
  });
  if (!placement) throw notFound("就业记录");
  if (!placement.confirmedAt) {
    throw new AppError({ status: 409, code: "not_confirmed", message: "用人单位尚未确认劳动合同和社保缴纳月数，暂不能申请" });
  }
  const result = await createClaimsForPlacement({ placementId, origin: "graduate", actorAccountId: principal.accountId });
  if (result.created.length === 0) {
    throw new AppError({ status: 409, code: "nothing_to_claim", message: result.skipped.map((s) => s.reason).join("；") });
  }
  return result;
}

/** What lists show of a claim's subject: a graduate and the placement's enterprise, or a worker trainee and its enterprise (ADR 160). */
export const claimSubjectSelect = {
  graduate: { select: { name: true, idNumberMasked: true, schoolLevel: true, college: { select: { name: true } } } },
  placement: { select: { startDate: true, enterprise: { select: { name: true } } } },
  workerTrainee: { select: { name: true, idNumberMasked: true, certificateName: true, certificateLevel: true, enterprise: { select: { name: true, clusterId: true } } } },
} satisfies Prisma.SubsidyClaimSelect;
type ClaimSubjectRow = Prisma.SubsidyClaimGetPayload<{ select: typeof claimSubjectSelect }>;

/** A claim's subject as a list row shows it: name, masked identity number, enterprise, and the college or the certificate. */
export function subjectOf(c: ClaimSubjectRow) {
  if (c.workerTrainee) {
    const t = c.workerTrainee;
    return {
      name: t.name,
      idNumberMasked: t.idNumberMasked,
      enterpriseName: t.enterprise.name,
      background: `${t.certificateName}（${LEVEL_NAMES[t.certificateLevel] ?? `${t.certificateLevel}级`}）`,
      clusterEnterprise: t.enterprise.clusterId !== null,
    };
  }
  return {
    name: c.graduate?.name ?? "",
    idNumberMasked: c.graduate?.idNumberMasked ?? "",
    enterpriseName: c.placement?.enterprise.name ?? "",
    background: c.graduate ? `${c.graduate.college.name}（${c.graduate.schoolLevel}）` : "",
    clusterEnterprise: false,
  };
}

const claimListSelect = {
  id: true,
  kind: true,
  origin: true,
  status: true,
  amountFen: true,
  createdAt: true,
  approvedAt: true,
  noticeEndsOn: true,
  paidAt: true,
  rejectReason: true,
  bureau: { select: { name: true } },
} satisfies Prisma.SubsidyClaimSelect;

/** A graduate's confirmed placements, each with what the policy grants and the claims made. */
export async function listMySubsidies({ principal }: { principal: Principal }) {
  const graduateId = requireActor(principal, "graduate");
  const placements = await prisma.placement.findMany({
    where: { graduateId },
    orderBy: [{ startDate: "desc" }, { id: "desc" }],
    take: 20,
    select: {
      id: true,
      startDate: true,
      contractMonths: true,
      insuredMonths: true,
      confirmedAt: true,
      enterprise: { select: { name: true, park: { select: { name: true } } } },
      claims: { select: claimListSelect, orderBy: { kind: "desc" } },
    },
  });
  return Promise.all(
    placements.map(async (p) => {
      if (!p.confirmedAt) return { ...p, evaluation: null, policyVersion: null, problem: null };
      try {
        const { evaluation, policy } = await evaluatePlacement(p.id);
        return { ...p, evaluation, policyVersion: policy.version, problem: null };
      } catch (error) {
        if (error instanceof AppError) return { ...p, evaluation: null, policyVersion: null, problem: error.message };
        throw error;
      }
    }),
  );
}

/** One claim with its whole audit log, for anyone whose scope holds it; the subject is a graduate's placement or a worker trainee (ADR 160). */
export async function getClaim({ principal, claimId }: { principal: Principal; claimId: number }) {
  const claim = await prisma.subsidyClaim.findFirst({
    where: { AND: [{ id: claimId }, await readableClaimScope(principal)] },
    select: {
      ...claimListSelect,
      evaluation: true,
      graduationConfirmedAt: true,
      heldAt: true,
      heldReason: true,
      bureauId: true,
      reviewFirst: true,
      policyVersion: { select: { version: true, effectiveFrom: true } },
      budgetAllocation: { select: { source: true } },
      batch: { select: { id: true, status: true } },
      graduate: {
        select: {
          id: true,
          name: true,
          idNumberCipher: true,
          idNumberMasked: true,
          schoolLevel: true,
          graduationDate: true,
          college: { select: { name: true } },
        },
      },
      placement: {
        select: {
          startDate: true,
          contractMonths: true,
          insuredMonths: true,
          enterprise: { select: { name: true, park: { select: { name: true } } } },
        },
      },
      workerTrainee: {
        select: {
          id: true,
          name: true,
          idNumberCipher: true,
          idNumberMasked: true,
          insuredFrom: true,
          insuredMonths: true,
          trainingEndedOn: true,
          certificateName: true,
          certificateLevel: true,
          certificateIssuedOn: true,
          certificateIssuer: true,
          certificateNumber: true,
          certificateVerifiedAt: true,
          base: { select: { name: true } },
          enterprise: { select: { name: true, park: { select: { name: true } }, cluster: { select: { name: true } } } },
        },
      },
      events: {
        orderBy: { id: "asc" },
        select: { id: true, action: true, detail: true, at: true, actor: { select: { displayName: true, role: true } } },
      },
    },
  });
  if (!claim) throw notFound("补贴申请");
  const key = env().PII_KEY;
  let graduate = null;
  if (claim.graduate) {
    const { idNumberCipher, ...rest } = claim.graduate;
    const idNumber = (await mayReadFullIdNumber(principal, rest.id)) ? decryptIdNumber(idNumberCipher, key) : rest.idNumberMasked;
    graduate = { ...rest, idNumber };
  }
  let workerTrainee = null;
  if (claim.workerTrainee) {
    const { idNumberCipher, ...rest } = claim.workerTrainee;
    const idNumber = (await mayReadTraineeIdNumber(principal, rest.id)) ? decryptIdNumber(idNumberCipher, key) : rest.idNumberMasked;
    workerTrainee = { ...rest, idNumber };
  }
  return {
    ...claim,
    graduate,
    workerTrainee,
    evaluation: JSON.parse(claim.evaluation) as { policyVersion: number; rules?: { rule: string; passed: boolean; detail: string }[] },
    events: claim.events.map((e) => ({ ...e, detail: JSON.parse(e.detail) as Record<string, unknown> })),
  };
}

/**
 * What a separation does to the placement's claims (product.md §10), inside the
 * transaction that ends the placement: a claim not yet approved is evaluated again with
 * the contract cut to the months served (rejected, with the failed rules as the reason,
 * when it no longer qualifies); an approved, unpaid claim is held for the bureau (no
 * batch takes it); a paid claim is flagged for the bureau's review. Nothing is clawed
 * back. Every effect is in the claim's audit log.
 */
export async function applySeparationToClaims(
  tx: Prisma.TransactionClient,
  { placementId, endedOn, endReason, actorAccountId, now }: { placementId: number; endedOn: string; endReason: string; actorAccountId: number | null; now: Date },
) {
  const claims = await tx.subsidyClaim.findMany({ where: { placementId, status: { not: "rejected" } }, select: { id: true, kind: true, status: true } });
  if (claims.length === 0) return { reevaluated: 0, rejected: 0, held: 0, flagged: 0 };
  const { facts, policy, evaluation } = await evaluatePlacement(placementId, tx);
  const ended = `就业已于 ${endedOn} 结束（${endReason}）`;
  const effects = { reevaluated: 0, rejected: 0, held: 0, flagged: 0 };
  for (const claim of claims) {
    const kind = claim.kind as SubsidyKind;
    if (claim.status === "pending_college" || claim.status === "pending_review") {
      const decision = evaluation[kind];
      const failed = evaluation.rules.filter((r) => !r.passed && r.appliesTo.includes(kind)).map((r) => r.detail);
      const rejectReason = decision.eligible ? null : `${ended}，重新核定不符合${SUBSIDY_KIND_LABELS[kind]}条件：${failed.join("；")}`;
      await tx.subsidyClaim.update({
        where: { id: claim.id },
        data: {
          evaluation: storedEvaluation(evaluation, policy, facts),
          ...(decision.eligible ? { amountFen: decision.amountFen } : { status: "rejected", rejectReason }),
        },
      });
      await recordClaimEvent(tx, {
        claimId: claim.id, actorAccountId, action: "reevaluated_after_separation", at: now,
        detail: { endedOn, endReason, from: claim.status, to: decision.eligible ? claim.status : "rejected", eligible: decision.eligible, failed, amountFen: decision.amountFen },
      });
      effects.reevaluated += 1;
      if (!decision.eligible) effects.rejected += 1;
    } else {
      const paid = claim.status === "paid";
      const heldReason = paid ? `${ended}，补贴已发放，待人社局复核（不自动追回）` : `${ended}，暂停支付，待人社局决定`;
      await tx.subsidyClaim.update({ where: { id: claim.id }, data: { heldAt: now, heldReason } });
      await recordClaimEvent(tx, {
        claimId: claim.id, actorAccountId, action: paid ? "flagged_after_separation" : "held_after_separation", at: now,
        detail: { endedOn, endReason, status: claim.status },
      });
      if (paid) effects.flagged += 1;
      else effects.held += 1;
    }
  }
  return effects;
}

/**
 * Asks the worker to create the subsidy claims of a placement whose contract and
 * insurance months were just confirmed (免申即享); true when queued. Called after the
 * confirmation is committed; while Redis is down the job waits in PendingJob (and the
 * hourly reconciliation would still find the placement), so nothing is undone or lost.
 */
export async function enqueueClaimCreation({ placementId, confirmedAt }: { placementId: number; confirmedAt?: Date }) {
  const { deferred } = await enqueueOrDefer({
    queue: QUEUES.subsidy,
    name: CREATE_CLAIMS_JOB,
    data: { placementId },
    jobId: `claims-${placementId}-${(confirmedAt ?? new Date()).getTime()}`,
  });
  return !deferred;
}
