import { describe, expect, it } from "vitest";
import { movePendingJobs, type AddJob } from "~/utils/queue.server";
import { prisma } from "~/utils/db.server";

async function pend(queue: string, name: string, jobId: string | null) {
  return prisma.pendingJob.create({ data: { queue, name, data: JSON.stringify({ jobId }), jobId } });
}

describe("moving jobs kept while Redis was down (no Redis needed)", () => {
  it("moves them oldest first, each deleted only once its queue took it, and stops at the first refusal", async () => {
    await pend("reports", "placement-report", "report-run-1");
    await pend("reports", "placement-report", "report-run-2");
    await pend("subsidy", "create-claims", null);
    const added: string[] = [];
    let refuseAfter = 1;
    const add: AddJob = async (queue, name, _data, jobId) => {
      if (added.length >= refuseAfter) throw new Error("Connection is closed.");
      added.push(`${queue}/${name}/${jobId}`);
    };
    await expect(movePendingJobs({ add })).resolves.toEqual({ moved: 1, left: 2 });
    const left = await prisma.pendingJob.findMany({ orderBy: { id: "asc" } });
    expect(left.map((r) => r.jobId)).toEqual(["report-run-2", null]);
    expect(left[0]).toMatchObject({ attempts: 1, lastError: "Connection is closed." });

    refuseAfter = 10;
    await expect(movePendingJobs({ add })).resolves.toEqual({ moved: 2, left: 0 });
    expect(added).toEqual(["reports/placement-report/report-run-1", "reports/placement-report/report-run-2", "subsidy/create-claims/null"]);
  });

  it("leaves a row naming no known queue, marked, and moves the rest", async () => {
    await pend("no-such-queue", "x", null);
    await pend("reports", "placement-report", "report-run-9");
    const added: (string | null)[] = [];
    await expect(movePendingJobs({ add: async (_q, _n, _d, jobId) => void added.push(jobId) })).resolves.toEqual({ moved: 1, left: 1 });
    expect(added).toEqual(["report-run-9"]);
    expect(await prisma.pendingJob.findFirstOrThrow()).toMatchObject({ queue: "no-such-queue", lastError: "unknown queue no-such-queue" });
  });
});
