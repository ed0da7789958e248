/** Money is integer fen (分). Formatting works on integers only: no floating point touches an amount. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`金额必须是整数分：${fen}`);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cents = String(abs % 100).padStart(2, "0");
  return `${sign}¥${yuan}.${cents}`;
}

/** A wage or other round amount as people write it: ¥6,400 rather than ¥6,400.00 (cents kept when there are any). */
export function formatWholeYuan(fen: number): string {
  return formatYuan(fen).replace(/\.00$/, "");
}

const YUAN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Yuan as typed → integer fen, the one place the conversion happens (forms give it
 * their own limits and messages): "12,345.6" → 1234560; null when it is not a non-negative amount with at most 2 decimals. */
export function parseYuanToFen(text: string): number | null {
  const match = YUAN.exec(text.trim().replace(/,/g, ""));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** 1234560 fen → "12345.60", the plain yuan text a form field or a spreadsheet takes. */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * A BIGINT money column (budgets, payroll, fund statements, batch totals: ADR 101) as a JS
 * number: exact below 2^53 fen (about 90 trillion yuan), refused above rather than rounded.
 */
export function fenOf(value: bigint | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount ${String(value)} fen is beyond exact integers`);
  return n;
}
