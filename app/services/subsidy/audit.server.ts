import type { Prisma } from "~/utils/db.server";
import { conflict } from "~/utils/errors.server";

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

export type ClaimEvent = Parameters<typeof recordClaimEvent>[1];

/**
 * The step of every review decision: the claim changes only while it still is what the
 * decision was made on (`where`, a conditional update, so two reviewers never both
 * decide), and the change is logged in the same transaction. False when the claim had
 * moved on; with `refusal`, that is a 409 with this message instead.
 */
export async function moveClaim(
  tx: Prisma.TransactionClient,
  step: { where: Prisma.SubsidyClaimWhereInput; data: Prisma.SubsidyClaimUncheckedUpdateManyInput; event: ClaimEvent; refusal?: string },
): Promise<boolean> {
  const { count } = await tx.subsidyClaim.updateMany({ where: step.where, data: step.data });
  if (count !== 1) {
    if (step.refusal) throw conflict(step.refusal);
    return false;
  }
  await recordClaimEvent(tx, step.event);
  return true;
}
