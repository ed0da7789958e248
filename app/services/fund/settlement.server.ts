import { chinaDate } from "~/domain/china-time";
import {
  dueDate,
  type FundRecipient,
  type LineSettlement,
  type LineStatus,
  lineKey,
  paymentProblem,
  type PaymentStatus,
  RECIPIENT_LABELS,
  settleLine,
} from "~/domain/fund/settlement";
import { fenOf, fenToYuanText } from "~/domain/money";
import { dateOf, isoDate } from "~/domain/subsidy/calendar";
import { notifyAccounts, notifyingTransaction } from "~/services/labour/notifications.server";
import { Prisma } from "~/generated/prisma/client";
import { operatorPrincipal, type Principal } from "~/utils/principal.server";
import { decidableFundPaymentScope, editableEnterpriseScope, fundAllocationScope, fundPaymentScope, requireRole } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { AppError, conflict, notFound } from "~/utils/errors.server";
import { currentFundRun, trainingFundPolicyVersion } from "./training-fund.server";

/**
 * Settlement of the training fund's college share (product.md §12, ADR 061): each line
 * of the year's statement (enterprise → college, or → a pool) falls due `dueMonths`
 * after the statement was issued; the enterprise records payments, the recipient
 * confirms or disputes them; a confirmed payment to a college is a receipt of its
 * 专款专用 ledger.
 */

export type StatementIssue = { runId: number; issuedOn: string; dueOn: string; dueMonths: number };

/**
 * The year's statement as issued: the current run, the day its statements were first
 * issued (the earliest finished run of the year, so a recomputation moves amounts, not
 * the due date) and the due date under the current run's policy. Null before any run.
 */
export async function statementIssue(year: number): Promise<StatementIssue | null> {
  const run = await currentFundRun(year);
  if (!run) return null;
  const [first, full] = await Promise.all([
    prisma.fundRun.findFirst({ where: { year, status: "done", issuedOn: { not: null } }, orderBy: { issuedOn: "asc" }, select: { issuedOn: true } }),
    prisma.fundRun.findUniqueOrThrow({ where: { id: run.id }, select: { policyVersionId: true, finishedAt: true } }),
  ]);
  const policy = await trainingFundPolicyVersion(full.policyVersionId);
  const issuedOn = first?.issuedOn ? isoDate(first.issuedOn) : chinaDate(full.finishedAt ?? new Date());
  return { runId: run.id, issuedOn, dueOn: dueDate(issuedOn, policy.dueMonths), dueMonths: policy.dueMonths };
}

export type SettlementLine = LineSettlement & {
  key: string;
  year: number;
  enterprise: { id: number; name: string; creditCode: string; park: { id: number; name: string } };
  college: { id: number; name: string; schoolCode: string } | null;
  recipient: FundRecipient;
  recipientName: string;
  dueOn: string;
};

const paymentLineWhere = (year: number) => ({ year, status: { in: ["pending", "confirmed", "disputed"] } });

/**
 * Every statement line of the year within the principal's scope, with its payments
 * summed and its status on `today`. Lines are read whole (a province has tens of
 * thousands; each is a few numbers) so that status can be filtered and totalled.
 */
