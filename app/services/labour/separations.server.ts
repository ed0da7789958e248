import { PLACEMENT_END_REASONS, type PlacementEndReason } from "~/domain/constants";
import { checkEndDate, collegeMayConfirmFrom } from "~/domain/labour/separation";
import { chinaDate } from "~/domain/china-time";
import { addCalendarDays, dateOf, isoDate } from "~/domain/subsidy/calendar";
import { recordSearchChange, requestSearchDelivery } from "~/services/search/sync.server";
import { applySeparationToClaims } from "~/services/subsidy/claims.server";
import { calendarFrom } from "~/services/subsidy/review.server";
import type { Prisma } from "~/utils/db.server";
import { AppError, conflict, notFound } from "~/utils/errors.server";
import type { Principal } from "~/utils/principal.server";
import { placementScope, requireActor, requireRole, hasRole } from "~/utils/scopes.server";
import type { Db } from "./applications.server";
import { notify, notifyingTransaction } from "./notifications.server";

/**
 * Separations (离职, product.md §10). The enterprise records one; or the graduate
 * reports one and the enterprise confirms it (the college when the enterprise has not
 * answered within 10 working days). Ending a placement makes the graduate available
 * again and applies the money rules to its claims, in one transaction, logged in
 * PlacementEvent and the claims' audit log.
 */

export type SeparationInput = { endedOn: string; endReason: PlacementEndReason };

const placementForEnd = {
  id: true, graduateId: true, enterpriseId: true, startDate: true, endedOn: true,
  endReportedOn: true, endReportedReason: true, endReportedAt: true,
  graduate: { select: { name: true, collegeId: true } },
  enterprise: { select: { name: true } },
} satisfies Prisma.PlacementSelect;

type PlacementForEnd = Prisma.PlacementGetPayload<{ select: typeof placementForEnd }>;

async function loadActive(db: Db, principal: Principal, placementId: number): Promise<PlacementForEnd> {
  const placement = await db.placement.findFirst({ where: { AND: [{ id: placementId }, placementScope(principal)] }, select: placementForEnd });
  if (!placement) throw notFound("就业记录");
  if (placement.endedOn) throw conflict(`该就业记录已于 ${isoDate(placement.endedOn)} 结束`);
  return placement;
}

function checkInput(placement: PlacementForEnd, input: SeparationInput, now: Date) {
  if (!(PLACEMENT_END_REASONS as readonly string[]).includes(input.endReason)) {
    throw new AppError({ field: "endReason", message: `离职原因应为：${PLACEMENT_END_REASONS.join("、")}` });
  }
  const check = checkEndDate({ startDate: isoDate(placement.startDate), endedOn: input.endedOn, today: chinaDate(now) });
  if (!check.ok) throw new AppError({ field: check.field, message: check.reason });
}

/** Ends an active placement inside the caller's transaction: the placement, the graduate, the log, the money, the notices. */
async function endInTransaction(
  tx: Db,
  { placement, input, principal, via, now }: { placement: PlacementForEnd; input: SeparationInput; principal: Principal; via: "recorded" | "confirmed"; now: Date },
) {
  const { count } = await tx.placement.updateMany({
    where: { id: placement.id, endedOn: null },
    data: { endedOn: dateOf(input.endedOn), endReason: input.endReason, endReportedOn: null, endReportedReason: null, endReportedAt: null },
  });
  if (count !== 1) throw conflict("该就业记录已被他人办结，请刷新后查看");
  await tx.graduate.update({ where: { id: placement.graduateId }, data: { status: "available" } });
  await recordSearchChange({ db: tx, index: "graduates", recordId: placement.graduateId, op: "upsert" });
  const money = await applySeparationToClaims(tx, {
    placementId: placement.id, endedOn: input.endedOn, endReason: input.endReason, actorAccountId: principal.accountId, now,
  });
  await tx.placementEvent.create({
    data: {
      placementId: placement.id, action: via === "recorded" ? "ended" : "end_confirmed", actorAccountId: principal.accountId, at: now,
      detail: JSON.stringify({ endedOn: input.endedOn, endReason: input.endReason, by: principal.role, claims: money }),
    },
  });
  const body = `离职日期 ${input.endedOn}，原因：${input.endReason}`;
  await notify(tx, { graduateId: placement.graduateId }, {
    kind: "placement", title: `您在${placement.enterprise.name}的就业已办结离职`, body: `${body}。您可以重新求职了。`, link: "/graduate/applications",
  });
  if (!hasRole(principal, "enterprise")) {
    await notify(tx, { enterpriseId: placement.enterpriseId }, { kind: "placement", title: `${placement.graduate.name} 的离职已确认`, body, link: "/enterprise/placements" });
  }
  await notify(tx, { collegeId: placement.graduate.collegeId }, {
    kind: "placement", title: `${placement.graduate.name} 已离职（${placement.enterprise.name}）`, body, link: `/college/graduates/${placement.graduateId}`,
  });
  return money;
}

