import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as healthz } from "~/routes/healthz";
import { loader as readyz } from "~/routes/readyz";
import { checkReadiness, closeReadinessProbe } from "~/services/health/readiness.server";
import { prisma } from "~/utils/db.server";
import { closeBackgroundQueues } from "~/utils/queue.server";
import { buildRegistry, createAccount, createGraduate } from "./fixtures";

const run = promisify(execFile);
const onSqlite = process.env.DATABASE_URL!.startsWith("file:");
const databaseFile = path.resolve(process.env.DATABASE_URL!.replace(/^file:/, ""));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-backup-"));

/** `npm run cli -- …` in a process of its own, on this file's database. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["node_modules/.bin/tsx", "scripts/cli.ts", ...args], { env: process.env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every row of every table, in rowid order. */
function contents(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

// PostgreSQL is backed up with pg_dump (docs/deploy.md), not by this command.
describe.skipIf(!onSqlite)("backup and restore of the SQLite database", () => {
  let before: Record<string, unknown[]>;
  const backup = path.join(dir, "nightly.db");

  beforeAll(async () => {
    const { college } = await buildRegistry();
    for (const name of ["张三", "李四", "王五"]) await createGraduate(college.id, name);
    await createAccount("backup-admin", "province");
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("backs up the live database while this process keeps it open", async () => {
    before = contents(databaseFile);
    expect(before.Graduate).toHaveLength(3);
    const outcome = await cli("backup", backup);
    expect(outcome.stderr).not.toMatch(/错误/);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/已备份到 .*nightly\.db.*完整性检查通过/);
    expect(contents(backup)).toEqual(before);
  });

  it("refuses to overwrite a file, and refuses to restore from something that is not a backup", async () => {
    const again = await cli("backup", backup);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/已存在，不会覆盖/);
    const garbage = path.join(dir, "garbage.db");
    fs.writeFileSync(garbage, "这不是数据库");
    const refused = await cli("restore", garbage);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/不是可用的备份.*数据库未改动/);
    expect(contents(databaseFile)).toEqual(before);
  });

  it("restores exactly what was backed up after the database is lost", async () => {
    // Later work that the backup does not hold, then the loss of the file.
    const { id: collegeId } = (await prisma.college.findFirst())!;
    await createGraduate(collegeId, "赵六");
    await prisma.$disconnect();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
    expect(fs.existsSync(databaseFile)).toBe(false);

    const restored = await cli("restore", backup);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/search:reindex all/);
    const after = contents(databaseFile);
    expect(after).toEqual(before);
    expect((after.Graduate as { name: string }[]).map((g) => g.name)).toEqual(["张三", "李四", "王五"]);
  });
});

describe("health checks", () => {
  afterAll(async () => {
    await closeBackgroundQueues();
    closeReadinessProbe();
  });

  it("GET /healthz answers while the process lives, checking nothing", async () => {
    const response = healthz();
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ status: "ok" });
  });

  it("GET /readyz is 200 when the database, Redis and the search engine answer", async () => {
    const response = await readyz();
    const body = await response.json();
    expect(body).toMatchObject({ status: "ready", failed: [] });
    expect(Object.keys(body.checks).sort()).toEqual(["database", "redis", "search"]);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("names what failed, without addresses, when a service does not answer", async () => {
    const deadRedis = new Redis("redis://127.0.0.1:1", { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
    deadRedis.on("error", () => undefined);
    const readiness = await checkReadiness({
      database: () => prisma.$queryRawUnsafe("SELECT 1"),
      redis: async () => {
        await deadRedis.connect();
        await deadRedis.ping();
      },
      search: () => new Promise(() => undefined),
    });
    deadRedis.disconnect();
    expect(readiness.ready).toBe(false);
    expect(readiness.failed).toEqual(["redis", "search"]);
    expect(readiness.checks.database!.ok).toBe(true);
    expect(readiness.checks.redis!.error).toBeTruthy();
    expect(readiness.checks.search!.error).toMatch(/no answer within 2000 ms/);
    expect(JSON.stringify(readiness)).not.toMatch(/127\.0\.0\.1/);
  });
});
