import type { Prisma } from "~/utils/db.server";

/**
 * The subsidy audit log is append-only: this is the one writer, and it only inserts
 * (the database refuses updates and deletes with triggers).
 */
export function recordClaimEvent(
  tx: Prisma.TransactionClient,
  event: { claimId: number; actorAccountId: number | null; action: string; detail: Record<string, unknown>; at?: Date },
) {
  return tx.subsidyAuditEvent.create({
    data: {
      claimId: event.claimId,
      actorAccountId: event.actorAccountId,
      action: event.action,
      detail: JSON.stringify(event.detail),
      at: event.at,
    },
  });
}
