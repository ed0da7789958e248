import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import type { BulkOutcome } from "~/services/subsidy/review.server";
import { ensureDatabaseReady, prisma } from "~/utils/db.server";
import { buildSubsidyRegistry, createPlacement, createProtectedGraduate, createSubsidyPolicy, fundBureau } from "./subsidy-fixtures";

/**
 * Officers approving at the same moment, each in a process of their own (as two web
 * processes would), on the same database file.
 */
let registry: Awaited<ReturnType<typeof buildSubsidyRegistry>>;
const YEAR = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

beforeAll(async () => {
  registry = await buildSubsidyRegistry();
  await createSubsidyPolicy(1, "2020-01-01");
  await ensureDatabaseReady();
});

type Officer = { ready: Promise<void>; go: () => void; outcome: Promise<BulkOutcome> };

function officerInAnotherProcess(accountId: number, source: string, claimIds: number[]): Officer {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/integration/helpers/approve-claims.ts", String(accountId), source, claimIds.join(",")],
    { env: process.env, stdio: ["pipe", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  let signalReady: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on("data", (d) => {
    out += d;
    if (out.startsWith("ready\n")) signalReady();
  });
  child.stderr.on("data", (d) => (err += d));
  const outcome = new Promise<BulkOutcome>((resolve, reject) =>
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!) as BulkOutcome) : reject(new Error(`exit ${code}: ${err}`)),
    ),
  );
  return { ready, go: () => child.stdin.end("go\n"), outcome };
}

/** Starts every officer, waits until all are ready, then lets them approve at once. */
async function approveAtOnce(officers: [Officer, Officer]): Promise<[BulkOutcome, BulkOutcome]> {
  await Promise.all(officers.map((o) => o.ready));
  for (const o of officers) o.go();
  return Promise.all([officers[0].outcome, officers[1].outcome]);
}

/** A claim waiting for review, made directly: the test is about approval, not creation. */
async function pendingClaim(graduateId: number, idNumberHash: string, site: 0 | 1, kind = "tuition", endedOn?: string) {
  const placement = await createPlacement(graduateId, registry.sites[site].enterprise.id, { endedOn });
  const policy = await prisma.policyVersion.findFirstOrThrow({ where: { kind: "subsidy" } });
  return prisma.subsidyClaim.create({
    data: {
      graduateId,
      placementId: placement.id,
      kind,
      origin: "automatic",
      status: "pending_review",
      amountFen: 300000,
      bureauId: registry.sites[site].bureau.id,
      policyVersionId: policy.id,
      evaluation: "{}",
      graduationConfirmedAt: new Date(),
    },
    select: { id: true, graduateId: true },
  }).then((c) => ({ ...c, idNumberHash }));
}

describe("approving at the same moment", () => {
  it("never exceeds a bureau's budget when two officers approve at once", async () => {
    const site = registry.sites[0];
    await fundBureau(site.bureau.id, YEAR, { employment_subsidy: 1_000_000 });
    const claims = [];
    for (let i = 0; i < 10; i++) {
      const { graduate } = await createProtectedGraduate(registry.college.id);
      claims.push(await pendingClaim(graduate.id, graduate.idNumberHash, 0));
    }
    const second = await prisma.account.create({
      data: { login: "sub-bureau-0b", role: "bureau", displayName: "第二审核员", passwordHash: "x", bureauId: site.bureau.id },
    });
    const ids = claims.map((c) => c.id);
    const [a, b] = await approveAtOnce([
      officerInAnotherProcess(site.officer.id, "employment_subsidy", ids.slice(0, 5)),
      officerInAnotherProcess(second.id, "employment_subsidy", ids.slice(5)),
    ]);
    const approved = [...a.done, ...b.done];
    expect(approved).toHaveLength(3);
    expect([...a.failed, ...b.failed].every((f) => f.message.includes("预算余额不足"))).toBe(true);
    const allocation = await prisma.budgetAllocation.findFirstOrThrow({ where: { budget: { bureauId: site.bureau.id, year: YEAR } } });
    expect(allocation.reservedFen).toBe(900_000n);
    const reservedByClaims = await prisma.subsidyClaim.aggregate({ where: { budgetAllocationId: allocation.id }, _sum: { amountFen: true } });
    expect(BigInt(reservedByClaims._sum.amountFen ?? 0)).toBe(allocation.reservedFen);
  });

  it("grants one tuition subsidy per identity number when two bureaus approve the same person at once", async () => {
    await fundBureau(registry.sites[1].bureau.id, YEAR, { employment_subsidy: 100_000_000 });
    await prisma.budgetAllocation.updateMany({ where: { budget: { bureauId: registry.sites[0].bureau.id } }, data: { amountFen: 100_000_000 } });
    const people = [];
    for (let i = 0; i < 4; i++) {
      const { graduate } = await createProtectedGraduate(registry.college.id);
      people.push({
        graduate,
        // One person holds one active placement: the first job's contract ends next summer (recorded ahead).
        here: await pendingClaim(graduate.id, graduate.idNumberHash, 0, "tuition", "2027-07-31"),
        there: await pendingClaim(graduate.id, graduate.idNumberHash, 1),
      });
    }
    const [a, b] = await approveAtOnce([
      officerInAnotherProcess(registry.sites[0].officer.id, "employment_subsidy", people.map((p) => p.here.id)),
      officerInAnotherProcess(registry.sites[1].officer.id, "employment_subsidy", people.map((p) => p.there.id)),
    ]);
    expect(a.done.length + b.done.length).toBe(people.length);
    expect([...a.failed, ...b.failed].every((f) => f.message.includes("已享受过学费补贴"))).toBe(true);
    for (const p of people) {
      const granted = await prisma.subsidyClaim.findMany({ where: { graduateId: p.graduate.id, kind: "tuition", status: "approved" } });
      expect(granted).toHaveLength(1);
      expect(granted[0]?.grantKey).toBe(`${p.graduate.idNumberHash}:tuition`);
    }
    const reserved = await prisma.budgetAllocation.aggregate({ _sum: { reservedFen: true }, where: { budget: { year: YEAR } } });
    const approvedSum = await prisma.subsidyClaim.aggregate({ where: { status: "approved" }, _sum: { amountFen: true } });
    expect(Number(reserved._sum.reservedFen)).toBe(approvedSum._sum.amountFen);
  });
});
