import { beforeAll, describe, expect, it } from "vitest";
import { searchEngine } from "../../search/engine.server";
import { deliverSearchChanges } from "../../search/sync.server";
import { loader as jobsLoader } from "~/routes/graduate.jobs";
import { action as ordersAction, loader as ordersLoader } from "~/routes/graduate.orders";
import { recordSearchChange } from "~/services/search/sync.server";
import { readOrIssueCsrfToken } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { startSession } from "~/utils/session.server";
import { buildRegistry, createAccount, createGraduate } from "./fixtures";
import { seedMajors } from "./labour-fixtures";

/** 订单培训 for graduates through the orders index (issue 17, item 5): the job search's filters, facets, highlights, pages and suggestions. */
let registry: Awaited<ReturnType<typeof buildRegistry>>;
let cookie: string;
let graduateId: number;
const ids: Record<string, number> = {};

/** Highlighted texts come as runs, alternately outside and inside a match. */
type Hit = { id: number; title: string[]; major: string[]; placesLeft: number; wage: string };
/** A facet's option: its value and its label with the count, 「三级/高级工（2）」. */
type Option = { value: string; label: string };
const counted = (value: string, count: number) => expect.objectContaining({ value, label: expect.stringMatching(new RegExp(`（${count}）$`)) });
type Page = {
  query: { q: string };
  problem: { field: string; message: string } | null;
  applied: Record<number, { status: string }>;
  result: { totalHits: number; hits: Hit[]; showingInstead: string | null; suggestions: { q: string; kind: string }[]; facets: Record<string, Option[]> };
};

async function page(qs: string): Promise<{ status: number; body: Page }> {
  const response = (await ordersLoader({ request: new Request(`http://app/graduate/orders?${qs}`, { headers: { Cookie: cookie } }), params: {}, context: {} })) as Response;
  return { status: response.status, body: (await response.json()) as Page };
}
const titles = async (qs: string) => (await page(qs)).body.result.hits.map((h) => h.title.join(""));
const matched = (runs: string[]) => runs.filter((_, i) => i % 2 === 1);

beforeAll(async () => {
  registry = await buildRegistry();
  await seedMajors();
  const other = await prisma.enterprise.create({
    data: { creditCode: "91360100MA00000077", name: "赣江软件有限公司", parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 60 },
  });
  const order = (title: string, data: { enterpriseId?: number; majorCode?: string; skillTags?: string[]; skillLevel?: number; wage?: number; start?: string; status?: string; filled?: number }) =>
    prisma.$transaction(async (tx) => {
      const row = await tx.order.create({
        data: {
          enterpriseId: data.enterpriseId ?? registry.enterprise.id,
          title,
          majorCode: data.majorCode ?? "460103",
          skillTags: JSON.stringify(data.skillTags ?? []),
          skillLevel: data.skillLevel ?? 4,
          quantity: 2,
          quantityFilled: data.filled ?? 0,
          startDate: new Date(data.start ?? "2027-03-01"),
          wageFen: (data.wage ?? 5_200) * 100,
          status: data.status ?? "open",
        },
      });
      await recordSearchChange({ db: tx, index: "orders", recordId: row.id, op: "upsert" });
      return row.id;
    });
  ids.cnc = await order("数控车削订单班", { skillTags: ["车削", "AutoCAD"], skillLevel: 4, wage: 5_200, start: "2027-03-01" });
  ids.software = await order("软件测试订单班", { enterpriseId: other.id, majorCode: "510203", skillTags: ["Java"], skillLevel: 3, wage: 6_000, start: "2027-05-01", status: "contracted" });
  ids.mill = await order("机修钳工订单班", { skillTags: ["钳工"], skillLevel: 3, wage: 4_500, start: "2027-02-01", status: "in_training", filled: 2 });
  ids.closed = await order("数控铣削订单班（已结束）", { status: "closed" });
  ids.draft = await order("数控草稿订单", { status: "draft" });
  await deliverSearchChanges({ engine: searchEngine() });
  graduateId = (await createGraduate(registry.college.id, "找订单的毕业生")).id;
  cookie = (await startSession((await createAccount("order-seeker", "graduate", { graduateId })).id)).split(";")[0]!;
});

