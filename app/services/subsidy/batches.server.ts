import { fenOf } from "~/domain/money";
import { BATCH_SORTS, requiredStatus } from "~/domain/subsidy/claim-status";
import { FUNDING_SOURCES } from "~/domain/constants";
import { dateOf, isoDate } from "~/domain/subsidy/calendar";
import { chinaDate } from "~/domain/china-time";
import { CLAIM_KIND_LABELS } from "~/domain/subsidy/policy";
import type { Principal } from "~/utils/principal.server";
import { mayReadFullIdNumber, mayReadTraineeIdNumber, requireActor } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { conflict, forbidden, notFound } from "~/utils/errors.server";
import { PAGE_SIZE, pageWindow, type ListQuery } from "~/utils/list-query";
import { decryptIdNumber } from "~/utils/pii.server";
import { writeCsv } from "~/utils/table-export.server";
import { fenToYuanText } from "~/domain/money";
import { recordClaimEvent } from "./audit.server";
import { claimSubjectSelect, subjectOf } from "./claims.server";




/** Approved claims whose public notice is over on `today` and that are not held after a separation: the ones a new batch would take. */
function payableWhere(bureauId: number, today: string) {
  return { bureauId, status: requiredStatus("batch"), noticeEndsOn: { lte: dateOf(today) }, heldAt: null };
}

export async function listPaymentBatches({
  principal,
  query,
  now = new Date(),
}: {
  principal: Principal;
  query: ListQuery<(typeof BATCH_SORTS)[number]>;
  now?: Date;
}) {
  const bureauId = requireActor(principal, "bureau", "只有人社局可以管理支付批次");
  const today = chinaDate(now);
  const [rows, total, payable, waiting] = await Promise.all([
    prisma.paymentBatch.findMany({
      where: { bureauId },
      orderBy: [{ [query.sort]: query.direction }, { id: "desc" }],
      ...pageWindow(query),
      select: { id: true, status: true, totalFen: true, createdAt: true, paidAt: true, _count: { select: { claims: true } } },
    }),
    prisma.paymentBatch.count({ where: { bureauId } }),
    prisma.subsidyClaim.aggregate({ where: payableWhere(bureauId, today), _count: true, _sum: { amountFen: true } }),
    prisma.subsidyClaim.count({ where: { bureauId, status: "approved", noticeEndsOn: { gt: dateOf(today) } } }),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, totalFen: fenOf(r.totalFen) })),
    total,
    page: query.page,
    pageSize: query.pageSize ?? PAGE_SIZE,
    sort: query.sort,
    direction: query.direction,
    payable: { count: payable._count, amountFen: payable._sum.amountFen ?? 0 },
    inNotice: waiting,
  };
}

/**
 * Puts every approved claim whose notice period is over into a new payment batch.
 * The batch row is written first, then the claims move with a conditional update,
 * so two officers pressing the button at once never put a claim in two batches.
 */
export async function createPaymentBatch({ principal, now = new Date() }: { principal: Principal; now?: Date }) {
  const bureauId = requireActor(principal, "bureau", "只有人社局可以管理支付批次");
  const today = chinaDate(now);
  const candidates = await prisma.subsidyClaim.findMany({ where: payableWhere(bureauId, today), select: { id: true } });
  if (candidates.length === 0) throw conflict("没有公示期满、可纳入批次的已批准申请");
  return prisma.$transaction(async (tx) => {
    const batch = await tx.paymentBatch.create({ data: { bureauId, createdAt: now }, select: { id: true } });
    await tx.subsidyClaim.updateMany({
      where: { id: { in: candidates.map((c) => c.id) }, ...payableWhere(bureauId, today) },
      data: { status: "in_batch", batchId: batch.id },
    });
    const claims = await tx.subsidyClaim.findMany({ where: { batchId: batch.id }, select: { id: true, amountFen: true } });
    if (claims.length === 0) throw conflict("这些申请已被纳入其他批次");
    const totalFen = claims.reduce((s, c) => s + c.amountFen, 0);
    await tx.paymentBatch.update({ where: { id: batch.id }, data: { totalFen } });
    for (const claim of claims) {
      await recordClaimEvent(tx, {
        claimId: claim.id,
        actorAccountId: principal.accountId,
        action: "batched",
        detail: { from: "approved", to: "in_batch", batchId: batch.id },
        at: now,
      });
    }
    return { id: batch.id, count: claims.length, totalFen };
  });
}

