/**
 * `npm run bench`: builds the province-scale database once (bench/.data), then runs
 * each benchmark against it in its own process and prints its figures.
 * `npm run bench -- <name>` runs one. Each benchmark is a file in bench/ listed here.
 * With DATABASE_URL=postgresql://…/<name> the province data lives in that PostgreSQL
 * database and the database-bound benchmarks run there (bench/province-db.ts).
 */
import { execFileSync } from "node:child_process";
import { BENCH_PII_KEY, BENCH_SESSION_SECRET, benchPostgresUrl, ensureProvinceDatabase } from "./province-db";

const BENCHMARKS: string[] = ["registry-import", "roster-import", "fund", "search", "search-candidates", "relevance", "reports", "match-candidates", "allocation", "http"];

const BENCH_TIMEOUT_MS = 20 * 60_000;
const only = process.argv[2];
/**
 * On PostgreSQL: the benchmarks that read or write the province database through the
 * app's code. registry-import builds a SQLite file of its own, search-candidates reads
 * the SQLite file directly, http serves the SQLite copy: they run on SQLite only.
 */
const ON_POSTGRES = ["roster-import", "fund", "search", "reports", "match-candidates", "allocation"];
const onPostgres = benchPostgresUrl() !== undefined;
const db = await ensureProvinceDatabase();
console.log(
  db.builtNow
    ? `province database built in ${db.buildSeconds!.toFixed(1)} s (migrate + demo generator), ${db.sizeMb.toFixed(1)} MB`
    : `province database reused from bench/.data (${db.sizeMb.toFixed(1)} MB; delete it to time the generator again)`,
);
if (onPostgres) console.log(`PostgreSQL: ${db.url.replace(/\/\/[^@/]*@/, "//")} (${ON_POSTGRES.join(", ")}; the others run on SQLite only)`);
if (only && !BENCHMARKS.includes(only)) {
  console.error(`no benchmark named ${only}; there are: ${BENCHMARKS.join(", ")}`);
  process.exit(2);
}
const failed: string[] = [];
for (const name of BENCHMARKS.filter((b) => (!only || b === only) && (!onPostgres || ON_POSTGRES.includes(b)))) {
  console.log(`\n── ${name} ──`);
  try {
    execFileSync("npx", ["tsx", `bench/${name}.ts`], {
      // Jobs the measured services ask for go to queues of their own, never to a running worker's.
      env: { ...process.env, DATABASE_URL: db.url, ...(db.searchFile ? { SEARCH_DB_FILE: db.searchFile } : {}), PII_KEY: BENCH_PII_KEY, SESSION_SECRET: BENCH_SESSION_SECRET, REDIS_PREFIX: "pb-bench" },
      stdio: "inherit",
      // A benchmark that leaves a handle open would keep the run waiting for ever: stop it, say so, go on.
      timeout: BENCH_TIMEOUT_MS,
      killSignal: "SIGKILL",
    });
  } catch (error) {
    const timedOut = (error as NodeJS.ErrnoException).code === "ETIMEDOUT";
    console.error(`${name}: ${timedOut ? `still running after ${BENCH_TIMEOUT_MS / 60_000} min (a handle left open?), stopped` : `failed (${(error as Error).message.split("\n")[0]})`}`);
    failed.push(name);
  }
}
if (failed.length > 0) {
  console.error(`\nbenchmarks that did not finish: ${failed.join(", ")}`);
  process.exit(1);
}
