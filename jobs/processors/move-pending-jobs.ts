import type { Queue } from "bullmq";
import { movePendingJobs } from "~/services/background.server";
import { openQueue, redisConnection, type QueueName } from "../queues";

/**
 * Moves the jobs asked for while Redis was down (the PendingJob table) to their queues.
 * Each keeps its jobId, so one moved twice is still one job.
 */
export async function movePendingJobsToQueues() {
  const connection = redisConnection({ forWorker: true });
  const queues = new Map<QueueName, Queue>();
  try {
    return await movePendingJobs({
      add: async (queue, name, data, jobId) => {
        let q = queues.get(queue);
        if (!q) queues.set(queue, (q = openQueue(queue, connection)));
        await q.add(name, data, jobId ? { jobId } : {});
      },
    });
  } finally {
    await Promise.all([...queues.values()].map((q) => q.close()));
    connection.disconnect();
  }
}
