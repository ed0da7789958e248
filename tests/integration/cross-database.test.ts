import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_SEED } from "../../prisma/demo/generate";
import { loadDemoData, openDatabase } from "../../prisma/demo/load";
import { loadDemoDataPg } from "../../prisma/demo/load-pg";
import { migratePostgres } from "../../prisma/pg-migrate";
import { TMP_DIR } from "../setup/template-db";
import { databaseUrl, onPostgres, PG_URL } from "../setup/template-pg";

/**
 * The raw SQL written for both databases (ADR 100) gives the same answers on both: the
 * small demo data set is loaded into a SQLite file and a PostgreSQL database, and the
 * placement report (its facts query and every dimension), the dashboards' monthly
 * placements (`sqlMonthOf`), the training-fund run (`sqlJsonRows`/`sqlJsonElements` read
 * and write), the employment integrity checks and the pinyin-ordered lists (ADR 102) are
 * computed on each, by the same code in this process, and compared after normalising
 * BigInt and Date. Runs in both tiers (`npm run test:integration`, `npm run test:pg`);
 * needs PostgreSQL at PG_URL either way.
 */
const label = `xdb_${process.pid}_${Date.now().toString(36)}`;
const sqliteFile = path.join(TMP_DIR, `${label}.db`);
const pgName = `pbt_${label}`;
const piiKey = process.env.PII_KEY!;
const own = { url: process.env.DATABASE_URL!, search: process.env.SEARCH_DB_FILE };
const urls: Record<"sqlite" | "postgresql", string> = { sqlite: "", postgresql: "" };

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** BigInt as a decimal string, Date as ISO text, recursively: what the two clients may type differently. */
function normalise(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return normalise(Object.fromEntries(value));
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}

/** Numbers and decimal strings compare alike (a COUNT is a bigint on PostgreSQL, a number on SQLite). */
const numbersAsText = (value: unknown): unknown =>
  typeof value === "number" ? String(value) : Array.isArray(value) ? value.map(numbersAsText) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numbersAsText(v)])) : value;

/** Every array sorted (by its elements' JSON): for query results whose SQL fixes no row order. */
const asSets = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(asSets).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0))
    : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asSets(v)])) : value;

type Outputs = Record<string, unknown>;

/** Everything compared, computed on the database `url` names by fresh copies of the app's modules. */
async function computeOn(url: string): Promise<Outputs> {
  process.env.DATABASE_URL = url;
  process.env.SEARCH_DB_FILE = path.join(TMP_DIR, `${label}.search.db`);
  vi.resetModules();
  (globalThis as { __parkbridgeSingletons?: Map<string, unknown> }).__parkbridgeSingletons?.clear();
  const { prisma, databaseProvider } = await import("~/utils/db.server");
  const { parsePeriod } = await import("~/domain/reports/placements");
  const { computePlacementReport } = await import("~/services/reports/placements.server");
  const { loadReportFacts } = await import("~/services/reports/facts.server");
  const { getHomeExtras } = await import("~/services/dashboard/extras.server");
  const { principalOfAccount } = await import("~/utils/principal.server");
  const { runTrainingFundYear } = await import("~/services/fund/run.server");
  const { trainingFundPolicyOn, policyDateForYear } = await import("~/services/fund/training-fund.server");
  const { checkEmploymentIntegrity } = await import("~/services/labour/integrity.server");
  try {
    const out: Outputs = { provider: databaseProvider() };
    for (const key of ["2026", "2026-Q3", "2026-10", "2025"]) {
      const period = parsePeriod(key)!;
      // The facts queries leave most row orders to the database; their rows are compared as sets.
      out[`facts ${key}`] = asSets(normalise(await loadReportFacts(period, "2026-11-28")));
      out[`report ${key}`] = await computePlacementReport(period);
    }
    const now = new Date("2026-11-28T04:00:00Z");
    for (const role of ["province", "park", "college", "enterprise"] as const) {
      const account = await prisma.account.findFirstOrThrow({ where: { role }, orderBy: { id: "asc" }, select: { id: true } });
      const extras = await getHomeExtras((await principalOfAccount(account.id))!, now);
      out[`extras ${role}`] = { trend: extras.trend, bars: extras.bars, report: extras.report };
    }
    const policy = await trainingFundPolicyOn(policyDateForYear(2025));
    const run = await prisma.fundRun.create({ data: { year: 2025, policyVersionId: policy.policyVersionId, status: "queued" } });
    await runTrainingFundYear({ runId: run.id });
    out["fund run"] = await prisma.fundRun.findUniqueOrThrow({
      where: { id: run.id },
      select: { status: true, totalEnterprises: true, doneEnterprises: true, unpairedEnterprises: true, error: true },
    });
    out["fund allocations"] = await prisma.fundAllocation.findMany({
      where: { runId: run.id },
      orderBy: [{ enterpriseId: "asc" }, { collegeId: "asc" }],
      select: { declarationId: true, enterpriseId: true, collegeId: true, year: true, feeFen: true, shareFen: true, amountFen: true, placements: true },
    });
    out["integrity"] = await checkEmploymentIntegrity();
    out["parks by pinyin"] = (await prisma.park.findMany({ orderBy: [{ nameSort: "asc" }, { id: "asc" }], select: { name: true } })).map((p) => p.name);
    out["enterprises by pinyin"] = (await prisma.enterprise.findMany({ orderBy: [{ nameSort: "asc" }, { id: "asc" }], select: { name: true } })).map((e) => e.name);
    out["graduates by pinyin"] = (
      await prisma.graduate.findMany({ orderBy: [{ collegeId: "asc" }, { nameSort: "desc" }, { id: "asc" }], select: { id: true, name: true } })
    ).map((g) => `${g.id} ${g.name}`);
    return numbersAsText(normalise(out)) as Outputs;
  } finally {
    await prisma.$disconnect();
  }
}

