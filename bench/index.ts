import { ensureProvinceDatabase, PROVINCE_DB_URL } from "./province-db";

/**
 * `npm run bench`: every benchmark module, one after the other, on the shared
 * province-scale database. A module exports `run()`, which returns its figures;
 * add a new one to BENCHES.
 */
export type BenchFigure = { name: string; seconds: number; targetSeconds: number; detail: string };

const BENCHES: { title: string; load: () => Promise<{ run: () => Promise<BenchFigure[]> }> }[] = [
  { title: "企业培训经费年度核算", load: () => import("./fund") },
];

ensureProvinceDatabase();
// The app's modules read the environment when first imported, so it is set before any bench loads.
process.env.DATABASE_URL = PROVINCE_DB_URL;
process.env.SESSION_SECRET ??= "bench-session-secret-0123456789abcdef";
process.env.PII_KEY ??= "bench-pii-key-0123456789abcdef0123";

const figures: BenchFigure[] = [];
for (const bench of BENCHES) {
  console.log(`\n▶ ${bench.title}`);
  figures.push(...(await (await bench.load()).run()));
}
console.log("\n结果：");
for (const f of figures) {
  const verdict = f.seconds <= f.targetSeconds ? "达标" : "未达标";
  console.log(`  ${f.name}: ${f.seconds.toFixed(2)} s（目标 < ${f.targetSeconds} s，${verdict}）${f.detail}`);
}
process.exit(0);
