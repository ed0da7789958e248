/**
 * The figures a home page shows beyond dashboard.server.ts: monthly trends,
 * the latest published report, the cluster map (province), order fill (enterprise) and
 * budget by source (bureau). Each within the principal's own scope.
 */
import { FUNDING_SOURCES } from "~/domain/constants";
import { formatRate } from "~/domain/reports/placements";
import { fenOf, formatYuan } from "~/domain/money";
import { getClusterMap } from "~/services/geo/cluster-map.server";
import { fundMoneyReport, type FundMoneyReport, workerTrainingReport, type WorkerTrainingReport } from "~/services/fund/report.server";
import { latestSnapshot, publishedPeriods } from "~/services/reports/placements.server";
import type { Principal } from "~/utils/principal.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { sqlMonthOf } from "~/utils/sql.server";
import { hasRole } from "~/utils/scopes.server";

export type TrendPoint = { month: string; value: number };
export type Bar = { label: string; value: number; max: number; text: string };
export type HomeExtras = {
  trend: { title: string; points: TrendPoint[] } | null;
  report: { period: string; figures: { label: string; value: string }[]; href: string | null } | null;
  bars: { title: string; rows: Bar[] } | null;
  map: Awaited<ReturnType<typeof getClusterMap>> | null;
  /** The training fund's share, arrears and 专款 spending (province dashboard, issue 19). */
  fund: FundMoneyReport | null;
  workerTraining: WorkerTrainingReport | null;
};

/** The last 12 calendar months (UTC), oldest first, as "YYYY-MM". */
export function lastMonths(now: Date, count = 12): string[] {
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/**
 * 新增就业 per month over the last 12 months: distinct graduates starting a placement in the
 * month (a re-hire within the month counts once), optionally in one park, one enterprise or
 * of one college's graduates (docs/decisions/090, "Counting").
 */
async function monthlyPlacements(now: Date, scope: { parkId?: number; collegeId?: number; enterpriseId?: number }) {
  const months = lastMonths(now);
  const from = `${months[0]}-01`;
  const rows = await prisma.$queryRaw<{ month: string; n: bigint | number }[]>`
    SELECT ${sqlMonthOf(Prisma.sql`p."startDate"`)} AS "month", COUNT(DISTINCT p."graduateId") AS "n"
      FROM "Placement" p
      ${scope.parkId ? Prisma.sql`JOIN "Enterprise" e ON e."id" = p."enterpriseId"` : Prisma.empty}
      ${scope.collegeId ? Prisma.sql`JOIN "Graduate" g ON g."id" = p."graduateId"` : Prisma.empty}
     WHERE p."startDate" >= ${new Date(`${from}T00:00:00.000Z`)}
       ${scope.parkId ? Prisma.sql`AND e."parkId" = ${scope.parkId}` : Prisma.empty}
       ${scope.collegeId ? Prisma.sql`AND g."collegeId" = ${scope.collegeId}` : Prisma.empty}
       ${scope.enterpriseId ? Prisma.sql`AND p."enterpriseId" = ${scope.enterpriseId}` : Prisma.empty}
     GROUP BY 1`;
  const byMonth = new Map(rows.map((r) => [String(r.month), Number(r.n)]));
  return months.map((month) => ({ month, value: byMonth.get(month) ?? 0 }));
}

/** The newest published report's row for the principal (province, own park or own college). */
async function latestReport(p: Principal): Promise<HomeExtras["report"]> {
  const periods = await publishedPeriods();
  const period = periods[0]?.period;
  if (!period) return null;
  const dimension = hasRole(p, "park") ? "park" : hasRole(p, "college") ? "college" : "province";
  const key = hasRole(p, "park") ? String(p.parkId) : hasRole(p, "college") ? String(p.collegeId) : "360000";
  const snapshot = await latestSnapshot({ period, dimension });
  const row = snapshot?.data.rows.find((r) => r.key === key);
  if (!row) return null;
  return {
    period,
    href: hasRole(p, "province") ? `/province/reports?period=${period}` : hasRole(p, "park") ? `/park/reports?period=${period}` : null,
    figures: [
      { label: "就业率", value: formatRate(row.placementRateBp) },
      { label: "对口率", value: formatRate(row.relevanceRateBp) },
      { label: "省内园区就业率", value: formatRate(row.inParkRateBp) },
      { label: "平均月工资", value: row.avgWageFen === null ? "—" : formatYuan(row.avgWageFen) },
      { label: "订单完成率", value: formatRate(row.fulfilmentRateBp) },
    ],
  };
}

export async function getHomeExtras(p: Principal, now = new Date()): Promise<HomeExtras> {
  const none: HomeExtras = { trend: null, report: null, bars: null, map: null, fund: null, workerTraining: null };
  switch (p.role) {
    case "province": {
      const [points, report, map, fund, workerTraining] = await Promise.all([
        monthlyPlacements(now, {}),
        latestReport(p),
        getClusterMap({}),
        fundMoneyReport({ principal: p, now }),
        workerTrainingReport({ principal: p }),
      ]);
      return { ...none, trend: { title: "全省近 12 个月新增就业", points }, report, map, fund, workerTraining };
    }
    case "park": {
      if (!p.parkId) return none;
      const [points, report] = await Promise.all([monthlyPlacements(now, { parkId: p.parkId }), latestReport(p)]);
      return { ...none, trend: { title: "本园区近 12 个月新增就业", points }, report };
    }
    case "college": {
      if (!p.collegeId) return none;
      const [points, report] = await Promise.all([monthlyPlacements(now, { collegeId: p.collegeId }), latestReport(p)]);
      return { ...none, trend: { title: "本校毕业生近 12 个月新增就业", points }, report };
    }
    case "enterprise": {
      if (!p.enterpriseId) return none;
      const [points, orders] = await Promise.all([
        monthlyPlacements(now, { enterpriseId: p.enterpriseId }),
        prisma.order.findMany({
          where: { enterpriseId: p.enterpriseId, status: { not: "draft" } },
          select: { title: true, quantity: true, quantityFilled: true },
          orderBy: { createdAt: "desc" },
          take: 8,
        }),
      ]);
      return {
        ...none,
        trend: { title: "本企业近 12 个月录用", points },
        bars: {
          title: "订单完成情况（已到岗 / 订单人数）",
          rows: orders.map((o) => ({ label: o.title, value: o.quantityFilled, max: o.quantity, text: `${o.quantityFilled} / ${o.quantity} 人` })),
        },
      };
    }
    case "bureau": {
      if (!p.bureauId) return none;
      const budget = await prisma.bureauBudget.findUnique({
        where: { bureauId_year: { bureauId: p.bureauId, year: now.getUTCFullYear() } },
        select: { allocations: { select: { source: true, amountFen: true, reservedFen: true } } },
      });
      const rows = (budget?.allocations ?? []).map((a) => {
        const [reserved, amount] = [fenOf(a.reservedFen), fenOf(a.amountFen)];
        return { label: FUNDING_SOURCES[a.source] ?? a.source, value: reserved, max: amount, text: `已用 ${formatYuan(reserved)}，剩余 ${formatYuan(amount - reserved)}` };
      });
      return { ...none, bars: { title: `${now.getUTCFullYear()} 年预算使用（按资金来源）`, rows } };
    }
    case "graduate":
      return none;
  }
}
