import type { Queue } from "bullmq";

/** The daily reminder of overdue training-fund statement lines (once per line and month, ADR 061). */
export const FUND_REMINDERS_JOB = "fund-reminders";

/** Repeating jobs, declared once and upserted at worker start (safe to run on every start). */
export async function upsertSchedules(queues: { maintenance: Queue; searchSync: Queue; searchAlerts: Queue }) {
  await queues.maintenance.upsertJobScheduler(
    "purge-expired-sessions",
    { every: 60 * 60 * 1000 },
    { name: "purge-expired-sessions", data: {} },
  );
  // The safety net of search sync: changes left in the outbox while Redis or the engine was down.
  await queues.maintenance.upsertJobScheduler(
    FUND_REMINDERS_JOB,
    { pattern: "0 9 * * *", tz: "Asia/Shanghai" },
    { name: FUND_REMINDERS_JOB, data: {} },
  );
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

/**
 * Placement reports (China time): the month just ended at 02:00 on the 1st, the quarter
 * just ended at 03:00 on the 1st of Jan/Apr/Jul/Oct; and the move of jobs asked for
 * while Redis was down (every 15 s, the first at once).
 */
export async function upsertReportSchedules(queues: { reports: Queue; pendingJobs: Queue }) {
  await queues.reports.upsertJobScheduler(
    "monthly-placement-report",
    { pattern: "0 2 1 * *", tz: "Asia/Shanghai" },
    { name: "scheduled-placement-report", data: { kind: "month" } },
  );
  await queues.reports.upsertJobScheduler(
    "quarterly-placement-report",
    { pattern: "0 3 1 1,4,7,10 *", tz: "Asia/Shanghai" },
    { name: "scheduled-placement-report", data: { kind: "quarter" } },
  );
  await queues.pendingJobs.upsertJobScheduler(
    "move-pending-jobs",
    { every: 15 * 1000 },
    { name: "move-pending-jobs", data: {} },
  );
}

/** The safety net of offer lapses (each offer also gets a delayed job of its own at its deadline). */
export async function upsertLabourSchedules(labour: Queue) {
  await labour.upsertJobScheduler("lapse-overdue-offers", { every: 60 * 60 * 1000 }, { name: "lapse-offers", data: {} });
}

/** The safety net of message delivery: messages left pending while Redis or the gateway was away (nothing to do without a gateway). */
export async function upsertMessageSchedules(messages: Queue) {
  await messages.upsertJobScheduler("deliver-messages", { every: 30 * 1000 }, { name: "deliver-messages", data: {} });
}
