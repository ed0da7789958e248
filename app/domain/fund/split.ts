/**
 * Splits a whole amount into parts proportional to weights by largest remainder:
 * each recipient gets the floor of its exact share, and the fen left over go one
 * each to the largest remainders, ties to the lower code. The parts sum exactly to
 * the amount. With no weight at all, every recipient weighs the same. Parts come
 * back in code order.
 */
export type Recipient = { code: string; weight: number };
export type Part = { code: string; amountFen: number };

const byCode = (a: Recipient, b: Recipient) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function splitByLargestRemainder(amountFen: number, recipients: readonly Recipient[]): Part[] {
  if (recipients.length === 0) return [];
  const sorted = [...recipients].sort(byCode);
  if (sorted.length === 1) return [{ code: sorted[0]!.code, amountFen }];
  const total = sorted.reduce((sum, r) => sum + BigInt(r.weight), 0n);
  const equal = total === 0n;
  const denominator = equal ? BigInt(sorted.length) : total;
  const amount = BigInt(amountFen);

  let leftover = amount;
  const shares = sorted.map((r, index) => {
    const exact = amount * (equal ? 1n : BigInt(r.weight));
    const floor = exact / denominator;
    leftover -= floor;
    return { index, floor, remainder: exact % denominator };
  });
  // Largest remainder first; equal remainders keep code order (the sort is stable).
  const order = [...shares].sort((a, b) => (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1));
  for (let i = 0; i < Number(leftover); i++) order[i]!.floor += 1n;
  return shares.map((s) => ({ code: sorted[s.index]!.code, amountFen: Number(s.floor) }));
}
