import { z } from "zod";
import { SPENDING_CATEGORIES } from "~/domain/fund/settlement";
import { parseYuanToFen } from "~/domain/money";
import { calendarDayField, requiredText } from "~/utils/forms";

/**
 * The fields of a fund payment and of a ledger spending entry: one schema for the form
 * and for each row of an imported file (ADR 011).
 */
const yuan = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    // Spreadsheets write thousands separators (3,000.00): accepted, as parseYuanToFen reads them.
    .regex(/^(\d{1,13}|\d{1,3}(,\d{3}){1,4})(\.\d{1,2})?$/, { error: `${label}须为不超过两位小数的正数（元）` })
    .transform((t) => parseYuanToFen(t)!);

export const PaymentSchema = z.object({
  year: z.coerce.number({ error: "年度无效" }).int({ error: "年度无效" }).min(2000, { error: "年度无效" }).max(2100, { error: "年度无效" }),
  line: requiredText("收款方", 40),
  paidOn: calendarDayField("付款日期"),
  amount: yuan("付款金额"),
  voucherNo: requiredText("付款凭证号", 60),
});
export type PaymentFields = z.infer<typeof PaymentSchema>;

export const SpendingSchema = z.object({
  entryOn: calendarDayField("支出日期"),
  category: z.enum(SPENDING_CATEGORIES, { error: "请选择支出类别" }),
  amount: yuan("支出金额"),
  purpose: requiredText("用途", 200),
  attachmentRef: z.string().trim().max(200, { error: "附件编号不能超过 200 个字符" }).optional().transform((s) => s || null),
});
export type SpendingFields = z.infer<typeof SpendingSchema>;
