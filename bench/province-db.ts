import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { isPostgresUrl, migratePostgres } from "../prisma/pg-migrate";

/**
 * The province-scale database every benchmark reads: built once (migrate + the demo
 * generator at --scale province) and reused by later runs. Its build time and size are
 * the generator's benchmark figures.
 *
 * SQLite (the default): bench/.data/province.db. PostgreSQL: when `npm run bench` is
 * started with DATABASE_URL=postgresql://…/<name>, that database (created when missing)
 * holds the province data, and each benchmark works on a copy made with
 * `CREATE DATABASE … TEMPLATE <name>`; the embedded search file is bench/.data/<name>.search.db.
 */
export const PROVINCE_DB = path.resolve("bench/.data/province.db");
export const PROVINCE_DB_URL = `file:${PROVINCE_DB}`;
export const BENCH_PII_KEY = "bench-pii-key-0123456789abcdef0123456789";
/** The generator settles the demo fund through the app's services, which need a session secret too (no var/secrets.json on a fresh machine). */
export const BENCH_SESSION_SECRET = "bench-session-secret-0123456789";

export type ProvinceDb = { url: string; builtNow: boolean; buildSeconds: number | null; sizeMb: number; searchFile?: string };

/** The PostgreSQL database the bench was asked to use, if any. */
export function benchPostgresUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  return isPostgresUrl(url) ? url : undefined;
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>, database = "postgres"): Promise<T> {
  const admin = new URL(url);
  admin.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const nameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

async function ensurePostgresProvince(url: string): Promise<ProvinceDb> {
  const name = nameOf(url);
  const exists = await onServer(url, async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
  if (!exists) await onServer(url, (c) => c.query(`CREATE DATABASE "${name}"`));
  const env = { ...process.env, DATABASE_URL: url, PII_KEY: BENCH_PII_KEY, SESSION_SECRET: BENCH_SESSION_SECRET };
  const started = performance.now();
  await migratePostgres(url);
  const builtNow = await onServer(url, async (c) => (await c.query(`SELECT 1 FROM "Graduate" LIMIT 1`)).rowCount === 0, name);
  let buildSeconds: number | null = null;
  if (builtNow) {
    execFileSync("npx", ["tsx", "prisma/seed.ts", "--scale", "province"], { env, stdio: "inherit" });
    buildSeconds = (performance.now() - started) / 1000;
  }
  const bytes = await onServer(url, async (c) => Number((await c.query("SELECT pg_database_size($1) AS n", [name])).rows[0].n));
  fs.mkdirSync(path.resolve("bench/.data"), { recursive: true });
  return { url, builtNow, buildSeconds, sizeMb: bytes / 1024 / 1024, searchFile: path.resolve(`bench/.data/${name}.search.db`) };
}

export async function ensureProvinceDatabase(): Promise<ProvinceDb> {
  const pgUrl = benchPostgresUrl();
  if (pgUrl) return ensurePostgresProvince(pgUrl);
  const builtNow = !fs.existsSync(PROVINCE_DB);
  let buildSeconds: number | null = null;
  fs.mkdirSync(path.dirname(PROVINCE_DB), { recursive: true });
  const env = { ...process.env, DATABASE_URL: PROVINCE_DB_URL, PII_KEY: BENCH_PII_KEY, SESSION_SECRET: BENCH_SESSION_SECRET };
  const started = performance.now();
  // Migrations run every time, so a database generated earlier gains later columns.
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  if (builtNow) {
    execFileSync("npx", ["tsx", "prisma/seed.ts", "--scale", "province"], { env, stdio: "inherit" });
    buildSeconds = (performance.now() - started) / 1000;
  }
  const sizeMb = fs.statSync(PROVINCE_DB).size / 1024 / 1024;
  return { url: PROVINCE_DB_URL, builtNow, buildSeconds, sizeMb };
}

/**
 * A private, migrated copy of the province database (DATABASE_URL, as bench/index.ts
 * gives it) for a benchmark that writes: a file copy on SQLite, `CREATE DATABASE …
 * TEMPLATE` on PostgreSQL. Points DATABASE_URL at it; `drop()` removes it.
 */
export async function privateProvinceCopy(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const source = process.env.DATABASE_URL ?? "";
  if (isPostgresUrl(source)) {
    const copy = `${nameOf(source)}_${label}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 63);
    await onServer(source, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${copy}"`);
      await c.query(`CREATE DATABASE "${copy}" TEMPLATE "${nameOf(source)}"`);
    });
    const url = new URL(source);
    url.pathname = `/${copy}`;
    process.env.DATABASE_URL = url.toString();
    return { url: url.toString(), drop: () => onServer(source, (c) => c.query(`DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`)).then(() => undefined) };
  }
  const file = (process.env.DATABASE_URL ?? "").replace(/^file:/, "");
  if (!fs.existsSync(file)) throw new Error("run through `npm run bench`, which provides the province database");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pb-bench-${label}-`));
  const copy = path.join(dir, "bench.db");
  fs.copyFileSync(file, copy);
  process.env.DATABASE_URL = `file:${copy}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "pipe" });
  return { url: process.env.DATABASE_URL, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}
