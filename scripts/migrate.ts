/**
 * Brings the database DATABASE_URL names up to date: `prisma migrate deploy` for SQLite,
 * prisma/migrations-pg through prisma/pg-migrate.ts for PostgreSQL (ADR 100); then fills
 * the pinyin sort keys still empty (ADR 102).
 */
import { execFileSync } from "node:child_process";
import { openDemoStore } from "../prisma/demo/store";
import { fillNameSortKeys } from "../prisma/name-sort";
import { isPostgresUrl, migratePostgres } from "../prisma/pg-migrate";

process.env.DATABASE_URL ??= "file:./prisma/dev.db";
const url = process.env.DATABASE_URL;
if (isPostgresUrl(url)) {
  const applied = await migratePostgres(url);
  console.log(applied.length > 0 ? `PostgreSQL: applied ${applied.join(", ")}` : "PostgreSQL: no pending migrations");
} else {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "inherit" });
}
// Pinyin sort keys of rows written before the column existed (ADR 102).
const store = await openDemoStore(url);
try {
  const filled = await fillNameSortKeys(store);
  if (filled > 0) console.log(`filled ${filled} pinyin sort keys`);
} finally {
  await store.close();
}
