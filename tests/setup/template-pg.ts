import pg from "pg";
import { migratePostgres } from "../../prisma/pg-migrate";

/**
 * The integration tier on PostgreSQL (`npm run test:pg`, ADR 100): one migrated template
 * database per run, and each test file its own database copied from it
 * (`CREATE DATABASE … TEMPLATE`, a file copy on the server). PG_URL names the server's
 * maintenance database.
 */
export const PG_URL = process.env.PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Whether this run's integration tier uses PostgreSQL (set by `npm run test:pg`). */
export const onPostgres = (process.env.TEST_DATABASE ?? "sqlite") === "postgresql";

export function databaseUrl(name: string): string {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The run's database names share this prefix, so that the run removes exactly its own. */
export function runPrefix(pid = process.pid): string {
  return `pbt_${pid}_`;
}

/** Creates and migrates the run's template database; returns its name. */
export async function buildPgTemplate(): Promise<string> {
  const name = `${runPrefix()}template`;
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  await migratePostgres(databaseUrl(name));
  return name;
}

/** A private copy of the template for one test file; returns its URL. */
export async function copyPgTemplate(template: string, label: string): Promise<string> {
  const prefix = template.slice(0, -"template".length);
  const name = `${prefix}${label}`.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 63);
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return databaseUrl(name);
}

/** Drops every database of the run (its template too). */
export async function dropRunDatabases(prefix = runPrefix()): Promise<void> {
  await admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}%`]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
