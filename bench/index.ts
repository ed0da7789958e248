/**
 * `npm run bench`: every benchmark module, one after the other. A module exports
 * `run()`, which returns its figures; add a new one to BENCHES.
 */
export type BenchFigure = { name: string; seconds: number; targetSeconds: number; detail: string };

const BENCHES: { title: string; load: () => Promise<{ run: () => Promise<BenchFigure[]> }> }[] = [
  { title: "名录批量导入", load: () => import("./registry-import") },
];

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
