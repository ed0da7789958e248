// usage: (cd <checkout> && npx tsx /work/wt-r22/.prof/dump.ts <db file> <out.json>)
import fs from "node:fs";
import path from "node:path";
process.env.DATABASE_URL = `file:${path.resolve(process.argv[2]!)}`;
process.env.PII_KEY ??= "bench-pii-key-0123456789abcdef0123456789";
process.env.SESSION_SECRET ??= "bench-session-secret-0123456789";
const root = process.cwd();
const { prisma } = await import(`${root}/app/utils/db.server`);
const { parsePeriod, computeMetrics, monthsOf } = await import(`${root}/app/domain/reports/placements`);
const { loadReportFacts } = await import(`${root}/app/services/reports/facts.server`);
const { computePlacementReport } = await import(`${root}/app/services/reports/placements.server`);
const { computeScorecards, loadExtraFacts } = await import(`${root}/app/services/assessment/scorecards.server`);
const out: Record<string, unknown> = {};
for (const key of (process.argv[4] ?? "2025-Q3,2025,2024-Q4,2025-07,2026-Q3,2024").split(",")) {
  const period = parsePeriod(key)!;
  const s = performance.now();
  out[key] = await computePlacementReport(period);
  const facts = await loadReportFacts(period, "2026-11-28");
  out[`${key} trend`] = monthsOf(period).map((m: string) => computeMetrics({ period: parsePeriod(m)!, dimension: "province", facts, names: new Map() }));
  if (period.kind !== "month") {
    const extra = await loadExtraFacts(period);
    for (const subject of ["park", "college", "city"]) out[`${key} ${subject}`] = await computeScorecards({ period, subject, facts, extra });
  }
  console.log(key, ((performance.now() - s) / 1000).toFixed(1), "s");
}
fs.writeFileSync(process.argv[3]!, JSON.stringify(out, null, 1));
await prisma.$disconnect();
