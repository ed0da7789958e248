/**
 * The embedded engine's in-memory copy of an index's filterable and sortable values
 * (docs/decisions/171-engine-data-structures.md): every document has a position (its
 * rank by id, so positions ascend with ids), each attribute a column of small integer
 * codes in typed arrays — one code per document for a scalar, a run of codes per
 * document for a list — its numbers for ranges and sorts, and, built on first use,
 * the positions holding each code (posting lists). Filters, facet counts and sorts
 * are loops over typed arrays, never objects per document. Pure: the engine fills it
 * from SQLite and throws it away when the index's version moves.
 */
import type { AttributeKind } from "./types";

/** No value at this position. */
export const NO_CODE = -1;

export class Column {
  private readonly valueList: string[] = [];
  private readonly codes = new Map<string, number>();
  private scalarCodes: Int32Array | null = null;
  /** False while a numeric scalar's codes wait for their first use (a range or a sort never needs them). */
  private coded = true;
  /** Lists: the codes of position p are listCodes[listStart[p] … listStart[p + 1]). */
  listStart: Int32Array | null = null;
  listCodes: Int32Array | null = null;
  /** Numeric attributes and sortable ones: the number at each position (NaN without one). */
  numbers: Float64Array | null = null;
  /** Facet counts over every document, computed once per copy. */
  countsOfAll: Record<string, number> | null = null;
  private postingStart: Int32Array | null = null;
  private postingPositions: Int32Array | null = null;

  constructor(
    readonly field: string,
    readonly kind: AttributeKind | null,
  ) {}

  /** Distinct values as facet keys (strings), by code. */
  get values(): string[] {
    this.code();
    return this.valueList;
  }

  /** Scalars: the code at each position (NO_CODE without a value). */
  get scalar(): Int32Array | null {
    this.code();
    return this.scalarCodes;
  }

  set scalar(codes: Int32Array | null) {
    this.scalarCodes = codes;
  }

  /** A numeric scalar: its codes are made from its numbers when first asked for. */
  codeLater(): void {
    this.coded = false;
  }

  private code(): void {
    if (this.coded) return;
    this.coded = true;
    const numbers = this.numbers!;
    const codes = new Int32Array(numbers.length).fill(NO_CODE);
    for (let p = 0; p < numbers.length; p += 1) if (!Number.isNaN(numbers[p]!)) codes[p] = this.intern(String(numbers[p]));
    this.scalarCodes = codes;
  }

  /** The code of a value, added when new. */
  intern(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.valueList.length;
      this.valueList.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** The code of a value a filter asks for, or NO_CODE when no document holds it. */
  codeOf(value: string | number): number {
    this.code();
    const key = this.kind === "number" ? String(Number(value)) : String(value);
    return this.codes.get(key) ?? NO_CODE;
  }

  /** The ascending positions of the documents holding the code (a view, not a copy). */
  postings(code: number): Int32Array {
    if (!this.postingStart) this.buildPostings();
    return this.postingPositions!.subarray(this.postingStart![code]!, this.postingStart![code + 1]!);
  }

  /** A counting sort of the positions by code: one pass to count, one to place. */
  private buildPostings(): void {
    const start = new Int32Array(this.values.length + 1);
    const each = (visit: (position: number, code: number) => void) => {
      if (this.scalar) this.scalar.forEach((code, position) => code !== NO_CODE && visit(position, code));
      else if (this.listStart && this.listCodes) {
        for (let p = 0; p + 1 < this.listStart.length; p += 1) {
          for (let k = this.listStart[p]!; k < this.listStart[p + 1]!; k += 1) visit(p, this.listCodes[k]!);
        }
      }
    };
    each((_, code) => (start[code + 1] = start[code + 1]! + 1));
    for (let c = 0; c < this.values.length; c += 1) start[c + 1] = start[c + 1]! + start[c]!;
    const positions = new Int32Array(start[this.values.length]!);
    const next = start.slice(0, this.values.length);
    each((position, code) => {
      positions[next[code]!] = position;
      next[code] = next[code]! + 1;
    });
    this.postingStart = start;
    this.postingPositions = positions;
  }
}

export type ColumnSpec = { field: string; kind: AttributeKind | null; numeric: boolean };

export class ValueStore {
  readonly size: number;
  /** Each position's document id, ascending. */
  readonly ids: Float64Array;
  readonly columns = new Map<string, Column>();
  /** id → position when ids are compact enough for an array, else a map. */
  private readonly dense: Int32Array | null;
  private readonly sparse: Map<number, number> | null;
  /**
   * Scratch space of one search at a time (a search runs synchronously): the positions
   * that passed, the matches they are, a match's index by position, and a stamp per position.
   */
  readonly scratch: Int32Array;
  readonly scratchItems: Int32Array;
  readonly slots: Int32Array;
  private readonly stamps: Uint32Array;
  private stamp = 0;

