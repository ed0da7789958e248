import { chinaDate } from "~/domain/china-time";
import { SPENDING_CATEGORIES, SPENDING_CATEGORY_LABELS, type SpendingCategory, spendFrom } from "~/domain/fund/settlement";
import { fenOf } from "~/domain/money";
import { dateOf, isoDate } from "~/domain/subsidy/calendar";
import type { Principal } from "~/utils/principal.server";
import { collegeLedgerScope, requireActor } from "~/utils/scopes.server";
import { prisma, type Prisma } from "~/utils/db.server";
import { AppError, conflict, notFound } from "~/utils/errors.server";
import { PAGE_SIZE } from "~/utils/list-query";

/**
 * A college's 专款专用 ledger of its training-fund share (product.md §12, ADR 061):
 * receipts come from confirmed payments (settlement.server.ts), spending entries are
 * booked by the college; the balance never goes below zero — the conditional UPDATE
 * refuses it here, and the database's guard refuses it whatever the code does.
 */

export type SpendingInput = { entryOn: string; category: SpendingCategory; amountFen: number; purpose: string; attachmentRef: string | null };

/** Checks a spending entry's fields; the message names the field, in Chinese. */
export function spendingProblem(input: SpendingInput, today: string): { field: string; message: string } | null {
  if (!(SPENDING_CATEGORIES as readonly string[]).includes(input.category)) return { field: "category", message: "请选择支出类别" };
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) return { field: "amount", message: "支出金额必须大于 0" };
  if (input.entryOn > today) return { field: "entryOn", message: "支出日期不能晚于今天" };
  if (!input.purpose.trim()) return { field: "purpose", message: "请填写用途" };
  if (input.purpose.length > 200) return { field: "purpose", message: "用途不能超过 200 字" };
  if ((input.attachmentRef ?? "").length > 200) return { field: "attachmentRef", message: "附件编号不能超过 200 字" };
  return null;
}

/**
 * Books one spending entry in the principal's college ledger. The balance is taken with
 * a conditional UPDATE as the transaction's first statement (only while it covers the
 * amount), so two entries booked at once never overdraw it.
 */
export async function bookSpending(
  tx: Prisma.TransactionClient,
  collegeId: number,
  input: SpendingInput,
  recordedById: number | null,
): Promise<{ id: number; balanceFen: number }> {
  const taken = await tx.$executeRaw`
    UPDATE "CollegeFundBalance" SET "balanceFen" = "balanceFen" - ${input.amountFen}
    WHERE "collegeId" = ${collegeId} AND "balanceFen" >= ${input.amountFen}`;
  if (taken !== 1) throw conflict("支出金额超过专款余额", "amount");
  const balance = await tx.collegeFundBalance.findUniqueOrThrow({ where: { collegeId }, select: { balanceFen: true } });
  const entry = await tx.collegeLedgerEntry.create({
    data: {
      collegeId,
      kind: "spending",
      category: input.category,
      amountFen: input.amountFen,
      entryOn: dateOf(input.entryOn),
      purpose: input.purpose.trim(),
      attachmentRef: input.attachmentRef?.trim() || null,
      balanceFen: balance.balanceFen,
      recordedById,
    },
    select: { id: true },
  });
  return { id: entry.id, balanceFen: fenOf(balance.balanceFen) };
}

export async function recordSpending({ principal, input, now = new Date() }: { principal: Principal; input: SpendingInput; now?: Date }) {
  const collegeId = requireActor(principal, "college", "只有院校可以登记专款支出");
  const problem = spendingProblem(input, chinaDate(now));
  if (problem) throw new AppError({ field: problem.field, message: problem.message });
  const balance = await prisma.collegeFundBalance.findUnique({ where: { collegeId }, select: { balanceFen: true } });
  const check = spendFrom(fenOf(balance?.balanceFen ?? 0), input.amountFen);
  if (!check.ok) throw conflict(check.reason, "amount");
  return prisma.$transaction((tx) => bookSpending(tx, collegeId, input, principal.accountId));
}

