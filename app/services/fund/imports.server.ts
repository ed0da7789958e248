import { chinaDate } from "~/domain/china-time";
import { type FundRecipient, paymentProblem, RECIPIENT_LABELS, SPENDING_CATEGORIES, SPENDING_CATEGORY_LABELS, type SpendingCategory, spendFrom } from "~/domain/fund/settlement";
import { fenOf, fenToYuanText } from "~/domain/money";
import { dateOf } from "~/domain/subsidy/calendar";
import { notifyAccounts } from "~/services/labour/notifications.server";
import type { ImportDefinition, Problem } from "~/services/registry/types";
import { prisma } from "~/utils/db.server";
import { conflict } from "~/utils/errors.server";
import { requireActor } from "~/utils/scopes.server";
import { bookSpending, spendingProblem } from "./ledger.server";
import { PaymentSchema, type PaymentFields, SpendingSchema, type SpendingFields } from "./schemas";
import { recipientAccounts, type SettlementLine, settlementLines } from "./settlement.server";
import { statementYears } from "./training-fund.server";

/**
 * The fund's two table imports (issue 19, item 7), run by the one import machinery of
 * app/services/registry/imports.server.ts: an enterprise's payments against its
 * statements, a college's 专款专用 spending entries. All or nothing, every bad line named;
 * amounts are checked cumulatively down the file (what is still unpaid on a line, what
 * is left of the balance), and again by the database writes inside the transaction.
 */

export const FUND_IMPORT_KINDS = ["fund_payments", "ledger_entries"] as const;
export type FundImportKind = (typeof FUND_IMPORT_KINDS)[number];

/** A line's recipient as a person writes it: the college's name or school code, or the pool's name. */
function recipientNames(line: SettlementLine): string[] {
  return line.college ? [line.college.name, line.college.schoolCode] : [line.recipientName, RECIPIENT_LABELS[line.recipient as FundRecipient]];
}

/**
 * The statement line each checked row pays, noted by the checker for the writer: the
 * writer runs inside the import's transaction, where the settlement reads (which go
 * through the shared client) must not run. Keyed by the row's own parsed object.
 */
const lineOfRow = new WeakMap<PaymentFields, SettlementLine>();

