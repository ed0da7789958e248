/**
 * "Fund share paid on time" (经费分成按期到账率, product.md §11) from the settlement
 * records (§12, ADR 061): of the statement lines falling due in a period, the share of
 * the amount owed that was paid on or before the due date and confirmed by the
 * recipient. A payment still waiting for confirmation, or disputed, does not count (the
 * recipient has not seen the money); what is paid beyond a line's amount does not make
 * up for another line. Pure: no database, no clock.
 */

export type DueLine = {
  owedFen: number;
  dueOn: string;
  payments: readonly { status: string; amountFen: number; paidOn: string }[];
};

/** The part of one line paid on time: confirmed payments dated on or before the due day, at most the amount owed. */
export function paidOnTimeFen(line: DueLine): number {
  const onTime = line.payments.filter((p) => p.status === "confirmed" && p.paidOn <= line.dueOn).reduce((s, p) => s + p.amountFen, 0);
  return Math.max(0, Math.min(line.owedFen, onTime));
}

/** Σ paid on time ÷ Σ owed over the lines, in basis points (0…10000, half-up); null when nothing is owed. */
export function onTimeRateBp(lines: readonly DueLine[]): number | null {
  const owed = lines.reduce((s, l) => s + Math.max(0, l.owedFen), 0);
  if (owed === 0) return null;
  const paid = lines.reduce((s, l) => s + paidOnTimeFen(l), 0);
  return Math.floor((paid * 10_000 * 2 + owed) / (owed * 2));
}
