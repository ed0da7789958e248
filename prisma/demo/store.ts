/**
 * The demo loader's view of a database, SQLite or PostgreSQL (ADR 100): what `npm run
 * setup` needs besides the bulk load — a few reads and writes in SQL written once with
 * `?` placeholders and quoted identifiers.
 */
import fs from "node:fs";
import pg from "pg";
import { isPostgresUrl } from "../pg-migrate";
import type { DemoOptions } from "./generate";
import { countRows, databasePathOf, hasDemoData, isMigrated, loadDemoData, openDatabase, sqliteDateTime, type LoadResult } from "./load";
import { loadDemoDataPg, pgTables } from "./load-pg";

type Param = string | number | boolean | Date | null;

export interface DemoStore {
  /** Where the data goes, for the console. */
  readonly label: string;
  all<T>(sql: string, params?: Param[]): Promise<T[]>;
  run(sql: string, params?: Param[]): Promise<void>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  isMigrated(): Promise<boolean>;
  hasDemoData(): Promise<boolean>;
  load(options: DemoOptions & { reset?: boolean }): Promise<LoadResult>;
  countRows(): Promise<[string, number][]>;
  /** The database's size, for the console ("12.3 MB"). */
  size(): Promise<string>;
  close(): Promise<void>;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function openSqlite(url: string): DemoStore {
  const file = databasePathOf(url);
  if (!fs.existsSync(file)) throw new Error(`数据库文件 ${file} 不存在：请先运行 npm run db:migrate`);
  const db = openDatabase(url);
  const bind = (params: Param[]) => params.map((p) => (p instanceof Date ? sqliteDateTime(p) : typeof p === "boolean" ? (p ? 1 : 0) : p));
  return {
    label: file,
    all: async <T>(sql: string, params: Param[] = []) => db.prepare(sql).all(...bind(params)) as T[],
    run: async (sql, params = []) => void db.prepare(sql).run(...bind(params)),
    transaction: async (work) => {
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work();
        db.exec("COMMIT");
        return result;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
    isMigrated: async () => isMigrated(db),
    hasDemoData: async () => hasDemoData(db),
    load: async (options) => loadDemoData(db, options),
    countRows: async () => countRows(db),
    size: async () => megabytes(fs.statSync(file).size),
    close: async () => {
      db.close();
    },
  };
}

/** `?` placeholders, in order, as PostgreSQL's `$1`, `$2`… (the SQL here has no `?` inside literals). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

async function openPostgres(url: string): Promise<DemoStore> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const all = async <T>(sql: string, params: Param[] = []) => (await client.query(numbered(sql), params)).rows as T[];
  const safeUrl = new URL(url);
  safeUrl.password = "";
  return {
    label: safeUrl.toString(),
    all,
    run: async (sql, params = []) => void (await client.query(numbered(sql), params)),
    transaction: async (work) => {
      await client.query("BEGIN");
      try {
        const result = await work();
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    isMigrated: async () => (await pgTables(client)).includes("City"),
    hasDemoData: async () => (await all(`SELECT 1 FROM "City" LIMIT 1`)).length > 0,
    load: (options) => loadDemoDataPg(client, options),
    countRows: async () => {
      const out: [string, number][] = [];
      for (const t of await pgTables(client)) out.push([t, Number((await all<{ n: string }>(`SELECT COUNT(*) AS n FROM "${t}"`))[0]!.n)]);
      return out;
    },
    size: async () => megabytes(Number((await all<{ n: string }>("SELECT pg_database_size(current_database()) AS n"))[0]!.n)),
    close: () => client.end(),
  };
}

export function openDemoStore(url: string): Promise<DemoStore> {
  return isPostgresUrl(url) ? openPostgres(url) : Promise.resolve(openSqlite(url));
}