  /**
   * @param rows each document as [id, …scalar values in `scalars` order], ascending by id
   * @param listRows [field, value, id] for each value of a list attribute
   */
  constructor(
    readonly version: number,
    scalars: readonly ColumnSpec[],
    lists: readonly ColumnSpec[],
    rows: readonly (readonly unknown[])[],
    listRows: readonly (readonly [string, string, number])[],
  ) {
    this.size = rows.length;
    this.ids = new Float64Array(rows.length);
    rows.forEach((row, p) => (this.ids[p] = Number(row[0])));
    const maxId = rows.length ? this.ids[rows.length - 1]! : 0;
    if (maxId >= 0 && maxId < 4 * rows.length + 65_536 && Number.isInteger(maxId)) {
      this.dense = new Int32Array(maxId + 1).fill(NO_CODE);
      this.ids.forEach((id, p) => (this.dense![id] = p));
      this.sparse = null;
    } else {
      this.dense = null;
      this.sparse = new Map();
      this.ids.forEach((id, p) => this.sparse!.set(id, p));
    }
    scalars.forEach((spec, i) => {
      const column = new Column(spec.field, spec.kind);
      const at = i + 1;
      if (spec.numeric) {
        const numbers = new Float64Array(rows.length).fill(NaN);
        for (let p = 0; p < rows.length; p += 1) {
          const value = rows[p]![at];
          if (value !== null && value !== undefined) numbers[p] = Number(value);
        }
        column.numbers = numbers;
      }
      if (spec.numeric && spec.kind !== "string") column.codeLater();
      else {
        const codes = new Int32Array(rows.length).fill(NO_CODE);
        for (let p = 0; p < rows.length; p += 1) {
          const value = rows[p]![at];
          if (value !== null && value !== undefined) codes[p] = column.intern(String(value));
        }
        column.scalar = codes;
      }
      this.columns.set(spec.field, column);
    });
    const byField = new Map(lists.map((spec) => [spec.field, [] as [number, string][]]));
    for (const [field, value, id] of listRows) {
      const position = this.positionOf(id);
      if (position !== NO_CODE) byField.get(field)?.push([position, value]);
    }
    for (const spec of lists) {
      const column = new Column(spec.field, spec.kind);
      const start = new Int32Array(rows.length + 1);
      const held: [number, number][] = [];
      for (const [position, value] of byField.get(spec.field)!) {
        held.push([position, column.intern(value)]);
        start[position + 1] = start[position + 1]! + 1;
      }
      for (let p = 0; p < rows.length; p += 1) start[p + 1] = start[p + 1]! + start[p]!;
      const codes = new Int32Array(held.length);
      const next = start.slice(0, rows.length);
      for (const [position, code] of held) {
        codes[next[position]!] = code;
        next[position] = next[position]! + 1;
      }
      column.listStart = start;
      column.listCodes = codes;
      this.columns.set(spec.field, column);
    }
    this.scratch = new Int32Array(rows.length);
    this.scratchItems = new Int32Array(rows.length);
    this.slots = new Int32Array(rows.length);
    this.stamps = new Uint32Array(rows.length);
  }

  positionOf(id: number): number {
    if (this.dense) return id >= 0 && id < this.dense.length ? this.dense[id]! : NO_CODE;
    return this.sparse!.get(id) ?? NO_CODE;
  }

