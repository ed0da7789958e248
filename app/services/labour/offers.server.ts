import { checkOfferTerms, DEFAULT_LABOUR_POLICY, isOfferOverdue, LABOUR_POLICY_KIND, LabourPolicySchema, type LabourPolicy } from "~/domain/labour/offer";
import { formatYuan } from "~/domain/money";
import { dateOf, isoDate } from "~/domain/subsidy/calendar";
import { chinaDate } from "~/domain/china-time";
import { enqueueOrDefer, type Enqueued, QUEUES } from "~/utils/queue.server";
import { policyInForce } from "~/utils/policy.server";
import type { Principal } from "~/utils/principal.server";
import { requireActor } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { AppError, conflict } from "~/utils/errors.server";
import { loadForMove, recordMove, refuseWhenCommitted, takeWriteLock, type Db } from "./applications.server";
import { notify, notifyingTransaction } from "./notifications.server";

/**
 * Offers (录用通知, product.md §10): the enterprise states start date, monthly wage,
 * contract months and a reply deadline; the graduate accepts or declines; an offer not
 * answered by its deadline lapses (the "lapse-offers" job). Accepting withdraws the
 * graduate's other open applications and allocation-round choices.
 */

export type OfferInput = { startDate: string; monthlyWageFen: number; contractMonths: number; replyBy: string };

export const LAPSE_OFFERS_JOB = "lapse-offers";

/** The labour policy in force on a day: the versioned "labour" policy row, or the product's default when none exists. */
export async function labourPolicyOn(day: string): Promise<LabourPolicy> {
  const row = await policyInForce({ kind: LABOUR_POLICY_KIND, on: dateOf(day) });
  if (!row) return DEFAULT_LABOUR_POLICY;
  const parsed = LabourPolicySchema.safeParse(row.data);
  if (!parsed.success) throw new AppError({ status: 500, code: "bad_policy", message: `劳动用工政策第 ${row.version} 版内容无效`, cause: parsed.error });
  return parsed.data;
}

const termsText = (t: { startDate: Date; monthlyWageFen: number; contractMonths: number; replyBy: Date }) =>
  `入职日期 ${isoDate(t.startDate)}，月薪 ${formatYuan(t.monthlyWageFen)}，劳动合同 ${t.contractMonths} 个月；请在 ${isoDate(t.replyBy)} 前答复`;

/** The enterprise makes its offer to a shortlisted applicant; the worker is asked to lapse it after the deadline. */
export async function makeOffer({
  principal, applicationId, input, now = new Date(),
}: { principal: Principal; applicationId: number; input: OfferInput; now?: Date }): Promise<{ replyBy: Date; lapse: Enqueued }> {
  requireActor(principal, "enterprise", "只有企业账号可以发录用通知");
  const today = chinaDate(now);
  const check = checkOfferTerms(input, { today, policy: await labourPolicyOn(today) });
  if (!check.ok) throw new AppError({ status: 400, code: "invalid", field: check.field, message: check.reason });
  const terms = { startDate: dateOf(input.startDate), monthlyWageFen: input.monthlyWageFen, contractMonths: input.contractMonths, replyBy: dateOf(input.replyBy) };
  await notifyingTransaction(async (tx) => {
    await takeWriteLock(tx, applicationId);
    const application = await loadForMove(tx, principal, applicationId);
    await recordMove(tx, principal, application, "offered", termsText(terms));
    await tx.application.update({
      where: { id: application.id },
      data: { offerStartDate: terms.startDate, offerMonthlyWageFen: terms.monthlyWageFen, offerContractMonths: terms.contractMonths, offerReplyBy: terms.replyBy },
    });
    const title = (application.job ?? application.order)!.title;
    await notify(tx, { graduateId: application.graduateId }, {
      kind: "application",
      title: `您收到「${title}」的录用通知`,
      body: termsText(terms),
      link: `/graduate/applications/${application.id}`,
    });
  });
  return { replyBy: terms.replyBy, lapse: await requestLapse(applicationId, terms.replyBy) };
}

/**
 * Asks the worker to lapse the offer at its deadline: one job per offer (its jobId),
 * which waits in the queue until then (jobs/processors/lapse-offers.ts), as the
 * allocation round's deadline job does. When Redis refuses, the job waits in the
 * database; the hourly sweep lapses whatever a lost job missed.
 */
function requestLapse(applicationId: number, replyBy: Date): Promise<Enqueued> {
  return enqueueOrDefer({ queue: QUEUES.labour, name: LAPSE_OFFERS_JOB, data: { applicationId }, jobId: `lapse-offer-${applicationId}-${isoDate(replyBy)}` });
}

/** The graduate's answer to an offer. Accepting also withdraws every other open application and allocation choice. */
export async function answerOffer({
  principal, applicationId, answer, now = new Date(),
}: { principal: Principal; applicationId: number; answer: "accept" | "decline"; now?: Date }) {
  requireActor(principal, "graduate", "只有毕业生本人可以答复录用通知");
  return notifyingTransaction(async (tx) => {
    await takeWriteLock(tx, applicationId);
    const application = await loadForMove(tx, principal, applicationId);
    if (application.status === "offered" && application.offerReplyBy && isOfferOverdue(application.offerReplyBy, now)) {
      throw conflict(`录用通知的答复期限（${isoDate(application.offerReplyBy)}）已过，不能再答复`);
    }
    if (answer === "accept") await refuseWhenCommitted(tx, application.graduateId);
    const to = answer === "accept" ? "accepted" : "declined";
    await recordMove(tx, principal, application, to);
    const posting = (application.job ?? application.order)!;
    await notify(tx, { enterpriseId: posting.enterpriseId }, {
      kind: "application",
      title: `${application.graduate.name}${answer === "accept" ? "接受" : "谢绝"}了「${posting.title}」的录用通知`,
      body: answer === "accept" ? "可以办理录用了" : "该申请已结束",
      link: `/enterprise/applicants/${application.id}`,
    });
    const withdrawn = answer === "accept" ? await withdrawTheRest(tx, principal, application.id, application.graduateId, posting.title) : { applications: 0, choices: 0 };
    return { status: to, withdrawn };
  });
}

