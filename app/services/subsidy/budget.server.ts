import { fenOf } from "~/domain/money";
import { FUNDING_SOURCES } from "~/domain/constants";
import { chinaDate } from "~/domain/china-time";
import type { Principal } from "~/utils/principal.server";
import { requireActor } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { AppError, conflict } from "~/utils/errors.server";


export const currentYear = (now = new Date()) => Number(chinaDate(now).slice(0, 4));

/**
 * A bureau's budget for a year, per funding source: the allocation, what approved
 * claims reserved (used), what has been paid, and what is left.
 */
export async function getBureauBudget({ principal, year }: { principal: Principal; year: number }) {
  const bureauId = requireActor(principal, "bureau", "只有人社局可以管理年度预算");
  const [bureau, allocations, years] = await Promise.all([
    prisma.bureau.findUniqueOrThrow({ where: { id: bureauId }, select: { name: true } }),
    prisma.budgetAllocation.findMany({
      where: { budget: { bureauId, year } },
      orderBy: { source: "asc" },
      select: { id: true, source: true, amountFen: true, reservedFen: true },
    }),
    prisma.bureauBudget.findMany({ where: { bureauId }, select: { year: true }, orderBy: { year: "desc" } }),
  ]);
  const paid = await prisma.subsidyClaim.groupBy({
    by: ["budgetAllocationId"],
    where: { budgetAllocationId: { in: allocations.map((a) => a.id) }, status: "paid" },
    _sum: { amountFen: true },
    _count: true,
  });
  const rows = allocations.map((a) => {
    const p = paid.find((x) => x.budgetAllocationId === a.id);
    const amountFen = fenOf(a.amountFen);
    const reservedFen = fenOf(a.reservedFen);
    return {
      ...a,
      amountFen,
      reservedFen,
      label: FUNDING_SOURCES[a.source] ?? a.source,
      paidFen: p?._sum.amountFen ?? 0,
      paidCount: p?._count ?? 0,
      leftFen: amountFen - reservedFen,
    };
  });
  const total = rows.reduce(
    (t, r) => ({ amountFen: t.amountFen + r.amountFen, reservedFen: t.reservedFen + r.reservedFen, paidFen: t.paidFen + r.paidFen }),
    { amountFen: 0, reservedFen: 0, paidFen: 0 },
  );
  return { bureauName: bureau.name, year, rows, total: { ...total, leftFen: total.amountFen - total.reservedFen }, years: years.map((y) => y.year) };
}

/**
 * Sets the amount a funding source gives this bureau for a year (adding the source
 * when new). An amount below what is already reserved is refused: the budget can
 * never be exceeded, so it cannot be cut under what approved claims hold.
 */
export async function setBudgetAllocation({
  principal,
  year,
  source,
  amountFen,
}: {
  principal: Principal;
  year: number;
  source: string;
  amountFen: number;
}) {
  const bureauId = requireActor(principal, "bureau", "只有人社局可以管理年度预算");
  if (!(source in FUNDING_SOURCES)) throw new AppError({ field: "source", message: "未知的资金来源" });
  await prisma.$transaction(async (tx) => {
    const budget = await tx.bureauBudget.upsert({
      where: { bureauId_year: { bureauId, year } },
      create: { bureauId, year },
      update: {},
      select: { id: true },
    });
    await tx.budgetAllocation.upsert({
      where: { budgetId_source: { budgetId: budget.id, source } },
      create: { budgetId: budget.id, source, amountFen },
      update: {},
    });
    const changed = await tx.$executeRaw`
      UPDATE "BudgetAllocation" SET "amountFen" = ${amountFen}
      WHERE "budgetId" = ${budget.id} AND "source" = ${source} AND "reservedFen" <= ${amountFen}`;
    if (changed !== 1) {
      throw conflict("预算金额不能低于已批准占用的金额", "amountYuan");
    }
  });
}
