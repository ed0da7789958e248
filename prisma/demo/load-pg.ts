/**
 * Loads the demo data set into a migrated PostgreSQL database (ADR 100) with `pg`.
 *
 * The generator hands rows over synchronously, table by table; they go to one JSON-lines
 * file per table in a temporary directory (memory stays flat at province scale), and are
 * then inserted in foreign-key order, 5,000 rows per statement through
 * `json_populate_recordset` (PostgreSQL converts each JSON value to the column's type),
 * in one transaction with the optional reset (a failed run leaves nothing behind). The
 * rows carry explicit ids, so every id sequence is moved past the largest id afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { generateDemoData, type DemoOptions, type Row, type RowSink } from "./generate";
import type { LoadResult } from "./load";

const BATCH = 5_000;

/** Rows to files, one JSON line per row. */
class FileSink implements RowSink {
  readonly files = new Map<string, { fd: number; file: string; columns: string[] }>();
  readonly counts = new Map<string, number>();

  constructor(private readonly dir: string) {}

  insert(table: string, row: Row): void {
    let out = this.files.get(table);
    if (!out) {
      const file = path.join(this.dir, `${table}.jsonl`);
      out = { fd: fs.openSync(file, "w"), file, columns: Object.keys(row) };
      this.files.set(table, out);
    }
    if (Object.keys(row).length !== out.columns.length) throw new Error(`${table}: rows with different columns`);
    fs.writeSync(out.fd, `${JSON.stringify(row)}\n`);
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }

  close(): void {
    for (const { fd } of this.files.values()) fs.closeSync(fd);
  }
}

/** The application tables (not the migration bookkeeping), by name. */
export async function pgTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_pb_migrations' ORDER BY tablename`,
  );
  return rows.map((r) => r.name);
}

/** Tables in an order in which every table comes after the tables it refers to. */
async function tablesParentsFirst(client: pg.ClientBase, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
  const unquote = (name: string) => name.replace(/^"|"$/g, "");
  const parents = new Map<string, string[]>();
  for (const r of rows) {
    const child = unquote(r.child);
    const parent = unquote(r.parent);
    if (child !== parent) parents.set(child, [...(parents.get(child) ?? []), parent]);
  }
  const ordered: string[] = [];
  const visit = (table: string, trail: Set<string>) => {
    if (ordered.includes(table)) return;
    if (trail.has(table)) throw new Error(`foreign keys form a cycle through ${table}`);
    trail.add(table);
    for (const parent of parents.get(table) ?? []) visit(parent, trail);
    trail.delete(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

async function copyFile(client: pg.ClientBase, table: string, file: string, columns: string[]): Promise<void> {
  const names = columns.map((c) => `"${c}"`).join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${names} FROM json_populate_recordset(NULL::"${table}", $1::json)`;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await client.query(sql, [`[${batch.join(",")}]`]);
    batch = [];
  };
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === "") continue;
    batch.push(line);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
}

/** Empties every application table and restarts the ids (TRUNCATE skips the append-only row triggers). */
export async function truncateAll(client: pg.ClientBase): Promise<void> {
  const tables = await pgTables(client);
  if (tables.length > 0) await client.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

/** Moves every id sequence past the largest id its table holds. */
export async function resetSequences(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ table: string; column: string; sequence: string }>(
    `SELECT c.table_name AS "table", c.column_name AS "column", pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS "sequence"
       FROM information_schema.columns c
      WHERE c.table_schema = current_schema() AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`,
  );
  for (const r of rows) {
    await client.query(
      `SELECT setval($1, COALESCE((SELECT MAX("${r.column}") FROM "${r.table}"), 0) + 1, false)`,
      [r.sequence],
    );
  }
}

/** Generates and inserts the data set in one transaction; with `reset`, every table is emptied first. */
export async function loadDemoDataPg(client: pg.ClientBase, options: DemoOptions & { reset?: boolean }): Promise<LoadResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-demo-"));
  try {
    const sink = new FileSink(dir);
    let accounts;
    try {
      accounts = generateDemoData(options, sink);
    } finally {
      sink.close();
    }
    const order = await tablesParentsFirst(client, await pgTables(client));
    for (const table of sink.files.keys()) if (!order.includes(table)) throw new Error(`no table ${table} in the database`);
    await client.query("BEGIN");
    try {
      if (options.reset) await truncateAll(client);
      for (const table of order) {
        const out = sink.files.get(table);
        if (out) await copyFile(client, table, out.file, out.columns);
      }
      await resetSequences(client);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    return { accounts, rowsByTable: sink.counts };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