const fundPayments: ImportDefinition<PaymentFields> = {
  roles: ["enterprise"],
  columns: [
    { key: "year", header: "年度", aliases: ["对账年度", "year"], required: true, note: "对账单所属年度，如 2025" },
    { key: "line", header: "收款方", aliases: ["收款院校", "收款单位", "recipient"], required: true, note: "该年度对账单上的收款方：院校名称或院校代码，或“省级统筹资金池”" },
    { key: "paidOn", header: "付款日期", aliases: ["支付日期", "paidOn"], required: true, note: "实际付款日期，如 2026-03-15，不能晚于今天" },
    { key: "amount", header: "付款金额（元）", aliases: ["金额", "付款金额", "amount"], required: true, note: "元，最多两位小数；同一收款方的各行合计不能超过尚未支付的金额" },
    { key: "voucherNo", header: "付款凭证号", aliases: ["凭证号", "voucher"], required: true, note: "银行回单或转账凭证号，本企业内不能重复" },
  ],
  async example(principal) {
    const enterpriseId = requireActor(principal, "enterprise", "只有企业可以导入付款");
    for (const year of statementYears()) {
      const { lines } = await settlementLines({ principal, year, enterpriseId });
      const line = lines.find((l) => l.payableFen > 0);
      if (line) {
        const amount = Math.min(line.payableFen, 100_000);
        return { year: String(year), line: recipientNames(line)[0]!, paidOn: chinaDate(new Date()), amount: fenToYuanText(amount), voucherNo: `示例-${year}-${Date.now() % 100_000}` };
      }
    }
    return { year: String(statementYears()[0]), line: "", paidOn: chinaDate(new Date()), amount: "1000.00", voucherNo: "示例-0001" };
  },
  async prepare(principal) {
    const enterpriseId = requireActor(principal, "enterprise", "只有企业可以导入付款");
    const today = chinaDate(new Date());
    const linesOfYear = new Map<number, SettlementLine[]>();
    for (const year of statementYears()) linesOfYear.set(year, (await settlementLines({ principal, year, enterpriseId })).lines);
    const vouchers = new Set((await prisma.fundPayment.findMany({ where: { enterpriseId }, select: { voucherNo: true } })).map((p) => p.voucherNo));
    const lineOf = (year: number, key: string) => linesOfYear.get(year)?.find((l) => l.key === key);
    // What earlier rows of the file have taken of each line.
    const taken = new Map<string, number>();
    return {
      resolve(cells) {
        const problems: Problem[] = [];
        const year = Number(cells.year);
        const lines = linesOfYear.get(year);
        let key = "";
        if (cells.year && !lines) problems.push({ field: "年度", reason: `年度“${cells.year}”不在可登记的年度内（${Math.min(...linesOfYear.keys())} 年至今年）` });
        else if (lines && cells.line) {
          const line = lines.find((l) => recipientNames(l).includes(cells.line!.trim()));
          if (line) key = line.key;
          else if (lines.length === 0) problems.push({ field: "年度", reason: `${year} 年度尚未出具对账单` });
          else problems.push({ field: "收款方", reason: `收款方“${cells.line}”不在 ${year} 年度对账单中` });
        }
        return { values: { ...cells, line: key || (problems.length ? "?" : "") }, problems };
      },
      keys: (p) => [{ label: "付款凭证号", key: p.voucherNo }],
      exists: (voucherNo) => vouchers.has(voucherNo),
      refusal(p) {
        if (p.paidOn > today) return "付款日期不能晚于今天";
        const line = lineOf(p.year, p.line)!;
        const slot = `${p.year}|${p.line}`;
        const used = taken.get(slot) ?? 0;
        const problem = paymentProblem({ amountFen: p.amount, payableFen: line.payableFen - used });
        if (problem) return used > 0 ? `${problem}（与文件中前面同一收款方的付款合计）` : problem;
        taken.set(slot, used + p.amount);
        lineOfRow.set(p, line);
        return null;
      },
    };
  },
  async insert(tx, inputs, principal) {
    const enterpriseId = requireActor(principal, "enterprise", "只有企业可以导入付款");
    const enterprise = await tx.enterprise.findUniqueOrThrow({ where: { id: enterpriseId }, select: { name: true } });
    const byLine = new Map<string, { year: number; line: SettlementLine; count: number }>();
    for (const p of inputs) {
      const line = lineOfRow.get(p)!;
      await tx.fundPayment.create({
        data: {
          year: p.year,
          enterpriseId,
          collegeId: line.college?.id ?? null,
          recipient: line.recipient,
          paidOn: dateOf(p.paidOn),
          amountFen: p.amount,
          voucherNo: p.voucherNo,
          recordedById: principal.accountId,
        },
      });
      const slot = `${p.year}|${p.line}`;
      byLine.set(slot, { year: p.year, line, count: (byLine.get(slot)?.count ?? 0) + 1 });
    }
    for (const { year, line, count } of byLine.values()) {
      // Recorded meanwhile by someone else: the sum is checked after the inserts, as recordFundPayment does.
      const sum = await tx.fundPayment.aggregate({
        where: { year, enterpriseId, collegeId: line.college?.id ?? null, recipient: line.recipient, status: { in: ["pending", "confirmed"] } },
        _sum: { amountFen: true },
      });
      if (fenOf(sum._sum.amountFen ?? 0) > line.owedFen) throw conflict(`${year} 年度付给${line.recipientName}的金额超过应付金额（刚有其他付款登记），整个文件未导入`);
      await notifyAccounts(
        tx,
        (await recipientAccounts(tx, line)).map((accountId) => ({
          accountId,
          kind: "fund_payment",
          title: `${enterprise.name} 导入了 ${count} 笔培训经费付款`,
          body: `${year} 年度院校分成，请核对到账后逐笔确认。`,
          link: line.recipient === "college" ? "/college/fund" : "/fund/settlement",
        })),
      );
    }
  },
};

