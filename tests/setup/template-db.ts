import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const TMP_DIR = path.resolve("tests/.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

/** Builds one freshly migrated SQLite file that every test copies (migrations run once per test run). */
export function buildTemplateDatabase(): void {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
}

/** A private copy of the migrated template, for one test file or one server. */
export function copyTemplateDatabase(name: string): string {
  const file = path.join(TMP_DIR, `${name}.db`);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(TEMPLATE_DB, file);
  return file;
}