/** Colleges whose ledger the principal may read, with their balance and what came in and went out. */
export async function listCollegeLedgers({ principal }: { principal: Principal }) {
  const colleges = await prisma.college.findMany({
    where: collegeLedgerScope(principal),
    orderBy: { schoolCode: "asc" },
    select: { id: true, name: true, schoolCode: true, fundBalance: { select: { balanceFen: true } } },
  });
  const sums = await prisma.collegeLedgerEntry.groupBy({
    by: ["collegeId", "kind"],
    where: { collegeId: { in: colleges.map((c) => c.id) } },
    _sum: { amountFen: true },
  });
  const sumOf = (collegeId: number, kind: string) => fenOf(sums.find((s) => s.collegeId === collegeId && s.kind === kind)?._sum.amountFen ?? 0);
  return colleges.map((c) => ({
    id: c.id,
    name: c.name,
    schoolCode: c.schoolCode,
    balanceFen: fenOf(c.fundBalance?.balanceFen ?? 0),
    receivedFen: sumOf(c.id, "receipt"),
    spentFen: sumOf(c.id, "spending"),
  }));
}

/** One college's ledger: balance, spending per category, and its entries (newest first, paged). */
export async function getCollegeLedger({ principal, collegeId, page = 1 }: { principal: Principal; collegeId: number; page?: number }) {
  const college = await prisma.college.findFirst({
    where: { AND: [{ id: collegeId }, collegeLedgerScope(principal)] },
    select: { id: true, name: true, schoolCode: true, fundBalance: { select: { balanceFen: true } } },
  });
  if (!college) throw notFound("院校专款台账");
  const [entries, total, byCategory, byKind] = await Promise.all([
    prisma.collegeLedgerEntry.findMany({
      where: { collegeId },
      orderBy: [{ id: "desc" }],
      skip: (Math.max(1, page) - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, kind: true, category: true, amountFen: true, entryOn: true, purpose: true, attachmentRef: true, balanceFen: true, paymentId: true },
    }),
    prisma.collegeLedgerEntry.count({ where: { collegeId } }),
    prisma.collegeLedgerEntry.groupBy({ by: ["category"], where: { collegeId, kind: "spending" }, _sum: { amountFen: true }, _count: true }),
    prisma.collegeLedgerEntry.groupBy({ by: ["kind"], where: { collegeId }, _sum: { amountFen: true } }),
  ]);
  return {
    college: { id: college.id, name: college.name, schoolCode: college.schoolCode },
    balanceFen: fenOf(college.fundBalance?.balanceFen ?? 0),
    receivedFen: fenOf(byKind.find((k) => k.kind === "receipt")?._sum.amountFen ?? 0),
    spentFen: fenOf(byKind.find((k) => k.kind === "spending")?._sum.amountFen ?? 0),
    categories: SPENDING_CATEGORIES.map((c) => {
      const g = byCategory.find((x) => x.category === c);
      return { category: c, label: SPENDING_CATEGORY_LABELS[c], amountFen: fenOf(g?._sum.amountFen ?? 0), entries: g?._count ?? 0 };
    }),
    entries: entries.map((e) => ({
      ...e,
      amountFen: fenOf(e.amountFen),
      balanceFen: fenOf(e.balanceFen),
      entryOn: isoDate(e.entryOn),
      categoryLabel: e.category ? (SPENDING_CATEGORY_LABELS[e.category as SpendingCategory] ?? e.category) : null,
    })),
    total,
    page,
  };
}

/** Spending per category over every college the principal may read (reports, province dashboard). */
export async function spendingByCategory({ principal }: { principal: Principal }) {
  const groups = await prisma.collegeLedgerEntry.groupBy({
    by: ["category"],
    where: { kind: "spending", college: collegeLedgerScope(principal) },
    _sum: { amountFen: true },
    _count: true,
  });
  return SPENDING_CATEGORIES.map((c) => {
    const g = groups.find((x) => x.category === c);
    return { category: c, label: SPENDING_CATEGORY_LABELS[c], amountFen: fenOf(g?._sum.amountFen ?? 0), entries: g?._count ?? 0 };
  });
}