/** The enterprise records a separation: the placement ends at once. */
export async function endPlacement({ principal, placementId, input, now = new Date() }: { principal: Principal; placementId: number; input: SeparationInput; now?: Date }) {
  requireActor(principal, "enterprise", "只有用人单位可以办理离职");
  const outcome = await notifyingTransaction(async (tx) => {
    const placement = await loadActive(tx, principal, placementId);
    checkInput(placement, input, now);
    const money = await endInTransaction(tx, { placement, input, principal, via: "recorded", now });
    return { placementId: placement.id, endedOn: input.endedOn, endReason: input.endReason, claims: money };
  });
  await requestSearchDelivery();
  return outcome;
}

/** The graduate reports a separation; the enterprise is asked to confirm it. */
export async function reportSeparation({ principal, placementId, input, now = new Date() }: { principal: Principal; placementId: number; input: SeparationInput; now?: Date }) {
  requireActor(principal, "graduate", "只有毕业生本人可以申报离职");
  return notifyingTransaction(async (tx) => {
    const placement = await loadActive(tx, principal, placementId);
    checkInput(placement, input, now);
    await tx.placement.update({ where: { id: placement.id }, data: { endReportedOn: dateOf(input.endedOn), endReportedReason: input.endReason, endReportedAt: now } });
    await tx.placementEvent.create({
      data: { placementId: placement.id, action: "end_reported", actorAccountId: principal.accountId, at: now, detail: JSON.stringify(input) },
    });
    await notify(tx, { enterpriseId: placement.enterpriseId }, {
      kind: "placement",
      title: `${placement.graduate.name} 申报离职，请确认`,
      body: `离职日期 ${input.endedOn}，原因：${input.endReason}。10 个工作日内未确认的，由其院校确认。`,
      link: "/enterprise/placements",
    });
    return { reportedOn: chinaDate(now) };
  });
}

/**
 * Confirms the separation the graduate reported: the enterprise at any time, the
 * graduate's college once 10 working days have passed since the report without the
 * enterprise answering.
 */
export async function confirmSeparation({ principal, placementId, now = new Date() }: { principal: Principal; placementId: number; now?: Date }) {
  requireRole(principal, ["enterprise", "college"], "只有用人单位或毕业生所在院校可以确认离职");
  const today = chinaDate(now);
  // Reports older than 60 days are past 10 working days whatever the holidays; the calendar covers the rest.
  const calendar = hasRole(principal, "college") ? await calendarFrom(addCalendarDays(today, -60)) : new Map<string, boolean>();
  const outcome = await notifyingTransaction(async (tx) => {
    const placement = await loadActive(tx, principal, placementId);
    if (!placement.endReportedOn || !placement.endReportedReason || !placement.endReportedAt) throw conflict("毕业生尚未申报离职");
    if (hasRole(principal, "college")) {
      const from = collegeMayConfirmFrom(chinaDate(placement.endReportedAt), calendar);
      if (today < from) throw conflict(`用人单位可在 10 个工作日内确认；${from} 起院校方可代为确认`);
    }
    const input = { endedOn: isoDate(placement.endReportedOn), endReason: placement.endReportedReason as PlacementEndReason };
    const money = await endInTransaction(tx, { placement, input, principal, via: "confirmed", now });
    return { placementId: placement.id, ...input, claims: money };
  });
  await requestSearchDelivery();
  return outcome;
}
