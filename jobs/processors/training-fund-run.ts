import type { Job } from "bullmq";
import { z } from "zod";
import { runTrainingFundYear } from "~/services/fund/run.server";

const TrainingFundJobSchema = z.object({ runId: z.number().int().positive() });

/** The training-fund queue's "compute-year" job: the yearly run (services/fund/run.server.ts). */
export async function processTrainingFundJob(job: Pick<Job, "data" | "attemptsMade" | "opts" | "updateProgress">) {
  const { runId } = TrainingFundJobSchema.parse(job.data);
  return runTrainingFundYear({
    runId,
    lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    onProgress: (done, total) => job.updateProgress({ done, total }),
  });
}
