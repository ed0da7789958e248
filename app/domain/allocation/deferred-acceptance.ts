/**
 * 定向分配 (product.md §4): graduate-proposing deferred acceptance with order
 * quantities as capacities (docs/decisions/071-allocation-round.md).
 *
 * Graduates and orders are dense integer indexes. Each graduate's list is a slice of
 * flat typed arrays (CSR layout): `prefOrder[k]` is the order of the k-th choice and
 * `prefPriority[k]` how much that order wants this graduate — higher is better,
 * unique within an order, negative when the order does not accept the graduate.
 * An order holds its tentative admits in a min-heap by priority, so a proposal costs
 * O(log capacity) and a round of 300,000 graduates × 10 choices runs in well under a
 * second.
 */
export type AllocationInstance = {
  graduateCount: number;
  /** Places per order. */
  capacity: Int32Array;
  /** graduateCount + 1 offsets into prefOrder / prefPriority. */
  prefStart: Int32Array;
  prefOrder: Int32Array;
  prefPriority: Float64Array;
};

/** For each graduate, the index of the order assigned, or −1. */
export function runDeferredAcceptance(instance: AllocationInstance): Int32Array {
  const { graduateCount, capacity, prefStart, prefOrder, prefPriority } = instance;
  const orderCount = capacity.length;
  const heapStart = new Int32Array(orderCount + 1);
  for (let o = 0; o < orderCount; o++) heapStart[o + 1] = heapStart[o]! + Math.max(0, capacity[o]!);
  const heapGraduate = new Int32Array(heapStart[orderCount]!);
  const heapKey = new Float64Array(heapStart[orderCount]!);
  const heapSize = new Int32Array(orderCount);

  const next = new Int32Array(graduateCount);
  const assigned = new Int32Array(graduateCount).fill(-1);
  const free = new Int32Array(graduateCount);
  let freeCount = 0;
  for (let g = graduateCount - 1; g >= 0; g--) free[freeCount++] = g;

  while (freeCount > 0) {
    const g = free[--freeCount]!;
    const end = prefStart[g + 1]!;
    let k = prefStart[g]! + next[g]!;
    while (k < end) {
      next[g]!++;
      const o = prefOrder[k]!;
      const key = prefPriority[k]!;
      k++;
      if (key < 0) continue;
      const base = heapStart[o]!;
      const cap = heapStart[o + 1]! - base;
      if (cap === 0) continue;
      const size = heapSize[o]!;
      if (size < cap) {
        siftUp(heapGraduate, heapKey, base, size, g, key);
        heapSize[o] = size + 1;
        assigned[g] = o;
        break;
      }
      if (key > heapKey[base]!) {
        const rejected = heapGraduate[base]!;
        siftDownReplace(heapGraduate, heapKey, base, size, g, key);
        assigned[g] = o;
        assigned[rejected] = -1;
        free[freeCount++] = rejected;
        break;
      }
    }
  }
  return assigned;
}

function siftUp(graduates: Int32Array, keys: Float64Array, base: number, size: number, g: number, key: number): void {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (keys[base + parent]! <= key) break;
    graduates[base + i] = graduates[base + parent]!;
    keys[base + i] = keys[base + parent]!;
    i = parent;
  }
  graduates[base + i] = g;
  keys[base + i] = key;
}

/** Replaces the heap's minimum with (g, key) and restores the heap. */
function siftDownReplace(graduates: Int32Array, keys: Float64Array, base: number, size: number, g: number, key: number): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && keys[base + right]! < keys[base + left]! ? right : left;
    if (keys[base + child]! >= key) break;
    graduates[base + i] = graduates[base + child]!;
    keys[base + i] = keys[base + child]!;
    i = child;
  }
  graduates[base + i] = g;
  keys[base + i] = key;
}

/** A round in explicit lists (the dry-run API and the tests): ids, not indexes. */
export type ExplicitRound<G extends string | number, O extends string | number> = {
  orders: readonly { id: O; capacity: number; ranking: readonly G[] }[];
  graduates: readonly { id: G; preferences: readonly O[] }[];
};

/**
 * Deferred acceptance on explicit rankings: an order accepts only the graduates in
 * its ranking, in that order; a graduate only the orders listed. Unknown ids in a
 * list are ignored. Returns graduate id → order id or null.
 */
export function solveExplicitRound<G extends string | number, O extends string | number>(
  round: ExplicitRound<G, O>,
): Map<G, O | null> {
  const orderIndex = new Map<O, number>();
  round.orders.forEach((o, i) => orderIndex.set(o.id, i));
  const rankOf = round.orders.map((o) => {
    const ranks = new Map<G, number>();
    o.ranking.forEach((g, r) => {
      if (!ranks.has(g)) ranks.set(g, r);
    });
    return ranks;
  });
  const capacity = Int32Array.from(round.orders, (o) => Math.max(0, o.capacity));
  const prefStart = new Int32Array(round.graduates.length + 1);
  const orders: number[] = [];
  const priorities: number[] = [];
  round.graduates.forEach((g, gi) => {
    const seen = new Set<number>();
    for (const id of g.preferences) {
      const o = orderIndex.get(id);
      if (o === undefined || seen.has(o)) continue;
      seen.add(o);
      const rank = rankOf[o]!.get(g.id);
      orders.push(o);
      priorities.push(rank === undefined ? -1 : rankOf[o]!.size - rank);
    }
    prefStart[gi + 1] = orders.length;
  });
  const assigned = runDeferredAcceptance({
    graduateCount: round.graduates.length,
    capacity,
    prefStart,
    prefOrder: Int32Array.from(orders),
    prefPriority: Float64Array.from(priorities),
  });
  const result = new Map<G, O | null>();
  round.graduates.forEach((g, gi) => result.set(g.id, assigned[gi]! >= 0 ? round.orders[assigned[gi]!]!.id : null));
  return result;
}
