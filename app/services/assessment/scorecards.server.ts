/**
 * Scorecards (考核评估, product.md §11): per quarter and year, for parks, colleges and
 * cities, computed by the placement-report run of the period (same schedule, same
 * on-demand run with progress) and stored as published ReportSnapshot rows of
 * dimension "scorecard:<subject>" — never changed once written; a new run of the
 * period publishes new ones and readers take the latest (ADR 090, ADR 130).
 */
import {
  DEFAULT_INDICATOR_SETS,
  indicatorSetKind,
  IndicatorSetSchema,
  SUBJECT_TYPES,
  type IndicatorSet,
  type IndicatorId,
  type SubjectType,
} from "~/domain/assessment/indicators";
import { scoreAndRank, type IndicatorValues, type ScorecardRow } from "~/domain/assessment/score";
import { computeMetrics, parsePeriod, type MetricRow, type Period, type ReportFacts } from "~/domain/reports/placements";
import { dateOf } from "~/domain/subsidy/calendar";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { policyDataOn } from "~/services/policy/versions.server";
import { loadGroupNames } from "~/services/reports/facts.server";
import { loadExtraFacts, type ExtraFacts, type ExtraValues } from "./facts.server";

export const scorecardDimension = (subject: SubjectType) => `scorecard:${subject}`;

export type ScorecardSnapshotData = {
  period: Period;
  subject: SubjectType;
  /** The indicator set used and its version (null: the defaults, no version published). */
  set: IndicatorSet;
  setVersion: number | null;
  asOf: string;
  rows: ScorecardRow[];
};

/** Quarters and years have scorecards; months do not. */
export const hasScorecards = (period: Period) => period.kind !== "month";

export function subjectOrError(text: string | null | undefined, field = "subject"): SubjectType {
  if (!(SUBJECT_TYPES as readonly string[]).includes(text ?? "")) {
    throw new AppError({ code: "bad_subject", field, message: "考核对象应为 park（园区）、college（院校）或 city（设区市）" });
  }
  return text as SubjectType;
}

/** The indicator set of a subject type in force on a day (the defaults until the province publishes one). */
export async function indicatorSetOn(subject: SubjectType, on: Date) {
  const { data, version, effectiveFrom } = await policyDataOn(indicatorSetKind(subject), IndicatorSetSchema, on, DEFAULT_INDICATOR_SETS[subject]);
  return { set: data, version, effectiveFrom };
}

/** Every indicator's value of each subject, from the report's metrics and the extra facts. */
export function indicatorValues(metrics: MetricRow | undefined, extra: ExtraValues | undefined): IndicatorValues {
  const values: Record<IndicatorId, number | null> = {
    placement_rate: metrics?.placementRateBp ?? null,
    relevance_rate: metrics?.relevanceRateBp ?? null,
    retention6_rate: metrics?.retention6RateBp ?? null,
    order_fill_rate: metrics?.fulfilmentRateBp ?? null,
    base_use_rate: extra?.baseUseBp ?? null,
    active_secondments: extra?.activeSecondments ?? 0,
    fund_on_time_rate: extra?.fundOnTimeBp ?? null,
    claim_decision_days: extra?.claimDecisionDays ?? null,
  };
  return values;
}

function previousYearKey(period: Period) {
  return period.kind === "year" ? String(period.year - 1) : `${period.year - 1}${period.key.slice(4)}`;
}

/** The latest published scorecard snapshot of a period and subject type, or null. */
export async function latestScorecard({ period, subject }: { period: string; subject: SubjectType }) {
  const snapshot = await prisma.reportSnapshot.findFirst({
    where: { period, dimension: scorecardDimension(subject), status: "published" },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    select: { id: true, publishedAt: true, trigger: true, runId: true, data: true },
  });
  if (!snapshot) return null;
  return { ...snapshot, data: JSON.parse(snapshot.data) as ScorecardSnapshotData };
}

/**
 * Computes one subject type's scorecards of a period from the report's facts (nothing stored).
 * `metrics`: the report's rows of that dimension for the period, when the caller has them already.
 */
