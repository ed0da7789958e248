import { QueueEvents, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { enqueueClaimCreation } from "~/services/subsidy/claims.server";
import { CREATE_CLAIMS_JOB, openQueue, queueOptions, QUEUES, redisConnection, closeBackgroundQueues } from "~/utils/queue.server";
import { prisma } from "~/utils/db.server";
import { runCreateClaimsJob } from "../../jobs/processors/subsidy-claims";
import { buildSubsidyRegistry, createPlacement, createProtectedGraduate, createSubsidyPolicy } from "./subsidy-fixtures";

// A Redis key prefix of this test run only, set before the env module is first read.
const prefix = vi.hoisted(() => {
  const value = `pb-test-subsidy-${process.pid}-${Date.now()}`;
  process.env.REDIS_PREFIX = value;
  return value;
});

let registry: Awaited<ReturnType<typeof buildSubsidyRegistry>>;
const connection = redisConnection({ forWorker: true });
let worker: Worker;
let events: QueueEvents;

beforeAll(async () => {
  registry = await buildSubsidyRegistry();
  await createSubsidyPolicy(1, "2020-01-01");
  worker = new Worker(QUEUES.subsidy, async (job) => (job.name === CREATE_CLAIMS_JOB ? runCreateClaimsJob(job.data) : null), {
    ...queueOptions(connection),
    concurrency: 2,
  });
  events = new QueueEvents(QUEUES.subsidy, { connection: redisConnection({ forWorker: true }), prefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  await worker?.close();
  await events?.close();
  const queue = openQueue(QUEUES.subsidy, connection);
  await queue.obliterate({ force: true });
  await queue.close();
  await closeBackgroundQueues();
  await connection.quit();
});

describe("the create-claims job", () => {
  it("creates the claims of a confirmed placement through Redis and the worker", async () => {
    expect(prefix.startsWith("pb-test-subsidy-")).toBe(true);
    const { graduate } = await createProtectedGraduate(registry.college.id);
    const placement = await createPlacement(graduate.id, registry.sites[0].enterprise.id);
    const done = new Promise<void>((resolve, reject) => {
      events.on("completed", ({ jobId }) => jobId.startsWith(`claims-${placement.id}-`) && resolve());
      events.on("failed", ({ jobId, failedReason }) => jobId.startsWith(`claims-${placement.id}-`) && reject(new Error(failedReason)));
    });
    expect(await enqueueClaimCreation({ placementId: placement.id, confirmedAt: placement.confirmedAt! })).toBe(true);
    await done;
    const claims = await prisma.subsidyClaim.findMany({ where: { placementId: placement.id }, orderBy: { kind: "desc" } });
    expect(claims.map((c) => [c.kind, c.origin, c.status])).toEqual([
      ["tuition", "automatic", "pending_college"],
      ["living", "automatic", "pending_college"],
    ]);
  });

  it("gives up at once on a payload that is not a placement", async () => {
    await expect(runCreateClaimsJob({ placementId: "abc" })).rejects.toThrow("bad create-claims payload");
  });
});
