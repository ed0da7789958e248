/**
 * Loads the demo data set into a migrated SQLite file with better-sqlite3 directly:
 * prepared statements, one transaction for the whole set (a failed run leaves no
 * half data set behind), WAL and synchronous=OFF while loading.
 *
 * Values are written as Prisma's SQLite adapter writes them, so that Prisma reads
 * them back unchanged: DateTime as ISO-8601 text with an explicit UTC offset
 * ("2026-11-28T08:30:00.000+00:00"), Boolean as the integer 0 or 1.
 */
import Database from "better-sqlite3";
import path from "node:path";
import { ROLE_LABELS, type Role } from "../../app/domain/constants";
import type { DemoStore } from "./store";
import { DEMO_LOGINS, DEMO_PASSWORD, generateDemoData, type DemoAccount, type DemoOptions, type Row, type RowSink, type RowValue } from "./generate";

export type SqliteDatabase = Database.Database;

/** `file:./prisma/dev.db` → the file's path, relative to the working directory as Prisma resolves it. */
export function databasePathOf(url: string): string {
  return path.resolve(url.replace(/^file:/, ""));
}

export function openDatabase(url: string): SqliteDatabase {
  const db = new Database(databasePathOf(url));
  db.pragma("foreign_keys = ON");
  return db;
}

/** The same text Prisma's better-sqlite3 adapter writes for a DateTime. */
export function sqliteDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function sqliteValue(value: RowValue): string | number | null {
  if (value instanceof Date) return sqliteDateTime(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** The application tables: everything but SQLite's and Prisma's bookkeeping. */
function applicationTables(db: SqliteDatabase): string[] {
  const rows = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name")
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

export function isMigrated(db: SqliteDatabase): boolean {
  return applicationTables(db).includes("City");
}

/** Demo data is there once the geography is. */
export function hasDemoData(db: SqliteDatabase): boolean {
  return db.prepare('SELECT 1 FROM "City" LIMIT 1').get() !== undefined;
}

/** Tables in an order in which every table comes after the tables it refers to. */
function tablesParentsFirst(db: SqliteDatabase): string[] {
  const tables = applicationTables(db);
  const parents = new Map(
    tables.map((t) => [
      t,
      (db.prepare(`PRAGMA foreign_key_list("${t}")`).all() as { table: string }[]).map((fk) => fk.table).filter((p) => p !== t),
    ]),
  );
  const ordered: string[] = [];
  const visit = (table: string, trail: Set<string>) => {
    if (ordered.includes(table) || trail.has(table)) return;
    trail.add(table);
    for (const parent of parents.get(table) ?? []) visit(parent, trail);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

/**
 * Deletes every row of every application table, children first, and restarts the ids.
 * The guards against DELETE (append-only logs, policy versions) are dropped for the
 * deletion and created again from their own text, as PostgreSQL's TRUNCATE skips them;
 * the caller's transaction makes this all or nothing.
 */
export function deleteAllRows(db: SqliteDatabase): void {
  const deleteGuards = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[]).filter((t) =>
    /\bBEFORE\s+DELETE\b/i.test(t.sql),
  );
  for (const guard of deleteGuards) db.prepare(`DROP TRIGGER "${guard.name}"`).run();
  for (const table of tablesParentsFirst(db).reverse()) db.prepare(`DELETE FROM "${table}"`).run();
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get()) db.prepare("DELETE FROM sqlite_sequence").run();
  for (const guard of deleteGuards) db.exec(guard.sql);
}

/** Inserts rows with one prepared statement per table (all rows of a table have the same columns). */
class SqliteSink implements RowSink {
  private readonly statements = new Map<string, { columns: string[]; statement: Database.Statement }>();
  readonly counts = new Map<string, number>();

  constructor(private readonly db: SqliteDatabase) {}

  insert(table: string, row: Row): void {
    let prepared = this.statements.get(table);
    if (!prepared) {
      const columns = Object.keys(row);
      const names = columns.map((c) => `"${c}"`).join(", ");
      const statement = this.db.prepare(`INSERT INTO "${table}" (${names}) VALUES (${columns.map(() => "?").join(", ")})`);
      prepared = { columns, statement };
      this.statements.set(table, prepared);
    }
    const { columns, statement } = prepared;
    if (Object.keys(row).length !== columns.length) throw new Error(`${table}: rows with different columns`);
    statement.run(columns.map((c) => {
      const value = row[c];
      if (value === undefined) throw new Error(`${table}: row without ${c}`);
      return sqliteValue(value);
    }));
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }
}

export type LoadResult = { accounts: DemoAccount[]; rowsByTable: Map<string, number> };

/**
 * Generates and inserts the data set in one transaction; with `reset`, every row of
 * every table is deleted first, in the same transaction.
 */
export function loadDemoData(db: SqliteDatabase, options: DemoOptions & { reset?: boolean }): LoadResult {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  db.pragma("temp_store = MEMORY");
  const sink = new SqliteSink(db);
  const accounts = db.transaction(() => {
    if (options.reset) deleteAllRows(db);
    return generateDemoData(options, sink);
  })();
  db.pragma("synchronous = NORMAL");
  db.pragma("wal_checkpoint(TRUNCATE)");
  return { accounts, rowsByTable: sink.counts };
}

/** Row counts of every application table, by name. */
export function countRows(db: SqliteDatabase): [string, number][] {
  return applicationTables(db).map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]);
}

/** The demo accounts as stored (for a database seeded earlier), with the name of their scope. */
export async function readDemoAccounts(db: DemoStore): Promise<DemoAccount[]> {
  const rows = await db.all<Record<string, string | null>>(
    `SELECT a."login", a."role", a."displayName", p."name" AS "park", c."name" AS "college", e."name" AS "enterprise", b."name" AS "bureau",
            g."name" AS "graduate", gc."name" AS "graduateCollege"
       FROM "Account" a
       LEFT JOIN "Park" p ON p."id" = a."parkId"
       LEFT JOIN "College" c ON c."id" = a."collegeId"
       LEFT JOIN "Enterprise" e ON e."id" = a."enterpriseId"
       LEFT JOIN "Bureau" b ON b."id" = a."bureauId"
       LEFT JOIN "Graduate" g ON g."id" = a."graduateId"
       LEFT JOIN "College" gc ON gc."id" = g."collegeId"
      WHERE a."login" IN (${DEMO_LOGINS.map(() => "?").join(", ")})`,
    [...DEMO_LOGINS],
  );
  const order = (login: string) => DEMO_LOGINS.indexOf(login as (typeof DEMO_LOGINS)[number]);
  return rows
    .sort((a, b) => order(a.login!) - order(b.login!))
    .map((row) => {
      const role = row.role as Role;
      const scopeName =
        row.park ?? row.college ?? row.enterprise ?? row.bureau ??
        (row.graduate ? `${row.graduate}（${row.graduateCollege}）` : "全省");
      return { login: row.login!, role, roleLabel: ROLE_LABELS[role] ?? role, password: DEMO_PASSWORD, scopeName };
    });
}
