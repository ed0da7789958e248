import { z } from "zod";
import { chinaDate } from "~/domain/china-time";
import { checkIdentityNumber, maskIdentityNumber } from "~/domain/ids/identity-number";
import { dateOf, isoDate } from "~/domain/subsidy/calendar";
import {
  annualSlotKeys,
  evaluateWorkerTraining,
  insuredOn,
  WORKER_TRAINING_KIND,
  workerTrainingGrantKey,
  workerTrainingPolicyOf,
  type WorkerTrainingEvaluation,
  type WorkerTrainingFacts,
} from "~/domain/subsidy/worker-training";
import { Prisma } from "~/generated/prisma/client";
import { databaseProvider, prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError, conflict, notFound } from "~/utils/errors.server";
import { calendarDayField, requiredText } from "~/utils/forms";
import { hashIdNumber, encryptIdNumber } from "~/utils/pii.server";
import type { Principal } from "~/utils/principal.server";
import { requireActor } from "~/utils/scopes.server";
import { moveClaim, recordClaimEvent } from "./audit.server";
import { payingBureauOfPark } from "./claims.server";
import { subsidyPolicyOn, type SubsidyPolicyInForce } from "./policy.server";

/**
 * Worker training subsidies (职业技能提升补贴, product.md §12, issue 19 item 4): an
 * enterprise claims for an insured employee who obtained a skill certificate after training
 * at a park–school training base. The claim is a SubsidyClaim of kind "worker_training"
 * whose subject is a WorkerTrainee, so the bureau's review, the budget reservation, the
 * public notice, the payment batch and the append-only audit are those of graduate
 * subsidies (ADR 160). Here: the claim's facts, the dry run, the enterprise's application
 * and list, and the bureau's certificate check.
 */

type Db = Prisma.TransactionClient | typeof prisma;

/** The fields an enterprise gives for one employee; `form` reads strings from a web form, otherwise JSON numbers and YYYY-MM-DD dates. */
export function workerTrainingInputSchema({ form }: { form: boolean }) {
  const whole = (label: string, min: number, max: number) => {
    const n = z
      .number({ error: `${label}必须是整数` })
      .int({ error: `${label}必须是整数` })
      .min(min, { error: `${label}不能小于 ${min}` })
      .max(max, { error: `${label}不能大于 ${max}` });
    return form ? z.coerce.number({ error: `${label}必须是整数` }).pipe(n) : n;
  };
  const day = (label: string) => calendarDayField(label, { iso: !form });
  return z.object({
    name: requiredText("姓名", 40),
    idNumber: requiredText("身份证号", 18).transform((s, ctx) => {
      const check = checkIdentityNumber(s);
      if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
      return s.trim().toUpperCase();
    }),
    insuredFrom: day("本企业参保起始日期"),
    insuredMonths: whole("连续缴纳社保月数", 0, 600),
    baseId: whole("实训基地", 1, Number.MAX_SAFE_INTEGER),
    trainingEndedOn: day("培训结束日期"),
    certificateName: requiredText("证书名称（职业/工种）", 60),
    certificateLevel: whole("证书等级", 1, 5),
    certificateIssuedOn: day("发证日期"),
    certificateIssuer: requiredText("发证机构", 60),
    certificateNumber: requiredText("证书编号", 40),
  });
}
export type WorkerTrainingInput = z.infer<ReturnType<typeof workerTrainingInputSchema>>;

/** Levels and years of the person's approved worker-training subsidies, other than `exceptClaimId`'s. */
async function priorGrantsOf(idNumberHash: string, exceptClaimId: number | null, db: Db) {
  const granted = await db.subsidyClaim.findMany({
    where: {
      kind: WORKER_TRAINING_KIND,
      grantKey: { not: null },
      workerTrainee: { idNumberHash },
      ...(exceptClaimId ? { id: { not: exceptClaimId } } : {}),
    },
    select: { workerTrainee: { select: { certificateLevel: true, certificateIssuedOn: true } } },
  });
  return granted.map((g) => ({ level: g.workerTrainee!.certificateLevel, year: g.workerTrainee!.certificateIssuedOn.getUTCFullYear() }));
}

