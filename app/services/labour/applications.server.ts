import { APPLICATION_STATUS_LABELS } from "~/domain/constants";
import {
  activeKeyOf,
  checkApplicationMove,
  type ApplicationStatus,
} from "~/domain/labour/application-status";
import { ORDER_RECRUITING_STATUSES, remainingPlaces, statusAfterHire, type OrderStatus } from "~/domain/labour/order-status";
import { isInProvincePark, isMajorRelevantToJob, isMajorRelevantToOrder } from "~/domain/labour/placement";
import type { Principal } from "~/utils/principal.server";
import { applicationListScope, applicationScope, requireActor, hasRole } from "~/utils/scopes.server";
import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import { AppError, conflict, notFound } from "~/utils/errors.server";
import { PAGE_SIZE, pageWindow, type ListQuery, type Paged } from "~/utils/list-query";
import { notify, notifyingTransaction } from "./notifications.server";
import { recordSearchChange, requestSearchDelivery } from "~/services/search/sync.server";
import { chinaDate } from "~/domain/china-time";
import { seniorGate, SENIOR_GATE_MESSAGES_ABOUT } from "~/domain/matching/senior-gate";

/**
 * Applications of graduates to jobs and orders, moved through their status machine
 * (app/domain/labour/application-status.ts). Every move is one transaction that
 * also stores an ApplicationEvent (actor, time) and notifies the other party.
 */

export type Db = Prisma.TransactionClient;

export const label = (s: string) => APPLICATION_STATUS_LABELS[s as ApplicationStatus] ?? s;


const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";

const ALREADY_EMPLOYED = "该毕业生已有在职就业记录（一人只能同时在一家单位就业），不能再录用";

/** The partial unique index "Placement_one_active_per_graduate" refused a second active placement. */
const isSecondActivePlacement = (error: unknown) =>
  isUniqueViolation(error) || (error instanceof Error && /Placement_one_active_per_graduate|Placement\.graduateId/.test(error.message));

export type ApplyTarget = { jobId: number } | { orderId: number };

/** A graduate who is employed, or who has accepted an offer, takes no part in the market until that ends. */
export async function refuseWhenCommitted(tx: Db, graduateId: number) {
  const employed = await tx.placement.findFirst({ where: { graduateId, endedOn: null }, select: { id: true } });
  if (employed) throw conflict("您目前已就业，离职办理完成后才能再投递或参加定向分配");
  const accepted = await tx.application.findFirst({ where: { graduateId, status: "accepted" }, select: { id: true } });
  if (accepted) throw conflict("您已接受一份录用通知，不能再投递或参加定向分配");
}

/** What an application's page tells the graduate after applying (the flash after the redirect, ADR 112). */
export const APPLIED = "申请已投递，可在「我的申请」查看进度";

/**
 * The senior gate (ADR 166) for a graduate and an order: an order for 高级工 or above
 * takes only a verified certificate of 高级工 or above; refused with 409 and the gate's
 * code (senior_certificate_required / senior_certificate_unverified).
 */
export async function refuseBelowSeniorGate(tx: Db, graduateId: number, orderLevel: number | null | undefined, told: "graduate" | "employer" = "graduate") {
  const graduate = await tx.graduate.findUniqueOrThrow({ where: { id: graduateId }, select: { skillLevel: true, verifiedSkillLevel: true } });
  const gate = seniorGate(orderLevel, { certificateLevel: graduate.skillLevel, verifiedCertificateLevel: graduate.verifiedSkillLevel });
  if (!gate.ok) throw new AppError({ status: 409, code: gate.code, message: told === "graduate" ? gate.message : SENIOR_GATE_MESSAGES_ABOUT[gate.code] });
}