export async function settlementLines({
  principal,
  year,
  now = new Date(),
  enterpriseId,
}: {
  principal: Principal;
  year: number;
  now?: Date;
  enterpriseId?: number;
}): Promise<{ issue: StatementIssue | null; lines: SettlementLine[] }> {
  const issue = await statementIssue(year);
  if (!issue) return { issue, lines: [] };
  const today = chinaDate(now);
  const [allocations, payments] = await Promise.all([
    prisma.fundAllocation.findMany({
      where: { AND: [{ runId: issue.runId }, fundAllocationScope(principal), enterpriseId ? { enterpriseId } : {}] },
      select: {
        amountFen: true,
        recipient: true,
        collegeId: true,
        enterprise: { select: { id: true, name: true, creditCode: true, park: { select: { id: true, name: true } } } },
        college: { select: { id: true, name: true, schoolCode: true } },
      },
      orderBy: [{ enterprise: { name: "asc" } }, { id: "asc" }],
    }),
    prisma.fundPayment.findMany({
      where: { AND: [paymentLineWhere(year), fundPaymentScope(principal), enterpriseId ? { enterpriseId } : {}] },
      select: { enterpriseId: true, collegeId: true, recipient: true, status: true, amountFen: true },
    }),
  ]);
  const byLine = new Map<string, { status: PaymentStatus; amountFen: number }[]>();
  for (const p of payments) {
    const key = `${p.enterpriseId}:${lineKey(p)}`;
    const list = byLine.get(key) ?? [];
    list.push({ status: p.status as PaymentStatus, amountFen: fenOf(p.amountFen) });
    byLine.set(key, list);
  }
  const lines = allocations.map((a) => {
    const key = lineKey(a);
    const recipient = a.recipient as FundRecipient;
    return {
      ...settleLine({ owedFen: fenOf(a.amountFen), payments: byLine.get(`${a.enterprise.id}:${key}`) ?? [], dueOn: issue.dueOn, today, retained: recipient === "enterprise_retains" }),
      key,
      year,
      enterprise: a.enterprise,
      college: a.college,
      recipient,
      recipientName: a.college?.name ?? RECIPIENT_LABELS[recipient],
      dueOn: issue.dueOn,
    };
  });
  return { issue, lines };
}

export type SettlementTotals = { owedFen: number; confirmedFen: number; pendingFen: number; arrearsFen: number; lines: number; overdue: number; disputed: number };

/** Totals of lines: owed, confirmed as received, waiting for confirmation, and in arrears (past due, not received). */
export function settlementTotals(lines: readonly SettlementLine[], today: string): SettlementTotals {
  return lines.reduce(
    (t, l) => ({
      owedFen: t.owedFen + l.owedFen,
      confirmedFen: t.confirmedFen + l.confirmedFen,
      pendingFen: t.pendingFen + l.pendingFen,
      arrearsFen: t.arrearsFen + (today > l.dueOn ? l.outstandingFen : 0),
      lines: t.lines + 1,
      overdue: t.overdue + (l.status === "overdue" ? 1 : 0),
      disputed: t.disputed + (l.status === "disputed" ? 1 : 0),
    }),
    { owedFen: 0, confirmedFen: 0, pendingFen: 0, arrearsFen: 0, lines: 0, overdue: 0, disputed: 0 },
  );
}

export type ArrearsRow = { enterprise: SettlementLine["enterprise"]; lines: number; outstandingFen: number; dueOn: string; statuses: LineStatus[] };

/**
 * Who is in arrears (park and province): enterprises with lines past their due date and
 * not received in full, largest amount first.
 */
export async function listArrears({ principal, year, now = new Date() }: { principal: Principal; year: number; now?: Date }) {
  requireRole(principal, ["park", "province"], "只有园区和省园区办可以查看欠缴情况");
  const { issue, lines } = await settlementLines({ principal, year, now });
  const today = chinaDate(now);
  return { issue, rows: arrearsOf(lines, today), totals: settlementTotals(lines, today) };
}

/** The enterprises in arrears among `lines` on `today`, largest amount first. */
export function arrearsOf(lines: readonly SettlementLine[], today: string): ArrearsRow[] {
  const byEnterprise = new Map<number, ArrearsRow>();
  for (const l of lines) {
    if (!(today > l.dueOn) || l.outstandingFen === 0) continue;
    const row = byEnterprise.get(l.enterprise.id) ?? { enterprise: l.enterprise, lines: 0, outstandingFen: 0, dueOn: l.dueOn, statuses: [] };
    row.lines += 1;
    row.outstandingFen += l.outstandingFen;
    if (!row.statuses.includes(l.status)) row.statuses.push(l.status);
    byEnterprise.set(l.enterprise.id, row);
  }
  return [...byEnterprise.values()].sort((a, b) => b.outstandingFen - a.outstandingFen || a.enterprise.name.localeCompare(b.enterprise.name, "zh-CN"));
}

