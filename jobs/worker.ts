import { Worker } from "bullmq";
import { z } from "zod";
import { ensureDatabaseReady, prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { purgeExpiredSessions } from "./processors/purge-expired-sessions";
import { processImport } from "./processors/run-import";
import { runTrainingFundYear } from "./processors/training-fund-run";
import { CREATE_CLAIMS_JOB } from "~/services/subsidy/queue.server";
import { reconcileSubsidyClaims, runCreateClaimsJob } from "./processors/subsidy-claims";
import { openQueue, queueOptions, QUEUES, redisConnection } from "./queues";
import { upsertSchedules, upsertSubsidySchedules } from "./schedules";

const TrainingFundJobSchema = z.object({ runId: z.number().int().positive() });

/** The worker process: runs the queues' processors, separate from the web process. */
async function main() {
  env();
  await ensureDatabaseReady();
  const connection = redisConnection({ forWorker: true });
  const maintenance = openQueue(QUEUES.maintenance, connection);
  await upsertSchedules({ maintenance });
  const subsidy = openQueue(QUEUES.subsidy, connection);
  await upsertSubsidySchedules(subsidy);

  const workers = [
    new Worker(
      QUEUES.maintenance,
      async (job) => {
        if (job.name === "purge-expired-sessions") return purgeExpiredSessions({ now: new Date() });
        throw new Error(`unknown maintenance job ${job.name}`);
      },
      { ...queueOptions(connection), concurrency: 1 },
    ),
    new Worker(
      QUEUES.trainingFund,
      async (job) => {
        const { runId } = TrainingFundJobSchema.parse(job.data);
        return runTrainingFundYear({
          runId,
          lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
          onProgress: (done, total) => job.updateProgress({ done, total }),
        });
      },
      { ...queueOptions(connection), concurrency: 1 },
    ),
    new Worker(
      QUEUES.subsidy,
      async (job) => {
        if (job.name === CREATE_CLAIMS_JOB) return runCreateClaimsJob(job.data);
        if (job.name === "reconcile-subsidy-claims") return reconcileSubsidyClaims({ now: new Date() });
        throw new Error(`unknown subsidy job ${job.name}`);
      },
      { ...queueOptions(connection), concurrency: 2 },
    ),
    new Worker(QUEUES.imports, async (job) => processImport(job.data), { ...queueOptions(connection), concurrency: 1 }),
  ];
  for (const worker of workers) {
    worker.on("failed", (job, error) => console.error(`[worker] ${job?.queueName}/${job?.name} failed:`, error.message));
  }
  console.log(`[worker] listening on ${Object.values(QUEUES).join(", ")}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[worker] ${signal}: finishing running jobs, then exiting`);
    await Promise.all(workers.map((w) => w.close()));
    await maintenance.close();
    await subsidy.close();
    await connection.quit();
    await prisma.$disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error("[worker] failed to start:", error);
  process.exit(1);
});
