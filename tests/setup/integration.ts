import { randomUUID } from "node:crypto";
import path from "node:path";
import { inject } from "vitest";
import { copyTemplateDatabase, TMP_DIR } from "./template-db";
import { copyPgTemplate, onPostgres } from "./template-pg";

// Each test file gets its own migrated database, before any app module reads the env.
const label = `it-${process.pid}-${randomUUID().slice(0, 8)}`;
if (onPostgres) {
  process.env.DATABASE_URL = await copyPgTemplate(inject("pgTemplate"), label);
  process.env.SEARCH_DB_FILE = path.join(TMP_DIR, `${label}.search.db`);
} else {
  process.env.DATABASE_URL = `file:${copyTemplateDatabase(label)}`;
}
process.env.SESSION_SECRET ??= "integration-session-secret-0123456789";
process.env.PII_KEY ??= "integration-pii-key-0123456789abcdef";
process.env.NODE_ENV = "test";
process.env.REDIS_PREFIX ??= `pbtest-${process.pid}`;