// ───── Payments ─────

const PAYMENT_SELECT = {
  id: true,
  year: true,
  recipient: true,
  collegeId: true,
  paidOn: true,
  amountFen: true,
  voucherNo: true,
  status: true,
  disputeReason: true,
  createdAt: true,
  decidedAt: true,
  enterprise: { select: { id: true, name: true } },
  college: { select: { id: true, name: true } },
} satisfies Prisma.FundPaymentSelect;

/** Payments of a year within the principal's scope, newest first (optionally one status). */
export async function listFundPayments({ principal, year, status, enterpriseId }: { principal: Principal; year: number; status?: PaymentStatus; enterpriseId?: number }) {
  const rows = await prisma.fundPayment.findMany({
    where: { AND: [{ year }, fundPaymentScope(principal), status ? { status } : {}, enterpriseId ? { enterpriseId } : {}] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    select: PAYMENT_SELECT,
  });
  return rows.map((r) => ({
    ...r,
    amountFen: fenOf(r.amountFen),
    paidOn: isoDate(r.paidOn),
    recipientName: r.college?.name ?? RECIPIENT_LABELS[r.recipient as FundRecipient] ?? r.recipient,
  }));
}

export type PaymentInput = { year: number; enterpriseId: number; line: string; paidOn: string; amountFen: number; voucherNo: string };

/**
 * Records a payment an enterprise made against one line of its statement. The
 * enterprise itself (or its park, or the province, for records they hold) may record
 * it; an amount beyond what is still unpaid (owed less confirmed and waiting payments)
 * is refused. The insert is the transaction's first statement, and the line's sum is
 * checked after it, so two payments recorded at once cannot both pass.
 */
export async function recordFundPayment({ principal, input, now = new Date() }: { principal: Principal; input: PaymentInput; now?: Date }) {
  requireRole(principal, ["enterprise", "park", "province"], "只有企业（或其园区、省园区办）可以登记付款");
  const enterprise = await prisma.enterprise.findFirst({ where: { AND: [{ id: input.enterpriseId }, editableEnterpriseScope(principal)] }, select: { id: true, name: true } });
  if (!enterprise) throw notFound("企业");
  if (input.paidOn > chinaDate(now)) throw new AppError({ field: "paidOn", message: "付款日期不能晚于今天" });
  const voucherNo = input.voucherNo.trim();
  if (!voucherNo) throw new AppError({ field: "voucherNo", message: "请填写付款凭证号" });
  const { lines } = await settlementLines({ principal, year: input.year, now, enterpriseId: enterprise.id });
  const line = lines.find((l) => l.key === input.line);
  if (!line) throw new AppError({ field: "line", message: `${input.year} 年度对账单中没有该收款方` });
  const problem = paymentProblem({ amountFen: input.amountFen, payableFen: line.payableFen });
  if (problem) throw new AppError({ field: "amount", message: problem });
  try {
    return await notifyingTransaction(async (tx) => {
      const payment = await tx.fundPayment.create({
        data: {
          year: input.year,
          enterpriseId: enterprise.id,
          collegeId: line.college?.id ?? null,
          recipient: line.recipient,
          paidOn: dateOf(input.paidOn),
          amountFen: input.amountFen,
          voucherNo,
          recordedById: principal.accountId,
          createdAt: now,
        },
        select: { id: true },
      });
      const sum = await tx.fundPayment.aggregate({
        where: { year: input.year, enterpriseId: enterprise.id, collegeId: line.college?.id ?? null, recipient: line.recipient, status: { in: ["pending", "confirmed"] } },
        _sum: { amountFen: true },
      });
      if (fenOf(sum._sum.amountFen ?? 0) > line.owedFen) throw conflict("付款金额超过尚未支付的金额（刚有其他付款登记）", "amount");
      const to = await recipientAccounts(tx, line);
      await notifyAccounts(
        tx,
        to.map((accountId) => ({
          accountId,
          kind: "fund_payment",
          title: `${enterprise.name} 登记了培训经费付款`,
          body: `${input.year} 年度院校分成，凭证号 ${voucherNo}，请核对到账后确认。`,
          link: line.recipient === "college" ? "/college/fund" : "/fund/settlement",
        })),
      );
      return payment;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw conflict(`凭证号 ${voucherNo} 已登记过`, "voucherNo");
    }
    throw error;
  }
}

/** The accounts that confirm a line's payments: the college's staff, or the province's for the province pool. */
export async function recipientAccounts(tx: Prisma.TransactionClient, line: { recipient: string; college: { id: number } | null }) {
  const where: Prisma.AccountWhereInput = line.recipient === "college" ? { collegeId: line.college?.id ?? -1 } : { role: "province" };
  const accounts = await tx.account.findMany({ where: { ...where, active: true }, select: { id: true } });
  return accounts.map((a) => a.id);
}

/**
 * The recipient confirms that a payment arrived, or disputes it with a reason. A
 * confirmed payment to a college is booked as a receipt of its ledger in the same
 * transaction; the decision is a conditional update, so two clicks decide once.
 */
export async function decideFundPayment({
  principal,
  paymentId,
  decision,
  reason,
  now = new Date(),
}: {
  principal: Principal;
  paymentId: number;
  decision: "confirm" | "dispute";
  reason?: string;
  now?: Date;
}) {
  requireRole(principal, ["college", "province"], "只有收款方可以确认到账");
  const payment = await prisma.fundPayment.findFirst({
    where: { AND: [{ id: paymentId }, decidableFundPaymentScope(principal)] },
    select: { id: true, status: true, year: true, amountFen: true, voucherNo: true, collegeId: true, recipient: true, enterpriseId: true, enterprise: { select: { name: true } } },
  });
  if (!payment) throw notFound("付款记录");
  const why = reason?.trim() ?? "";
  if (decision === "dispute" && !why) throw new AppError({ field: "reason", message: "请填写异议原因" });
  return notifyingTransaction(async (tx) => {
    const { count } = await tx.fundPayment.updateMany({
      where: { id: payment.id, status: "pending" },
      data: decision === "confirm"
        ? { status: "confirmed", decidedById: principal.accountId, decidedAt: now }
        : { status: "disputed", disputeReason: why.slice(0, 200), decidedById: principal.accountId, decidedAt: now },
    });
    if (count !== 1) throw conflict("该付款已确认或已提出异议");
    if (decision === "confirm" && payment.recipient === "college" && payment.collegeId) {
      await bookReceipt(tx, {
        collegeId: payment.collegeId,
        paymentId: payment.id,
        amountFen: fenOf(payment.amountFen),
        entryOn: chinaDate(now),
        purpose: `${payment.enterprise.name} ${payment.year} 年度培训经费院校分成（凭证号 ${payment.voucherNo}）`,
        recordedById: principal.accountId,
      });
    }
    const accounts = await tx.account.findMany({ where: { enterpriseId: payment.enterpriseId, active: true }, select: { id: true } });
    await notifyAccounts(
      tx,
      accounts.map((a) => ({
        accountId: a.id,
        kind: "fund_payment",
        title: decision === "confirm" ? `培训经费付款已确认到账（凭证号 ${payment.voucherNo}）` : `培训经费付款有异议（凭证号 ${payment.voucherNo}）`,
        body: decision === "confirm" ? `${payment.year} 年度院校分成的付款已由收款方确认。` : `收款方的异议：${why}。请核实后重新登记。`,
        link: "/enterprise/fund-payments",
      })),
    );
    return { id: payment.id, status: decision === "confirm" ? "confirmed" : "disputed" };
  });
}

/**
 * A receipt of a college's 专款专用 ledger: the balance grows by the amount and the
 * entry records the balance after it. The balance row is written first.
 */
export async function bookReceipt(
  tx: Prisma.TransactionClient,
  entry: { collegeId: number; paymentId: number | null; amountFen: number; entryOn: string; purpose: string; recordedById: number | null },
) {
  await tx.collegeFundBalance.upsert({ where: { collegeId: entry.collegeId }, create: { collegeId: entry.collegeId, balanceFen: 0 }, update: {} });
  await tx.$executeRaw`UPDATE "CollegeFundBalance" SET "balanceFen" = "balanceFen" + ${entry.amountFen} WHERE "collegeId" = ${entry.collegeId}`;
  const balance = await tx.collegeFundBalance.findUniqueOrThrow({ where: { collegeId: entry.collegeId }, select: { balanceFen: true } });
  await tx.collegeLedgerEntry.create({
    data: {
      collegeId: entry.collegeId,
      kind: "receipt",
      amountFen: entry.amountFen,
      entryOn: dateOf(entry.entryOn),
      purpose: entry.purpose,
      paymentId: entry.paymentId,
      balanceFen: balance.balanceFen,
      recordedById: entry.recordedById,
    },
  });
}

// ───── Reminders (the worker's daily job) ─────

/**
 * Reminds each enterprise of every statement line past its due date and not received
 * in full, once per line and calendar month: the FundReminder row (unique per line and
 * month) is written with the notification in one transaction, so running the job again
 * the same month — or two workers at once — reminds nobody twice.
 */
export async function sendFundReminders({ now = new Date() }: { now?: Date } = {}) {
  const today = chinaDate(now);
  const period = today.slice(0, 7);
  const province = operatorPrincipal();
  const years = await prisma.fundRun.findMany({ where: { status: "done" }, distinct: ["year"], select: { year: true } });
  let reminded = 0;
  for (const { year } of years) {
    const { lines } = await settlementLines({ principal: province, year, now });
    for (const line of lines) {
      if (!(today > line.dueOn) || line.outstandingFen === 0) continue;
      try {
        await notifyingTransaction(async (tx) => {
          await tx.fundReminder.create({ data: { year, enterpriseId: line.enterprise.id, lineKey: line.key, period } });
          const accounts = await tx.account.findMany({ where: { enterpriseId: line.enterprise.id, active: true }, select: { id: true } });
          await notifyAccounts(
            tx,
            accounts.map((a) => ({
              accountId: a.id,
              kind: "fund_arrears",
              title: `培训经费院校分成逾期未付清（${year} 年度）`,
              body: `应付${line.recipientName}的款项已于 ${line.dueOn} 到期，尚有 ${fenToYuanText(line.outstandingFen)} 元未确认到账，请尽快付款并登记。`,
              link: "/enterprise/fund-payments",
            })),
          );
        });
        reminded += 1;
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue;
        throw error;
      }
    }
  }
  return { reminded, period };
}

// ───── The recipient's decision, as posted by a page (college fund page, park/province settlement page) ─────

/** Reads a confirm/dispute form (paymentId, intent, reason) and decides; the flash message to show. */
export async function decideFromForm(principal: Principal, form: FormData): Promise<{ ok: boolean; message: string }> {
  const paymentId = Number(form.get("paymentId"));
  const intent = form.get("intent");
  if (!Number.isSafeInteger(paymentId) || paymentId <= 0 || (intent !== "confirm" && intent !== "dispute")) {
    return { ok: false, message: "请选择要确认的付款" };
  }
  try {
    await decideFundPayment({ principal, paymentId, decision: intent, reason: String(form.get("reason") ?? "") });
    return { ok: true, message: intent === "confirm" ? "已确认到账" : "已提出异议，付款企业将收到通知" };
  } catch (error) {
    if (error instanceof AppError && (error.status === 400 || error.status === 409)) return { ok: false, message: error.message };
    throw error;
  }
}
