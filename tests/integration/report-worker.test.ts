import { Queue, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { processReportJob } from "../../jobs/processors/placement-reports";
import { openQueue, queueOptions, QUEUES, redisConnection, closeBackgroundQueues } from "~/utils/queue.server";
import { upsertReportSchedules } from "../../jobs/schedules";
import { queuesOverview, removeJob, retryJob } from "~/services/background/jobs-admin.server";
import { requestPlacementReport, SCHEDULED_REPORT_JOB } from "~/services/reports/placements.server";
import { parsePeriod, previousPeriod } from "~/domain/reports/placements";
import { prisma } from "~/utils/db.server";
import { createAccount } from "./fixtures";
import { seedMajors } from "./labour-fixtures";
import { buildReportProvince } from "./report-fixtures";

// A Redis key prefix of this test run only, set before the env module is first read.
const prefix = vi.hoisted(() => {
  const value = `pb-test-reports-${process.pid}-${Date.now()}`;
  process.env.REDIS_PREFIX = value;
  return value;
});

const connection = redisConnection({ forWorker: true });
let worker: Worker;
let reports: Queue;
let pendingJobs: Queue;

async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

beforeAll(async () => {
  await seedMajors();
  await buildReportProvince();
  reports = openQueue(QUEUES.reports, connection);
  pendingJobs = openQueue(QUEUES.pendingJobs, connection);
  worker = new Worker(QUEUES.reports, (job) => processReportJob(job), { ...queueOptions(connection), concurrency: 1 });
  await worker.waitUntilReady();
});

afterAll(async () => {
  await worker?.close();
  for (const queue of [reports, pendingJobs]) {
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await closeBackgroundQueues();
  await connection.quit();
});

describe("reports through a real worker and Redis", () => {
  it("declares the monthly and quarterly schedules (China time) and the move of pending jobs", async () => {
    expect(prefix.startsWith("pb-test-reports-")).toBe(true);
    await upsertReportSchedules({ reports, pendingJobs });
    const schedulers = await reports.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
      ["monthly-placement-report", "0 2 1 * *", "Asia/Shanghai"],
      ["quarterly-placement-report", "0 3 1 1,4,7,10 *", "Asia/Shanghai"],
    ]);
    expect((await pendingJobs.getJobSchedulers()).map((s) => s.key)).toEqual(["move-pending-jobs"]);
    await pendingJobs.removeJobScheduler("move-pending-jobs");
  });

  it("a scheduled report runs: the worker publishes the quarter just ended", async () => {
    // The same schedule as in production, firing now instead of on the 1st.
    await reports.upsertJobScheduler("test-quarterly", { every: 60_000 }, { name: SCHEDULED_REPORT_JOB, data: { kind: "quarter" } });
    const quarter = previousPeriod("quarter", new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
    const run = await until(
      () => prisma.reportRun.findFirst({ where: { scheduleKey: `schedule:${quarter.key}`, status: "done" } }),
      "the scheduled run",
    );
    await reports.removeJobScheduler("test-quarterly");
    expect(run).toMatchObject({ trigger: "schedule", period: quarter.key, done: 11, total: 11 });
    // seven report dimensions and the scorecards of parks, colleges and cities
    expect(await prisma.reportSnapshot.count({ where: { runId: run.id, status: "published" } })).toBe(10);
  });

  it("a report asked for on demand is queued, run by the worker, and shows its progress", async () => {
    const account = await createAccount("worker-province", "province");
    const { run, deferred } = await requestPlacementReport({ period: parsePeriod("2026-Q3")!, createdById: account.id });
    expect(deferred).toBe(false);
    const done = await until(() => prisma.reportRun.findFirst({ where: { id: run.id, status: "done" } }), "the demanded run");
    expect(done).toMatchObject({ done: 11, total: 11, error: null });
    const job = await reports.getJob(`report-run-${run.id}`);
    expect(job?.progress).toEqual({ done: 11, total: 11 });
    expect(await prisma.pendingJob.count()).toBe(0);
  });

  it("the jobs page lists a failed job with its error; retry puts it back, remove deletes it", async () => {
    await reports.add("placement-report", { runId: "not-a-run" }, { jobId: "bad-report" });
    const failed = await until(async () => {
      const overview = await queuesOverview();
      return overview.queues.find((q) => q.name === "reports")?.failed.find((j) => j.id === "bad-report");
    }, "the failed job");
    expect(failed).toMatchObject({ name: "placement-report", failedReason: expect.stringContaining("bad placement-report payload") });
    // UnrecoverableError: not retried automatically.
    expect(failed.attemptsMade).toBe(1);

    await retryJob({ queue: "reports", jobId: "bad-report" });
    await until(async () => ((await reports.getJob("bad-report"))?.attemptsMade ?? 0) >= 2 && (await reports.getJob("bad-report"))!.isFailed(), "the retried job");

    await expect(removeJob({ queue: "reports", jobId: "bad-report" })).resolves.toBeUndefined();
    expect(await reports.getJob("bad-report")).toBeUndefined();
    await expect(retryJob({ queue: "reports", jobId: "bad-report" })).rejects.toMatchObject({ status: 404 });
    await expect(retryJob({ queue: "nope", jobId: "1" })).rejects.toMatchObject({ code: "bad_queue" });
  });
});
