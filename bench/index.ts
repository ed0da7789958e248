/**
 * `npm run bench`: builds the province-scale database once (bench/.data), then runs
 * each benchmark against it in its own process and prints its figures.
 * `npm run bench -- <name>` runs one. Each benchmark is a file in bench/ listed here.
 */
import { execFileSync } from "node:child_process";
import { BENCH_PII_KEY, ensureProvinceDatabase } from "./province-db";

const BENCHMARKS: string[] = ["registry-import", "roster-import", "fund", "search", "search-candidates", "relevance", "reports", "match-candidates", "allocation"];

const only = process.argv[2];
const db = ensureProvinceDatabase();
console.log(
  db.builtNow
    ? `province database built in ${db.buildSeconds!.toFixed(1)} s (migrate + demo generator), ${db.sizeMb.toFixed(1)} MB`
    : `province database reused from bench/.data (${db.sizeMb.toFixed(1)} MB; delete it to time the generator again)`,
);
for (const name of BENCHMARKS.filter((b) => !only || b === only)) {
  console.log(`\n── ${name} ──`);
  execFileSync("npx", ["tsx", `bench/${name}.ts`], {
    env: { ...process.env, DATABASE_URL: db.url, PII_KEY: BENCH_PII_KEY, SESSION_SECRET: "bench-session-secret-0123456789" },
    stdio: "inherit",
  });
}
