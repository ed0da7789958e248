/**
 * prisma/schema.prisma is the one data model. PostgreSQL needs its own schema file only
 * because a Prisma schema names one provider and the generated client is provider-specific;
 * that file is derived from the SQLite one here and never edited by hand
 * (docs/decisions/100-postgresql.md). `npm run db:pg-schema` writes it; a unit test fails
 * when the committed copy drifts from what this function derives.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgresql", "schema.prisma");

const HEADER = [
  "// GENERATED from prisma/schema.prisma by `npm run db:pg-schema` — do not edit.",
  "// The PostgreSQL twin of the data model (docs/decisions/100-postgresql.md).",
  "",
].join("\n");

function replaceOnce(source: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = source.match(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g"));
  if (!matches || matches.length !== 1) throw new Error(`prisma/schema.prisma: expected exactly one ${what}, found ${matches?.length ?? 0}`);
  return source.replace(pattern, replacement);
}

/** The PostgreSQL schema for a SQLite schema text: same models, another provider and client directory. */
export function postgresSchemaFrom(sqlite: string): string {
  let out = replaceOnce(sqlite, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"', 'provider = "sqlite"');
  out = replaceOnce(out, /output(\s*)=(\s*)"\.\.\/app\/generated\/prisma"/, 'output$1=$2"../../app/generated/prisma-pg"', "client output");
  return HEADER + out;
}

export function writePostgresSchema(root = process.cwd()): string {
  const text = postgresSchemaFrom(fs.readFileSync(path.join(root, SQLITE_SCHEMA), "utf8"));
  const file = path.join(root, POSTGRES_SCHEMA);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${path.relative(process.cwd(), writePostgresSchema())}`);
}
