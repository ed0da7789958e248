import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// Without DATABASE_URL every Prisma CLI command tries to download a native engine,
// which these machines cannot reach (docs/decisions/001-stack-pins-and-offline-prisma.md).
process.env.DATABASE_URL ??= "file:./prisma/dev.db";
const url = process.env.DATABASE_URL;

// A postgresql:// URL selects the generated PostgreSQL schema and the pg adapter; its
// migrations are applied by scripts/migrate-pg.ts, not by `prisma migrate`
// (docs/decisions/100-postgresql.md).
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => (postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url })),
});
