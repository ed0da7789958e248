import type { Queue } from "bullmq";
import { movePendingJobs } from "~/services/background.server";
import { prisma } from "~/utils/db.server";
import { openQueue, redisConnection, type QueueName } from "../queues";

const READY_WAIT_MS = 2_000;

/**
 * Moves the jobs asked for while Redis was down (the PendingJob table) to their queues.
 * Each keeps its jobId, so one moved twice is still one job. Uses a connection that
 * fails fast: while Redis is still down nothing is moved and every row stays.
 */
export async function movePendingJobsToQueues() {
  if ((await prisma.pendingJob.count()) === 0) return { moved: 0, left: 0 };
  const connection = redisConnection({ forWorker: false });
  connection.on("error", () => undefined);
  const queues = new Map<QueueName, Queue>();
  try {
    const ready = await new Promise<boolean>((resolve) => {
      if (connection.status === "ready") return resolve(true);
      const timer = setTimeout(() => resolve(false), READY_WAIT_MS);
      connection.once("ready", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!ready) return { moved: 0, left: await prisma.pendingJob.count() };
    return await movePendingJobs({
      add: async (queue, name, data, jobId) => {
        let q = queues.get(queue);
        if (!q) {
          q = openQueue(queue, connection);
          q.on("error", () => undefined);
          queues.set(queue, q);
        }
        await q.add(name, data, jobId ? { jobId } : {});
      },
    });
  } finally {
    await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
    connection.disconnect();
  }
}
