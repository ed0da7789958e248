import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { solveExplicitRound, type ExplicitRound } from "./deferred-acceptance";
import { drawLottery, priorityOf } from "./lottery";
import { solveScoredRound } from "./round";

type Round = ExplicitRound<number, number>;
type Matching = Map<number, number | null>;

const solve = (round: Round): Matching => solveExplicitRound(round);

describe("deferred acceptance, by hand", () => {
  it("the textbook case: graduates get their graduate-optimal stable partners", () => {
    // A and B both want order 1 first; order 1 prefers B. A falls back to order 2.
    const round: Round = {
      orders: [
        { id: 1, capacity: 1, ranking: [20, 10] },
        { id: 2, capacity: 1, ranking: [10, 20] },
      ],
      graduates: [
        { id: 10, preferences: [1, 2] },
        { id: 20, preferences: [1, 2] },
      ],
    };
    expect(Object.fromEntries(solve(round))).toEqual({ 10: 2, 20: 1 });
  });

  it("capacities: an order of quantity 2 takes its two best proposers", () => {
    const round: Round = {
      orders: [{ id: 1, capacity: 2, ranking: [30, 10, 20] }],
      graduates: [10, 20, 30].map((id) => ({ id, preferences: [1] })),
    };
    expect(Object.fromEntries(solve(round))).toEqual({ 10: 1, 20: null, 30: 1 });
  });

  it("an order does not take a graduate missing from its ranking, and a graduate only orders they listed", () => {
    const round: Round = {
      orders: [
        { id: 1, capacity: 5, ranking: [20] },
        { id: 2, capacity: 5, ranking: [10, 20] },
      ],
      graduates: [
        { id: 10, preferences: [1] },
        { id: 20, preferences: [2] },
      ],
    };
    expect(Object.fromEntries(solve(round))).toEqual({ 10: null, 20: 2 });
  });

  it("a rejection cascades: the displaced graduate proposes onwards", () => {
    const round: Round = {
      orders: [
        { id: 1, capacity: 1, ranking: [30, 10, 20] },
        { id: 2, capacity: 1, ranking: [10, 20, 30] },
      ],
      graduates: [
        { id: 10, preferences: [1, 2] },
        { id: 20, preferences: [2, 1] },
        { id: 30, preferences: [1, 2] },
      ],
    };
    expect(Object.fromEntries(solve(round))).toEqual({ 10: 2, 20: null, 30: 1 });
  });
});

// ───── Random instances ─────

const arbRound = (maxGraduates: number, maxOrders: number) =>
  fc
    .record({ g: fc.integer({ min: 1, max: maxGraduates }), o: fc.integer({ min: 1, max: maxOrders }) })
    .chain(({ g, o }) => {
      const graduateIds = Array.from({ length: g }, (_, i) => 100 + i);
      const orderIds = Array.from({ length: o }, (_, i) => 1 + i);
      return fc.record({
        orders: fc.tuple(
          ...orderIds.map((id) =>
            fc.record({
              id: fc.constant(id),
              capacity: fc.integer({ min: 0, max: 3 }),
              ranking: fc.shuffledSubarray(graduateIds),
            }),
          ),
        ),
        graduates: fc.tuple(
          ...graduateIds.map((id) => fc.record({ id: fc.constant(id), preferences: fc.shuffledSubarray(orderIds) })),
        ),
      });
    });

const prefers = (list: readonly number[], a: number | null, b: number | null) => {
  // true when a is strictly better than b in list (null = unmatched, below every listed entry)
  const ra = a === null ? Infinity : list.indexOf(a);
  const rb = b === null ? Infinity : list.indexOf(b);
  return ra !== -1 && ra < (rb === -1 ? Infinity : rb);
};

function isAcceptable(round: Round, m: Matching): boolean {
  for (const g of round.graduates) {
    const o = m.get(g.id) ?? null;
    if (o === null) continue;
    if (!g.preferences.includes(o)) return false;
    if (!round.orders.find((x) => x.id === o)!.ranking.includes(g.id)) return false;
  }
  return true;
}

function withinCapacity(round: Round, m: Matching): boolean {
  return round.orders.every((o) => [...m.values()].filter((x) => x === o.id).length <= o.capacity);
}

