/**
 * A placement report at province scale (issue 9: a quarter by every dimension, under
 * 10 s): the report run as the worker runs it — the quarter's facts read once, every
 * metric computed for all seven dimensions, the monthly trend, and seven snapshots
 * written — on a private copy of the province database (DATABASE_URL, given by
 * bench/index.ts). Also timed: the facts read alone, and the computation without writing.
 */
import { closeBenchHandles } from "./finish";
import { privateProvinceCopy } from "./province-db";

const PERIOD = "2025-Q3";
const TARGET_SECONDS = 10;

const copy = await privateProvinceCopy("reports");

const { prisma } = await import("../app/utils/db.server");
const { parsePeriod } = await import("../app/domain/reports/placements");
const { loadReportFacts } = await import("../app/services/reports/facts.server");
const { computePlacementReport, runPlacementReport } = await import("../app/services/reports/placements.server");

const period = parsePeriod(PERIOD)!;
const seconds = (since: number) => (performance.now() - since) / 1000;

let started = performance.now();
const facts = await loadReportFacts(period);
const loadSeconds = seconds(started);
console.log(
  `facts of ${PERIOD}: ${facts.graduates.length} graduates available, ${facts.placements.length} placements, ${facts.orders.length} orders, ${facts.claims.length} claims — read in ${loadSeconds.toFixed(2)} s`,
);

started = performance.now();
const computed = await computePlacementReport(period);
const computeSeconds = seconds(started);
console.log(`computed without writing (read + 7 dimensions): ${computeSeconds.toFixed(2)} s — rows ${computed.map((d) => `${d.dimension} ${d.rows.length}`).join(", ")}`);

const run = await prisma.reportRun.create({ data: { period: PERIOD, trigger: "demand", total: 8 } });
started = performance.now();
const result = await runPlacementReport({ runId: run.id });
const runSeconds = seconds(started);
const province = computed.find((d) => d.dimension === "province")!.rows[0]!;
console.log(
  `province ${PERIOD}: available ${province.available}, placed ${province.placed}, placement rate ${(province.placementRateBp! / 100).toFixed(2)}%, 对口率 ${((province.relevanceRateBp ?? 0) / 100).toFixed(2)}%`,
);
console.log(
  `report run ${PERIOD} by every dimension (7 snapshots written: ${result.written}): ${runSeconds.toFixed(2)} s (target < ${TARGET_SECONDS} s${runSeconds < TARGET_SECONDS ? ", met" : ", NOT met"})`,
);
await closeBenchHandles();
await copy.drop();
