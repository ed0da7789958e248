import type { Fraction } from "./decimal";
import { multiplyHalfUp } from "./decimal";
import { splitByLargestRemainder } from "./split";

/**
 * The enterprise training fund (product.md §5.2): fee = payroll × rate, share =
 * fee × share ratio, each rounded half-up to the fen; the share goes to the colleges
 * paired with the enterprise's park in proportion to that year's placements of each
 * college's graduates at the enterprise (equal parts when there are none).
 */
export type FundPolicy = { rate: Fraction; shareRatio: Fraction };
export type PairedCollege = { code: string; placements: number };
export type FundAllocationPart = { code: string; amountFen: number; placements: number };
export type FundComputation = { feeFen: number; shareFen: number; allocations: FundAllocationPart[] };

export function computeTrainingFund(input: {
  payrollFen: number;
  policy: FundPolicy;
  colleges: readonly PairedCollege[];
}): FundComputation {
  const { payrollFen, policy, colleges } = input;
  if (!Number.isSafeInteger(payrollFen) || payrollFen < 0) {
    throw new RangeError(`工资总额必须是非负整数分：${payrollFen}`);
  }
  const fee = multiplyHalfUp(BigInt(payrollFen), policy.rate);
  const share = multiplyHalfUp(fee, policy.shareRatio);
  const parts = splitByLargestRemainder(
    Number(share),
    colleges.map((c) => ({ code: c.code, weight: c.placements })),
  );
  return {
    feeFen: Number(fee),
    shareFen: Number(share),
    allocations: parts.map((p) => ({ ...p, placements: colleges.find((c) => c.code === p.code)!.placements })),
  };
}
