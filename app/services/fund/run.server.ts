import { chinaDate } from "~/domain/china-time";
import { computeTrainingFund } from "~/domain/fund/compute";
import type { FundRecipient } from "~/domain/fund/settlement";
import { dateOf } from "~/domain/subsidy/calendar";
import { trainingFundPolicyVersion } from "~/services/fund/training-fund.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { sqlJsonElements, sqlJsonRows } from "~/utils/sql.server";

/** Enterprises per transaction: each chunk is written whole and reported as progress. */
const CHUNK = 5_000;

type Declaration = { id: number; enterpriseId: number; payrollFen: number; parkId: number };
type Allocation = {
  runId: number;
  declarationId: number;
  enterpriseId: number;
  collegeId: number | null;
  recipient: FundRecipient;
  year: number;
  feeFen: number;
  shareFen: number;
  amountFen: number;
  placements: number;
};

/**
 * The reads and the writes of a run move 20,000 enterprises' rows at province scale:
 * they go through the database's JSON functions as one text value each way, so the work
 * per row stays inside the database instead of the client (docs/decisions/060-training-fund.md;
 * SQLite's json_group_array/json_each, PostgreSQL's json_agg/json_array_elements, ADR 100).
 */
async function jsonRows<T>(query: Prisma.Sql): Promise<T[]> {
  const [row] = await prisma.$queryRaw<{ rows: string | null }[]>(query);
  return row?.rows ? (JSON.parse(row.rows) as T[]) : [];
}

/** The latest version of each enterprise's declaration for the year, with the enterprise's park. */
async function latestDeclarations(year: number): Promise<Declaration[]> {
  const rows = await jsonRows<[number, number, number, number]>(Prisma.sql`
    SELECT ${sqlJsonRows([Prisma.sql`d."id"`, Prisma.sql`d."enterpriseId"`, Prisma.sql`d."payrollFen"`, Prisma.sql`e."parkId"`])} AS "rows"
    FROM "PayrollDeclaration" d
    JOIN (SELECT "enterpriseId", MAX("version") AS "version" FROM "PayrollDeclaration" WHERE "year" = ${year} GROUP BY "enterpriseId") latest
      ON latest."enterpriseId" = d."enterpriseId" AND latest."version" = d."version"
    JOIN "Enterprise" e ON e."id" = d."enterpriseId"
    WHERE d."year" = ${year}`);
  return rows
    .map(([id, enterpriseId, payrollFen, parkId]) => ({ id, enterpriseId, payrollFen, parkId }))
    .sort((a, b) => a.enterpriseId - b.enterpriseId);
}

/** Colleges paired with each park at some time during the year (园校对接 in force), in code order. */
async function pairedColleges(year: number) {
  const pairings = await prisma.pairing.findMany({
    where: {
      startDate: { lte: new Date(Date.UTC(year, 11, 31)) },
      OR: [{ endDate: null }, { endDate: { gte: new Date(Date.UTC(year, 0, 1)) } }],
    },
    select: { parkId: true, college: { select: { id: true, schoolCode: true } } },
  });
  const byPark = new Map<number, Map<string, number>>();
  for (const p of pairings) {
    const colleges = byPark.get(p.parkId) ?? new Map<string, number>();
    colleges.set(p.college.schoolCode, p.college.id);
    byPark.set(p.parkId, colleges);
  }
  const sorted = new Map<number, { code: string; id: number }[]>();
  for (const [parkId, colleges] of byPark) {
    sorted.set(parkId, [...colleges].map(([code, id]) => ({ code, id })).sort((a, b) => (a.code < b.code ? -1 : 1)));
  }
  return sorted;
}

/**
 * Distinct graduates placed at each enterprise in the year, per graduate's college: a
 * graduate separated and re-hired by the same enterprise weighs once (docs/decisions/090).
 */
async function placementCounts(year: number) {
  const rows = await jsonRows<[number, number, number]>(Prisma.sql`
    SELECT ${sqlJsonRows([Prisma.sql`"enterpriseId"`, Prisma.sql`"collegeId"`, Prisma.sql`"n"`])} AS "rows" FROM (
      SELECT p."enterpriseId" AS "enterpriseId", g."collegeId" AS "collegeId", COUNT(DISTINCT p."graduateId") AS "n"
      FROM "Placement" p JOIN "Graduate" g ON g."id" = p."graduateId"
      WHERE p."startDate" >= ${new Date(Date.UTC(year, 0, 1))} AND p."startDate" < ${new Date(Date.UTC(year + 1, 0, 1))}
      GROUP BY p."enterpriseId", g."collegeId") counts`);
  const byEnterprise = new Map<number, Map<number, number>>();
  for (const [enterpriseId, collegeId, n] of rows) {
    const counts = byEnterprise.get(enterpriseId) ?? new Map<number, number>();
    counts.set(collegeId, n);
    byEnterprise.set(enterpriseId, counts);
  }
  return byEnterprise;
}

