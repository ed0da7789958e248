/**
 * Placement reports: runs that compute every dimension of a period and store each as
 * a published snapshot (ReportSnapshot). A snapshot never changes; a later run of the
 * same period writes new snapshots, and readers take the latest. Runs are idempotent:
 * a retried run skips the dimensions it already stored.
 */
import { QUEUES, enqueueOrDefer } from "~/utils/queue.server";
import { chinaDate } from "~/domain/china-time";
import {
  computeMetrics,
  DIMENSIONS,
  monthsOf,
  parsePeriod,
  previousPeriod,
  type Dimension,
  METRICS_VERSION,
  type MetricRow,
  type Period,
  PROVINCE_KEY,
} from "~/domain/reports/placements";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { loadGroupNames, loadReportFacts } from "./facts.server";
import { SUBJECT_TYPES } from "~/domain/assessment/indicators";
import { computeScorecards, hasScorecards, loadExtraFacts, scorecardDimension } from "~/services/assessment/scorecards.server";

/** Steps of a run: loading the facts, each dimension, and (quarters and years) the three scorecards. */
export const runTotal = (period: Period) => DIMENSIONS.length + 1 + (hasScorecards(period) ? SUBJECT_TYPES.length : 0);

export const REPORT_JOB = "placement-report";
export const SCHEDULED_REPORT_JOB = "scheduled-placement-report";

export type TrendPoint = { month: string; available: number; placed: number; placements: number; placementRateBp: number | null; relevanceRateBp: number | null };
/** A snapshot's JSON; `metricsVersion` is absent in snapshots written before version 2 (ADR 090, "Counting"). */
export type SnapshotData = { period: Period; dimension: Dimension; rows: MetricRow[]; trend: TrendPoint[]; metricsVersion?: number };

/** Figures a snapshot of an older version never had: retention (version 2), worker-training subsidies (version 3). */
const LATER_KEYS = [
  "retention6Due", "retained6", "retention6RateBp", "retention12Due", "retained12", "retention12RateBp",
  "workerClaimsApproved", "workerClaimsApprovedFen", "workerClaimsPaid", "workerClaimsPaidFen",
] as const;

export function periodOrError(text: string | null | undefined, field = "period"): Period {
  const period = parsePeriod(text ?? "");
  if (!period) {
    throw new AppError({ code: "bad_period", field, message: "统计期格式应为 2026-09（月）、2026-Q3（季度）或 2026（年）" });
  }
  return period;
}

export function dimensionOrError(text: string | null | undefined, field = "by"): Dimension {
  const value = text || "province";
  if (!(DIMENSIONS as readonly string[]).includes(value)) {
    throw new AppError({ code: "bad_dimension", field, message: `统计维度应为 ${DIMENSIONS.join("、")} 之一` });
  }
  return value as Dimension;
}

/** Computes one period by every dimension without storing anything (the bench, the API when no snapshot exists). */
export async function computePlacementReport(period: Period, dimensions: readonly Dimension[] = DIMENSIONS) {
  const facts = await loadReportFacts(period);
  const out: SnapshotData[] = [];
  for (const dimension of dimensions) {
    out.push({ period, dimension, rows: computeMetrics({ period, dimension, facts, names: await loadGroupNames(dimension) }), trend: [] });
  }
  return out;
}

/** Asks for a report on demand: a run, queued (or kept for later when Redis is down). */
export async function requestPlacementReport({ period, createdById }: { period: Period; createdById: number }) {
  const run = await prisma.reportRun.create({
    data: { period: period.key, trigger: "demand", total: runTotal(period), createdById },
  });
  const { deferred } = await enqueueOrDefer({ queue: QUEUES.reports, name: REPORT_JOB, data: { runId: run.id }, jobId: `report-run-${run.id}` });
  return { run, deferred };
}

/**
 * Runs a report run: loads the facts once, then stores one snapshot per dimension that
 * is not stored yet. Progress counts the load and each dimension. Safe to run again.
 */