/**
 * After an acceptance: every other active application of the graduate ends as
 * withdrawn, and the graduate's choices in allocation rounds still open are removed;
 * each gets a timeline entry and a notice to the enterprise concerned.
 */
async function withdrawTheRest(tx: Db, principal: Principal, acceptedId: number, graduateId: number, acceptedTitle: string) {
  const others = await tx.application.findMany({
    where: { graduateId, id: { not: acceptedId }, activeKey: { not: null } },
    select: { id: true, status: true, jobId: true, orderId: true, job: { select: { title: true, enterpriseId: true } }, order: { select: { title: true, enterpriseId: true } } },
  });
  const note = `已接受「${acceptedTitle}」的录用通知，其他申请自动撤回`;
  for (const other of others) {
    await tx.application.updateMany({ where: { id: other.id, status: other.status }, data: { status: "withdrawn", activeKey: null } });
    await tx.applicationEvent.create({ data: { applicationId: other.id, fromStatus: other.status, toStatus: "withdrawn", actorAccountId: principal.accountId, note } });
    const posting = (other.job ?? other.order)!;
    await notify(tx, { enterpriseId: posting.enterpriseId }, {
      kind: "application",
      title: `${principal.displayName} 撤回了对「${posting.title}」的申请`,
      body: note,
      link: `/enterprise/applicants/${other.id}`,
    });
  }
  const choices = await tx.allocationPreference.findMany({
    where: { graduateId, round: { status: "open" } },
    orderBy: [{ roundId: "asc" }, { rank: "asc" }],
    select: { roundId: true, round: { select: { title: true } }, order: { select: { id: true, title: true, enterpriseId: true } } },
  });
  for (const roundId of new Set(choices.map((c) => c.roundId))) {
    const inRound = choices.filter((c) => c.roundId === roundId);
    const roundTitle = inRound[0]!.round.title;
    await tx.allocationPreference.deleteMany({ where: { roundId, graduateId } });
    await tx.applicationEvent.create({
      data: {
        applicationId: acceptedId, fromStatus: "accepted", toStatus: "accepted", actorAccountId: principal.accountId,
        note: `已退出定向分配「${roundTitle}」，撤销志愿：${inRound.map((c) => c.order.title).join("、")}`,
      },
    });
    for (const choice of inRound) {
      await notify(tx, { enterpriseId: choice.order.enterpriseId }, {
        kind: "allocation",
        title: `${principal.displayName} 退出了定向分配「${roundTitle}」`,
        body: `该毕业生已接受其他录用通知，对订单「${choice.order.title}」的志愿已撤销`,
        link: `/enterprise/orders/${choice.order.id}`,
      });
    }
  }
  return { applications: others.length, choices: choices.length };
}

/** The reply deadline of an offer still waiting for the graduate's answer; null when it is answered, lapsed or gone. */
export async function offerAwaitingAnswer(applicationId: number): Promise<{ offerReplyBy: Date } | null> {
  const offer = await prisma.application.findUnique({ where: { id: applicationId }, select: { status: true, offerReplyBy: true } });
  return offer && offer.status === "offered" && offer.offerReplyBy ? { offerReplyBy: offer.offerReplyBy } : null;
}

/**
 * Lapses every offer whose reply deadline is over (or only the given application's):
 * a conditional update per offer, so running it twice, or alongside an answer, changes
 * nothing twice. Both sides are told.
 */
export async function lapseOverdueOffers({ now, applicationId }: { now: Date; applicationId?: number }): Promise<{ lapsed: number }> {
  // Over exactly when the reply day is before today in China (isOfferOverdue).
  const candidates = await prisma.application.findMany({
    where: { status: "offered", offerReplyBy: { lt: dateOf(chinaDate(now)) }, ...(applicationId ? { id: applicationId } : {}) },
    select: { id: true, graduateId: true, offerReplyBy: true, job: { select: { title: true, enterpriseId: true } }, order: { select: { title: true, enterpriseId: true } } },
  });
  let lapsed = 0;
  for (const offer of candidates) {
    const done = await notifyingTransaction(async (tx) => {
      const { count } = await tx.application.updateMany({ where: { id: offer.id, status: "offered" }, data: { status: "lapsed", activeKey: null } });
      if (count !== 1) return false;
      const note = `答复期限 ${isoDate(offer.offerReplyBy!)} 已过，录用通知失效`;
      await tx.applicationEvent.create({ data: { applicationId: offer.id, fromStatus: "offered", toStatus: "lapsed", actorAccountId: null, note } });
      const posting = (offer.job ?? offer.order)!;
      await notify(tx, { graduateId: offer.graduateId }, { kind: "application", title: `「${posting.title}」的录用通知已过期`, body: note, link: `/graduate/applications/${offer.id}` });
      await notify(tx, { enterpriseId: posting.enterpriseId }, { kind: "application", title: `「${posting.title}」的录用通知未获答复，已过期`, body: note, link: `/enterprise/applicants/${offer.id}` });
      return true;
    });
    if (done) lapsed += 1;
  }
  return { lapsed };
}
