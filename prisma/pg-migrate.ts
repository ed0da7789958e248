/**
 * Applies prisma/migrations-pg to a PostgreSQL database, offline, with `pg` directly
 * (docs/decisions/100-postgresql.md): `prisma migrate deploy` through the pg driver
 * adapter fails on these machines (prisma/orm issue 27403), and Prisma's adapter splits
 * a script on `;`, which breaks PL/pgSQL bodies. Each migration's file goes to the server
 * whole (the simple query protocol runs a multi-statement script, `$$` bodies included)
 * inside one transaction together with its row in "_pb_migrations"; an advisory lock
 * keeps two processes from migrating at once.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const PG_MIGRATIONS_DIR = path.join("prisma", "migrations-pg");
const LOCK_KEY = 0x70625f6d; // "pb_m"

export interface PgMigration {
  name: string;
  sql: string;
  checksum: string;
}

/** The committed migrations, oldest first (folder names start with a timestamp). */
export function pgMigrations(dir = PG_MIGRATIONS_DIR): PgMigration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

/** Applies the migrations not yet applied; returns their names. Refuses when an applied one was edited. */
export async function migratePostgres(url: string, dir = PG_MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_pb_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "_pb_migrations"`);
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const done: string[] = [];
    for (const migration of pgMigrations(dir)) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) throw new Error(`PostgreSQL migration ${migration.name} was changed after it was applied`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "_pb_migrations" ("name", "checksum") VALUES ($1, $2)`, [migration.name, migration.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`PostgreSQL migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