let sqlite: Outputs;
let postgres: Outputs;

beforeAll(async () => {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${sqliteFile}` }, stdio: "pipe" });
  const db = openDatabase(`file:${sqliteFile}`);
  try {
    loadDemoData(db, { scale: "small", seed: DEFAULT_SEED, piiKey });
  } finally {
    db.close();
  }
  await admin((c) => c.query(`CREATE DATABASE "${pgName}"`));
  urls.postgresql = databaseUrl(pgName);
  urls.sqlite = `file:${sqliteFile}`;
  await migratePostgres(urls.postgresql);
  const client = new pg.Client({ connectionString: urls.postgresql });
  await client.connect();
  try {
    await loadDemoDataPg(client, { scale: "small", seed: DEFAULT_SEED, piiKey });
  } finally {
    await client.end();
  }
  sqlite = await computeOn(urls.sqlite);
  postgres = await computeOn(urls.postgresql);
}, 300_000);

afterAll(async () => {
  process.env.DATABASE_URL = own.url;
  if (own.search === undefined) delete process.env.SEARCH_DB_FILE;
  else process.env.SEARCH_DB_FILE = own.search;
  vi.resetModules();
  (globalThis as { __parkbridgeSingletons?: Map<string, unknown> }).__parkbridgeSingletons?.clear();
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`));
  for (const file of [sqliteFile, path.join(TMP_DIR, `${label}.search.db`)]) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  }
});

describe(`one report on both databases from one fixture (this tier: ${onPostgres ? "PostgreSQL" : "SQLite"})`, () => {
  it("computed each side on its own database", () => {
    expect(sqlite.provider).toBe("sqlite");
    expect(postgres.provider).toBe("postgresql");
  });

  it("has something to compare: placements in the report, money in the fund run, months in the trends", () => {
    const year = sqlite["report 2026"] as { rows: unknown[] }[];
    expect(year.length).toBeGreaterThan(3);
    expect(year.every((d) => d.rows.length > 0)).toBe(true);
    expect((sqlite["fund allocations"] as unknown[]).length).toBeGreaterThan(10);
    const trend = (sqlite["extras province"] as { trend: { points: { value: string }[] } }).trend.points;
    expect(trend.some((p) => Number(p.value) > 0)).toBe(true);
    expect((sqlite["graduates by pinyin"] as unknown[]).length).toBeGreaterThan(100);
  });

  for (const key of [
    "facts 2026", "facts 2026-Q3", "facts 2026-10", "facts 2025",
    "report 2026", "report 2026-Q3", "report 2026-10", "report 2025",
    "extras province", "extras park", "extras college", "extras enterprise",
    "fund run", "fund allocations", "integrity",
    "parks by pinyin", "enterprises by pinyin", "graduates by pinyin",
  ]) {
    it(`gives the same ${key} on SQLite and PostgreSQL`, () => {
      expect(postgres[key]).toBeDefined();
      expect(postgres[key]).toEqual(sqlite[key]);
    });
  }
});