const ALLOCATION_COLUMNS = [
  "runId", "declarationId", "enterpriseId", "collegeId", "recipient", "year", "feeFen", "shareFen", "amountFen", "placements",
] as const;

function insertAllocations(rows: Allocation[]) {
  const columns = Prisma.raw(ALLOCATION_COLUMNS.map((c) => `"${c}"`).join(", "));
  const values = Prisma.raw(
    ALLOCATION_COLUMNS.map((c, i) => (c === "recipient" ? `CAST("value" ->> ${i} AS TEXT)` : `CAST("value" ->> ${i} AS BIGINT)`)).join(", "),
  );
  const json = JSON.stringify(rows.map((r) => ALLOCATION_COLUMNS.map((c) => r[c])));
  return prisma.$executeRaw`INSERT INTO "FundAllocation" (${columns}) SELECT ${values} FROM ${sqlJsonElements(json)}`;
}

/**
 * The yearly training-fund run over every enterprise that declared a payroll.
 * Idempotent: every attempt first removes what an earlier attempt of the same run
 * wrote, so a retry or a re-run ends with exactly one allocation per enterprise and
 * paired college, computed from the latest declarations.
 */
export async function runTrainingFundYear({
  runId,
  onProgress,
  lastAttempt = true,
}: {
  runId: number;
  onProgress?: (done: number, total: number) => Promise<void> | void;
  /** When a retry will follow, a failure leaves the run queued rather than failed. */
  lastAttempt?: boolean;
}) {
  const run = await prisma.fundRun.findUniqueOrThrow({ where: { id: runId }, select: { id: true, year: true, policyVersionId: true } });
  try {
    const policy = await trainingFundPolicyVersion(run.policyVersionId);
    const [declarations, pairings, placements] = await Promise.all([
      latestDeclarations(run.year),
      pairedColleges(run.year),
      placementCounts(run.year),
    ]);
    await prisma.$transaction([
      prisma.fundAllocation.deleteMany({ where: { runId } }),
      prisma.fundRun.update({
        where: { id: runId },
        data: { status: "running", totalEnterprises: declarations.length, doneEnterprises: 0, unpairedEnterprises: 0, error: null },
      }),
    ]);
    let done = 0;
    for (let start = 0; start < declarations.length; start += CHUNK) {
      const chunk = declarations.slice(start, start + CHUNK);
      const rows: Allocation[] = [];
      let unpaired = 0;
      for (const d of chunk) {
        const colleges = pairings.get(d.parkId);
        if (!colleges) {
          // No paired college: the whole share is owed to the pool the policy names, never dropped.
          unpaired += 1;
          const result = computeTrainingFund({ payrollFen: d.payrollFen, policy, colleges: [] });
          rows.push({
            runId,
            declarationId: d.id,
            enterpriseId: d.enterpriseId,
            collegeId: null,
            recipient: policy.unpairedRule,
            year: run.year,
            feeFen: result.feeFen,
            shareFen: result.shareFen,
            amountFen: result.shareFen,
            placements: 0,
          });
          continue;
        }
        const counts = placements.get(d.enterpriseId);
        const result = computeTrainingFund({
          payrollFen: d.payrollFen,
          policy,
          colleges: colleges.map((c) => ({ code: c.code, placements: counts?.get(c.id) ?? 0 })),
        });
        result.allocations.forEach((part, i) => {
          rows.push({
            runId,
            declarationId: d.id,
            enterpriseId: d.enterpriseId,
            collegeId: colleges[i]!.id,
            recipient: "college",
            year: run.year,
            feeFen: result.feeFen,
            shareFen: result.shareFen,
            amountFen: part.amountFen,
            placements: part.placements,
          });
        });
      }
      done += chunk.length;
      await prisma.$transaction([
        insertAllocations(rows),
        prisma.fundRun.update({ where: { id: runId }, data: { doneEnterprises: done, unpairedEnterprises: { increment: unpaired } } }),
      ]);
      await onProgress?.(done, declarations.length);
    }
    const finishedAt = new Date();
    await prisma.$transaction([
      // The statement date its lines fall due from: the first time this run finished (a recomputation keeps it).
      prisma.fundRun.updateMany({ where: { id: runId, issuedOn: null }, data: { issuedOn: dateOf(chinaDate(finishedAt)) } }),
      prisma.fundRun.update({ where: { id: runId }, data: { status: "done", finishedAt } }),
    ]);
    return { enterprises: declarations.length, done };
  } catch (error) {
    await prisma.fundRun.update({
      where: { id: runId },
      data: {
        status: lastAttempt ? "failed" : "queued",
        error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
      },
    });
    throw error;
  }
}
