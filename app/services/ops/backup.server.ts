/**
 * Backup and restore of the SQLite database (docs/deploy.md). A backup uses SQLite's
 * online backup API (better-sqlite3 `.backup`): it copies a consistent snapshot page
 * by page while the web and worker processes keep reading and writing. A restore
 * checks the backup first and copies it into the database file with the same API, so
 * it never leaves a half-written database; the processes are stopped meanwhile.
 *
 * PostgreSQL: the same two commands wrap pg_dump and pg_restore (PostgreSQL's client
 * tools, Debian's postgresql-client): a custom-format dump checked with `pg_restore
 * --list` before it is kept, and a restore in one transaction (`--single-transaction
 * --clean --if-exists`) that replaces the objects the dump holds or changes nothing.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { providerOf } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";

const run = promisify(execFile);

export function sqliteFileOf(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) {
    throw new AppError({ message: "只有 SQLite 数据库可用本命令备份或恢复；PostgreSQL 请用 pg_dump / pg_restore（见 docs/deploy.md）" });
  }
  return path.resolve(databaseUrl.replace(/^file:/, ""));
}

/** Why a file is not a usable backup of this application's database (null when it is). */
function backupProblem(file: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return `完整性检查未通过（${String(integrity)}）`;
    const migrations = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").pluck().get();
    if (migrations !== 1) return "其中没有本系统的数据表";
    return null;
  } catch (error) {
    return `无法作为 SQLite 数据库打开（${(error as Error).message}）`;
  } finally {
    db?.close();
  }
}

export type BackupOutcome = {
  file: string;
  bytes: number;
  /** SQLite: pages copied; PostgreSQL: tables in the dump. */
  pages: number;
  ms: number;
  provider: "sqlite" | "postgresql";
};

/** Writes a consistent copy of the live database to `target` (which must not exist yet). */
export async function backupDatabase({ databaseUrl, target }: { databaseUrl: string; target: string }): Promise<BackupOutcome> {
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new AppError({ message: `目标文件 ${file} 已存在，不会覆盖` });
  if (providerOf(databaseUrl) === "postgresql") return backupPostgres(databaseUrl, file);
  const source = sqliteFileOf(databaseUrl);
  if (!fs.existsSync(source)) throw new AppError({ message: `找不到数据库文件 ${source}` });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const started = Date.now();
  const db = new Database(source, { fileMustExist: true, timeout: 15_000 });
  let pages = 0;
  try {
    await db.backup(partial, {
      progress: ({ totalPages }) => {
        pages = totalPages;
        return 1_000; // pages per step: writers in other processes get the lock between steps
      },
    });
  } finally {
    db.close();
  }
  const problem = backupProblem(partial);
  if (problem) {
    fs.rmSync(partial, { force: true });
    throw new AppError({ message: `备份文件校验失败：${problem}` });
  }
  fs.renameSync(partial, file);
  return { file, bytes: fs.statSync(file).size, pages, ms: Date.now() - started, provider: "sqlite" };
}

/**
 * Replaces the database's content with a backup's. Run with the web and worker
 * processes stopped; afterwards rebuild the search indexes (`search:reindex all`).
 */
export async function restoreDatabase({ databaseUrl, backup }: { databaseUrl: string; backup: string }): Promise<{ file: string; ms: number }> {
  const file = path.resolve(backup);
  if (!fs.existsSync(file)) throw new AppError({ message: `找不到备份文件 ${file}` });
  if (providerOf(databaseUrl) === "postgresql") return restorePostgres(databaseUrl, file);
  const target = sqliteFileOf(databaseUrl);
  const problem = backupProblem(file);
  if (problem) throw new AppError({ message: `${file} 不是可用的备份：${problem}；数据库未改动` });
  const started = Date.now();
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  return { file: target, ms: Date.now() - started };
}

// ───── PostgreSQL: pg_dump / pg_restore ─────

/** The URL as libpq reads it: without the parameters only Prisma knows (`schema`, `connection_limit`, …). */
export function libpqUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  for (const key of ["schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout"]) url.searchParams.delete(key);
  return url.toString();
}

/** Where the database is, for messages: never the password. */
function describePg(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `PostgreSQL 数据库 ${url.pathname.slice(1)}（${url.hostname}:${url.port || "5432"}）`;
}

async function pgTool(tool: "pg_dump" | "pg_restore", args: string[]): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT") throw new AppError({ message: `找不到 ${tool}：请安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client）` });
    throw new AppError({ message: `${tool} 失败：${(e.stderr ?? e.message).trim().split("\n").slice(-3).join(" ")}` });
  }
}

/** Why a file is not a usable dump of this application's PostgreSQL database (null when it is); else the tables it holds. */
async function dumpTables(file: string): Promise<{ problem: string } | { tables: number }> {
  let list: string;
  try {
    list = await pgTool("pg_restore", ["--list", file]);
  } catch (error) {
    return { problem: `无法作为 pg_dump 备份读取（${(error as Error).message}）` };
  }
  const tables = list.split("\n").filter((line) => / TABLE public \S+ /.test(line) && !/ TABLE DATA /.test(line));
  if (!tables.some((line) => line.includes(" _pb_migrations "))) return { problem: "其中没有本系统的数据表" };
  return { tables: tables.length };
}

async function backupPostgres(databaseUrl: string, file: string): Promise<BackupOutcome> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const started = Date.now();
  // pg_dump reads one snapshot (a repeatable-read transaction): the processes keep running.
  await pgTool("pg_dump", ["--format=custom", "--no-owner", `--file=${partial}`, `--dbname=${libpqUrl(databaseUrl)}`]);
  const checked = await dumpTables(partial);
  if ("problem" in checked) {
    fs.rmSync(partial, { force: true });
    throw new AppError({ message: `备份文件校验失败：${checked.problem}` });
  }
  fs.renameSync(partial, file);
  return { file, bytes: fs.statSync(file).size, pages: checked.tables, ms: Date.now() - started, provider: "postgresql" };
}

async function restorePostgres(databaseUrl: string, file: string): Promise<{ file: string; ms: number }> {
  const checked = await dumpTables(file);
  if ("problem" in checked) throw new AppError({ message: `${file} 不是可用的备份：${checked.problem}；数据库未改动` });
  const started = Date.now();
  // One transaction: either every object of the dump is replaced and refilled, or nothing changes.
  await pgTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", `--dbname=${libpqUrl(databaseUrl)}`, file]);
  return { file: describePg(databaseUrl), ms: Date.now() - started };
}
