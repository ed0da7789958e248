/**
 * Splits a whole amount into parts proportional to weights by largest remainder:
 * each recipient gets the floor of its exact share, and the fen left over go one
 * each to the largest remainders, ties to the lower code. The parts sum exactly to
 * the amount. With no weight at all, every recipient weighs the same.
 */
export type Recipient = { code: string; weight: number };
export type Part = { code: string; amountFen: number };

export function splitByLargestRemainder(amountFen: number, recipients: readonly Recipient[]): Part[] {
  if (recipients.length === 0) return [];
  const sorted = [...recipients].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const total = sorted.reduce((sum, r) => sum + BigInt(r.weight), 0n);
  const weights = total === 0n ? sorted.map(() => 1n) : sorted.map((r) => BigInt(r.weight));
  const denominator = total === 0n ? BigInt(sorted.length) : total;
  const amount = BigInt(amountFen);

  const shares = sorted.map((r, i) => {
    const exact = amount * weights[i]!;
    return { code: r.code, floor: exact / denominator, remainder: exact % denominator };
  });
  let leftover = amount - shares.reduce((sum, s) => sum + s.floor, 0n);
  const byRemainder = shares
    .map((s, index) => ({ index, remainder: s.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const bonus = new Set<number>();
  for (const { index } of byRemainder) {
    if (leftover === 0n) break;
    bonus.add(index);
    leftover -= 1n;
  }
  return shares.map((s, index) => ({ code: s.code, amountFen: Number(s.floor + (bonus.has(index) ? 1n : 0n)) }));
}
