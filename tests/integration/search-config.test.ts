import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("SEARCH_DB_FILE at start-up", () => {
  it("refuses to start on PostgreSQL without SEARCH_DB_FILE or MEILI_HOST, saying what to set", async () => {
    const { SEARCH_DB_FILE: _file, MEILI_HOST: _host, ...inherited } = process.env;
    const env = { ...inherited, DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres" };
    const failure = await run(process.execPath, ["node_modules/.bin/tsx", "scripts/cli.ts", "search:settings"], { env }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toMatch(/Invalid environment:\s+SEARCH_DB_FILE: required when DATABASE_URL is not a SQLite file and MEILI_HOST is not set/);
    expect(failure?.stderr).toMatch(/or set MEILI_HOST to use Meilisearch/);
  });
});
