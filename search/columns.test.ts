import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFilter, countFacet, firstInOrder, NO_CODE, ValueStore } from "./columns";

const SCALARS = [
  { field: "cityCode", kind: "string" as const, numeric: false },
  { field: "level", kind: "number" as const, numeric: true },
  { field: "wage", kind: null, numeric: true },
];
const LISTS = [{ field: "classes", kind: "string[]" as const, numeric: false }];

/** Five documents, ids not starting at 1 and with a gap; one without a level, one without classes. */
function store() {
  const rows = [
    [3, "360100", 4, 500],
    [5, "360100", 3, 900],
    [8, "360400", null, 700],
    [9, "360700", 4, null],
    [12, "360100", 5, 600],
  ];
  const lists: [string, string, number][] = [
    ["classes", "4601", 3],
    ["classes", "4603", 3],
    ["classes", "4603", 5],
    ["classes", "4607", 9],
    ["classes", "4601", 12],
    ["classes", "4601", 99],
  ];
  return new ValueStore(1, SCALARS, LISTS, rows, lists);
}

const passing = (s: ValueStore, filter: Parameters<typeof compileFilter>[2]) => {
  const compiled = compileFilter(s, s.columns.get(filter.field)!, filter);
  return Array.from(s.ids).filter((_, p) => compiled.test(p));
};

describe("the engine's values in memory", () => {
  it("finds each document's position by id, and none for an id it does not hold", () => {
    const s = store();
    expect([3, 5, 8, 9, 12].map((id) => s.positionOf(id))).toEqual([0, 1, 2, 3, 4]);
    expect(s.positionOf(4)).toBe(NO_CODE);
    expect(s.positionOf(1000)).toBe(NO_CODE);
    const sparse = new ValueStore(1, [], [], [[1], [10_000_000]], []);
    expect([sparse.positionOf(1), sparse.positionOf(10_000_000), sparse.positionOf(2)]).toEqual([0, 1, NO_CODE]);
  });

  it("filters by value, by list membership and by range as SQL did (no value never passes)", () => {
    const s = store();
    expect(passing(s, { field: "cityCode", anyOf: ["360100"] })).toEqual([3, 5, 12]);
    expect(passing(s, { field: "level", anyOf: [4, "5"] })).toEqual([3, 9, 12]);
    expect(passing(s, { field: "classes", anyOf: ["4603", "4607"] })).toEqual([3, 5, 9]);
    expect(passing(s, { field: "classes", anyOf: ["9999"] })).toEqual([]);
    expect(passing(s, { field: "wage", min: 600 })).toEqual([5, 8, 12]);
    expect(passing(s, { field: "level", min: 3, max: 4 })).toEqual([3, 5, 9]);
    expect(() => compileFilter(s, s.columns.get("cityCode")!, { field: "cityCode", min: 1 })).toThrow(/not numeric/);
  });

  it("lists a value filter's positions from its posting lists, each once, ascending", () => {
    const s = store();
    const classes = compileFilter(s, s.columns.get("classes")!, { field: "classes", anyOf: ["4603", "4601"] });
    expect(Array.from(classes.positions!())).toEqual([0, 1, 4]);
    expect(classes.bound).toBe(4);
    const city = compileFilter(s, s.columns.get("cityCode")!, { field: "cityCode", anyOf: ["360700", "360100"] });
    expect(Array.from(city.positions!())).toEqual([0, 1, 3, 4]);
  });

  it("counts facet values among the given positions, a list document once under each value", () => {
    const s = store();
    const all = Int32Array.from([0, 1, 2, 3, 4]);
    expect(countFacet(s.columns.get("cityCode")!, all, 5)).toEqual({ "360100": 3, "360400": 1, "360700": 1 });
    expect(countFacet(s.columns.get("level")!, all, 5)).toEqual({ "3": 1, "4": 2, "5": 1 });
    expect(countFacet(s.columns.get("classes")!, all, 5)).toEqual({ "4601": 2, "4603": 2, "4607": 1 });
    expect(countFacet(s.columns.get("classes")!, Int32Array.from([0, 3, 4]), 2)).toEqual({ "4601": 1, "4603": 1, "4607": 1 });
  });

  it("keeps the first k in order as a full sort would, whatever the items and ties", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), fc.integer({ min: 0, max: 60 }), (keys, k) => {
        const items = Int32Array.from(keys.map((_, i) => i));
        const compare = (a: number, b: number) => keys[a]! - keys[b]! || b - a;
        expect(firstInOrder(items, items.length, k, compare)).toEqual(Array.from(items).sort(compare).slice(0, k));
      }),
    );
  });
});
