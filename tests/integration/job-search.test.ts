import { beforeAll, describe, expect, it } from "vitest";
import { searchEngine } from "../../search/engine.server";
import { deliverSearchChanges } from "../../search/sync.server";
import { sendSavedSearchAlerts } from "~/services/search/alerts.server";
import { loader as apiLoader } from "~/routes/api.v1.jobs.search";
import { loader as pageLoader } from "~/routes/graduate.jobs";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { readJobSearch, searchJobs } from "~/services/search/job-search.server";
import { saveJobSearch } from "~/services/search/saved-searches.server";
import { recordSearchChange } from "~/services/search/sync.server";
import { requirePrincipal } from "~/utils/principal.server";
import { startSession } from "~/utils/session.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { createAccount, createGraduate } from "./fixtures";
import { buildJobMarket, postJob } from "./search-fixtures";

let market: Awaited<ReturnType<typeof buildJobMarket>>;
let token: string;
const DAY = 86_400_000;
const deliver = () => deliverSearchChanges({ engine: searchEngine() });

const search = async (qs: string) => searchJobs({ query: await readJobSearch(new URLSearchParams(qs), { strict: true }) });
const titles = async (qs: string) => (await search(qs)).hits.map((h) => h.title).sort();

beforeAll(async () => {
  market = await buildJobMarket();
  const { enterprise, park, bank, battery, jiujiangPark, otherPark } = market;
  await postJob({ enterpriseId: enterprise.id, parkId: park.id, title: "机加工操作工", description: "要求掌握数控技术，会用 AutoCAD 看图", level: 4, postedAt: new Date(Date.now() - 2 * DAY) });
  await postJob({ enterpriseId: enterprise.id, parkId: park.id, title: "ＣＮＣ操作员", description: "两班倒，包食宿", level: 5, wage: [4_000, 5_500] });
  await postJob({ enterpriseId: enterprise.id, parkId: park.id, title: "PLC 编程工程师", description: "熟悉西门子 PLC 与电气控制柜", majorClasses: ["4603"], level: 3, wage: [9_000, 12_000], postedAt: new Date(Date.now() - 20 * DAY) });
  await postJob({ enterpriseId: bank.id, parkId: otherPark.id, title: "客户经理", description: "涉农贷款营销", majorClasses: ["5302"], wage: [6_000, 9_000] });
  await postJob({ enterpriseId: battery.id, parkId: jiujiangPark.id, cityCode: "360400", title: "新能源汽车技术员", description: "新能源汽车技术专业优先", majorClasses: ["4607"], level: 3, wage: [7_000, 10_000] });
  await postJob({ enterpriseId: battery.id, parkId: jiujiangPark.id, cityCode: "360400", title: "数控车工（已招满）", status: "closed" });
  await deliver();
  const account = await createAccount("job-seeker", "graduate", { graduateId: (await createGraduate(market.college.id)).id });
  token = (await createApiToken({ accountId: account.id, name: "测试" })).token;
});

describe("job search for graduates", () => {
  it("finds Chinese words inside longer ones, synonyms, typos and full-width letters", async () => {
    await expect(titles("q=数控")).resolves.toEqual(["机加工操作工", "ＣＮＣ操作员"]);
    await expect(titles("q=农业")).resolves.toEqual(["客户经理"]);
    await expect(titles("q=新能源汽车")).resolves.toEqual(["新能源汽车技术员"]);
    await expect(titles("q=Autocad")).resolves.toEqual(["机加工操作工"]);
    await expect(titles("q=PLCC")).resolves.toEqual(["PLC 编程工程师"]);
    await expect(titles("q=ｐｌｃ")).resolves.toEqual(["PLC 编程工程师"]);
  });

  it("never shows a closed job", async () => {
    expect(await titles("")).not.toContain("数控车工（已招满）");
    expect((await search("")).totalHits).toBe(5);
  });

  it("filters by city, park, cluster, major, level, wage and posting date", async () => {
    await expect(titles("city=360400")).resolves.toEqual(["新能源汽车技术员"]);
    await expect(titles(`park=${market.otherPark.id}`)).resolves.toEqual(["客户经理"]);
    await expect(titles(`cluster=${market.cluster.id}&level=3`)).resolves.toEqual(["PLC 编程工程师"]);
    await expect(titles("category=53")).resolves.toEqual(["客户经理"]);
    await expect(titles("class=4603&class=4607")).resolves.toEqual(["PLC 编程工程师", "新能源汽车技术员"]);
    await expect(titles("wageMin=9500")).resolves.toEqual(["PLC 编程工程师", "新能源汽车技术员"]);
    await expect(titles("wageMax=4500")).resolves.toEqual(["ＣＮＣ操作员"]);
    expect(await titles("since=7")).not.toContain("PLC 编程工程师");
  });

  it("counts every facet, and keeps a filtered facet's other values countable", async () => {
    const result = await search("city=360100");
    expect(result.totalHits).toBe(4);
    expect(result.facets.city.map((o) => [o.label, o.count, o.selected])).toEqual([
      ["南昌市", 4, true],
      ["九江市", 1, false],
    ]);
    expect(result.facets.level.find((o) => o.value === "3")).toMatchObject({ label: "三级/高级工", count: 1 });
    expect(result.facets.category.map((o) => [o.value, o.count])).toEqual([
      ["46", 3],
      ["53", 1],
    ]);
  });

  it("sorts by wage and by date and pages", async () => {
    expect((await search("sort=wage")).hits.map((h) => h.title)[0]).toBe("PLC 编程工程师");
    const newest = await search("sort=newest&perPage=2&page=3");
    expect(newest).toMatchObject({ totalHits: 5, totalPages: 3, page: 3 });
    expect(newest.hits.map((h) => h.title)).toEqual(["PLC 编程工程师"]);
  });

  it("marks what matched in the title, the employer and the description", async () => {
    const [hit] = (await search("q=农业")).hits;
    expect(hit!.highlights.enterpriseName.filter((p) => p.match).map((p) => p.text)).toEqual(["农业"]);
  });

  it("refuses a filter value that names nothing", async () => {
    const error = await readJobSearch(new URLSearchParams("park=99999"), { strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, field: "park", code: "unknown_filter_value" });
  });

  it("drops a job from the results once it closes", async () => {
    const job = await postJob({ enterpriseId: market.enterprise.id, parkId: market.park.id, title: "焊工" });
    await deliver();
    await expect(titles("q=焊工")).resolves.toEqual(["焊工"]);
    await prisma.$transaction(async (tx) => {
      await tx.job.update({ where: { id: job.id }, data: { status: "closed" } });
      await recordSearchChange({ db: tx, index: "jobs", recordId: job.id, op: "upsert" });
    });
    await deliver();
    await expect(titles("q=焊工")).resolves.toEqual([]);
  });
});