/** A graduate applies to an open job or a recruiting order; a second active application to the same one is refused. */
export async function applyTo({ principal, target }: { principal: Principal; target: ApplyTarget }) {
  const graduateId = requireActor(principal, "graduate", "只有毕业生可以投递申请");
  const jobId = "jobId" in target ? target.jobId : null;
  const orderId = "orderId" in target ? target.orderId : null;
  try {
    return await notifyingTransaction(async (tx) => {
      await refuseWhenCommitted(tx, graduateId);
      let posting: { title: string; enterpriseId: number } | null;
      if (jobId) {
        posting = await tx.job.findFirst({ where: { id: jobId, status: "open" }, select: { title: true, enterpriseId: true } });
      } else {
        const order = await tx.order.findFirst({
          where: { id: orderId!, status: { in: [...ORDER_RECRUITING_STATUSES] } },
          select: { title: true, enterpriseId: true, quantity: true, quantityFilled: true, skillLevel: true },
        });
        if (order && remainingPlaces(order) === 0) throw conflict("该订单名额已满");
        if (order) await refuseBelowSeniorGate(tx, graduateId, order.skillLevel);
        posting = order;
      }
      if (!posting) throw notFound(jobId ? "在招岗位" : "招募中的订单");
      const application = await tx.application.create({
        data: { graduateId, jobId, orderId, status: "submitted", activeKey: activeKeyOf({ jobId, orderId }, "submitted") },
      });
      await tx.applicationEvent.create({
        data: { applicationId: application.id, fromStatus: null, toStatus: "submitted", actorAccountId: principal.accountId },
      });
      await notify(tx, { enterpriseId: posting.enterpriseId }, {
        kind: "application",
        title: `新的申请：${posting.title}`,
        body: `${principal.displayName} 投递了「${posting.title}」`,
        link: `/enterprise/applicants/${application.id}`,
      });
      return application;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(jobId ? "您已申请过该岗位，请勿重复申请" : "您已申请过该订单，请勿重复申请");
    throw error;
  }
}

const applicationForMove = {
  id: true, status: true, graduateId: true, jobId: true, orderId: true,
  offerStartDate: true, offerMonthlyWageFen: true, offerContractMonths: true, offerReplyBy: true,
  graduate: { select: { name: true, majorCode: true } },
  job: { select: { id: true, title: true, enterpriseId: true, majorClasses: true, openings: true, wageMinFen: true, status: true } },
  order: { select: { id: true, title: true, enterpriseId: true, majorCode: true, status: true, quantity: true, quantityFilled: true, wageFen: true, startDate: true, skillLevel: true } },
} satisfies Prisma.ApplicationSelect;

export async function loadForMove(tx: Db, principal: Principal, applicationId: number) {
  const application = await tx.application.findFirst({ where: { AND: [{ id: applicationId }, applicationScope(principal)] }, select: applicationForMove });
  if (!application) throw notFound("申请");
  return application;
}

/**
 * Makes a write the transaction's first statement, so that SQLite gives it the write
 * lock before it reads: a concurrent writer in another process then waits (busy
 * timeout) instead of failing on a read snapshot that went stale (SQLITE_BUSY).
 */
export async function takeWriteLock(tx: Db, applicationId: number) {
  await tx.$executeRaw`UPDATE "Application" SET "updatedAt" = "updatedAt" WHERE "id" = ${applicationId}`;
}

/**
 * Ends every open application to a job or order that stops recruiting (closed, or an
 * order whose places are all filled): each becomes "closed" with a timeline entry, and
 * each graduate is told. Runs inside the caller's transaction.
 */
export async function closeOpenApplications(
  tx: Db,
  { actorAccountId, target, title, reason }: { actorAccountId: number | null; target: { jobId: number } | { orderId: number }; title: string; reason: string },
): Promise<number> {
  const open = await tx.application.findMany({ where: { ...target, activeKey: { not: null } }, select: { id: true, status: true, graduateId: true } });
  for (const a of open) {
    await tx.application.updateMany({ where: { id: a.id, status: a.status }, data: { status: "closed", activeKey: null } });
    await tx.applicationEvent.create({ data: { applicationId: a.id, fromStatus: a.status, toStatus: "closed", actorAccountId, note: reason } });
    await notify(tx, { graduateId: a.graduateId }, {
      kind: "application",
      title: `「${title}」已停止招聘，您的申请已结束`,
      body: reason,
      link: `/graduate/applications/${a.id}`,
    });
  }
  return open.length;
}

/** Changes the status only if nobody changed it meanwhile; stores the event. */
export async function recordMove(
  tx: Db,
  principal: Principal,
  application: { id: number; status: string; jobId: number | null; orderId: number | null },
  to: ApplicationStatus,
  note?: string,
) {
  const from = application.status as ApplicationStatus;
  const check = checkApplicationMove(from, to, principal.role);
  if (!check.ok) throw new AppError({ message: check.reason, status: 409, code: "bad_transition" });
  const { count } = await tx.application.updateMany({
    where: { id: application.id, status: from },
    data: { status: to, activeKey: activeKeyOf(application, to) },
  });
  if (count !== 1) throw conflict("申请状态已被他人更改，请刷新后重试");
  await tx.applicationEvent.create({
    data: { applicationId: application.id, fromStatus: from, toStatus: to, actorAccountId: principal.accountId, note: note ?? null },
  });
  return from;
}

/**
 * Moves an application one step (viewed, shortlisted, rejected by the enterprise;
 * withdrawn by the graduate). Offers and their answers go through offers.server.ts,
 * hiring through hireApplicant.
 */
export async function moveApplication({
  principal, applicationId, to, note,
}: { principal: Principal; applicationId: number; to: "viewed" | "shortlisted" | "rejected" | "withdrawn"; note?: string }) {
  return notifyingTransaction(async (tx) => {
    const application = await loadForMove(tx, principal, applicationId);
    const from = await recordMove(tx, principal, application, to, note);
    const title = (application.job ?? application.order)!.title;
    if (hasRole(principal, "graduate")) {
      const enterpriseId = (application.job ?? application.order)!.enterpriseId;
      await notify(tx, { enterpriseId }, {
        kind: "application",
        title: `${application.graduate.name} ${label(to)}：${title}`,
        body: `申请状态由「${label(from)}」变更为「${label(to)}」`,
        link: `/enterprise/applicants/${application.id}`,
      });
    } else {
      await notify(tx, { graduateId: application.graduateId }, {
        kind: "application",
        title: `您对「${title}」的申请：${label(to)}`,
        body: `申请状态由「${label(from)}」变更为「${label(to)}」${note ? `。说明：${note}` : ""}`,
        link: `/graduate/applications/${application.id}`,
      });
    }
    return { from, to };
  });
}

/**
 * Hires an applicant who accepted the offer, on the offer's terms: the application
 * becomes hired, a Placement is created with its 对口 and in-province-park flags, and
 * an order's filled quantity goes up by one — all in one transaction. Only into an
 * open job with openings left or a recruiting order with places left; the order's
 * place is taken with a conditional UPDATE (… WHERE quantityFilled < quantity), so two
 * hires racing for the last place cannot both succeed, and the graduate's one active
 * placement is held by the partial unique index (ADR 022).
 */
export async function hireApplicant({ principal, applicationId }: { principal: Principal; applicationId: number }) {
  const enterpriseId = requireActor(principal, "enterprise", "只有企业账号可以录用");
  const placement = await notifyingTransaction(async (tx) => {
    await takeWriteLock(tx, applicationId);
    const application = await loadForMove(tx, principal, applicationId);
    await recordMove(tx, principal, application, "hired");
    const employed = await tx.placement.findFirst({ where: { graduateId: application.graduateId, endedOn: null }, select: { id: true } });
    if (employed) throw conflict(ALREADY_EMPLOYED);
    const { offerStartDate: startDate, offerMonthlyWageFen: monthlyWageFen, offerContractMonths: contractMonths } = application;
    if (!startDate || monthlyWageFen === null) throw conflict("该申请没有录用通知的条件，不能录用");
    const enterprise = await tx.enterprise.findUniqueOrThrow({ where: { id: enterpriseId }, select: { park: { select: { cityCode: true } } } });
    let majorRelevant: boolean;
    if (application.order) {
      const order = application.order;
      if (!(ORDER_RECRUITING_STATUSES as readonly string[]).includes(order.status)) throw conflict("该订单已不在招募中，不能再录用");
      // A verification revoked since the application closes the gate here too (ADR 166).
      await refuseBelowSeniorGate(tx, application.graduateId, order.skillLevel, "employer");
      const now = new Date();
      const taken = await tx.$executeRaw`UPDATE "Order" SET "quantityFilled" = "quantityFilled" + 1, "updatedAt" = ${now} WHERE "id" = ${order.id} AND "quantityFilled" < "quantity"`;
      if (taken !== 1) throw conflict("该订单名额已满，不能再录用");
      const next = statusAfterHire({ status: order.status as OrderStatus, quantity: order.quantity, quantityFilled: order.quantityFilled });
      if (next !== order.status) {
        await tx.order.update({ where: { id: order.id }, data: { status: next } });
        await tx.orderEvent.create({ data: { orderId: order.id, fromStatus: order.status, toStatus: next, actorAccountId: principal.accountId, note: "名额已满" } });
        await closeOpenApplications(tx, { actorAccountId: principal.accountId, target: { orderId: order.id }, title: order.title, reason: "订单名额已满" });
      }
      majorRelevant = isMajorRelevantToOrder(application.graduate.majorCode, order.majorCode);
    } else {
      const job = application.job!;
      if (job.status !== "open") throw conflict("该岗位已关闭，不能再录用");
      const hired = await tx.placement.count({ where: { jobId: job.id } });
      if (hired >= job.openings) throw conflict("该岗位的招聘人数已满，不能再录用");
      majorRelevant = isMajorRelevantToJob(application.graduate.majorCode, JSON.parse(job.majorClasses) as string[]);
    }
    const placement = await tx.placement.create({
      data: {
        graduateId: application.graduateId,
        enterpriseId,
        jobId: application.jobId,
        orderId: application.orderId,
        applicationId: application.id,
        startDate,
        monthlyWageFen,
        contractMonths,
        majorRelevant,
        inProvincePark: isInProvincePark(enterprise.park),
      },
    });
    await tx.graduate.update({ where: { id: application.graduateId }, data: { status: "placed" } });
    await recordSearchChange({ db: tx, index: "graduates", recordId: application.graduateId, op: "upsert" });
    if (application.orderId) await recordSearchChange({ db: tx, index: "orders", recordId: application.orderId, op: "upsert" });
    const title = (application.job ?? application.order)!.title;
    await notify(tx, { graduateId: application.graduateId }, {
      kind: "application",
      title: `恭喜！您已被「${title}」录用`,
      body: `入职日期 ${chinaDate(startDate)}`,
      link: `/graduate/applications/${application.id}`,
    });
    return placement;
  }).catch((error: unknown) => {
    // Another process hired the same graduate between the check above and the insert.
    if (isSecondActivePlacement(error)) throw conflict(ALREADY_EMPLOYED);
    throw error;
  });
  await requestSearchDelivery();
  return placement;
}

// ───── Lists and the timeline ─────

export const APPLICATION_SORTS = ["updatedAt", "createdAt", "status"] as const;

const listSelect = {
  id: true, status: true, createdAt: true, updatedAt: true,
  graduate: { select: { id: true, name: true, majorCode: true, schoolLevel: true, skillLevel: true, college: { select: { name: true } } } },
  job: { select: { id: true, title: true, enterprise: { select: { name: true } } } },
  order: { select: { id: true, title: true, enterprise: { select: { name: true } } } },
  placement: { select: { id: true, majorRelevant: true } },
} satisfies Prisma.ApplicationSelect;

/** Applications the principal may see: the enterprise's applicants, the graduate's own, the college's graduates'. */
export async function listApplications({
  principal, query, status, jobId, orderId,
}: {
  principal: Principal;
  query: ListQuery<(typeof APPLICATION_SORTS)[number]>;
  status?: ApplicationStatus;
  jobId?: number;
  orderId?: number;
}) {
  const where: Prisma.ApplicationWhereInput = {
    AND: [await applicationListScope(principal), status ? { status } : {}, jobId ? { jobId } : {}, orderId ? { orderId } : {}],
  };
  const [rows, total] = await Promise.all([
    prisma.application.findMany({
      where,
      orderBy: [{ [query.sort]: query.direction }, { id: "desc" }],
      ...pageWindow(query),
      select: listSelect,
    }),
    prisma.application.count({ where }),
  ]);
  return { rows, total, page: query.page, pageSize: query.pageSize ?? PAGE_SIZE, sort: query.sort, direction: query.direction } satisfies Paged<unknown>;
}

/** One application with its timeline (every status change, its actor and time). */
export async function getApplication({ principal, applicationId }: { principal: Principal; applicationId: number }) {
  const application = await prisma.application.findFirst({
    where: { AND: [{ id: applicationId }, applicationScope(principal)] },
    select: {
      ...listSelect,
      graduate: {
        select: {
          id: true, name: true, gender: true, phone: true, idNumberMasked: true, majorCode: true, schoolLevel: true,
          graduationDate: true, skillLevel: true, skillTags: true, preferredCities: true, willingToRelocate: true,
          college: { select: { name: true } },
          certificates: { select: { id: true, name: true, level: true, issuedAt: true }, orderBy: { issuedAt: "desc" } },
        },
      },
      job: { select: { id: true, title: true, wageMinFen: true, enterprise: { select: { name: true } } } },
      order: { select: { id: true, title: true, wageFen: true, startDate: true, quantity: true, quantityFilled: true, enterprise: { select: { name: true } } } },
      offerStartDate: true, offerMonthlyWageFen: true, offerContractMonths: true, offerReplyBy: true,
      placement: {
        select: {
          id: true, startDate: true, monthlyWageFen: true, majorRelevant: true, inProvincePark: true, contractMonths: true, insuredMonths: true,
          confirmedAt: true, endedOn: true, endReason: true, endReportedOn: true, endReportedReason: true,
        },
      },
      events: {
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: { id: true, fromStatus: true, toStatus: true, at: true, note: true, actor: { select: { displayName: true, role: true } } },
      },
    },
  });
  if (!application) throw notFound("申请");
  return {
    ...application,
    graduate: {
      ...application.graduate,
      skillTags: JSON.parse(application.graduate.skillTags) as string[],
      preferredCities: JSON.parse(application.graduate.preferredCities) as string[],
    },
  };
}
