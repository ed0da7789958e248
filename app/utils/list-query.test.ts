import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listSearch, pageCount, parseListQuery, sortSearch, type ListSpec } from "./list-query";

const spec: ListSpec = { sorts: ["name", "city"], defaultSort: "name", defaultDirection: "asc", filters: ["q", "city"] };
const parse = (search: string) => parseListQuery(new URLSearchParams(search), spec);

describe("parseListQuery", () => {
  it.each([
    ["", { page: 1, sort: "name", direction: "asc", filters: {} }],
    ["?page=3&sort=city&dir=desc", { page: 3, sort: "city", direction: "desc", filters: {} }],
    ["?page=-2&sort=password&dir=sideways", { page: 1, sort: "name", direction: "asc", filters: {} }],
    ["?page=abc&q=%20数控%20&city=", { page: 1, sort: "name", direction: "asc", filters: { q: "数控" } }],
    ["?unknown=1&city=360100", { page: 1, sort: "name", direction: "asc", filters: { city: "360100" } }],
  ])("reads %s", (search, expected) => {
    expect(parse(search)).toEqual(expected);
  });

  it("drops a filter longer than 100 characters", () => {
    expect(parse(`?q=${"长".repeat(101)}`).filters).toEqual({});
  });

  it("never throws and always yields an allowed sort and a positive page", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("page", "sort", "dir", "q", "x"), fc.string()), (raw) => {
        const query = parseListQuery(new URLSearchParams(raw), spec);
        expect(spec.sorts).toContain(query.sort);
        expect(query.page).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});

describe("links", () => {
  it("keeps the filters, flips the direction of the current sort column and goes back to page 1", () => {
    const query = parse("?q=电子&sort=name&dir=asc&page=4");
    expect(sortSearch(query, "name")).toBe("?q=%E7%94%B5%E5%AD%90&sort=name&dir=desc");
    expect(sortSearch(query, "city")).toBe("?q=%E7%94%B5%E5%AD%90&sort=city&dir=asc");
    expect(listSearch(query, { page: 5 })).toContain("page=5");
  });

  it("round-trips: a link parses back to the same query", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.constantFrom("name", "city"), fc.constantFrom("asc", "desc"), (page, sort, direction) => {
        const query = { page, sort, direction: direction as "asc" | "desc", filters: { q: "园区" } };
        expect(parse(listSearch(query))).toEqual(query);
      }),
    );
  });

  it("counts pages, with one page for an empty list", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(20)).toBe(1);
    expect(pageCount(21)).toBe(2);
  });
});