export async function runPlacementReport({
  runId,
  now = new Date(),
  onProgress,
}: {
  runId: number;
  now?: Date;
  onProgress?: (done: number, total: number) => unknown;
}) {
  const run = await prisma.reportRun.findUnique({ where: { id: runId } });
  if (!run) throw new AppError({ code: "not_found", status: 404, message: `报表任务 ${runId} 不存在` });
  if (run.status === "done") return { runId, written: 0 };
  const period = periodOrError(run.period);
  const total = runTotal(period);
  await prisma.reportRun.update({ where: { id: runId }, data: { status: "running", total, error: null } });
  const stored = new Set(
    (await prisma.reportSnapshot.findMany({ where: { runId }, select: { dimension: true } })).map((s) => s.dimension),
  );
  let done = 1 + stored.size;
  const facts = await loadReportFacts(period, chinaDate(now));
  await prisma.reportRun.update({ where: { id: runId }, data: { done } });
  await onProgress?.(done, total);

  const trend: TrendPoint[] = monthsOf(period).map((month) => {
    const p = parsePeriod(month)!;
    const [province] = computeMetrics({ period: p, dimension: "province", facts, names: new Map([[PROVINCE_KEY, "江西省"]]) });
    return {
      month,
      available: province!.available,
      placed: province!.placed,
      placements: province!.placements,
      placementRateBp: province!.placementRateBp,
      relevanceRateBp: province!.relevanceRateBp,
    };
  });

  let written = 0;
  // The scorecards score the park, college and city rows computed here (a retried run computes the ones it skips).
  const computed = new Map<Dimension, MetricRow[]>();
  for (const dimension of DIMENSIONS) {
    if (stored.has(dimension)) continue;
    const rows = computeMetrics({ period, dimension, facts, names: await loadGroupNames(dimension) });
    computed.set(dimension, rows);
    const data: SnapshotData = { period, dimension, rows, trend, metricsVersion: METRICS_VERSION };
    await prisma.$transaction([
      prisma.reportSnapshot.create({
        data: {
          runId,
          period: period.key,
          dimension,
          status: "published",
          data: JSON.stringify(data),
          trigger: run.trigger,
          createdById: run.createdById,
          publishedAt: now,
        },
      }),
      prisma.reportRun.update({ where: { id: runId }, data: { done: { increment: 1 } } }),
    ]);
    written += 1;
    done += 1;
    await onProgress?.(done, total);
  }
  if (hasScorecards(period)) {
    const extra = await loadExtraFacts(period);
    for (const subject of SUBJECT_TYPES) {
      const dimension = scorecardDimension(subject);
      if (stored.has(dimension)) continue;
      const data = await computeScorecards({ period, subject, facts, extra, metrics: computed.get(subject) });
      await prisma.$transaction([
        prisma.reportSnapshot.create({
          data: { runId, period: period.key, dimension, status: "published", data: JSON.stringify(data), trigger: run.trigger, createdById: run.createdById, publishedAt: now },
        }),
        prisma.reportRun.update({ where: { id: runId }, data: { done: { increment: 1 } } }),
      ]);
      written += 1;
      done += 1;
      await onProgress?.(done, total);
    }
  }
  await prisma.reportRun.update({ where: { id: runId }, data: { status: "done", done: total, finishedAt: new Date() } });
  return { runId, written };
}

/** Records why a run failed, for the reports page (the job is retried until its last attempt). */
export async function markReportRunFailed({ runId, message, final }: { runId: number; message: string; final: boolean }) {
  await prisma.reportRun.updateMany({
    where: { id: runId, status: { not: "done" } },
    data: { error: message.slice(0, 500), ...(final ? { status: "failed", finishedAt: new Date() } : {}) },
  });
}

/**
 * The scheduled report of the month or quarter that ended before `now` (China time):
 * one run per period (its scheduleKey), so a schedule firing twice reports once.
 */
export async function runScheduledReport({ kind, now }: { kind: "month" | "quarter"; now: Date }) {
  const chinaDay = chinaDate(now);
  const period = previousPeriod(kind, chinaDay);
  const scheduleKey = `schedule:${period.key}`;
  const run = await prisma.reportRun.upsert({
    where: { scheduleKey },
    create: { period: period.key, trigger: "schedule", scheduleKey, total: runTotal(period) },
    update: {},
  });
  return runPlacementReport({ runId: run.id, now });
}

/** The latest published snapshot of a period by a dimension, or null. */
export async function latestSnapshot({ period, dimension }: { period: string; dimension: Dimension }) {
  const snapshot = await prisma.reportSnapshot.findFirst({
    where: { period, dimension, status: "published" },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
  });
  if (!snapshot) return null;
  const data = JSON.parse(snapshot.data) as SnapshotData;
  const metricsVersion = data.metricsVersion ?? 1;
  // A snapshot stays as published; figures it never had (retention, worker-training subsidies) read as null ("—"), never as 0.
  for (const row of data.rows) for (const key of LATER_KEYS) (row as Record<string, unknown>)[key] ??= null;
  return { id: snapshot.id, publishedAt: snapshot.publishedAt, trigger: snapshot.trigger, runId: snapshot.runId, data, metricsVersion, outdated: metricsVersion < METRICS_VERSION };
}

/** Periods that have published snapshots, newest first. */
export async function publishedPeriods() {
  const rows = await prisma.reportSnapshot.groupBy({
    by: ["period"],
    where: { status: "published" },
    _max: { publishedAt: true },
  });
  return rows.map((r) => ({ period: r.period, publishedAt: r._max.publishedAt })).sort((a, b) => (a.period < b.period ? 1 : -1));
}

export function recentReportRuns(take = 10) {
  return prisma.reportRun.findMany({ orderBy: { id: "desc" }, take });
}