const CATEGORY_BY_TEXT = new Map<string, SpendingCategory>(
  SPENDING_CATEGORIES.flatMap((c) => [
    [c, c],
    [SPENDING_CATEGORY_LABELS[c], c],
  ]),
);

const ledgerEntries: ImportDefinition<SpendingFields> = {
  roles: ["college"],
  columns: [
    { key: "entryOn", header: "支出日期", aliases: ["日期", "entryOn"], required: true, note: "支出发生日期，如 2026-03-15，不能晚于今天" },
    { key: "category", header: "支出类别", aliases: ["类别", "category"], required: true, note: `${SPENDING_CATEGORIES.map((c) => SPENDING_CATEGORY_LABELS[c]).join(" / ")} 之一` },
    { key: "amount", header: "支出金额（元）", aliases: ["金额", "支出金额", "amount"], required: true, note: "元，最多两位小数；按文件顺序逐行记账，专款余额不能为负" },
    { key: "purpose", header: "用途", aliases: ["支出用途", "purpose"], required: true, note: "支出用途，不超过 200 字" },
    { key: "attachmentRef", header: "附件编号", aliases: ["凭证编号", "发票号", "attachment"], required: false, note: "合同、发票等附件的编号，可留空" },
  ],
  async example(principal) {
    const collegeId = requireActor(principal, "college", "只有院校可以导入专款支出");
    const balance = await prisma.collegeFundBalance.findUnique({ where: { collegeId }, select: { balanceFen: true } });
    const amount = Math.max(1, Math.min(fenOf(balance?.balanceFen ?? 0), 50_000));
    return { entryOn: chinaDate(new Date()), category: SPENDING_CATEGORY_LABELS.equipment, amount: fenToYuanText(amount), purpose: "示例：购置数控实训耗材", attachmentRef: "示例-FP-0001" };
  },
  async prepare(principal) {
    const collegeId = requireActor(principal, "college", "只有院校可以导入专款支出");
    const today = chinaDate(new Date());
    const balance = await prisma.collegeFundBalance.findUnique({ where: { collegeId }, select: { balanceFen: true } });
    let left = fenOf(balance?.balanceFen ?? 0);
    return {
      resolve(cells) {
        const problems: Problem[] = [];
        const text = (cells.category ?? "").trim();
        const category = CATEGORY_BY_TEXT.get(text);
        if (text && !category) problems.push({ field: "支出类别", reason: `支出类别“${text}”应为 ${SPENDING_CATEGORIES.map((c) => SPENDING_CATEGORY_LABELS[c]).join("、")} 之一` });
        // An unknown category is reported here, in the column's words, not again by the schema.
        return { values: { ...cells, category: category ?? (text ? "?" : "") }, problems };
      },
      keys: () => [],
      exists: () => false,
      refusal(entry) {
        const input = { ...entry, amountFen: entry.amount };
        const problem = spendingProblem(input, today);
        if (problem) return problem.message;
        const after = spendFrom(left, entry.amount);
        if (!after.ok) return `${after.reason}（专款余额按文件顺序扣减后为 ${fenToYuanText(left)} 元）`;
        left = after.balanceFen;
        return null;
      },
    };
  },
  async insert(tx, inputs, principal) {
    const collegeId = requireActor(principal, "college", "只有院校可以导入专款支出");
    for (const entry of inputs) await bookSpending(tx, collegeId, { ...entry, amountFen: entry.amount }, principal.accountId);
  },
};

export const FUND_IMPORTERS = {
  fund_payments: { kind: "fund_payments", label: "培训经费付款", schema: PaymentSchema, import: fundPayments, backTo: "/enterprise/fund-payments" },
  ledger_entries: { kind: "ledger_entries", label: "专款支出", schema: SpendingSchema, import: ledgerEntries, backTo: "/college/ledger" },
} as const;
