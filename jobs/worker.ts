import { hostname } from "node:os";
import { Worker, type Job } from "bullmq";
import { ensureDatabaseReady, prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { CREATE_CLAIMS_JOB, movePendingJobsToQueues, openQueue, queueOptions, QUEUES, redisConnection, type QueueName } from "~/utils/queue.server";
import { deliverPendingSearchChanges } from "./processors/deliver-search-changes";
import { purgeExpiredSessions } from "~/services/accounts/sessions.server";
import { runAllocationRoundJob } from "./processors/allocation-round";
import { processImport } from "./processors/run-import";
import { sendSavedSearchAlerts } from "~/services/search/alerts.server";
import { runCreateClaimsJob } from "./processors/subsidy-claims";
import { reconcileSubsidyClaims } from "~/services/subsidy/reconcile.server";
import { processTrainingFundJob } from "./processors/training-fund-run";
import { sendFundReminders } from "~/services/fund/settlement.server";
import { processReportJob } from "./processors/placement-reports";
import { FUND_REMINDERS_JOB, upsertLabourSchedules, upsertMessageSchedules, upsertReportSchedules, upsertSchedules, upsertSubsidySchedules } from "./schedules";
import { lapseOffersJob } from "./processors/lapse-offers";
import { LAPSE_OFFERS_JOB } from "~/services/labour/offers.server";
import { DELIVER_MESSAGES_JOB, deliverPendingMessages } from "~/services/accounts/messages.server";

type Processor = (job: Job) => Promise<unknown>;

/** Dispatches a queue's jobs by name to their processors. */
function byName(queue: string, processors: Record<string, Processor>): Processor {
  return async (job) => {
    const processor = processors[job.name];
    if (!processor) throw new Error(`unknown ${queue} job ${job.name}`);
    return processor(job);
  };
}

/** Who ran a job (BullMQ's `processedBy`): the host and process of the worker. */
const WORKER_NAME = `${hostname()}:${process.pid}`;

/** Every queue's processor and concurrency: one entry per queue. */
const PROCESSORS: Record<QueueName, { process: Processor; concurrency: number }> = {
  [QUEUES.maintenance]: {
    process: byName("maintenance", {
      "purge-expired-sessions": () => purgeExpiredSessions({ now: new Date() }),
      [FUND_REMINDERS_JOB]: () => sendFundReminders({ now: new Date() }),
    }),
    concurrency: 1,
  },
  // One delivery at a time: two deliveries must not write the same record out of order.
  [QUEUES.searchSync]: {
    process: byName("search-sync", { "deliver-search-changes": () => deliverPendingSearchChanges({ now: new Date() }) }),
    concurrency: 1,
  },
  [QUEUES.searchAlerts]: {
    process: byName("search-alerts", { "saved-search-alerts": () => sendSavedSearchAlerts({ now: new Date() }) }),
    concurrency: 1,
  },
  [QUEUES.trainingFund]: {
    process: (job) => processTrainingFundJob(job),
    concurrency: 1,
  },
  [QUEUES.subsidy]: {
    process: byName("subsidy", {
      [CREATE_CLAIMS_JOB]: (job) => runCreateClaimsJob(job.data),
      "reconcile-subsidy-claims": () => reconcileSubsidyClaims({ now: new Date() }),
    }),
    concurrency: 2,
  },
  [QUEUES.imports]: { process: (job) => processImport(job.data), concurrency: 1 },
  // One report at a time: a province-scale run holds every fact of its period in memory.
  [QUEUES.reports]: { process: (job) => processReportJob(job), concurrency: 1 },
  [QUEUES.pendingJobs]: { process: byName("pending-jobs", { "move-pending-jobs": () => movePendingJobsToQueues() }), concurrency: 1 },
  [QUEUES.allocation]: { process: (job) => runAllocationRoundJob(job.data, job), concurrency: 1 },
  [QUEUES.labour]: { process: byName("labour", { [LAPSE_OFFERS_JOB]: (job) => lapseOffersJob(job.data, new Date(), job) }), concurrency: 1 },
  // Notifications sent as messages through the HTTP gateway, after their transaction committed.
  [QUEUES.messages]: { process: byName("messages", { [DELIVER_MESSAGES_JOB]: () => deliverPendingMessages() }), concurrency: 1 },
};

/** The worker process: runs the queues' processors, separate from the web process. */
async function main() {
  env();
  await ensureDatabaseReady();
  const connection = redisConnection({ forWorker: true });
  const queues = {
    maintenance: openQueue(QUEUES.maintenance, connection),
    searchSync: openQueue(QUEUES.searchSync, connection),
    searchAlerts: openQueue(QUEUES.searchAlerts, connection),
    subsidy: openQueue(QUEUES.subsidy, connection),
    reports: openQueue(QUEUES.reports, connection),
    pendingJobs: openQueue(QUEUES.pendingJobs, connection),
    labour: openQueue(QUEUES.labour, connection),
    messages: openQueue(QUEUES.messages, connection),
  };
  await upsertSchedules(queues);
  await upsertSubsidySchedules(queues.subsidy);
  await upsertReportSchedules(queues);
  await upsertLabourSchedules(queues.labour);
  await upsertMessageSchedules(queues.messages);

  // Each queue's concurrency is a limit for the whole deployment, not per worker process
  // (ADR 105): one search delivery or one run of a fund year at a time however many workers run.
  for (const [name, { concurrency }] of Object.entries(PROCESSORS) as [QueueName, { concurrency: number }][]) {
    const queue = openQueue(name, connection);
    await queue.setGlobalConcurrency(concurrency);
    await queue.close();
  }

  const workers = (Object.entries(PROCESSORS) as [QueueName, (typeof PROCESSORS)[QueueName]][]).map(
    ([name, { process, concurrency }]) => new Worker(name, process, { ...queueOptions(connection), concurrency, name: WORKER_NAME }),
  );
  for (const worker of workers) {
    worker.on("failed", (job, error) => console.error(`[worker] ${job?.queueName}/${job?.name} failed:`, error.message));
  }
  console.log(`[worker] ${WORKER_NAME} listening on ${Object.values(QUEUES).join(", ")}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[worker] ${signal}: finishing running jobs, then exiting`);
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(Object.values(queues).map((q) => q.close()));
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