type TraineeFacts = {
  idNumberHash: string;
  insuredFrom: string;
  insuredMonths: number;
  trainingEndedOn: string;
  certificateLevel: number;
  certificateIssuedOn: string;
  certificateVerified: boolean;
  baseName: string;
};

/** The facts the rules read, the policy in force on the certificate's day and the evaluation under it. */
async function evaluateTrainee(t: TraineeFacts, exceptClaimId: number | null, db: Db) {
  const policy = await subsidyPolicyOn(t.certificateIssuedOn).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "no_policy") {
      throw new AppError({ status: 422, code: "no_policy", field: "certificateIssuedOn", message: `发证日期 ${t.certificateIssuedOn} 没有生效的补贴政策` });
    }
    throw error;
  });
  const workerPolicy = workerTrainingPolicyOf(policy.policy.workerTraining);
  const facts: WorkerTrainingFacts = {
    level: t.certificateLevel,
    certificateIssuedOn: t.certificateIssuedOn,
    certificateVerified: t.certificateVerified,
    trainedAtBase: true,
    trainingEndedOn: t.trainingEndedOn,
    insuredAtEnterprise: insuredOn({ insuredFrom: t.insuredFrom, insuredMonths: t.insuredMonths, day: t.certificateIssuedOn }),
    priorGrants: await priorGrantsOf(t.idNumberHash, exceptClaimId, db),
  };
  const evaluation = evaluateWorkerTraining(facts, workerPolicy);
  // The base rule's explanation names the base.
  for (const r of evaluation.rules) if (r.rule === "base") r.detail = `在园校对接实训基地「${t.baseName}」参加培训`;
  return { facts, policy, workerPolicy, evaluation };
}

/** A claim can be made when every rule but the certificate check passes: the bureau checks the certificate while reviewing. */
export const claimableOf = (evaluation: WorkerTrainingEvaluation) => evaluation.rules.every((r) => r.passed || r.rule === "verified");

const failedDetails = (evaluation: WorkerTrainingEvaluation, except?: string) =>
  evaluation.rules.filter((r) => !r.passed && r.rule !== except).map((r) => r.detail);

function storedEvaluation(evaluation: WorkerTrainingEvaluation, policy: SubsidyPolicyInForce, facts: WorkerTrainingFacts) {
  return JSON.stringify({ policyVersion: policy.version, facts, ...evaluation });
}

async function trainingBase(baseId: number) {
  const base = await prisma.trainingBase.findUnique({ where: { id: baseId }, select: { id: true, name: true } });
  if (!base) throw new AppError({ status: 422, code: "unknown_base", field: "baseId", message: `实训基地 ${baseId} 不存在` });
  return base;
}

function factsOfInput(input: WorkerTrainingInput, baseName: string): TraineeFacts {
  return {
    idNumberHash: hashIdNumber(input.idNumber, env().PII_KEY),
    insuredFrom: input.insuredFrom,
    insuredMonths: input.insuredMonths,
    trainingEndedOn: input.trainingEndedOn,
    certificateLevel: input.certificateLevel,
    certificateIssuedOn: input.certificateIssuedOn,
    certificateVerified: false,
    baseName,
  };
}

/**
 * The dry run (POST /api/v1/training-subsidies/evaluate and the form's check): every rule
 * with its explanation for this enterprise's employee, the amount, and whether a claim can
 * be made now (all rules but the certificate check, which the bureau does). Nothing is stored.
 */
export async function evaluateWorkerTrainingClaim({ principal, input }: { principal: Principal; input: WorkerTrainingInput }) {
  requireActor(principal, "enterprise", "只有企业可以为本企业职工核验技能提升补贴");
  const base = await trainingBase(input.baseId);
  const { evaluation, policy, workerPolicy } = await evaluateTrainee(factsOfInput(input, base.name), null, prisma);
  const amountFen = workerPolicy.amounts[input.certificateLevel] ?? 0;
  const claimable = claimableOf(evaluation);
  return { eligible: evaluation.eligible, claimable, amountFen: claimable ? amountFen : 0, rules: evaluation.rules, policyVersion: policy.version };
}