  /** A fresh mark for `marked`/`isMarked`: earlier marks no longer count. */
  newMark(): number {
    this.stamp += 1;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  mark(position: number, stamp: number): void {
    this.stamps[position] = stamp;
  }

  isMarked(position: number, stamp: number): boolean {
    return this.stamps[position] === stamp;
  }
}

/** A filter as a test of one position, and, for a list of values, the positions it holds at most. */
export type CompiledFilter = {
  test: (position: number) => boolean;
  /** How many documents may pass (a bound), to choose the filter that drives a search without text. */
  bound: number;
  /** The passing positions, ascending (only for filters that can list them from postings). */
  positions: (() => Int32Array) | null;
};

export type FilterSpec = { field: string; anyOf: readonly (string | number)[] } | { field: string; min?: number; max?: number };

export function compileFilter(store: ValueStore, column: Column, filter: FilterSpec): CompiledFilter {
  if ("anyOf" in filter) {
    const codes = [...new Set(filter.anyOf.map((v) => column.codeOf(v)).filter((c) => c !== NO_CODE))];
    if (codes.length === 0) return { test: () => false, bound: 0, positions: () => new Int32Array(0) };
    const wanted = new Uint8Array(column.values.length);
    for (const code of codes) wanted[code] = 1;
    const bound = codes.reduce((n, code) => n + column.postings(code).length, 0);
    const positions = () => {
      if (codes.length === 1) return column.postings(codes[0]!);
      // A document holds at most one value of a scalar; a list may hold several of those asked for.
      const stamp = store.newMark();
      const out: number[] = [];
      for (const code of codes) {
        for (const p of column.postings(code)) {
          if (store.isMarked(p, stamp)) continue;
          store.mark(p, stamp);
          out.push(p);
        }
      }
      return Int32Array.from(out).sort();
    };
    if (column.scalar) {
      const scalar = column.scalar;
      return { test: (p) => scalar[p]! !== NO_CODE && wanted[scalar[p]!] === 1, bound, positions };
    }
    const start = column.listStart!;
    const listed = column.listCodes!;
    return {
      test: (p) => {
        for (let k = start[p]!; k < start[p + 1]!; k += 1) if (wanted[listed[k]!] === 1) return true;
        return false;
      },
      bound,
      positions,
    };
  }
  const numbers = column.numbers;
  if (!numbers) throw new Error(`${filter.field} is not numeric`);
  const min = filter.min ?? -Infinity;
  const max = filter.max ?? Infinity;
  // NaN (no value) fails both comparisons, as NULL does in SQL.
  return { test: (p) => numbers[p]! >= min && numbers[p]! <= max, bound: store.size, positions: null };
}

/** Facet counts of the given positions (the first `count` of them) by value. */
export function countFacet(column: Column, positions: Int32Array, count: number): Record<string, number> {
  const counts = new Int32Array(column.values.length);
  if (column.scalar) {
    const scalar = column.scalar;
    for (let i = 0; i < count; i += 1) {
      const code = scalar[positions[i]!]!;
      if (code !== NO_CODE) counts[code] = counts[code]! + 1;
    }
  } else if (column.listStart && column.listCodes) {
    const start = column.listStart;
    const listed = column.listCodes;
    for (let i = 0; i < count; i += 1) {
      const p = positions[i]!;
      for (let k = start[p]!; k < start[p + 1]!; k += 1) counts[listed[k]!] = counts[listed[k]!]! + 1;
    }
  }
  const out: Record<string, number> = {};
  counts.forEach((n, code) => {
    if (n > 0) out[column.values[code]!] = n;
  });
  return out;
}

/**
 * The first `k` of `count` items in the order `compare` gives (negative: a before b),
 * sorted: a bounded heap keeps the k best seen, so a page of 20 among 50,000 matches
 * costs about one comparison per match instead of a sort of all of them.
 */
export function firstInOrder(items: Int32Array, count: number, k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0 || count === 0) return [];
  if (k >= count) return Array.from(items.subarray(0, count)).sort(compare);
  // A max-heap on `compare`: the root is the worst of the k kept.
  const heap: number[] = [];
  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(heap[i]!, heap[parent]!) <= 0) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && compare(heap[left]!, heap[worst]!) > 0) worst = left;
      if (right < heap.length && compare(heap[right]!, heap[worst]!) > 0) worst = right;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (let i = 0; i < count; i += 1) {
    const item = items[i]!;
    if (heap.length < k) {
      heap.push(item);
      siftUp(heap.length - 1);
    } else if (compare(item, heap[0]!) < 0) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort(compare);
}
