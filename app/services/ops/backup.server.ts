/**
 * Backup and restore of the SQLite database (docs/deploy.md). A backup uses SQLite's
 * online backup API (better-sqlite3 `.backup`): it copies a consistent snapshot page
 * by page while the web and worker processes keep reading and writing. A restore
 * checks the backup first and copies it into the database file with the same API, so
 * it never leaves a half-written database; the processes are stopped meanwhile.
 * PostgreSQL is backed up with pg_dump instead.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { AppError } from "~/utils/errors.server";

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

export type BackupOutcome = { file: string; bytes: number; pages: number; ms: number };

/** Writes a consistent copy of the live database to `target` (which must not exist yet). */
export async function backupDatabase({ databaseUrl, target }: { databaseUrl: string; target: string }): Promise<BackupOutcome> {
  const source = sqliteFileOf(databaseUrl);
  const file = path.resolve(target);
  if (!fs.existsSync(source)) throw new AppError({ message: `找不到数据库文件 ${source}` });
  if (fs.existsSync(file)) throw new AppError({ message: `目标文件 ${file} 已存在，不会覆盖` });
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
  return { file, bytes: fs.statSync(file).size, pages, ms: Date.now() - started };
}

/**
 * Replaces the database's content with a backup's. Run with the web and worker
 * processes stopped; afterwards rebuild the search indexes (`search:reindex all`).
 */
export async function restoreDatabase({ databaseUrl, backup }: { databaseUrl: string; backup: string }): Promise<{ file: string; ms: number }> {
  const target = sqliteFileOf(databaseUrl);
  const file = path.resolve(backup);
  if (!fs.existsSync(file)) throw new AppError({ message: `找不到备份文件 ${file}` });
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
