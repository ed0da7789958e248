import { spawn, type ChildProcess } from "node:child_process";
import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { movePendingJobsToQueues, openQueue, queueOptions, QUEUES, redisConnection, closeBackgroundQueues, enqueueOrDefer } from "~/utils/queue.server";
import { processReportJob } from "../../jobs/processors/placement-reports";
import { parsePeriod } from "~/domain/reports/placements";
import { queuesOverview } from "~/services/background/jobs-admin.server";
import { requestPlacementReport } from "~/services/reports/placements.server";
import { prisma } from "~/utils/db.server";
import { createAccount } from "./fixtures";
import { seedMajors } from "./labour-fixtures";
import { buildReportProvince } from "./report-fixtures";

// A Redis server of this test alone, on its own port, that the test stops and starts.
const port = vi.hoisted(() => {
  const value = 21_000 + (process.pid % 20_000);
  process.env.REDIS_URL = `redis://127.0.0.1:${value}`;
  process.env.REDIS_PREFIX = `pb-test-down-${process.pid}`;
  return value;
});

let server: ChildProcess | null = null;

async function startRedis() {
  server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const probe = redisConnection({ forWorker: true });
  probe.on("error", () => undefined);
  try {
    for (let i = 0; i < 100; i++) {
      if ((await probe.ping().catch(() => null)) === "PONG") return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("redis-server did not start");
  } finally {
    probe.disconnect();
  }
}

async function stopRedis() {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

let accountId: number;

beforeAll(async () => {
  await seedMajors();
  await buildReportProvince();
  accountId = (await createAccount("down-province", "province")).id;
  await startRedis();
});

afterAll(async () => {
  await closeBackgroundQueues();
  await stopRedis();
});

describe("background work while Redis is down", () => {
  it("queues directly while Redis answers", async () => {
    await expect(enqueueOrDefer({ queue: QUEUES.maintenance, name: "noop", data: {}, jobId: "noop-1" })).resolves.toEqual({ deferred: false });
    expect(await prisma.pendingJob.count()).toBe(0);
  });

  it("keeps an asked-for report in the database, tells the caller, and runs it once Redis is back", async () => {
    await stopRedis();
    const { run, deferred } = await requestPlacementReport({ period: parsePeriod("2026-Q3")!, createdById: accountId });
    expect(deferred).toBe(true);
    expect(await prisma.reportRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "queued" });
    const pending = await prisma.pendingJob.findMany();
    expect(pending).toEqual([expect.objectContaining({ queue: "reports", name: "placement-report", jobId: `report-run-${run.id}` })]);
    expect(JSON.parse(pending[0]!.data)).toEqual({ runId: run.id });

    // The jobs page still answers, saying Redis is down and what waits.
    const overview = await queuesOverview();
    expect(overview).toMatchObject({ redisUp: false, pending: { count: 1 } });

    // The move fails while Redis is down and keeps the job.
    await expect(movePendingJobsToQueues()).resolves.toMatchObject({ moved: 0, left: 1 });
    expect(await prisma.pendingJob.count()).toBe(1);

    await startRedis();
    await expect(movePendingJobsToQueues()).resolves.toEqual({ moved: 1, left: 0 });
    // Moving again (a crash between add and delete would do this) queues nothing twice.
    await expect(movePendingJobsToQueues()).resolves.toEqual({ moved: 0, left: 0 });

    const connection = redisConnection({ forWorker: true });
    const queue = openQueue(QUEUES.reports, connection);
    expect(await queue.getJobCounts("waiting")).toEqual({ waiting: 1 });
    const worker = new Worker(QUEUES.reports, (job) => processReportJob(job), queueOptions(connection));
    try {
      for (let i = 0; i < 300; i++) {
        if ((await prisma.reportRun.findUniqueOrThrow({ where: { id: run.id } })).status === "done") break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await prisma.reportRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "done", done: 11 });
      expect(await prisma.reportSnapshot.count({ where: { runId: run.id } })).toBe(10);
    } finally {
      await worker.close();
      await queue.close();
      await connection.quit();
    }
    // The page's connection reconnects on its own schedule once Redis is back.
    await expect.poll(async () => (await queuesOverview()).redisUp, { timeout: 15_000, interval: 500 }).toBe(true);
  });
});
