/**
 * The indicators of a scorecard that the placement report does not carry: training-base
 * use, active secondments and the days from claim to bureau decision, per park, college
 * and city of a period (definitions in ~/domain/assessment/indicators), and the fund
 * share paid on time, from the settlement records of the statements falling due in the
 * period (ADR 061; none due: null, shown as "—").
 */
import type { SubjectType } from "~/domain/assessment/indicators";
import type { Period } from "~/domain/reports/placements";
import { CHINA_OFFSET_MS } from "~/domain/china-time";
import { type ApprovedClaim, meanDecisionDays } from "~/domain/assessment/decision-days";
import { onTimeRateBp, type DueLine } from "~/domain/assessment/fund-on-time";
import { lineKey } from "~/domain/fund/settlement";
import { fenOf } from "~/domain/money";
import { addCalendarDays, dateOf, isoDate } from "~/domain/subsidy/calendar";
import { statementIssue } from "~/services/fund/settlement.server";
import { prisma } from "~/utils/db.server";

const dayAfter = (isoDay: string) => dateOf(addCalendarDays(isoDay, 1));

export type ExtraValues = {
  baseUseBp: number | null;
  activeSecondments: number;
  claimDecisionDays: number | null;
  fundOnTimeBp: number | null;
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
    // Approved in the period (China days: an instant belongs to the China date it falls on); every claim the
    // bureaus approve, graduates' and workers' (ADR 162).
    prisma.subsidyClaim.findMany({
      where: { approvedAt: { gte: new Date(from.getTime() - CHINA_OFFSET_MS), lt: new Date(until.getTime() - CHINA_OFFSET_MS) } },
      select: {
        createdAt: true,
        approvedAt: true,
        bureauId: true,
        graduate: { select: { collegeId: true } },
        placement: { select: { enterprise: { select: { parkId: true } } } },
        workerTrainee: { select: { enterprise: { select: { parkId: true } } } },
      },
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
  const decisionDays = meanDecisionDays(
    claims.map((c): ApprovedClaim => ({
      kind: c.workerTrainee ? "worker_training" : "graduate",
      createdAt: c.createdAt.getTime(),
      approvedAt: c.approvedAt!.getTime(),
      parkId: (c.placement ?? c.workerTrainee)!.enterprise.parkId,
      collegeId: c.graduate?.collegeId ?? null,
      cityCode: bureauCity.get(c.bureauId) ?? "",
    })),
  );

  const dueLines = await loadDueFundLines(period);

  const out = { park: new Map(), college: new Map(), city: new Map() } as ExtraFacts;
  for (const subject of ["park", "college", "city"] as const) {
    const keys = new Set([...capacity[subject].keys(), ...seconded[subject].keys(), ...decisionDays[subject].keys(), ...dueLines[subject].keys()]);
    for (const key of keys) {
      const cap = capacity[subject].get(key) ?? 0;
      out[subject].set(key, {
        baseUseBp: cap > 0 ? Math.round(((trainedBy[subject].get(key) ?? 0) * 10_000) / cap) : null,
        activeSecondments: seconded[subject].get(key) ?? 0,
        claimDecisionDays: decisionDays[subject].get(key) ?? null,
        fundOnTimeBp: onTimeRateBp(dueLines[subject].get(key) ?? []),
      });
    }
  }
  return out;
}

/**
 * The training-fund statement lines falling due in the period (each fund year's current
 * statement, due `dueMonths` after it was first issued), with their confirmed payments,
 * by park and city of the paying enterprise and by receiving college. A line the
 * enterprise keeps under the unpaired rule is owed to nobody and left out; a
 * province-pool line counts for the park and city only.
 */
async function loadDueFundLines(period: Period): Promise<Record<SubjectType, Map<string, DueLine[]>>> {
  const out: Record<SubjectType, Map<string, DueLine[]>> = { park: new Map(), college: new Map(), city: new Map() };
  const push = (subject: SubjectType, key: string, line: DueLine) => out[subject].set(key, [...(out[subject].get(key) ?? []), line]);
  const years = await prisma.fundRun.findMany({ where: { status: "done" }, distinct: ["year"], select: { year: true } });
  for (const { year } of years) {
    const issue = await statementIssue(year);
    if (!issue || issue.dueOn < period.start || issue.dueOn > period.end) continue;
    const [allocations, payments] = await Promise.all([
      prisma.fundAllocation.findMany({
        where: { runId: issue.runId, recipient: { not: "enterprise_retains" } },
        select: { amountFen: true, recipient: true, collegeId: true, enterpriseId: true, enterprise: { select: { parkId: true, park: { select: { cityCode: true } } } } },
      }),
      prisma.fundPayment.findMany({ where: { year, status: "confirmed" }, select: { enterpriseId: true, collegeId: true, recipient: true, status: true, amountFen: true, paidOn: true } }),
    ]);
    const paid = new Map<string, DueLine["payments"][number][]>();
    for (const p of payments) {
      const key = `${p.enterpriseId}:${lineKey(p)}`;
      paid.set(key, [...(paid.get(key) ?? []), { status: p.status, amountFen: fenOf(p.amountFen), paidOn: isoDate(p.paidOn) }]);
    }
    for (const a of allocations) {
      const line: DueLine = { owedFen: fenOf(a.amountFen), dueOn: issue.dueOn, payments: paid.get(`${a.enterpriseId}:${lineKey(a)}`) ?? [] };
      push("park", String(a.enterprise.parkId), line);
      push("city", a.enterprise.park.cityCode, line);
      if (a.collegeId !== null) push("college", String(a.collegeId), line);
    }
  }
  return out;
}