describe("the graduates' order search", () => {
  it("finds recruiting orders by title, major and skill through the engine, never closed or draft ones", async () => {
    await expect(titles("")).resolves.toEqual(expect.arrayContaining(["数控车削订单班", "软件测试订单班", "机修钳工订单班"]));
    expect((await page("")).body.result.totalHits).toBe(3);
    // The title match first, then the order whose major (数控技术) holds the word.
    await expect(titles("q=数控")).resolves.toEqual(["数控车削订单班", "机修钳工订单班"]);
    await expect(titles("q=java")).resolves.toEqual(["软件测试订单班"]);
    await expect(titles("q=" + encodeURIComponent("數控"))).resolves.toEqual(["数控车削订单班", "机修钳工订单班"]);
    const software = (await page("q=" + encodeURIComponent("软件技术"))).body.result.hits[0]!;
    expect(matched(software.major)).toEqual(["软件技术"]);
    const cnc = (await page("q=数控")).body.result.hits[0]!;
    expect(matched(cnc.title)).toEqual(["数控"]);
    expect(cnc).toMatchObject({ placesLeft: 2, wage: "¥5,200.00/月" });
  });

  it("filters by park, major, skill level and wage, and counts each facet with its alternatives", async () => {
    await expect(titles(`park=${registry.otherPark.id}`)).resolves.toEqual(["软件测试订单班"]);
    await expect(titles("category=51")).resolves.toEqual(["软件测试订单班"]);
    await expect(titles("level=3&sort=wage")).resolves.toEqual(["软件测试订单班", "机修钳工订单班"]);
    await expect(titles("wageMin=5000&wageMax=5500")).resolves.toEqual(["数控车削订单班"]);
    const chosen = (await page("level=3")).body.result.facets;
    expect(chosen.level).toEqual([counted("3", 2), counted("4", 1)]);
    expect(chosen.category).toEqual([counted("46", 1), counted("51", 1)]);
  });

  it("sorts by start date and by wage, and pages", async () => {
    await expect(titles("sort=start")).resolves.toEqual(["机修钳工订单班", "数控车削订单班", "软件测试订单班"]);
    await expect(titles("sort=wage")).resolves.toEqual(["软件测试订单班", "数控车削订单班", "机修钳工订单班"]);
    await expect(titles("sort=wage&perPage=2&page=2")).resolves.toEqual(["机修钳工订单班"]);
  });

  it("shows a slip's likely meaning when the typed words find nothing anywhere, and only suggests when filters leave nothing", async () => {
    const slip = (await page("q=" + encodeURIComponent("数空"))).body.result;
    expect(slip.showingInstead).toBe("数控");
    expect(slip.hits.map((h) => h.title.join(""))).toEqual(["数控车削订单班", "机修钳工订单班"]);
    const filtered = (await page(`q=${encodeURIComponent("数控")}&park=${registry.otherPark.id}`)).body.result;
    expect(filtered).toMatchObject({ totalHits: 0, showingInstead: null });
  });

  it("explains bad input on the page with a 400", async () => {
    const { status, body } = await page("q=%21%21%21&level=9");
    expect(status).toBe(400);
    expect(body.problem).toEqual({ field: "q", message: "搜索词需要包含文字或数字，不能只有标点符号" });
    expect(body.result.hits).toEqual([]);
  });

  it("lets a graduate apply from the results and marks the order applied; a senior order asks for a verified senior certificate", async () => {
    const csrf = await readOrIssueCsrfToken(new Request("http://app/graduate/orders", { headers: { Cookie: cookie } }));
    const apply = async (q: string, orderId: number) =>
      (await ordersAction({
        request: new Request(`http://app/graduate/orders?q=${encodeURIComponent(q)}`, {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: csrf.token, orderId: String(orderId) }),
        }),
        params: {},
        context: {},
      })) as Response;
    // 软件测试订单班 requires 高级工 (level 3); this graduate holds no certificate (ADR 166).
    const refused = await apply("java", ids.software!);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(await refused.json())).toContain("该订单要求高级工及以上职业技能等级证书");
    expect(await prisma.application.count({ where: { graduateId, orderId: ids.software } })).toBe(0);
    // 数控车削订单班 requires 中级工: anyone may apply.
    const response = await apply("数控", ids.cnc!);
    expect(response.status).toBe(302);
    expect(await prisma.application.count({ where: { graduateId, orderId: ids.cnc } })).toBe(1);
    expect((await page("q=" + encodeURIComponent("数控"))).body.applied[ids.cnc!]).toMatchObject({ status: "submitted" });
  });

  it("keeps the old order link of the job search working", async () => {
    const response = (await jobsLoader({
      request: new Request(`http://app/graduate/jobs?kind=order&q=${encodeURIComponent("数控")}`, { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    }).catch((thrown: unknown) => thrown)) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/graduate/orders?q=${encodeURIComponent("数控")}`);
  });
});
