import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";
import { prisma } from "./db.server";
import { env } from "./env.server";
import { singleton } from "./singleton.server";

/**
 * Background work: the one module that names the queues and the only way to ask for
 * work (`enqueueOrDefer`, docs/decisions/002-layout.md). Services never import
 * `jobs/`; the worker (`jobs/worker.ts`) takes its queue names and connections from here.
 *
 * While Redis is down nothing asked for is lost: `enqueueOrDefer` adds the job to its
 * BullMQ queue, and when Redis refuses (down, unreachable, not ready within a moment)
 * writes it to the PendingJob table instead and tells the caller it was deferred, so
 * the page can say 将在后台稍后处理. The worker's "move-pending-jobs" job (every 15 s,
 * and at start) moves pending rows to their queues once Redis answers again.
 */

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
  messages: "messages",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** The subsidy queue's job that creates a confirmed placement's claims (免申即享). */
export const CREATE_CLAIMS_JOB = "create-claims";

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

// ───── The web process's queue handles and enqueueOrDefer ─────

/** The web process's queue handles: one fail-fast connection shared by every queue. */
const web = singleton("web-queues", () => ({ queues: new Map<QueueName, Queue>(), redis: undefined as Redis | undefined }));

const READY_WAIT_MS = 1_500;

/**
 * The web server (remix-serve) closes its HTTP server on SIGTERM/SIGINT and exits when
 * nothing else is open: these Redis handles must close then too, or the process stays.
 */
let signalsHooked = false;
function closeOnSignal() {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void closeBackgroundQueues());
}

/**
 * The web process's handle on a queue: one fail-fast connection shared by every
 * queue (jobs page, search sync, subsidy claims, background work), closed on SIGTERM/SIGINT.
 */
export function webQueue(name: QueueName): Queue {
  closeOnSignal();
  let queue = web.queues.get(name);
  if (!queue) {
    if (!web.redis) {
      web.redis = redisConnection({ forWorker: false });
      web.redis.on("error", () => undefined);
    }
    queue = openQueue(name, web.redis);
    // A refused connection is reported to the caller of add(); the client keeps reconnecting.
    queue.on("error", () => undefined);
    web.queues.set(name, queue);
  }
  return queue;
}

/** Closes this process's queue handles (tests, shutdown). */
export async function closeBackgroundQueues() {
  const queues = [...web.queues.values()];
  const redis = web.redis;
  web.queues = new Map();
  web.redis = undefined;
  // disconnect() stops reconnecting at once, even to a Redis that never answered (close() would wait for it).
  redis?.disconnect();
  await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
}

/** The promise's value, or an error when it has not settled within `ms`. */
export function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A queue whose connection is ready (it may still be reconnecting after Redis came back); throws when not within `ms`. */
export async function readyWebQueue(name: QueueName, ms = READY_WAIT_MS): Promise<Queue> {
  const queue = webQueue(name);
  if (!(await connectionReady(web.redis!, ms))) {
    // A connection can stay stuck after Redis restarts: the next caller starts a fresh one.
    await closeBackgroundQueues();
    throw new Error(`redis: not ready within ${ms} ms`);
  }
  return queue;
}

export type Enqueued = { deferred: boolean };

/**
 * Queues a job; if Redis refuses, records it for the worker to queue later. Throws only
 * when the database refuses too. A `jobId` makes the work happen once however often it is asked for.
 */
export async function enqueueOrDefer({
  queue,
  name,
  data,
  jobId,
  coalesce,
  recordedElsewhere = false,
}: {
  queue: QueueName;
  name: string;
  data: Record<string, unknown>;
  jobId?: string;
  /** Requests with the same key while one waits or runs queue exactly one more (BullMQ deduplication). */
  coalesce?: string;
  /**
   * The work itself is already in the database and a repeating job picks it up (the
   * search outbox): while Redis is down no PendingJob row is written.
   */
  recordedElsewhere?: boolean;
}): Promise<Enqueued> {
  const options: JobsOptions = {
    ...(jobId ? { jobId } : {}),
    ...(coalesce ? { deduplication: { id: coalesce, keepLastIfActive: true } } : {}),
  };
  try {
    const q = await readyWebQueue(queue);
    await withinMs(q.add(name, data, options), READY_WAIT_MS, "redis");
    return { deferred: false };
  } catch (error) {
    console.warn(`[background] Redis refused ${queue}/${name}; ${recordedElsewhere ? "its schedule will pick it up" : "kept in the database for later"}:`, (error as Error).message);
    await closeBackgroundQueues();
    if (recordedElsewhere) return { deferred: true };
    if (jobId) {
      await prisma.pendingJob.upsert({
        where: { jobId },
        create: { queue, name, data: JSON.stringify(data), jobId },
        update: {},
      });
    } else {
      await prisma.pendingJob.create({ data: { queue, name, data: JSON.stringify(data) } });
    }
    return { deferred: true };
  }
}

export type AddJob = (queue: QueueName, name: string, data: unknown, jobId: string | null) => Promise<void>;

const KNOWN_QUEUES = new Set<string>(Object.values(QUEUES));

/**
 * Moves pending jobs to their queues, oldest first. A row is deleted only after its
 * queue accepted it, and a jobId keeps a job moved twice (a crash between add and
 * delete) from running twice. Stops at the first refusal (Redis still down).
 */
export async function movePendingJobs({ add, batchSize = 100 }: { add: AddJob; batchSize?: number }) {
  let moved = 0;
  for (;;) {
    const rows = await prisma.pendingJob.findMany({ orderBy: { id: "asc" }, take: batchSize });
    if (rows.length === 0) return { moved, left: 0 };
    for (const row of rows) {
      if (!KNOWN_QUEUES.has(row.queue)) {
        await prisma.pendingJob.update({ where: { id: row.id }, data: { attempts: { increment: 1 }, lastError: `unknown queue ${row.queue}` } });
        continue;
      }
      try {
        await add(row.queue as QueueName, row.name, JSON.parse(row.data), row.jobId);
      } catch (error) {
        await prisma.pendingJob.update({
          where: { id: row.id },
          data: { attempts: { increment: 1 }, lastError: (error as Error).message.slice(0, 500) },
        });
        return { moved, left: await prisma.pendingJob.count() };
      }
      await prisma.pendingJob.delete({ where: { id: row.id } });
      moved += 1;
    }
    if (rows.every((r) => !KNOWN_QUEUES.has(r.queue))) return { moved, left: await prisma.pendingJob.count() };
  }
}

/** How many jobs wait in the database for Redis, and the oldest few (the jobs page). */
export async function pendingJobsOverview() {
  const [count, oldest] = await Promise.all([
    prisma.pendingJob.count(),
    prisma.pendingJob.findMany({ orderBy: { id: "asc" }, take: 20 }),
  ]);
  return { count, oldest };
}

/**
 * The worker's "move-pending-jobs" job: moves the jobs asked for while Redis was down
 * (the PendingJob table) to their queues. Each keeps its jobId, so one moved twice is
 * still one job. Uses a connection that fails fast: while Redis is still down nothing
 * is moved and every row stays.
 */
export async function movePendingJobsToQueues() {
  if ((await prisma.pendingJob.count()) === 0) return { moved: 0, left: 0 };
  const connection = redisConnection({ forWorker: false });
  connection.on("error", () => undefined);
  const queues = new Map<QueueName, Queue>();
  try {
    if (!(await connectionReady(connection, 2_000))) return { moved: 0, left: await prisma.pendingJob.count() };
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
