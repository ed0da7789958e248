import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { IndexName } from "../../search/types";
import { openQueue, QUEUES, redisConnection } from "../../jobs/queues";
import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";

export type SearchChange = { index: IndexName; recordId: number; op: "upsert" | "delete" };

type OutboxWriter = Pick<Prisma.TransactionClient, "searchOutbox">;

/**
 * Notes that a searchable record changed. Call it inside the transaction that makes
 * the change (pass the transaction as `db`), so that the change and the note commit
 * together; then call `requestSearchDelivery()` after the commit.
 */
export async function recordSearchChange({ db = prisma, index, recordId, op }: SearchChange & { db?: OutboxWriter }) {
  await db.searchOutbox.create({ data: { indexName: index, recordId, op } });
}

/** The same for many records of one index (an import, a rename that touches many jobs). */
export async function recordSearchChanges({
  db = prisma,
  index,
  recordIds,
  op,
}: Omit<SearchChange, "recordId"> & { recordIds: readonly number[]; db?: OutboxWriter }) {
  if (recordIds.length === 0) return;
  await db.searchOutbox.createMany({ data: recordIds.map((recordId) => ({ indexName: index, recordId, op })) });
}

/** Only one delivery runs at a time; a request made while one runs queues exactly one more. */
export const DELIVERY_JOB = "deliver-search-changes";
const READY_WAIT_MS = 2_000;

declare global {
  var __searchSyncQueue: { queue: Queue; redis: Redis } | undefined;
}

/** The producer's queue, on a connection that fails fast instead of buffering while Redis is down. */
async function syncQueue(): Promise<Queue> {
  if (!globalThis.__searchSyncQueue) {
    const redis = redisConnection({ forWorker: false });
    redis.on("error", () => undefined);
    const queue = openQueue(QUEUES.searchSync, redis);
    queue.on("error", () => undefined);
    globalThis.__searchSyncQueue = { redis, queue };
  }
  const { redis, queue } = globalThis.__searchSyncQueue;
  if (redis.status !== "ready") {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("Redis is not reachable")), READY_WAIT_MS);
      redis.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  return queue;
}

/**
 * Asks the worker to deliver pending changes now. Never throws: when Redis is down
 * the changes wait in the outbox and the worker's schedule delivers them once it is back.
 */
export async function requestSearchDelivery(): Promise<boolean> {
  try {
    const queue = await syncQueue();
    await queue.add(DELIVERY_JOB, {}, { deduplication: { id: DELIVERY_JOB, keepLastIfActive: true } });
    return true;
  } catch (error) {
    console.warn(`[search] delivery request not queued, the schedule will deliver: ${(error as Error).message}`);
    return false;
  }
}
