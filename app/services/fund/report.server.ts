import { chinaDate } from "~/domain/china-time";
import { FUNDING_SOURCES } from "~/domain/constants";
import { prisma } from "~/utils/db.server";
import type { Principal } from "~/utils/principal.server";
import { actorIdOf, hasRole, requireRole } from "~/utils/scopes.server";
import { spendingByCategory } from "./ledger.server";
import { type ArrearsRow, arrearsOf, type SettlementTotals, settlementLines, settlementTotals, type StatementIssue, statementIssue } from "./settlement.server";
import { statementYears } from "./training-fund.server";

/** How many groups (parks for the province, colleges for a park) the share chart shows; the rest are summed. */
const SHARE_GROUPS = 10;
const ARREARS_SHOWN = 8;

/**
 * The training fund's money for the reports and the province dashboard (issue 19, item
 * 6): the latest issued statement's college share owed against what is confirmed as
 * received, who is in arrears, and what the colleges spent their 专款 on, by category.
 * Live figures (not a report snapshot), in the principal's scope: a park its own
 * enterprises and paired colleges, the province all.
 */
export type FundMoneyReport = {
  year: number | null;
  issue: StatementIssue | null;
  totals: SettlementTotals | null;
  shares: { label: string; owedFen: number; confirmedFen: number }[];
  arrears: ArrearsRow[];
  arrearsCount: number;
  categories: { category: string; label: string; amountFen: number; entries: number }[];
};

export async function fundMoneyReport({ principal, now = new Date() }: { principal: Principal; now?: Date }): Promise<FundMoneyReport> {
  requireRole(principal, ["park", "province"], "只有园区和省园区办可以查看培训经费报表");
  const today = chinaDate(now);
  let year: number | null = null;
  for (const y of statementYears()) {
    if (await statementIssue(y)) {
      year = y;
      break;
    }
  }
  const categories = await spendingByCategory({ principal });
  if (year === null) return { year, issue: null, totals: null, shares: [], arrears: [], arrearsCount: 0, categories };
  const { issue, lines } = await settlementLines({ principal, year, now });
  // The province reads the share by park, a park by the college (or pool) it is owed to.
  const groupOf = (l: (typeof lines)[number]) => (hasRole(principal, "province") ? l.enterprise.park.name : l.recipientName);
  const groups = new Map<string, { label: string; owedFen: number; confirmedFen: number }>();
  for (const l of lines) {
    const label = groupOf(l);
    const g = groups.get(label) ?? { label, owedFen: 0, confirmedFen: 0 };
    g.owedFen += l.owedFen;
    g.confirmedFen += l.confirmedFen;
    groups.set(label, g);
  }
  const sorted = [...groups.values()].sort((a, b) => b.owedFen - a.owedFen || a.label.localeCompare(b.label, "zh-CN"));
  const rest = sorted.slice(SHARE_GROUPS);
  const shares = rest.length
    ? [...sorted.slice(0, SHARE_GROUPS), { label: `其余 ${rest.length} 个`, owedFen: rest.reduce((s, g) => s + g.owedFen, 0), confirmedFen: rest.reduce((s, g) => s + g.confirmedFen, 0) }]
    : sorted;
  const arrears = arrearsOf(lines, today);
  return { year, issue, totals: settlementTotals(lines, today), shares, arrears: arrears.slice(0, ARREARS_SHOWN), arrearsCount: arrears.length, categories };
}

/** The statuses of a worker-training claim whose money is committed: reserved on approval, then batched and paid. */
const COMMITTED = ["approved", "in_batch", "paid"];

export type WorkerTrainingReport = {
  claims: number;
  amountFen: number;
  paidFen: number;
  bySource: { label: string; amountFen: number; paidFen: number }[];
  byCluster: { label: string; amountFen: number; paidFen: number }[];
};

/**
 * Worker-training subsidies (职业技能提升补贴, issue 19 items 4 and 6) approved so far, by the
 * budget's funding source and by the claiming enterprise's industrial cluster: the
 * province all of them, a park those of its enterprises.
 */
export async function workerTrainingReport({ principal }: { principal: Principal }): Promise<WorkerTrainingReport> {
  requireRole(principal, ["park", "province"], "只有园区和省园区办可以查看培训经费报表");
  const claims = await prisma.subsidyClaim.findMany({
    where: {
      kind: "worker_training",
      status: { in: COMMITTED },
      ...(hasRole(principal, "park") ? { workerTrainee: { enterprise: { parkId: actorIdOf(principal, "park") ?? -1 } } } : {}),
    },
    select: {
      amountFen: true,
      status: true,
      budgetAllocation: { select: { source: true } },
      workerTrainee: { select: { enterprise: { select: { cluster: { select: { name: true, park: { select: { name: true } } } } } } } },
    },
  });
  const bySource = new Map<string, { label: string; amountFen: number; paidFen: number }>();
  const byCluster = new Map<string, { label: string; amountFen: number; paidFen: number }>();
  const add = (map: typeof bySource, label: string, amountFen: number, paid: boolean) => {
    const row = map.get(label) ?? { label, amountFen: 0, paidFen: 0 };
    row.amountFen += amountFen;
    if (paid) row.paidFen += amountFen;
    map.set(label, row);
  };
  let amountFen = 0;
  let paidFen = 0;
  for (const c of claims) {
    const paid = c.status === "paid";
    amountFen += c.amountFen;
    if (paid) paidFen += c.amountFen;
    const source = c.budgetAllocation?.source;
    add(bySource, source ? (FUNDING_SOURCES[source] ?? source) : "未指定资金来源", c.amountFen, paid);
    const cluster = c.workerTrainee?.enterprise.cluster;
    const clusterLabel = cluster ? (hasRole(principal, "province") ? `${cluster.park.name} · ${cluster.name}` : cluster.name) : "非集群企业";
    add(byCluster, clusterLabel, c.amountFen, paid);
  }
  const sorted = (map: typeof bySource) => [...map.values()].sort((a, b) => b.amountFen - a.amountFen || a.label.localeCompare(b.label, "zh-CN"));
  return { claims: claims.length, amountFen, paidFen, bySource: sorted(bySource), byCluster: sorted(byCluster).slice(0, SHARE_GROUPS) };
}