export async function computeScorecards({
  period,
  subject,
  facts,
  extra,
  metrics: given,
}: {
  period: Period;
  subject: SubjectType;
  facts: ReportFacts;
  extra: ExtraFacts;
  metrics?: readonly MetricRow[];
}): Promise<ScorecardSnapshotData> {
  const names = await loadGroupNames(subject);
  const metrics = given ?? computeMetrics({ period, dimension: subject, facts, names });
  const byKey = new Map(metrics.map((m) => [m.key, m]));
  const previous = await latestScorecard({ period: previousYearKey(period), subject });
  const previousScores = new Map(previous?.data.rows.map((r) => [r.key, r.score]) ?? []);
  const { set, version } = await indicatorSetOn(subject, dateOf(period.end));
  const keys = new Set([...names.keys()]);
  const rows = scoreAndRank(
    set,
    [...keys].map((key) => ({
      key,
      name: names.get(key) ?? key,
      graduates: byKey.get(key)?.available ?? 0,
      values: indicatorValues(byKey.get(key), extra[subject].get(key)),
      previousScore: previousScores.get(key) ?? null,
    })),
  );
  return { period, subject, set, setVersion: version, asOf: facts.asOf, rows };
}

export { loadExtraFacts };

/** Periods with published scorecards, newest first. */
export async function scorecardPeriods() {
  const rows = await prisma.reportSnapshot.groupBy({ by: ["period"], where: { status: "published", dimension: { startsWith: "scorecard:" } } });
  return rows.map((r) => r.period).sort((a, b) => (a < b ? 1 : -1));
}

/** The latest period with a published scorecard of a subject type, or null. */
export async function lastScorecardPeriod(subject: SubjectType): Promise<string | null> {
  const rows = await prisma.reportSnapshot.groupBy({ by: ["period"], where: { status: "published", dimension: scorecardDimension(subject) } });
  const periods = rows.map((r) => parsePeriod(r.period)!).filter(Boolean);
  // The most recent by end date; a year and its Q4 end the same day: the quarter is the "last published period" of the cycle.
  periods.sort((a, b) => (a.end === b.end ? (a.kind === "quarter" ? -1 : 1) : a.end < b.end ? 1 : -1));
  return periods[0]?.key ?? null;
}

/** Scores of the last published period under a proposed set: the preview shown before a change takes effect. */
export async function previewIndicatorSet(subject: SubjectType, proposed: IndicatorSet) {
  const key = await lastScorecardPeriod(subject);
  if (!key) return null;
  const snapshot = await latestScorecard({ period: key, subject });
  if (!snapshot) return null;
  const next = scoreAndRank(
    proposed,
    snapshot.data.rows.map((r) => ({ key: r.key, name: r.name, graduates: r.graduates, values: r.values, previousScore: r.previousScore })),
  );
  const before = new Map(snapshot.data.rows.map((r) => [r.key, r]));
  return {
    period: snapshot.data.period,
    rows: next.map((r) => ({ key: r.key, name: r.name, score: r.score, rank: r.rank, scoreBefore: before.get(r.key)?.score ?? null, rankBefore: before.get(r.key)?.rank ?? null })),
  };
}

/** A subject's cards over the periods of one kind (trend), oldest first, from the latest snapshot of each. */
export async function scorecardTrend({ subject, key, kind }: { subject: SubjectType; key: string; kind: "quarter" | "year" }) {
  const snapshots = await prisma.reportSnapshot.findMany({
    where: { status: "published", dimension: scorecardDimension(subject) },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    select: { period: true, data: true },
  });
  const seen = new Set<string>();
  const out: { period: string; label: string; score: number | null; rank: number | null; of: number }[] = [];
  for (const s of snapshots) {
    const period = parsePeriod(s.period);
    if (!period || period.kind !== kind || seen.has(s.period)) continue;
    seen.add(s.period);
    const data = JSON.parse(s.data) as ScorecardSnapshotData;
    const row = data.rows.find((r) => r.key === key);
    out.push({ period: s.period, label: period.label, score: row?.score ?? null, rank: row?.rank ?? null, of: data.rows.filter((r) => r.rank !== null).length });
  }
  return out.sort((a, b) => (a.period < b.period ? -1 : 1));
}
