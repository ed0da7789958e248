import type { Queue } from "bullmq";

/** Repeating jobs, declared once and upserted at worker start (safe to run on every start). */
export async function upsertSchedules(queues: { maintenance: Queue; searchSync: Queue; searchAlerts: Queue }) {
  await queues.maintenance.upsertJobScheduler(
    "purge-expired-sessions",
    { every: 60 * 60 * 1000 },
    { name: "purge-expired-sessions", data: {} },
  );
  // The safety net of search sync: changes left in the outbox while Redis or the engine was down.
  await queues.searchSync.upsertJobScheduler(
    "deliver-search-changes",
    { every: 15 * 1000 },
    { name: "deliver-search-changes", data: {} },
  );
  await queues.searchAlerts.upsertJobScheduler(
    "saved-search-alerts",
    { every: 5 * 60 * 1000 },
    { name: "saved-search-alerts", data: {} },
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