/** No graduate and order that both prefer each other to what they got. */
function blockingPair(round: Round, m: Matching): [number, number] | null {
  for (const g of round.graduates) {
    const mine = m.get(g.id) ?? null;
    for (const o of round.orders) {
      if (!prefers(g.preferences, o.id, mine)) continue;
      if (!o.ranking.includes(g.id)) continue;
      const admitted = round.graduates.filter((x) => m.get(x.id) === o.id).map((x) => x.id);
      if (admitted.length < o.capacity) return [g.id, o.id];
      if (admitted.some((x) => o.ranking.indexOf(g.id) < o.ranking.indexOf(x))) return [g.id, o.id];
    }
  }
  return null;
}

/** Every stable matching, by enumeration (small instances only). */
function allStableMatchings(round: Round): Matching[] {
  const out: Matching[] = [];
  const current: Matching = new Map();
  const walk = (i: number) => {
    if (i === round.graduates.length) {
      if (withinCapacity(round, current) && blockingPair(round, current) === null) out.push(new Map(current));
      return;
    }
    const g = round.graduates[i]!;
    for (const o of [null, ...g.preferences]) {
      if (o !== null && !round.orders.find((x) => x.id === o)!.ranking.includes(g.id)) continue;
      current.set(g.id, o);
      walk(i + 1);
    }
  };
  walk(0);
  return out;
}

describe("deferred acceptance, on random instances", () => {
  it("every assignment is acceptable to both sides and no capacity is exceeded", () => {
    fc.assert(
      fc.property(arbRound(12, 6), (round) => {
        const m = solve(round);
        expect(isAcceptable(round, m)).toBe(true);
        expect(withinCapacity(round, m)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("the result is stable: no graduate and order both prefer each other to what they got", () => {
    fc.assert(
      fc.property(arbRound(12, 6), (round) => {
        expect(blockingPair(round, solve(round))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it("the result is the graduate-optimal stable matching (against brute force)", () => {
    fc.assert(
      fc.property(arbRound(5, 3), (round) => {
        const m = solve(round);
        const stable = allStableMatchings(round);
        expect(stable.some((s) => round.graduates.every((g) => s.get(g.id) === m.get(g.id)))).toBe(true);
        for (const s of stable) {
          for (const g of round.graduates) {
            // nobody does better in any other stable matching
            expect(prefers(g.preferences, s.get(g.id) ?? null, m.get(g.id) ?? null)).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("lottery and scored rounds", () => {
  it("the same seed draws the same numbers; a permutation of 1 … n", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 200 }), (seed, n) => {
        const a = drawLottery(seed, n);
        expect([...a]).toEqual([...drawLottery(seed, n)]);
        expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      }),
    );
  });

  it("different seeds draw different orders", () => {
    expect([...drawLottery("round-1", 50)]).not.toEqual([...drawLottery("round-2", 50)]);
  });

  it("a higher score wins whatever the lottery; equal scores go to the lower lottery number", () => {
    expect(priorityOf(80.5, 99, 100)).toBeGreaterThan(priorityOf(80.49, 1, 100));
    expect(priorityOf(80, 1, 100)).toBeGreaterThan(priorityOf(80, 2, 100));
  });

  it("equal scores for one place: the lottery decides, and a re-run with the seed gives the same result", () => {
    const round = {
      graduateCount: 4,
      capacity: Int32Array.from([1]),
      prefStart: Int32Array.from([0, 1, 2, 3, 4]),
      prefOrder: Int32Array.from([0, 0, 0, 0]),
      prefScore: Float64Array.from([70, 70, 70, 70]),
      seed: "seed-A",
    };
    const first = solveScoredRound(round);
    const winner = first.assigned.indexOf(0);
    expect([...first.assigned].filter((x) => x === 0)).toHaveLength(1);
    expect(first.lottery[winner]).toBe(1);
    expect([...solveScoredRound(round).assigned]).toEqual([...first.assigned]);
  });

  it("an excluded graduate (negative score) is never assigned to that order", () => {
    const outcome = solveScoredRound({
      graduateCount: 2,
      capacity: Int32Array.from([5]),
      prefStart: Int32Array.from([0, 1, 2]),
      prefOrder: Int32Array.from([0, 0]),
      prefScore: Float64Array.from([-1, 10]),
      seed: "x",
    });
    expect([...outcome.assigned]).toEqual([-1, 0]);
  });
});
