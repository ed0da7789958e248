import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "./postgresql-schema";
import { PG_MIGRATIONS_DIR, pgMigrations } from "./pg-migrate";

const read = (file: string) => fs.readFileSync(file, "utf8");

/** Names of the guards the SQLite migrations add by hand: triggers and partial unique indexes. */
function sqliteGuards(): string[] {
  const names: string[] = [];
  for (const dir of fs.readdirSync(path.join("prisma", "migrations")).sort()) {
    const file = path.join("prisma", "migrations", dir, "migration.sql");
    if (!fs.existsSync(file)) continue;
    const sql = read(file);
    for (const m of sql.matchAll(/CREATE TRIGGER "([^"]+)"/g)) names.push(m[1]!);
    for (const m of sql.matchAll(/CREATE UNIQUE INDEX "([^"]+)" ON [^;]*? WHERE /g)) names.push(m[1]!);
  }
  return names;
}

describe("one data model for SQLite and PostgreSQL (ADR 100)", () => {
  it("prisma/postgresql/schema.prisma is derived from prisma/schema.prisma (run `npm run db:pg-schema` after a change)", () => {
    expect(read(POSTGRES_SCHEMA)).toBe(postgresSchemaFrom(read(SQLITE_SCHEMA)));
  });

  it("the committed PostgreSQL migrations reach the current schema (run `npm run db:pg-migration -- <name>` after a change)", () => {
    expect(read(path.join(PG_MIGRATIONS_DIR, "schema.prisma"))).toBe(read(POSTGRES_SCHEMA));
  });

  it("only the provider and the client directory differ", () => {
    const derived = postgresSchemaFrom('generator client {\n  output = "../app/generated/prisma"\n}\ndatasource db {\n  provider = "sqlite"\n}\nmodel A { id Int @id }\n');
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('output = "../../app/generated/prisma-pg"');
    expect(derived).toContain("model A { id Int @id }");
    expect(() => postgresSchemaFrom('datasource db {\n  provider = "postgresql"\n}\n')).toThrow(/provider = "sqlite"/);
  });

  it("every trigger and partial unique index of the SQLite migrations has its PostgreSQL counterpart", () => {
    const pg = pgMigrations().map((m) => m.sql).join("\n");
    const guards = sqliteGuards();
    expect(guards.length).toBeGreaterThanOrEqual(8);
    const missing = guards.filter((name) => !pg.includes(`"${name}"`));
    expect(missing).toEqual([]);
  });

  it("migration folders sort in the order they were written", () => {
    const names = pgMigrations().map((m) => m.name);
    expect(names[0]).toMatch(/^\d{14}_init$/);
    for (const name of names) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });
});
