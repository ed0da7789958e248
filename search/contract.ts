/**
 * The behaviour every search engine must show, run against each of them
 * (search/embedded.test.ts always, search/meilisearch.test.ts when MEILI_HOST is set).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INDEXES } from "./settings";
import type { Highlighted, SearchDocument, SearchEngine, SearchRequest } from "./types";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 28);

function job(id: number, fields: Partial<SearchDocument>): SearchDocument {
  return {
    id,
    title: "",
    description: "",
    enterpriseName: "",
    clusterName: "",
    parkName: "",
    cityName: "",
    majorClassNames: "",
    cityCode: "360100",
    parkId: 1,
    clusterId: 10,
    majorCategories: ["46"],
    majorClasses: ["4601"],
    level: 0,
    wageMinFen: 400_000,
    wageMaxFen: 600_000,
    postedAt: NOW,
    ...fields,
  };
}

export const CONTRACT_JOBS: SearchDocument[] = [
  job(1, {
    title: "机加工操作工",
    description: "要求掌握数控技术，会用 AutoCAD 看图",
    enterpriseName: "南昌精工机械有限公司",
    majorClassNames: "机械设计制造类",
    level: 4,
    wageMinFen: 500_000,
    wageMaxFen: 800_000,
    postedAt: NOW - 1 * DAY,
  }),
  job(2, {
    title: "客户经理",
    description: "负责涉农贷款业务的营销与服务",
    enterpriseName: "中国农业发展银行南昌分行",
    majorCategories: ["53"],
    majorClasses: ["5302"],
    parkId: 2,
    clusterId: 20,
    wageMinFen: 600_000,
    wageMaxFen: 900_000,
    postedAt: NOW - 10 * DAY,
  }),
  job(3, {
    title: "新能源汽车技术员",
    description: "新能源汽车技术专业优先，负责电池包装配与检测",
    enterpriseName: "九江动力电池有限公司",
    majorClasses: ["4607"],
    cityCode: "360400",
    parkId: 3,
    clusterId: 30,
    level: 3,
    wageMinFen: 700_000,
    wageMaxFen: 1_000_000,
    postedAt: NOW - 2 * DAY,
  }),
  job(4, {
    title: "PLC 编程工程师",
    description: "熟悉西门子 PLC 与电气控制柜调试",
    enterpriseName: "赣州自动化装备有限公司",
    majorClasses: ["4603"],
    cityCode: "360700",
    parkId: 3,
    clusterId: 30,
    level: 3,
    wageMinFen: 900_000,
    wageMaxFen: 1_200_000,
    postedAt: NOW - 3 * DAY,
  }),
  job(5, {
    title: "维修电工",
    description: "持低压电工证，负责车间设备维护",
    enterpriseName: "南昌精工机械有限公司",
    majorClasses: ["4603"],
    level: 4,
    wageMinFen: 450_000,
    wageMaxFen: 650_000,
    postedAt: NOW - 5 * DAY,
  }),
  job(6, {
    title: "ＣＮＣ操作员",
    description: "两班倒，包食宿",
    enterpriseName: "南昌精密模具有限公司",
    level: 5,
    wageMinFen: 400_000,
    wageMaxFen: 550_000,
    postedAt: NOW,
  }),
];

/** Ranking cases: ids grow with each, so "newest first" alone would order them backwards. */
export const RANKING_JOBS: SearchDocument[] = [
  job(11, { title: "焊工", description: "持焊工证", wageMaxFen: 500_000 }),
  job(12, { title: "普工", description: "协助焊工完成焊接准备", wageMaxFen: 900_000 }),
  job(13, { title: "装配工", majorClassNames: "焊工技术类", description: "负责装配", wageMaxFen: 800_000 }),
  job(14, { title: "高级焊工", description: "负责焊接", wageMaxFen: 700_000 }),
  job(15, { title: "焊工学徒", description: "师傅带教", wageMaxFen: 600_000 }),
  job(21, { title: "Java 开发", description: "后台开发" }),
  job(22, { title: "JavaScript 开发", description: "前端开发" }),
  job(31, { title: "Python 工程师", description: "数据处理" }),
  job(32, { title: "Pythom 测试员", description: "测试平台" }),
  job(41, { title: "仓库管理员", description: "负责南昌仓库的叉车调度" }),
  job(42, { title: "叉车司机", description: "仓库在九江，南昌人优先" }),
];

