import { formatYuan } from "../money";

/**
 * 工资总额 and its parts (domain.md §7): time wages, piece wages, bonuses,
 * allowances and subsidies, overtime pay, pay in special circumstances. Welfare and
 * social-insurance contributions are not part of it.
 */
export const PAYROLL_PARTS = ["timeWages", "pieceWages", "bonuses", "allowances", "overtime", "special"] as const;
export type PayrollPart = (typeof PAYROLL_PARTS)[number];
export const PAYROLL_PART_LABELS: Record<PayrollPart, string> = {
  timeWages: "计时工资",
  pieceWages: "计件工资",
  bonuses: "奖金",
  allowances: "津贴和补贴",
  overtime: "加班加点工资",
  special: "特殊情况下支付的工资",
};

export type PayrollParts = Partial<Record<PayrollPart, number>>;

/** When parts are declared, they must add up to the declared total; a message if they do not. */
export function checkPayrollParts(payrollFen: number, parts: PayrollParts): string | null {
  const values = Object.values(parts);
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return sum === payrollFen ? null : `各组成部分合计 ${formatYuan(sum)}，与工资总额 ${formatYuan(payrollFen)} 不一致`;
}

/** Each version of a declaration with its change against the one before (a correction's adjustment). */
export function withAdjustments<T extends { version: number; payrollFen: number }>(
  versions: readonly T[],
): (T & { adjustmentFen: number | null })[] {
  const ascending = [...versions].sort((a, b) => a.version - b.version);
  return ascending.map((v, i) => ({ ...v, adjustmentFen: i === 0 ? null : v.payrollFen - ascending[i - 1]!.payrollFen }));
}
