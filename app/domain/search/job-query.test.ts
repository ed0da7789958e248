import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMPTY_JOB_SEARCH, JOB_SORTS, jobSearchParams, parseJobSearch, POSTED_SINCE_DAYS } from "./job-query";

const parse = (qs: string, strict = true) => parseJobSearch(new URLSearchParams(qs), { strict });

describe("parseJobSearch", () => {
  it("reads every parameter, repeated filters included", () => {
    const result = parse(
      "q=数控&city=360100&city=360400&park=3&cluster=7&category=46&class=4601&level=4&wageMin=5000&wageMax=9000&since=7&sort=wage&page=2&perPage=10",
    );
    expect(result).toEqual({
      ok: true,
      query: {
        q: "数控",
        city: ["360100", "360400"],
        park: [3],
        cluster: [7],
        category: ["46"],
        class: ["4601"],
        level: [4],
        wageMin: 5000,
        wageMax: 9000,
        since: 7,
        sort: "wage",
        page: 2,
        perPage: 10,
      },
    });
  });

  it("lets a phrase in double quotes and an excluding minus through (query syntax both engines share)", () => {
    const result = parse("q=" + encodeURIComponent('"西门子 PLC" -南昌'));
    expect(result.ok && result.query.q).toBe('"西门子 PLC" -南昌');
  });

  it("treats empty values as absent, as a form's 「全部」 sends them", () => {
    expect(parse("q=&city=&park=&level=&wageMin=&since=&sort=&page=")).toEqual({ ok: true, query: EMPTY_JOB_SEARCH });
  });

  it.each([
    ["q=" + "数".repeat(10_000), "q", "最多 100 个字"],
    ["q=%EF%BC%8C%E3%80%82!!%3F", "q", "不能只有标点符号"],
    ["q=" + encodeURIComponent("' OR 1=1 --"), "q", "不能包含"],
    ["q=" + encodeURIComponent("cityCode = 360100"), "q", "不能包含"],
    ["city=360100 OR 1", "city", "城市代码应为 6 位数字"],
    ["park=abc", "park", "园区编号应为正整数"],
    ["park=0", "park", "园区编号应为正整数"],
    ["class=46", "class", "专业类代码应为 4 位数字"],
    ["level=9", "level", "技能等级"],
    ["wageMin=-5", "wageMin", "最低月薪应在 0 到"],
    ["wageMin=9000&wageMax=5000", "wageMax", "最高月薪不能低于最低月薪"],
    ["since=2", "since", "发布时间只能选"],
    ["sort=price", "sort", "排序方式"],
    ["page=-1", "page", "页码应在 1 到 500 之间"],
    ["page=1.5", "page", "页码应为整数"],
    ["perPage=1000", "perPage", "每页条数"],
    ["page=1&page=2", "page", "只能出现一次"],
    ["filter=cityCode%3D1", "filter", "不支持的参数"],
  ])("refuses %s with a message on %s", (qs, field, message) => {
    const result = parse(qs);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.field).toBe(field);
      expect(result.problem.message).toContain(message);
    }
  });

  it("ignores parameters it does not know when not strict (the page's own form fields)", () => {
    expect(parse("q=电工&_data=routes/graduate.jobs", false)).toMatchObject({ ok: true, query: { q: "电工" } });
  });
});

const queries = fc.record({
  q: fc.constantFrom("", "数控", "PLC 编程", "新能源汽车", "Autocad"),
  city: fc.uniqueArray(fc.constantFrom("360100", "360400", "360700"), { maxLength: 3 }),
  park: fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { maxLength: 3 }),
  cluster: fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 3 }),
  category: fc.uniqueArray(fc.constantFrom("46", "51", "53"), { maxLength: 2 }),
  class: fc.uniqueArray(fc.constantFrom("4601", "4603", "5302"), { maxLength: 2 }),
  level: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
  wageMin: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
  wageMax: fc.option(fc.integer({ min: 20_000, max: 50_000 }), { nil: undefined }),
  since: fc.option(fc.constantFrom(...POSTED_SINCE_DAYS), { nil: undefined }),
  sort: fc.constantFrom(...JOB_SORTS),
  page: fc.integer({ min: 1, max: 500 }),
  perPage: fc.integer({ min: 1, max: 50 }),
});

describe("jobSearchParams", () => {
  it("gives a link that reproduces the search exactly", () => {
    fc.assert(
      fc.property(queries, (query) => {
        const link = jobSearchParams(query).toString();
        expect(parse(link)).toEqual({ ok: true, query });
      }),
    );
  });

  it("leaves the defaults out of the link", () => {
    expect(jobSearchParams(EMPTY_JOB_SEARCH).toString()).toBe("");
    expect(jobSearchParams(EMPTY_JOB_SEARCH, { page: 3 }).toString()).toBe("page=3");
  });
});