describe("GET /api/v1/jobs/search", () => {
  const get = (qs: string, auth = true) =>
    apiLoader({
      request: new Request(`http://app/api/v1/jobs/search?${qs}`, auth ? { headers: { Authorization: `Bearer ${token}` } } : {}),
      params: {},
      context: {},
    });

  it("answers JSON with hits, highlights and facets", async () => {
    const response = await get("q=数控&sort=newest");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.totalHits).toBe(2);
    expect(body.hits[0]).toMatchObject({ title: "ＣＮＣ操作员", cityName: "南昌市", wageMinFen: 400_000 });
    expect(body.hits[1].highlights.description.filter((p: { match: boolean }) => p.match)).toEqual([{ text: "数控", match: true }]);
    expect(body.facets.city).toEqual([{ value: "360100", label: "南昌市", count: 2, selected: false }]);
  });

  it.each([
    ["q=%EF%BC%81%EF%BC%9F%E3%80%82", "q"],
    [`q=${"岗".repeat(10_000)}`, "q"],
    [`q=${encodeURIComponent("'; DROP TABLE Job; --")}`, "q"],
    [`filter=${encodeURIComponent("cityCode = 360100 OR 1 = 1")}`, "filter"],
    [`city=${encodeURIComponent("360100 OR 1=1")}`, "city"],
    ["city=999999", "city"],
    ["page=-1", "page"],
    ["sort=salary", "sort"],
  ])("refuses %s with a 400 naming %s", async (qs, field) => {
    const response = await get(qs);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.field).toBe(field);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("asks for a token", async () => {
    expect((await get("q=数控", false)).status).toBe(401);
  });
});

