/**
 * The indicators of a scorecard that the placement report does not carry: training-base
 * use, active secondments and the days from claim to bureau decision, per park, college
 * and city of a period (definitions in ~/domain/assessment/indicators). Fund shares paid
 * on time have no records yet (no settlement of shares exists): null, shown as "—".
 */
import type { SubjectType } from "~/domain/assessment/indicators";
import type { Period } from "~/domain/reports/placements";
import { CHINA_OFFSET_MS } from "~/domain/china-time";
import { addCalendarDays, dateOf } from "~/domain/subsidy/calendar";
import { prisma } from "~/utils/db.server";

const dayAfter = (isoDay: string) => dateOf(addCalendarDays(isoDay, 1));

export type ExtraValues = {
  baseUseBp: number | null;
  activeSecondments: number;
  claimDecisionDays: number | null;
};
export type ExtraFacts = Record<SubjectType, Map<string, ExtraValues>>;

function add<K>(map: Map<K, number>, key: K, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Months of the period over a year: a base's capacity is a year's throughput. */
const yearShare = (period: Period) => (period.kind === "year" ? 1 : period.kind === "quarter" ? 0.25 : 1 / 12);

export async function loadExtraFacts(period: Period): Promise<ExtraFacts> {
  const from = dateOf(period.start);
  const until = dayAfter(period.end);
  const [bases, trained, secondments, claims, bureaus, counties] = await Promise.all([
    prisma.trainingBase.findMany({ select: { id: true, parkId: true, capacity: true, park: { select: { cityCode: true } }, colleges: { select: { collegeId: true } } } }),
    prisma.graduate.groupBy({ by: ["collegeId", "cohortId"], where: { graduationDate: { gte: from, lt: until }, cohort: { trainingBaseId: { not: null } } }, _count: { _all: true } }),
    prisma.secondment.findMany({
      where: { startDate: { lt: until }, OR: [{ endDate: null }, { endDate: { gte: from } }] },
      select: { collegeId: true, enterprise: { select: { parkId: true, park: { select: { cityCode: true } } } } },
    }),
    // Approved in the period (China days: an instant belongs to the China date it falls on).
    prisma.subsidyClaim.findMany({
      // Graduates' claims only: the indicator is about graduate subsidies (worker-training claims have no college, ADR 160).
      where: { approvedAt: { gte: new Date(from.getTime() - CHINA_OFFSET_MS), lt: new Date(until.getTime() - CHINA_OFFSET_MS) }, graduateId: { not: null } },
      select: { createdAt: true, approvedAt: true, bureauId: true, graduate: { select: { collegeId: true } }, placement: { select: { enterprise: { select: { parkId: true } } } } },
    }),
    prisma.bureau.findMany({ select: { id: true, cityCode: true, countyCode: true } }),
    prisma.county.findMany({ select: { code: true, cityCode: true } }),
  ]);
  const cohortBase = new Map(
    (await prisma.cohort.findMany({ where: { id: { in: trained.map((t) => t.cohortId!).filter((id) => id !== null) } }, select: { id: true, trainingBaseId: true } })).map((c) => [c.id, c.trainingBaseId]),
  );
  const baseById = new Map(bases.map((b) => [b.id, b]));
  const share = yearShare(period);

  const capacity: Record<SubjectType, Map<string, number>> = { park: new Map(), college: new Map(), city: new Map() };
  for (const b of bases) {
    add(capacity.park, String(b.parkId), b.capacity * share);
    add(capacity.city, b.park.cityCode, b.capacity * share);
    for (const c of b.colleges) add(capacity.college, String(c.collegeId), b.capacity * share);
  }
  const trainedBy: Record<SubjectType, Map<string, number>> = { park: new Map(), college: new Map(), city: new Map() };
  for (const t of trained) {
    const base = baseById.get(cohortBase.get(t.cohortId ?? -1) ?? -1);
    if (!base) continue;
    add(trainedBy.park, String(base.parkId), t._count._all);
    add(trainedBy.city, base.park.cityCode, t._count._all);
    add(trainedBy.college, String(t.collegeId), t._count._all);
  }

  const seconded: Record<SubjectType, Map<string, number>> = { park: new Map(), college: new Map(), city: new Map() };
  for (const s of secondments) {
    add(seconded.park, String(s.enterprise.parkId), 1);
    add(seconded.city, s.enterprise.park.cityCode, 1);
    add(seconded.college, String(s.collegeId), 1);
  }

  const countyCity = new Map(counties.map((c) => [c.code, c.cityCode]));
  const bureauCity = new Map(bureaus.map((b) => [b.id, b.cityCode ?? countyCity.get(b.countyCode ?? "") ?? ""]));
  const daysSum: Record<SubjectType, Map<string, number>> = { park: new Map(), college: new Map(), city: new Map() };
  const daysCount: Record<SubjectType, Map<string, number>> = { park: new Map(), college: new Map(), city: new Map() };
  for (const c of claims) {
    const days = (c.approvedAt!.getTime() - c.createdAt.getTime()) / 86_400_000;
    for (const [subject, key] of [
      ["park", String(c.placement!.enterprise.parkId)],
      ["college", String(c.graduate!.collegeId)],
      ["city", bureauCity.get(c.bureauId) ?? ""],
    ] as const) {
      add(daysSum[subject], key, Math.max(0, days));
      add(daysCount[subject], key, 1);
    }
  }

  const out = { park: new Map(), college: new Map(), city: new Map() } as ExtraFacts;
  for (const subject of ["park", "college", "city"] as const) {
    const keys = new Set([...capacity[subject].keys(), ...seconded[subject].keys(), ...daysCount[subject].keys()]);
    for (const key of keys) {
      const cap = capacity[subject].get(key) ?? 0;
      const n = daysCount[subject].get(key) ?? 0;
      out[subject].set(key, {
        baseUseBp: cap > 0 ? Math.round(((trainedBy[subject].get(key) ?? 0) * 10_000) / cap) : null,
        activeSecondments: seconded[subject].get(key) ?? 0,
        claimDecisionDays: n > 0 ? Math.round(((daysSum[subject].get(key) ?? 0) / n) * 10) / 10 : null,
      });
    }
  }
  return out;
}
