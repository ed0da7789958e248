/**
 * The round's lottery: one number per graduate, drawn from the round's recorded
 * seed, so that a re-run gives the same numbers and so the same result. Graduates
 * are taken in id order; the numbers are a permutation of 1 … n (1 wins a tie).
 */

/** A 32-bit state from the seed text (cyrb53-style mixing, folded). */
function seedState(seed: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** mulberry32: a small, fast, well-mixed 32-bit generator; returns [0, 1). */
export function seededRandom(seed: string): () => number {
  let state = seedState(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lottery numbers for graduates 0 … n−1 (in id order): a seeded permutation of 1 … n. */
export function drawLottery(seed: string, n: number): Int32Array {
  const random = seededRandom(seed);
  const numbers = new Int32Array(n);
  for (let i = 0; i < n; i++) numbers[i] = i + 1;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = numbers[i]!;
    numbers[i] = numbers[j]!;
    numbers[j] = t;
  }
  return numbers;
}

/**
 * An order's priority for a graduate: the match score first, the lottery number
 * breaking ties (lower number first). Unique per graduate, so every order's
 * ranking is strict. Scores carry two decimals.
 */
export function priorityOf(score: number, lottery: number, graduateCount: number): number {
  return Math.round(score * 100) * 4294967296 + (graduateCount - lottery + 1);
}

