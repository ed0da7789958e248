import { Queue, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import { env } from "~/utils/env.server";

/** The one map of queue names. Job payloads are validated with Zod in their processors. */
export const QUEUES = {
  maintenance: "maintenance",
  searchSync: "search-sync",
  searchAlerts: "search-alerts",
  trainingFund: "training-fund",
  subsidy: "subsidy",
  imports: "imports",
  reports: "reports",
  pendingJobs: "pending-jobs",
  allocation: "allocation",
  labour: "labour",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * A Redis connection for BullMQ; workers need maxRetriesPerRequest: null. The web
 * process's connections fail fast while Redis is down and try again at least every
 * second, so pages see Redis soon after it is back.
 */
export function redisConnection(options: { forWorker: boolean }): Redis {
  return new Redis(env().REDIS_URL, {
    maxRetriesPerRequest: options.forWorker ? null : 1,
    enableOfflineQueue: options.forWorker,
    ...(options.forWorker ? {} : { retryStrategy: (times: number) => Math.min(times * 100, 1_000) }),
  });
}

/** Waits until a connection is ready (at most `ms`); false when Redis did not come. */
export async function connectionReady(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === "ready") return true;
  return new Promise<boolean>((resolve) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      resolve(false);
    }, ms);
    redis.once("ready", onReady);
  });
}

export function queueOptions(connection: ConnectionOptions) {
  return {
    connection,
    prefix: env().REDIS_PREFIX,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: "exponential" as const, delay: 2_000 },
      removeOnComplete: { age: 7 * 86_400, count: 1_000 },
      removeOnFail: { age: 30 * 86_400 },
    },
  };
}

export function openQueue(name: QueueName, connection: ConnectionOptions): Queue {
  return new Queue(name, queueOptions(connection));
}