/** Orders as the graduates' order search finds them (issue 17 item 5): skills are a list attribute. */
export const CONTRACT_ORDERS: SearchDocument[] = [
  order(101, { title: "数控车削订单班", majorName: "数控技术", skillTags: ["车削", "AutoCAD"], skillLevel: 4, wageFen: 520_000, startDate: NOW + 90 * DAY }),
  order(102, { title: "软件测试订单班", majorName: "软件技术", skillTags: ["Java", "Linux"], skillLevel: 3, wageFen: 600_000, startDate: NOW + 150 * DAY, status: "contracted", parkId: 2 }),
  order(103, { title: "机修钳工订单班", majorName: "数控技术", skillTags: ["钳工"], skillLevel: 3, wageFen: 450_000, startDate: NOW + 60 * DAY, status: "in_training" }),
  order(104, { title: "焊接订单班", majorName: "焊接技术与自动化", skillTags: ["Java"], skillLevel: 3, wageFen: 500_000, startDate: NOW + 30 * DAY, status: "closed" }),
];

function order(id: number, fields: Partial<SearchDocument>): SearchDocument {
  return {
    id,
    title: "",
    majorName: "",
    skillTags: [],
    enterpriseName: "南昌测试科技有限公司",
    parkName: "南昌经开区",
    status: "open",
    cityCode: "360100",
    parkId: 1,
    majorCode: "460103",
    majorClass: "4601",
    majorCategory: "46",
    skillLevel: 4,
    collegeId: 0,
    startDate: NOW,
    wageFen: 500_000,
    createdAt: NOW - id * DAY,
    quantityOpen: 2,
    ...fields,
  };
}

const jobs = INDEXES.jobs;
const orders = INDEXES.orders;
const HIGHLIGHT = ["title", "description", "enterpriseName"];