export async function getPaymentBatch({ principal, batchId }: { principal: Principal; batchId: number }) {
  const bureauId = requireActor(principal, "bureau", "只有人社局可以管理支付批次");
  const batch = await prisma.paymentBatch.findFirst({
    where: { id: batchId, bureauId },
    select: {
      id: true,
      status: true,
      totalFen: true,
      createdAt: true,
      paidAt: true,
      claims: {
        orderBy: { id: "asc" },
        select: {
          id: true,
          kind: true,
          amountFen: true,
          status: true,
          budgetAllocation: { select: { source: true } },
          ...claimSubjectSelect,
        },
      },
    },
  });
  if (!batch) throw notFound("支付批次");
  const claims = batch.claims.map(({ graduate, placement, workerTrainee, ...c }) => ({ ...c, subject: subjectOf({ graduate, placement, workerTrainee }) }));
  return { ...batch, claims, totalFen: fenOf(batch.totalFen) };
}

/**
 * The bank file of a batch (UTF-8 with BOM for Excel): the bank pays each person by
 * full identity number, and only the reviewing bureau may export it. The first
 * export moves the batch to "exported" and is logged on each claim.
 */
export async function exportPaymentBatchCsv({ principal, batchId, now = new Date() }: { principal: Principal; batchId: number; now?: Date }) {
  const batch = await getPaymentBatch({ principal, batchId });
  const claims = await prisma.subsidyClaim.findMany({
    where: { batchId: batch.id },
    orderBy: { id: "asc" },
    select: {
      id: true,
      kind: true,
      amountFen: true,
      budgetAllocation: { select: { source: true } },
      graduate: { select: { id: true, name: true, idNumberCipher: true } },
      placement: { select: { enterprise: { select: { name: true } } } },
      workerTrainee: { select: { id: true, name: true, idNumberCipher: true, enterprise: { select: { name: true } } } },
    },
  });
  const header = ["批次号", "申请编号", "姓名", "身份证号", "补贴类型", "金额（元）", "资金来源", "就业单位"];
  const rows: string[][] = [];
  for (const c of claims) {
    // The person paid: a graduate (placement's enterprise) or a worker trainee (its enterprise).
    const person = c.workerTrainee ?? c.graduate!;
    const allowed = c.workerTrainee ? await mayReadTraineeIdNumber(principal, c.workerTrainee.id) : await mayReadFullIdNumber(principal, person.id);
    if (!allowed) throw forbidden("无权导出该批次");
    rows.push([
      String(batch.id),
      String(c.id),
      person.name,
      decryptIdNumber(person.idNumberCipher, env().PII_KEY),
      CLAIM_KIND_LABELS[c.kind] ?? c.kind,
      fenToYuanText(c.amountFen),
      FUNDING_SOURCES[c.budgetAllocation?.source ?? ""] ?? "",
      (c.workerTrainee?.enterprise ?? c.placement?.enterprise)?.name ?? "",
    ]);
  }
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.paymentBatch.updateMany({ where: { id: batch.id, status: "open" }, data: { status: "exported" } });
    if (count === 1) {
      for (const c of claims) {
        await recordClaimEvent(tx, {
          claimId: c.id,
          actorAccountId: principal.accountId,
          action: "exported",
          detail: { batchId: batch.id },
          at: now,
        });
      }
    }
  });
  return { fileName: `补贴支付批次-${batch.id}-${isoDate(batch.createdAt)}.csv`, csv: writeCsv({ header, rows }).toString("utf8") };
}

/** The bank has paid an exported batch: the batch and its claims are marked paid. */
export async function markPaymentBatchPaid({ principal, batchId, now = new Date() }: { principal: Principal; batchId: number; now?: Date }) {
  const bureauId = requireActor(principal, "bureau", "只有人社局可以管理支付批次");
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.paymentBatch.updateMany({
      where: { id: batchId, bureauId, status: "exported" },
      data: { status: "paid", paidAt: now },
    });
    if (count !== 1) throw conflict("只有已导出银行文件的批次可以确认发放");
    const held = await tx.subsidyClaim.count({ where: { batchId, status: requiredStatus("pay"), heldAt: { not: null } } });
    if (held > 0) throw conflict(`批次中有 ${held} 项申请因就业结束暂停支付，请先在申请详情中决定是否继续支付`);
    const claims = await tx.subsidyClaim.findMany({
      where: { batchId, status: requiredStatus("pay") },
      select: { id: true },
    });
    await tx.subsidyClaim.updateMany({ where: { batchId, status: requiredStatus("pay") }, data: { status: "paid", paidAt: now } });
    for (const c of claims) {
      await recordClaimEvent(tx, {
        claimId: c.id,
        actorAccountId: principal.accountId,
        action: "paid",
        detail: { from: "in_batch", to: "paid", batchId },
        at: now,
      });
    }
  });
}
