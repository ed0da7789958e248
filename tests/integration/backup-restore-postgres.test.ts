import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { buildRegistry, createAccount, createGraduate } from "./fixtures";
import { databaseUrl, onPostgres, PG_URL } from "../setup/template-pg";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-pg-backup-"));
const ownUrl = process.env.DATABASE_URL!;
const freshName = `${new URL(ownUrl).pathname.slice(1)}_restored`.slice(0, 63);

/** `npm run cli -- …` in a process of its own, on the database `url` names. */
async function cli(url: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["node_modules/.bin/tsx", "scripts/cli.ts", ...args], { env: { ...process.env, DATABASE_URL: url } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every row of every table of the public schema, each row as JSON text, sorted. */
const contents = (url: string) =>
  withClient(url, async (c) => {
    const tables = (await c.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")).rows.map((r) => r.t);
    const out: Record<string, string[]> = {};
    for (const t of tables) out[t] = (await c.query<{ r: string }>(`SELECT row_to_json(x)::text AS r FROM "${t}" x`)).rows.map((r) => r.r).sort();
    return out;
  });

/** The database objects that are not rows: triggers, check constraints, indexes, sequences' positions. */
const guards = (url: string) =>
  withClient(url, async (c) => ({
    triggers: (await c.query("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1")).rows.map((r) => r.tgname as string),
    checks: (await c.query("SELECT conname FROM pg_constraint WHERE contype = 'c' ORDER BY 1")).rows.map((r) => r.conname as string),
    indexes: (await c.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.indexname as string),
    sequences: (await c.query("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => `${r.sequencename}=${r.last_value}`),
  }));

// The SQLite twin is tests/integration/backup-restore.test.ts; this one needs the PostgreSQL tier (npm run test:pg).
describe.skipIf(!onPostgres)("backup and restore of a PostgreSQL database (pg_dump / pg_restore through npm run cli)", () => {
  let before: Record<string, string[]>;
  let beforeGuards: Awaited<ReturnType<typeof guards>>;
  const backup = path.join(dir, "nightly.dump");

  beforeAll(async () => {
    const { college } = await buildRegistry();
    for (const name of ["张三", "李四", "王五"]) await createGraduate(college.id, name);
    const admin = await createAccount("backup-admin", "province");
    await prisma.accountEvent.create({ data: { accountId: admin.id, kind: "activated", actorId: admin.id } });
    await withClient(PG_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${freshName}" WITH (FORCE)`));
  });
  afterAll(async () => {
    await withClient(PG_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${freshName}" WITH (FORCE)`));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("backs up the live database with pg_dump while this process keeps its connections", async () => {
    before = await contents(ownUrl);
    beforeGuards = await guards(ownUrl);
    expect(before.Graduate).toHaveLength(3);
    expect(beforeGuards.triggers.length).toBeGreaterThan(0);
    const outcome = await cli(ownUrl, "backup", backup);
    expect(outcome.stderr).not.toMatch(/错误/);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/已备份到 .*nightly\.dump.*pg_dump 自定义格式.*pg_restore 校验通过/);
    expect(fs.statSync(backup).size).toBeGreaterThan(0);
  });

  it("restores into a fresh, empty database: the same rows, guards and sequence positions", async () => {
    await withClient(PG_URL, (c) => c.query(`CREATE DATABASE "${freshName}"`));
    const fresh = databaseUrl(freshName);
    const outcome = await cli(fresh, "restore", backup);
    expect(outcome.stderr).not.toMatch(/错误/);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/已从 .*nightly\.dump 恢复数据库 PostgreSQL 数据库/);
    expect(await contents(fresh)).toEqual(before);
    expect(await guards(fresh)).toEqual(beforeGuards);
    // The restored guards work: the account log stays append-only …
    await expect(withClient(fresh, (c) => c.query(`UPDATE "AccountEvent" SET "kind" = 'x'`))).rejects.toThrow();
    // … and the next graduate gets a new id, after the restored ones.
    const next = await withClient(fresh, (c) => c.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('"Graduate"', 'id'))::int AS id`));
    expect(next.rows[0]!.id).toBeGreaterThan(Math.max(...before.Graduate!.map((r) => (JSON.parse(r) as { id: number }).id)));
  });

  it("refuses to overwrite a file, and refuses to restore from something that is not a backup", async () => {
    const again = await cli(ownUrl, "backup", backup);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/已存在，不会覆盖/);
    const garbage = path.join(dir, "garbage.dump");
    fs.writeFileSync(garbage, "这不是备份");
    const refused = await cli(ownUrl, "restore", garbage);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/不是可用的备份.*数据库未改动/);
    expect(await contents(ownUrl)).toEqual(before);
  });

  it("restores the live database in place after later changes: back to exactly the backup", async () => {
    const { id: collegeId } = await prisma.college.findFirstOrThrow({ select: { id: true } });
    await createGraduate(collegeId, "赵六");
    await prisma.graduate.deleteMany({ where: { name: "张三" } });
    expect(await contents(ownUrl)).not.toEqual(before);
    await prisma.$disconnect(); // the processes are stopped for a restore (docs/deploy.md)
    const outcome = await cli(ownUrl, "restore", backup);
    expect(outcome.stderr).not.toMatch(/错误/);
    expect(outcome.code).toBe(0);
    expect(await contents(ownUrl)).toEqual(before);
    expect(await guards(ownUrl)).toEqual(beforeGuards);
  });
});
