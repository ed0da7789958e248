/**
 * Settlement of the training fund's college share (product.md §12): when a statement
 * line falls due, what its payments add up to, and the status the pages show. Pure
 * functions; amounts are integer fen, dates "YYYY-MM-DD" (China time).
 */

/**
 * Who a statement line is owed to: a paired college; or, for an enterprise of a park with
 * no paired college, what the fund policy's `unpairedRule` says (domain/fund/policy.ts):
 * the province pool, or the enterprise itself, which keeps it for its own workers' training.
 */
export const FUND_RECIPIENTS = ["college", "province_pool", "enterprise_retains"] as const;
export type FundRecipient = (typeof FUND_RECIPIENTS)[number];
export const RECIPIENT_LABELS: Record<FundRecipient, string> = {
  college: "对口院校",
  province_pool: "省级统筹资金池",
  enterprise_retains: "企业留用（职工培训）",
};

export const PAYMENT_STATUSES = ["pending", "confirmed", "disputed"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = { pending: "待确认", confirmed: "已确认到账", disputed: "有异议" };

export const LINE_STATUSES = ["unpaid", "part_paid", "paid", "overdue", "disputed", "retained"] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];
export const LINE_STATUS_LABELS: Record<LineStatus, string> = {
  unpaid: "待付款",
  part_paid: "部分付款",
  paid: "已付清",
  overdue: "逾期",
  disputed: "有异议",
  retained: "企业留用",
};

/**
 * The day `months` calendar months after `day`; a day the target month lacks becomes its
 * last day (31 Jan + 1 month = 28/29 Feb), as people count "three months after".
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** A statement line is due `dueMonths` after the statement was issued. */
export function dueDate(issuedOn: string, dueMonths: number): string {
  return addMonths(issuedOn, dueMonths);
}

export type LinePayments = { status: PaymentStatus; amountFen: number }[];

export type LineSettlement = {
  owedFen: number;
  confirmedFen: number;
  pendingFen: number;
  disputedFen: number;
  /** Owed and not yet confirmed as received (never negative). */
  outstandingFen: number;
  /** What the enterprise may still record: owed less what is confirmed or waiting for confirmation. */
  payableFen: number;
  status: LineStatus;
};

/**
 * The state of one statement line on `today`: paid once the recipient has confirmed the
 * whole amount; otherwise disputed while a payment is disputed, overdue after the due
 * date, part-paid when some of it is confirmed, else unpaid. Payments waiting for
 * confirmation do not count as paid (the recipient has not seen the money yet).
 */
export function settleLine(input: { owedFen: number; payments: LinePayments; dueOn: string; today: string; retained?: boolean }): LineSettlement {
  const sum = (status: PaymentStatus) => input.payments.filter((p) => p.status === status).reduce((s, p) => s + p.amountFen, 0);
  const confirmedFen = sum("confirmed");
  const pendingFen = sum("pending");
  const disputedFen = sum("disputed");
  const outstandingFen = Math.max(0, input.owedFen - confirmedFen);
  const payableFen = Math.max(0, input.owedFen - confirmedFen - pendingFen);
  if (input.retained) {
    // Kept by the enterprise under the policy: shown, owed to nobody, never in arrears.
    return { owedFen: input.owedFen, confirmedFen, pendingFen, disputedFen, outstandingFen: 0, payableFen: 0, status: "retained" };
  }
  let status: LineStatus;
  if (outstandingFen === 0) status = "paid";
  else if (disputedFen > 0) status = "disputed";
  else if (input.today > input.dueOn) status = "overdue";
  else if (confirmedFen > 0) status = "part_paid";
  else status = "unpaid";
  return { owedFen: input.owedFen, confirmedFen, pendingFen, disputedFen, outstandingFen, payableFen, status };
}

/** Why a payment cannot be recorded against a line, or null when it can. */
export function paymentProblem(input: { amountFen: number; payableFen: number }): string | null {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) return "付款金额必须大于 0";
  if (input.amountFen > input.payableFen) {
    return input.payableFen === 0 ? "该笔应付款已全部付清或有待确认的付款" : `付款金额超过尚未支付的金额`;
  }
  return null;
}

/** The key of a line among an enterprise's lines of a year: "c<collegeId>" or the pool. */
export function lineKey(line: { recipient: string; collegeId: number | null }): string {
  return line.recipient === "college" ? `c${line.collegeId}` : line.recipient;
}

// ───── The college's 专款专用 ledger ─────

export const SPENDING_CATEGORIES = ["equipment", "teachers", "student_aid", "curriculum", "other"] as const;
export type SpendingCategory = (typeof SPENDING_CATEGORIES)[number];
export const SPENDING_CATEGORY_LABELS: Record<SpendingCategory, string> = {
  equipment: "实训设备",
  teachers: "师资",
  student_aid: "学生补助",
  curriculum: "课程开发",
  other: "其他",
};

/** The balance after a spending entry, or the reason it is refused (the balance never goes below zero). */
export function spendFrom(balanceFen: number, amountFen: number): { ok: true; balanceFen: number } | { ok: false; reason: string } {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return { ok: false, reason: "支出金额必须大于 0" };
  if (amountFen > balanceFen) return { ok: false, reason: "支出金额超过专款余额" };
  return { ok: true, balanceFen: balanceFen - amountFen };
}
