import { runDeferredAcceptance } from "./deferred-acceptance";
import { drawLottery, priorityOf } from "./lottery";

/** A graduate ranks at most this many orders of a round (product.md §4). */
export const MAX_CHOICES = 10;
/** Rows per page of a round's results. */
export const RESULT_PAGE_SIZE = 50;

/**
 * A round as the service assembles it: graduates in id order, each with its ranked
 * orders (CSR slices) and the match score each of those orders gives the graduate
 * (negative: a hard constraint excludes the graduate from that order).
 */
export type ScoredRound = {
  graduateCount: number;
  capacity: Int32Array;
  prefStart: Int32Array;
  prefOrder: Int32Array;
  prefScore: Float64Array;
  seed: string;
};

export type RoundOutcome = {
  /** Order index per graduate, −1 unmatched. */
  assigned: Int32Array;
  /** Lottery number per graduate (1 … n). */
  lottery: Int32Array;
};

/** Draws the lottery from the seed, turns scores into strict priorities and runs deferred acceptance. */
export function solveScoredRound(round: ScoredRound): RoundOutcome {
  const lottery = drawLottery(round.seed, round.graduateCount);
  const prefPriority = new Float64Array(round.prefOrder.length);
  for (let g = 0; g < round.graduateCount; g++) {
    for (let k = round.prefStart[g]!; k < round.prefStart[g + 1]!; k++) {
      const score = round.prefScore[k]!;
      prefPriority[k] = score < 0 ? -1 : priorityOf(score, lottery[g]!, round.graduateCount);
    }
  }
  const assigned = runDeferredAcceptance({
    graduateCount: round.graduateCount,
    capacity: round.capacity,
    prefStart: round.prefStart,
    prefOrder: round.prefOrder,
    prefPriority,
  });
  return { assigned, lottery };
}
