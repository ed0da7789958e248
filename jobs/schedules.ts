import type { Queue } from "bullmq";

/** Repeating jobs, declared once and upserted at worker start (safe to run on every start). */
export async function upsertSchedules(queues: { maintenance: Queue }) {
  await queues.maintenance.upsertJobScheduler(
    "purge-expired-sessions",
    { every: 60 * 60 * 1000 },
    { name: "purge-expired-sessions", data: {} },
  );
}
