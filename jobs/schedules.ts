import type { Queue } from "bullmq";

/** Repeating jobs, declared once and upserted at worker start (safe to run on every start). */
export async function upsertSchedules(queues: { maintenance: Queue }) {
  await queues.maintenance.upsertJobScheduler(
    "purge-expired-sessions",
    { every: 60 * 60 * 1000 },
    { name: "purge-expired-sessions", data: {} },
  );
}

/** The hourly reconciliation of subsidy claims (jobs/processors/subsidy-claims.ts). */
export async function upsertSubsidySchedules(subsidy: Queue) {
  await subsidy.upsertJobScheduler(
    "reconcile-subsidy-claims",
    { every: 60 * 60 * 1000 },
    { name: "reconcile-subsidy-claims", data: {} },
  );
}
