import type { Principal } from "~/utils/principal.server";
import { graduateScope, placementScope, requireActor } from "~/utils/scopes.server";
import { type Prisma, prisma } from "~/utils/db.server";
import { notFound } from "~/utils/errors.server";
import { PAGE_SIZE, pageWindow, type ListQuery, type Paged } from "~/utils/list-query";
import { notify, notifyingTransaction } from "./notifications.server";
import type { ConfirmPlacementInput } from "./schemas";
import { enqueueClaimCreation } from "~/services/subsidy/claims.server";
import { chinaDate } from "~/domain/china-time";

export const PLACEMENT_SORTS = ["startDate", "createdAt", "monthlyWageFen"] as const;

export async function listPlacements({
  principal, query, unconfirmedOnly,
}: { principal: Principal; query: ListQuery<(typeof PLACEMENT_SORTS)[number]>; unconfirmedOnly?: boolean }) {
  const where: Prisma.PlacementWhereInput = { AND: [placementScope(principal), unconfirmedOnly ? { confirmedAt: null } : {}] };
  const [rows, total] = await Promise.all([
    prisma.placement.findMany({
      where,
      orderBy: [{ [query.sort]: query.direction }, { id: "desc" }],
      ...pageWindow(query),
      select: {
        id: true, startDate: true, monthlyWageFen: true, majorRelevant: true, inProvincePark: true,
        contractMonths: true, insuredMonths: true, confirmedAt: true, applicationId: true,
        endedOn: true, endReason: true, endReportedOn: true, endReportedReason: true,
        graduate: { select: { id: true, name: true, majorCode: true, college: { select: { name: true } } } },
        enterprise: { select: { name: true } },
        job: { select: { title: true } },
        order: { select: { title: true } },
      },
    }),
    prisma.placement.count({ where }),
  ]);
  return { rows, total, page: query.page, pageSize: query.pageSize ?? PAGE_SIZE, sort: query.sort, direction: query.direction } satisfies Paged<unknown>;
}

/**
 * The enterprise confirms a placement's labour-contract months and social-insurance
 * months. This is the moment the subsidy flow starts from (免申即享): once committed,
 * the worker is asked to create the claims (the hourly reconciliation covers a Redis
 * outage). Confirming again corrects the figures.
 */
export async function confirmPlacement({
  principal, placementId, input,
}: { principal: Principal; placementId: number; input: ConfirmPlacementInput }) {
  const enterpriseId = requireActor(principal, "enterprise", "只有录用企业可以确认就业信息");
  const confirmed = await notifyingTransaction(async (tx) => {
    const placement = await tx.placement.findFirst({
      where: { id: placementId, enterpriseId },
      select: { id: true, graduateId: true, enterprise: { select: { name: true } } },
    });
    if (!placement) throw notFound("就业记录");
    const updated = await tx.placement.update({
      where: { id: placement.id },
      data: { contractMonths: input.contractMonths, insuredMonths: input.insuredMonths, confirmedAt: new Date() },
    });
    await notify(tx, { graduateId: placement.graduateId }, {
      kind: "placement",
      title: `${placement.enterprise.name} 已确认您的就业信息`,
      body: `劳动合同 ${input.contractMonths} 个月，已缴社保 ${input.insuredMonths} 个月`,
      link: "/graduate/applications",
    });
    return updated;
  });
  await enqueueClaimCreation({ placementId: confirmed.id, confirmedAt: confirmed.confirmedAt ?? undefined });
  return confirmed;
}

/** A graduate's placements, newest first, as the caller's scope allows (the graduate must be in scope: else 404). */
export async function placementsOfGraduate({ principal, graduateId }: { principal: Principal; graduateId: number }) {
  const graduate = await prisma.graduate.findFirst({ where: { AND: [{ id: graduateId }, graduateScope(principal)] }, select: { id: true } });
  if (!graduate) throw notFound("毕业生");
  const rows = await prisma.placement.findMany({
    where: { AND: [{ graduateId }, placementScope(principal)] },
    orderBy: [{ startDate: "desc" }, { id: "desc" }],
    select: {
      id: true, startDate: true, monthlyWageFen: true, contractMonths: true, insuredMonths: true, majorRelevant: true, inProvincePark: true,
      endedOn: true, endReason: true, applicationId: true, jobId: true, orderId: true, enterprise: { select: { id: true, name: true } },
    },
  });
  const day = (d: Date | null) => (d ? chinaDate(d) : null);
  return rows.map((p) => ({ ...p, startDate: day(p.startDate), endedOn: day(p.endedOn), active: p.endedOn === null }));
}
