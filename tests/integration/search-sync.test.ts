import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.REDIS_PREFIX = `pb-test-${process.pid}-${Date.now()}`;
});

import { Worker } from "bullmq";
import { searchEngine } from "../../search/engine.server";
import { INDEXES } from "../../search/settings";
import { deliverSearchChanges, reindex } from "../../search/sync.server";
import type { SearchEngine } from "../../search/types";
import { queueOptions, QUEUES, redisConnection, closeBackgroundQueues } from "~/utils/queue.server";
import { DELIVERY_JOB, requestSearchDelivery } from "~/services/search/sync.server";
import { prisma } from "~/utils/db.server";
import { buildJobMarket, postJob } from "./search-fixtures";

let market: Awaited<ReturnType<typeof buildJobMarket>>;
const titles = async (q: string) =>
  (await searchEngine().search(INDEXES.jobs, { q })).hits.map((h) => String(h.document.title)).sort();
const pending = () => prisma.searchOutbox.count({ where: { deliveredAt: null } });

/** An engine that is down: every write fails, as Meilisearch does when unreachable. */
const downEngine: SearchEngine = new Proxy(searchEngine(), {
  get(target, property) {
    if (property === "upsert" || property === "remove") return async () => Promise.reject(new Error("engine unreachable"));
    return Reflect.get(target, property);
  },
});

beforeAll(async () => {
  market = await buildJobMarket();
});

describe("search sync through the outbox", () => {
  it("keeps a change while the engine is down and delivers it when it is back", async () => {
    await postJob({ enterpriseId: market.enterprise.id, parkId: market.park.id, title: "电气设备安装工" });
    await expect(deliverSearchChanges({ engine: downEngine })).rejects.toThrow("engine unreachable");
    expect(await pending()).toBe(1);
    await expect(titles("电气设备")).resolves.toEqual([]);

    await expect(deliverSearchChanges({ engine: searchEngine() })).resolves.toEqual({ delivered: 1 });
    expect(await pending()).toBe(0);
    await expect(titles("电气设备")).resolves.toEqual(["电气设备安装工"]);
  });

  it("delivers the record as it is now, however often a delivery is repeated", async () => {
    const job = await postJob({ enterpriseId: market.enterprise.id, parkId: market.park.id, title: "装配钳工" });
    await prisma.job.update({ where: { id: job.id }, data: { title: "装配钳工（高级）" } });
    await deliverSearchChanges({ engine: searchEngine() });
    await prisma.searchOutbox.updateMany({ data: { deliveredAt: null } });
    await deliverSearchChanges({ engine: searchEngine() });
    await expect(titles("钳工")).resolves.toEqual(["装配钳工（高级）"]);
    await expect(searchEngine().count(INDEXES.jobs)).resolves.toBe(2);
  });

  it("rebuilds an index from the database", async () => {
    await searchEngine().clear(INDEXES.jobs);
    await expect(reindex({ engine: searchEngine(), index: "jobs" })).resolves.toEqual({ indexed: 2 });
    await expect(titles("钳工")).resolves.toEqual(["装配钳工（高级）"]);
  });
});

describe("search sync through BullMQ", () => {
  const connection = redisConnection({ forWorker: true });
  let worker: Worker;
  beforeAll(() => {
    worker = new Worker(QUEUES.searchSync, async (job) => {
      if (job.name === DELIVERY_JOB) return deliverSearchChanges({ engine: searchEngine() });
    }, { ...queueOptions(connection), concurrency: 1 });
  });
  afterAll(async () => {
    await worker.close();
    const keys = await connection.keys(`${process.env.REDIS_PREFIX}:*`);
    if (keys.length) await connection.del(...keys);
    await connection.quit();
    await closeBackgroundQueues();
  });

  it("brings a new job into the index within seconds of the request", async () => {
    const title = `叉车司机-${randomUUID().slice(0, 4)}`;
    await postJob({ enterpriseId: market.enterprise.id, parkId: market.park.id, title });
    await expect(requestSearchDelivery()).resolves.toBe(true);
    await vi.waitFor(async () => expect(await titles("叉车司机")).toEqual([title]), { timeout: 10_000, interval: 100 });
    expect(await pending()).toBe(0);
  });
});