/** Why a person with an open or granted claim for a level may not claim it again (the form's 409, the import's line). */
export const OPEN_CLAIM_REFUSAL = "该职工本等级证书已有补贴申请在办理或已享受（每人每个等级限一次）";

/** Claims of the person for the level that are open or granted (anything but rejected). */
function openClaimCount(db: Db, idNumberHash: string, level: number) {
  return db.subsidyClaim.count({
    where: { kind: WORKER_TRAINING_KIND, status: { not: "rejected" }, workerTrainee: { idNumberHash, certificateLevel: level } },
  });
}

/**
 * Makes filings for one person and level wait for each other until the first commits. On
 * PostgreSQL (read committed) two filings would each count no open claim and both be
 * stored: a transaction-scoped advisory lock on the person and level orders them, and the
 * count that follows sees the claim the first one committed. SQLite's single writer
 * already serialises them after the transaction's first write (ADR 160).
 */
async function serialiseFilings(tx: Prisma.TransactionClient, idNumberHash: string, level: number) {
  if (databaseProvider() !== "postgresql") return;
  const key = `worker_training:${idNumberHash}:${level}`;
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${key}))) AS held`;
}

/** Whether the person (by identity-number hash) already has an open or granted claim for the level. */
export async function hasOpenClaim(idNumberHash: string, level: number) {
  return (await openClaimCount(prisma, idNumberHash, level)) > 0;
}

/** The enterprise as a claimant: whether a cluster's (reviewed first) and the bureau that pays (its park's county, else city). */
export async function claimantOf(enterpriseId: number) {
  const enterprise = await prisma.enterprise.findUniqueOrThrow({
    where: { id: enterpriseId },
    select: { clusterId: true, park: { select: { countyCode: true, cityCode: true } } },
  });
  const bureau = await payingBureauOfPark(enterprise.park);
  if (!bureau) throw new AppError({ status: 422, code: "no_bureau", message: "企业所在园区的县（市、区）尚无人社局，无法确定审核单位" });
  return { enterpriseId, reviewFirst: enterprise.clusterId !== null, bureauId: bureau.id };
}
export type Claimant = Awaited<ReturnType<typeof claimantOf>>;

/** A base an enterprise may name, looked up by its unique name (imports name bases, the form gives the id). */
export async function trainingBasesByName() {
  const bases = await prisma.trainingBase.findMany({ select: { id: true, name: true } });
  return new Map(bases.map((b) => [b.name, b]));
}

/**
 * One employee's filing checked before anything is written: every rule under the policy in
 * force on the certificate's day, the amount, and why a claim cannot be made (every rule but
 * the certificate check must pass), or null. The form and the import both file through it.
 */
export async function checkWorkerTrainingFiling(input: WorkerTrainingInput, base: { id: number; name: string }) {
  const facts = factsOfInput(input, base.name);
  const { evaluation, policy, facts: ruleFacts, workerPolicy } = await evaluateTrainee(facts, null, prisma);
  const refusal = claimableOf(evaluation) ? null : `不符合职业技能提升补贴条件：${failedDetails(evaluation, "verified").join("；")}`;
  return { input, base, idNumberHash: facts.idNumberHash, evaluation, policy, ruleFacts, amountFen: workerPolicy.amounts[input.certificateLevel] ?? 0, refusal };
}
export type CheckedFiling = Awaited<ReturnType<typeof checkWorkerTrainingFiling>>;

/**
 * Writes one checked filing inside the caller's transaction: the trainee record, the claim
 * (straight to the bureau's review; a cluster enterprise's first in its queue) and the
 * "created" audit entry. Refused (409) while another claim for the same person and level is
 * open or granted — counted after the first write (SQLite) and under the person-and-level
 * lock (PostgreSQL), so that two filings at once store one.
 */
export async function fileWorkerTrainingClaim(
  tx: Prisma.TransactionClient,
  { principal, claimant, filing, now }: { principal: Principal; claimant: Claimant; filing: CheckedFiling; now: Date },
) {
  const { input, base, policy, evaluation, ruleFacts, amountFen } = filing;
  await serialiseFilings(tx, filing.idNumberHash, input.certificateLevel);
  const trainee = await tx.workerTrainee.create({
    data: {
      enterpriseId: claimant.enterpriseId,
      name: input.name,
      idNumberHash: filing.idNumberHash,
      idNumberCipher: encryptIdNumber(input.idNumber, env().PII_KEY),
      idNumberMasked: maskIdentityNumber(input.idNumber),
      insuredFrom: dateOf(input.insuredFrom),
      insuredMonths: input.insuredMonths,
      baseId: base.id,
      trainingEndedOn: dateOf(input.trainingEndedOn),
      certificateName: input.certificateName,
      certificateLevel: input.certificateLevel,
      certificateIssuedOn: dateOf(input.certificateIssuedOn),
      certificateIssuer: input.certificateIssuer,
      certificateNumber: input.certificateNumber,
    },
    select: { id: true },
  });
  if ((await openClaimCount(tx, filing.idNumberHash, input.certificateLevel)) > 0) throw conflict(OPEN_CLAIM_REFUSAL);
  const claim = await tx.subsidyClaim.create({
    data: {
      workerTraineeId: trainee.id,
      kind: WORKER_TRAINING_KIND,
      origin: "enterprise",
      status: "pending_review",
      amountFen,
      bureauId: claimant.bureauId,
      policyVersionId: policy.id,
      evaluation: storedEvaluation(evaluation, policy, ruleFacts),
      reviewFirst: claimant.reviewFirst,
      createdAt: now,
    },
    select: { id: true },
  });
  await recordClaimEvent(tx, {
    claimId: claim.id,
    actorAccountId: principal.accountId,
    action: "created",
    detail: { origin: "enterprise", kind: WORKER_TRAINING_KIND, amountFen, policyVersion: policy.version, status: "pending_review" },
    at: now,
  });
  return { claimId: claim.id, amountFen, rules: evaluation.rules };
}

/**
 * The enterprise claims for one employee. Refused (422, with the failed rules) unless every
 * rule but the certificate check passes, and (409) while another claim for the same person
 * and level is open or granted.
 */
export async function createWorkerTrainingClaim({ principal, input, now = new Date() }: { principal: Principal; input: WorkerTrainingInput; now?: Date }) {
  const enterpriseId = requireActor(principal, "enterprise", "只有企业可以申请职工技能提升补贴");
  const base = await trainingBase(input.baseId);
  const filing = await checkWorkerTrainingFiling(input, base);
  if (filing.refusal) throw new AppError({ status: 422, code: "not_eligible", message: filing.refusal });
  const claimant = await claimantOf(enterpriseId);
  return prisma.$transaction((tx) => fileWorkerTrainingClaim(tx, { principal, claimant, filing, now }));
}

const traineeForRules = {
  id: true,
  idNumberHash: true,
  insuredFrom: true,
  insuredMonths: true,
  trainingEndedOn: true,
  certificateLevel: true,
  certificateIssuedOn: true,
  certificateVerifiedAt: true,
  base: { select: { name: true } },
} satisfies Prisma.WorkerTraineeSelect;

function traineeFacts(t: Prisma.WorkerTraineeGetPayload<{ select: typeof traineeForRules }>): TraineeFacts {
  return {
    idNumberHash: t.idNumberHash,
    insuredFrom: isoDate(t.insuredFrom),
    insuredMonths: t.insuredMonths,
    trainingEndedOn: isoDate(t.trainingEndedOn),
    certificateLevel: t.certificateLevel,
    certificateIssuedOn: isoDate(t.certificateIssuedOn),
    certificateVerified: t.certificateVerifiedAt !== null,
    baseName: t.base.name,
  };
}

/**
 * What approving a worker-training claim needs (review.server.ts approveClaim): the rules
 * again with today's grants, the amount, the policy, the grant key (once per person per
 * level) and the person's yearly slots (at most the policy's limit a year).
 */
export async function workerTrainingApproval(claimId: number, workerTraineeId: number) {
  const trainee = await prisma.workerTrainee.findUniqueOrThrow({ where: { id: workerTraineeId }, select: traineeForRules });
  const facts = traineeFacts(trainee);
  const { evaluation, policy, workerPolicy, facts: ruleFacts } = await evaluateTrainee(facts, claimId, prisma);
  return {
    eligible: evaluation.eligible,
    failed: failedDetails(evaluation),
    amountFen: evaluation.amountFen,
    policy,
    evaluation: storedEvaluation(evaluation, policy, ruleFacts),
    grantKey: workerTrainingGrantKey(trainee.idNumberHash, trainee.certificateLevel),
    annualSlots: annualSlotKeys(trainee.idNumberHash, trainee.certificateIssuedOn.getUTCFullYear(), workerPolicy.maxPerYear),
  };
}

/**
 * The bureau has checked the employee's certificate with its issuing body: the issuer and
 * number it confirmed are stored, the certificate counts as verified, the rules are
 * evaluated again and the check is logged. Only while the claim waits for review.
 */
export async function verifyWorkerCertificate({
  principal,
  claimId,
  issuer,
  number,
  now = new Date(),
}: {
  principal: Principal;
  claimId: number;
  issuer: string;
  number: string;
  now?: Date;
}) {
  const bureauId = requireActor(principal, "bureau", "只有人社局可以核验证书");
  const claim = await prisma.subsidyClaim.findFirst({
    where: { id: claimId, bureauId, kind: WORKER_TRAINING_KIND },
    select: { id: true, workerTraineeId: true },
  });
  if (!claim?.workerTraineeId) throw notFound("职业技能提升补贴申请");
  const traineeId = claim.workerTraineeId;
  await prisma.$transaction(async (tx) => {
    const trainee = await tx.workerTrainee.update({
      where: { id: traineeId },
      data: { certificateIssuer: issuer, certificateNumber: number, certificateVerifiedAt: now },
      select: traineeForRules,
    });
    const { evaluation, policy, facts } = await evaluateTrainee(traineeFacts(trainee), claim.id, tx);
    await moveClaim(tx, {
      where: { id: claim.id, bureauId, status: "pending_review" },
      data: { evaluation: storedEvaluation(evaluation, policy, facts) },
      event: { claimId: claim.id, actorAccountId: principal.accountId, action: "certificate_verified", detail: { issuer, number }, at: now },
      refusal: "只有待审核的申请可以核验证书",
    });
  });
}

/** The enterprise's worker-training claims, newest first, with where each one is. */
export async function listWorkerTrainingClaims({ principal }: { principal: Principal }) {
  const enterpriseId = requireActor(principal, "enterprise", "只有企业可以查看职工技能提升补贴申请");
  const rows = await prisma.subsidyClaim.findMany({
    where: { kind: WORKER_TRAINING_KIND, workerTrainee: { enterpriseId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      status: true,
      amountFen: true,
      createdAt: true,
      noticeEndsOn: true,
      paidAt: true,
      rejectReason: true,
      bureau: { select: { name: true } },
      workerTrainee: {
        select: { name: true, idNumberMasked: true, certificateName: true, certificateLevel: true, certificateVerifiedAt: true },
      },
    },
  });
  return rows.map(({ workerTrainee, ...r }) => ({ ...r, trainee: workerTrainee!, createdOn: chinaDate(r.createdAt) }));
}

/** Training bases an enterprise may name (all park–school bases of the province), by name. */
export function listTrainingBasesForClaims() {
  return prisma.trainingBase.findMany({ orderBy: [{ nameSort: "asc" }, { id: "asc" }], select: { id: true, name: true, park: { select: { name: true } } } });
}