/** Runs the contract against an engine made by `open` (called once, closed at the end). */
export function describeSearchEngineContract(name: string, open: () => Promise<SearchEngine>) {
  describe(`search engine contract: ${name}`, () => {
    let engine: SearchEngine;
    const ids = async (request: Partial<SearchRequest>) => {
      const result = await engine.search(jobs, { q: "", hitsPerPage: 50, ...request });
      return result.hits.map((h) => h.document.id).sort((a, b) => a - b);
    };
    const matched = (pieces: Highlighted | undefined) => (pieces ?? []).filter((p) => p.match).map((p) => p.text);

    beforeAll(async () => {
      engine = await open();
      await engine.applySettings(jobs);
      await engine.clear(jobs);
      await engine.upsert(jobs, CONTRACT_JOBS);
    });
    afterAll(async () => {
      await engine?.close();
    });

    it("answers when asked whether it is up", async () => {
      await expect(engine.ping()).resolves.toBeUndefined();
    });

    it("holds every document it was given", async () => {
      await expect(engine.count(jobs)).resolves.toBe(6);
      await expect(ids({})).resolves.toEqual([1, 2, 3, 4, 5, 6]);
    });

    it("finds Chinese words inside longer words", async () => {
      await expect(ids({ q: "农业" })).resolves.toEqual([2]);
      await expect(ids({ q: "新能源汽车" })).resolves.toEqual([3]);
      expect(await ids({ q: "数控" })).toContain(1);
    });

    it("requires every word of the query", async () => {
      await expect(ids({ q: "新能源汽车 电池" })).resolves.toEqual([3]);
      await expect(ids({ q: "新能源汽车 银行" })).resolves.toEqual([]);
    });

    it("tolerates case and a typo in Latin words", async () => {
      await expect(ids({ q: "Autocad" })).resolves.toEqual([1]);
      await expect(ids({ q: "PLCC" })).resolves.toEqual([4]);
    });

    it("matches full-width and half-width letters alike", async () => {
      await expect(ids({ q: "ＰＬＣ" })).resolves.toEqual([4]);
      expect(await ids({ q: "cnc" })).toContain(6);
    });

    it("applies the declared synonyms both ways", async () => {
      await expect(ids({ q: "数控" })).resolves.toEqual([1, 6]);
      await expect(ids({ q: "CNC" })).resolves.toEqual([1, 6]);
      await expect(ids({ q: "电气" })).resolves.toEqual([4, 5]);
    });

    it("filters by value, by list membership and by range", async () => {
      await expect(ids({ filters: [{ field: "cityCode", anyOf: ["360100"] }] })).resolves.toEqual([1, 2, 5, 6]);
      await expect(ids({ filters: [{ field: "majorCategories", anyOf: ["53"] }] })).resolves.toEqual([2]);
      await expect(ids({ filters: [{ field: "majorClasses", anyOf: ["4603", "4607"] }] })).resolves.toEqual([3, 4, 5]);
      await expect(ids({ filters: [{ field: "wageMaxFen", min: 900_000 }] })).resolves.toEqual([2, 3, 4]);
      await expect(ids({ filters: [{ field: "postedAt", min: NOW - 2 * DAY }] })).resolves.toEqual([1, 3, 6]);
      await expect(
        ids({ q: "电工", filters: [{ field: "level", anyOf: [4] }, { field: "parkId", anyOf: [1] }] }),
      ).resolves.toEqual([5]);
    });

    it("counts facet values among the matching documents", async () => {
      const result = await engine.search(jobs, {
        q: "",
        filters: [{ field: "parkId", anyOf: [1, 3] }],
        facets: ["cityCode", "level", "majorClasses"],
      });
      expect(result.totalHits).toBe(5);
      expect(result.facets.cityCode).toEqual({ "360100": 3, "360400": 1, "360700": 1 });
      expect(result.facets.level).toEqual({ "3": 2, "4": 2, "5": 1 });
      expect(result.facets.majorClasses).toEqual({ "4601": 2, "4603": 2, "4607": 1 });
    });

    it("sorts by a sortable attribute in either direction", async () => {
      const newest = await engine.search(jobs, { q: "", sort: { field: "postedAt", direction: "desc" } });
      expect(newest.hits.map((h) => h.document.id)).toEqual([6, 1, 3, 4, 5, 2]);
      const wage = await engine.search(jobs, { q: "", sort: { field: "wageMaxFen", direction: "asc" } });
      expect(wage.hits.map((h) => h.document.id)).toEqual([6, 5, 1, 2, 3, 4]);
    });

    it("pages through the results", async () => {
      const second = await engine.search(jobs, {
        q: "",
        sort: { field: "postedAt", direction: "desc" },
        page: 2,
        hitsPerPage: 4,
      });
      expect(second).toMatchObject({ totalHits: 6, page: 2, hitsPerPage: 4, totalPages: 2 });
      expect(second.hits.map((h) => h.document.id)).toEqual([5, 2]);
    });

    it("marks what the query matched", async () => {
      const chinese = await engine.search(jobs, { q: "农业", highlight: HIGHLIGHT });
      expect(matched(chinese.hits[0]?.highlights.enterpriseName)).toEqual(["农业"]);
      expect(chinese.hits[0]?.highlights.enterpriseName?.map((p) => p.text).join("")).toBe("中国农业发展银行南昌分行");
      const latin = await engine.search(jobs, { q: "autocad", highlight: HIGHLIGHT });
      expect(matched(latin.hits[0]?.highlights.description)).toEqual(["AutoCAD"]);
    });

    it("folds traditional characters into simplified ones", async () => {
      await expect(ids({ q: "維修電工" })).resolves.toEqual([5]);
      await expect(ids({ q: "數控" })).resolves.toEqual([1, 6]);
      const traditional = await engine.search(jobs, { q: "電池", highlight: HIGHLIGHT });
      expect(matched(traditional.hits[0]?.highlights.description)).toEqual(["电池"]);
    });

    it("reads a minus as without and quotes as a phrase", async () => {
      await expect(ids({ q: "数控 -南昌" })).resolves.toEqual([]);
      await expect(ids({ q: "有限公司 -南昌" })).resolves.toEqual([3, 4]);
      await expect(ids({ q: "-南昌" })).resolves.toEqual([3, 4]);
      await expect(ids({ q: '"电池包装配"' })).resolves.toEqual([3]);
      await expect(ids({ q: '"装配 电池包"' })).resolves.toEqual([]);
      await expect(ids({ q: "“低压电工证”" })).resolves.toEqual([5]);
      await expect(ids({ q: '"西门子 PLC"' })).resolves.toEqual([4]);
      await expect(ids({ q: '"PLC 西门子"' })).resolves.toEqual([]);
    });

    it("treats what is syntax to an engine as text", async () => {
      for (const q of ['"', "-", '数控"', "(数控 OR 电工)", "NEAR(数控 电工)", "数控 AND NOT 南昌", "{title}: 焊工", "数控*", "^数控", "'; --", "电工 +", '"-"']) {
        const result = await engine.search(jobs, { q });
        expect(result.totalHits, q).toBeGreaterThanOrEqual(0);
      }
      await expect(ids({ q: "(数控 OR 电工)" })).resolves.toEqual([]);
    });

    it("replaces and removes documents", async () => {
      await engine.upsert(jobs, [{ ...CONTRACT_JOBS[1]!, title: "信贷专员", enterpriseName: "南昌农商银行" }]);
      await expect(ids({ q: "客户经理" })).resolves.toEqual([]);
      await expect(ids({ q: "信贷" })).resolves.toEqual([2]);
      await engine.remove(jobs, [2]);
      await expect(ids({ q: "农" })).resolves.toEqual([]);
      await expect(engine.count(jobs)).resolves.toBe(5);
      await engine.clear(jobs);
      await expect(engine.count(jobs)).resolves.toBe(0);
    });

    it("counts a document once under each value of a list field it holds", async () => {
      await engine.upsert(jobs, [
        job(11, { majorCategories: ["46", "53"], majorClasses: ["4601", "4603"], level: 4 }),
        job(12, { majorClasses: ["4601"], level: 4 }),
        job(13, { majorCategories: ["53"], majorClasses: ["5302", "4603", "4607"], level: 3 }),
      ]);
      const all = await engine.search(jobs, { q: "", facets: ["majorClasses", "majorCategories", "level"] });
      expect(all.totalHits).toBe(3);
      expect(all.facets.majorClasses).toEqual({ "4601": 2, "4603": 2, "4607": 1, "5302": 1 });
      expect(all.facets.majorCategories).toEqual({ "46": 2, "53": 2 });
      expect(all.facets.level).toEqual({ "3": 1, "4": 2 });
      // Filtered on one value of the list, a matching document still counts under its other values.
      const filtered = await engine.search(jobs, { q: "", filters: [{ field: "majorClasses", anyOf: ["4603"] }], facets: ["majorClasses", "majorCategories"] });
      expect(filtered.totalHits).toBe(2);
      expect(filtered.facets.majorClasses).toEqual({ "4601": 1, "4603": 2, "4607": 1, "5302": 1 });
      expect(filtered.facets.majorCategories).toEqual({ "46": 1, "53": 2 });
      await engine.clear(jobs);
    });

    it("searches orders: words in a list attribute, statuses, a wage range from two filters, an ascending date sort, number facets", async () => {
      await engine.applySettings(orders);
      await engine.clear(orders);
      await engine.upsert(orders, CONTRACT_ORDERS);
      const recruiting = { field: "status", anyOf: ["open", "contracted", "in_training"] };
      const order = async (request: Partial<SearchRequest>) =>
        (await engine.search(orders, { q: "", hitsPerPage: 50, filters: [recruiting], ...request })).hits.map((h) => h.document.id);
      await expect(order({ q: "java" })).resolves.toEqual([102]);
      await expect(order({ q: "linux 软件" })).resolves.toEqual([102]);
      // The title match above the order whose major holds the word (attribute rule).
      await expect(order({ q: "数控" })).resolves.toEqual([101, 103]);
      await expect(order({ sort: { field: "startDate", direction: "asc" } })).resolves.toEqual([103, 101, 102]);
      await expect(
        order({ filters: [recruiting, { field: "wageFen", min: 450_000 }, { field: "wageFen", max: 520_000 }], sort: { field: "wageFen", direction: "desc" } }),
      ).resolves.toEqual([101, 103]);
      const counted = await engine.search(orders, { q: "", filters: [recruiting], facets: ["skillLevel", "majorCategory", "parkId"] });
      expect(counted.facets.skillLevel).toEqual({ "3": 2, "4": 1 });
      expect(counted.facets.parkId).toEqual({ "1": 2, "2": 1 });
      const marked = await engine.search(orders, { q: "软件", filters: [recruiting], highlight: ["title", "majorName"] });
      expect(matched(marked.hits[0]!.highlights.majorName)).toEqual(["软件"]);
      await engine.clear(orders);
    });

    it("ranks by Meilisearch's rules: typo, proximity, attribute, sort, exactness", async () => {
      await engine.clear(jobs);
      await engine.upsert(jobs, RANKING_JOBS);
      const order = async (request: Partial<SearchRequest>) =>
        (await engine.search(jobs, { q: "", hitsPerPage: 50, ...request })).hits.map((h) => h.document.id);
      // attribute: title matches first (at the title's start first; the title equal to the query
      // first among those, exactness), the major class next, the description last.
      await expect(order({ q: "焊工" })).resolves.toEqual([11, 15, 14, 13, 12]);
      // sort applies inside each attribute tier, after it and before exactness.
      await expect(order({ q: "焊工", sort: { field: "wageMaxFen", direction: "desc" } })).resolves.toEqual([15, 11, 14, 13, 12]);
      // exactness: a whole word above a word it only begins.
      await expect(order({ q: "java" })).resolves.toEqual([21, 22]);
      // typo: no typo above one typo.
      await expect(order({ q: "python" })).resolves.toEqual([31, 32]);
      // proximity: the words side by side above the words apart.
      await expect(order({ q: "南昌 仓库" })).resolves.toEqual([41, 42]);
      await engine.clear(jobs);
    });
  });
}
