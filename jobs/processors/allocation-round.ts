import { UnrecoverableError } from "bullmq";
import { z } from "zod";
import { runAllocationRound, type RunOutcome } from "~/services/allocation.server";
import { prisma } from "~/utils/db.server";

const PayloadSchema = z.object({ roundId: z.number().int().positive() });

/**
 * The deadline job of a 定向分配 round. Idempotent: a round that already ran (or is
 * running, or was run on demand before the deadline) is left alone; a deleted round
 * is an unrecoverable error, not a retry.
 */
export async function runAllocationRoundJob(payload: unknown): Promise<RunOutcome> {
  const parsed = PayloadSchema.safeParse(payload);
  if (!parsed.success) throw new UnrecoverableError(`bad allocation payload: ${parsed.error.message}`);
  const round = await prisma.allocationRound.findUnique({ where: { id: parsed.data.roundId }, select: { id: true } });
  if (!round) throw new UnrecoverableError(`allocation round ${parsed.data.roundId} does not exist`);
  return runAllocationRound({ roundId: round.id });
}