describe("the job search page", () => {
  it("shows a friendly message for bad input instead of failing", async () => {
    const account = await createAccount("page-seeker", "graduate", { graduateId: (await createGraduate(market.college.id)).id });
    const cookie = (await startSession(account.id)).split(";")[0]!;
    const response = (await pageLoader({
      request: new Request("http://app/graduate/jobs?q=%21%21%21&page=2", { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    })) as Response;
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.search.problem).toEqual({ field: "q", message: "搜索词需要包含文字或数字，不能只有标点符号" });
    expect(body.search.result.hits).toEqual([]);
    expect(body.search.result.facets.city.length).toBeGreaterThan(0);
  });

  it("sends each job's text once: the highlighted title, employer and description, without a plain copy beside them", async () => {
    const account = await createAccount("lean-seeker", "graduate", { graduateId: (await createGraduate(market.college.id)).id });
    const cookie = (await startSession(account.id)).split(";")[0]!;
    const response = (await pageLoader({ request: new Request("http://app/graduate/jobs?q=PLC", { headers: { Cookie: cookie } }), params: {}, context: {} })) as Response;
    const text = await response.text();
    const [hit] = JSON.parse(text).search.result.hits;
    expect(hit.title).toEqual(["", "PLC", " 编程工程师"]);
    expect(hit.description.join("")).toBe("熟悉西门子 PLC 与电气控制柜");
    expect(hit.description.filter((_: string, i: number) => i % 2 === 1)).toEqual(["PLC"]);
    expect(hit).toMatchObject({ wage: "¥9,000–¥12,000 元/月", levelLabel: "三级/高级工" });
    expect(text.split("编程工程师").length - 1).toBe(1);
    expect(text.split("与电气控制柜").length - 1).toBe(1);
  });
});

describe("search that forgives like a person (issue 17)", () => {
  it("finds traditional characters, reads minus and quotes, ranks title matches first", async () => {
    await expect(titles("q=" + encodeURIComponent("編程"))).resolves.toEqual(["PLC 编程工程师"]);
    await expect(titles("q=" + encodeURIComponent("新能源汽車"))).resolves.toEqual(["新能源汽车技术员"]);
    await expect(titles("q=" + encodeURIComponent("数控 -AutoCAD"))).resolves.toEqual(["ＣＮＣ操作员"]);
    await expect(titles("q=" + encodeURIComponent('"西门子 PLC"'))).resolves.toEqual(["PLC 编程工程师"]);
    const ranked = await search("q=" + encodeURIComponent("数控"));
    expect(ranked.hits.map((h) => h.title)).toEqual(["ＣＮＣ操作员", "机加工操作工"]);
  });

  it("offers searches that find something when nothing is found, on the page and in the API", async () => {
    const account = await createAccount("slip-seeker", "graduate", { graduateId: (await createGraduate(market.college.id)).id });
    const cookie = (await startSession(account.id)).split(";")[0]!;
    const page = async (q: string) => {
      const response = (await pageLoader({ request: new Request(`http://app/graduate/jobs?q=${encodeURIComponent(q)}`, { headers: { Cookie: cookie } }), params: {}, context: {} })) as Response;
      return (await response.json()).search.result;
    };
    const slip = await page("编成");
    expect(slip.suggestions[0]).toMatchObject({ q: "编程", kind: "spelling", totalHits: 1 });
    // 编成 is nowhere in the index: the page shows what 编程 finds, and says so.
    expect(slip).toMatchObject({ showingInstead: "编程", totalHits: 1 });
    expect(slip.hits.map((h: { title: string[] }) => h.title.join(""))).toEqual(["PLC 编程工程师"]);
    const related = await page("维修电工");
    expect(related).toMatchObject({ totalHits: 0, showingInstead: null });
    expect(related.suggestions.map((s: { q: string }) => s.q)).toEqual(["电工", "电气"]);
    for (const suggestion of [...slip.suggestions, ...related.suggestions]) {
      await expect(page(suggestion.q)).resolves.toMatchObject({ totalHits: suggestion.totalHits });
    }
    const found = await page("编程");
    expect(found.suggestions).toEqual([]);
  });
});

describe("saved searches with alerts", () => {
  it("notifies a graduate once of new jobs matching a saved search, and not of others", async () => {
    const account = await createAccount("alert-seeker", "graduate", { graduateId: (await createGraduate(market.college.id)).id });
    const principal = await requirePrincipal(
      new Request("http://app/api/v1/me", { headers: { Authorization: `Bearer ${(await createApiToken({ accountId: account.id, name: "t" })).token}` } }),
    );
    const saved = await saveJobSearch({ principal, name: "南昌数控", query: await readJobSearch(new URLSearchParams("q=数控&city=360100"), { strict: true }) });
    const since = new Date();
    await prisma.savedSearch.update({ where: { id: saved.id }, data: { lastCheckedAt: since } });
    const later = new Date(since.getTime() + 10);
    await postJob({ enterpriseId: market.enterprise.id, parkId: market.park.id, title: "数控铣工", postedAt: later });
    await postJob({ enterpriseId: market.battery.id, parkId: market.jiujiangPark.id, cityCode: "360400", title: "数控编程员", postedAt: later });
    await deliver();

    const now = new Date(since.getTime() + 1_000);
    await sendSavedSearchAlerts({ now });
    await sendSavedSearchAlerts({ now });
    const notifications = await prisma.notification.findMany({ where: { accountId: account.id } });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ kind: "saved_search", title: "「南昌数控」有 1 个新岗位" });
    expect(notifications[0]!.body).toContain("数控铣工");
    expect(notifications[0]!.link).toBe("/graduate/jobs?q=%E6%95%B0%E6%8E%A7&city=360100&sort=newest");
  });

  it("waits for a job still on its way to the index instead of missing it", async () => {
    const account = await createAccount("late-seeker", "graduate", { graduateId: (await createGraduate(market.college.id)).id });
    const principal = await requirePrincipal(
      new Request("http://app/api/v1/me", { headers: { Authorization: `Bearer ${(await createApiToken({ accountId: account.id, name: "t" })).token}` } }),
    );
    const saved = await saveJobSearch({ principal, name: "电工", query: await readJobSearch(new URLSearchParams("q=电工"), { strict: true }) });
    await prisma.savedSearch.update({ where: { id: saved.id }, data: { lastCheckedAt: new Date(Date.now() - 60_000) } });
    await postJob({ enterpriseId: market.enterprise.id, parkId: market.park.id, title: "维修电工", postedAt: new Date(Date.now() - 30_000) });

    await sendSavedSearchAlerts({ now: new Date() });
    expect(await prisma.notification.count({ where: { accountId: account.id } })).toBe(0);
    await deliver();
    await sendSavedSearchAlerts({ now: new Date() });
    expect(await prisma.notification.count({ where: { accountId: account.id } })).toBe(1);
  });
});
