import { prisma } from "~/utils/db.server";

/**
 * The employment record's integrity rules (issue 14, product.md §10), checked over the
 * whole database by `npm run cli -- check`: each finding names the rows that break a
 * rule. The database holds the first rule itself (a partial unique index); the check
 * also finds what a database written before the rules, or by hand, may contain.
 */
export type IntegrityFinding = { rule: string; label: string; ids: number[] };

const ids = (rows: { id: number | bigint }[]) => rows.map((r) => Number(r.id));

/** Separation actions after which a claim of the placement must have been looked at again. */
const SEPARATION_CLAIM_ACTIONS = ["reevaluated_after_separation", "held_after_separation", "flagged_after_separation"];

export async function checkEmploymentIntegrity(): Promise<IntegrityFinding[]> {
  const [twoActive, overfilled, counterAhead, closedJobs, closedOrders, unexamined] = await Promise.all([
    prisma.$queryRaw<{ id: number }[]>`
      SELECT "graduateId" AS id FROM "Placement" WHERE "endedOn" IS NULL GROUP BY "graduateId" HAVING COUNT(*) > 1 ORDER BY 1`,
    prisma.$queryRaw<{ id: number }[]>`
      SELECT o."id" AS id FROM "Order" o WHERE (SELECT COUNT(*) FROM "Placement" p WHERE p."orderId" = o."id") > o."quantity" ORDER BY 1`,
    prisma.$queryRaw<{ id: number }[]>`
      SELECT o."id" AS id FROM "Order" o WHERE o."quantityFilled" > o."quantity" ORDER BY 1`,
    // A job's last change is its closing when it is closed: a placement made after it was made on a closed job.
    prisma.$queryRaw<{ id: number }[]>`
      SELECT p."id" AS id FROM "Placement" p JOIN "Job" j ON j."id" = p."jobId"
      WHERE j."status" = 'closed' AND p."createdAt" > j."updatedAt" ORDER BY 1`,
    prisma.$queryRaw<{ id: number }[]>`
      SELECT p."id" AS id FROM "Placement" p
      WHERE p."orderId" IS NOT NULL AND EXISTS (
        SELECT 1 FROM "OrderEvent" e WHERE e."orderId" = p."orderId" AND e."toStatus" = 'closed' AND e."at" < p."createdAt"
      ) ORDER BY 1`,
    prisma.$queryRaw<{ id: number }[]>`
      SELECT c."id" AS id FROM "SubsidyClaim" c JOIN "Placement" p ON p."id" = c."placementId"
      WHERE p."endedOn" IS NOT NULL AND c."status" <> 'rejected'
        AND c."createdAt" < (SELECT MAX(pe."at") FROM "PlacementEvent" pe WHERE pe."placementId" = p."id")
        AND NOT EXISTS (
          SELECT 1 FROM "SubsidyAuditEvent" a WHERE a."claimId" = c."id"
            AND a."action" IN (${SEPARATION_CLAIM_ACTIONS[0]}, ${SEPARATION_CLAIM_ACTIONS[1]}, ${SEPARATION_CLAIM_ACTIONS[2]})
        ) ORDER BY 1`,
  ]);
  return [
    { rule: "two_active_placements", label: "毕业生同时有多条在职就业记录", ids: ids(twoActive) },
    { rule: "order_overfilled", label: "订单的就业记录多于需求人数", ids: ids(overfilled) },
    { rule: "order_counter_overfilled", label: "订单的已录用人数大于需求人数", ids: ids(counterAhead) },
    { rule: "hire_on_closed_job", label: "岗位关闭后录用的就业记录", ids: ids(closedJobs) },
    { rule: "hire_on_closed_order", label: "订单关闭后录用的就业记录", ids: ids(closedOrders) },
    { rule: "claim_not_reexamined", label: "就业已结束但未重新核定的补贴申请", ids: ids(unexamined) },
  ];
}
