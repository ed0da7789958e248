import { DelayedError, UnrecoverableError } from "bullmq";
import { z } from "zod";
import { runRoundAtDeadline, type RunOutcome } from "~/services/allocation/rounds.server";

const PayloadSchema = z.object({ roundId: z.number().int().positive() });

/** What the processor needs of a BullMQ job to wait for the deadline. */
export type DelayableJob = { token?: string; moveToDelayed(timestamp: number, token?: string): Promise<void> };

/**
 * The deadline job of a 定向分配 round. Idempotent: a round that already ran (or is
 * running, or was run on demand before the deadline) is left alone; a deleted round
 * is an unrecoverable error, not a retry. A job that arrives before the deadline
 * goes back to the queue, delayed until the deadline.
 */
export async function runAllocationRoundJob(payload: unknown, job?: DelayableJob, now = new Date()): Promise<RunOutcome | { status: "waiting"; until: string }> {
  const parsed = PayloadSchema.safeParse(payload);
  if (!parsed.success) throw new UnrecoverableError(`bad allocation payload: ${parsed.error.message}`);
  const outcome = await runRoundAtDeadline({ roundId: parsed.data.roundId, now });
  if (!outcome) throw new UnrecoverableError(`allocation round ${parsed.data.roundId} does not exist`);
  if (outcome.status !== "waiting") return outcome;
  if (!job) return { status: "waiting", until: outcome.until.toISOString() };
  await job.moveToDelayed(outcome.until.getTime(), job.token);
  throw new DelayedError();
}
