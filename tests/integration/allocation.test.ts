import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openQueue, QUEUES, redisConnection, closeBackgroundQueues } from "~/utils/queue.server";
import { runAllocationRoundJob } from "../../jobs/processors/allocation-round";
import { action as solveAction } from "~/routes/api.v1.allocation.solve";
import { action as rankAction } from "~/routes/api.v1.match.rank";
import { loader as orderCandidatesApi } from "~/routes/api.v1.orders.$id.candidates";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { graduateRoundView, openRound, publishRound, roundResults, runAllocationRound, runRoundNow, savePreferences } from "~/services/allocation/rounds.server";
import { applyTo } from "~/services/labour/applications.server";
import { MATCHING_POLICY_KIND, MatchingPolicySchema } from "~/domain/matching/score";
import { candidatesForOrder, inviteToApply, matchingPolicyOn, previewOrderRanking, recommendationsForGraduate } from "~/services/matching/matching.server";
import { createPolicyVersion } from "~/services/policy/versions.server";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { buildJobMarket } from "./search-fixtures";
import { principalOf, thrown } from "./labour-fixtures";

// A Redis key prefix of this test file only, set before the env module is first read.
vi.hoisted(() => {
  process.env.REDIS_PREFIX = `pbtest-alloc-${process.pid}-${Date.now()}`;
});

const DAY = 86_400_000;
let market: Awaited<ReturnType<typeof buildJobMarket>>;
let province: Principal;
let enterprise: Principal;
let otherEnterprise: Principal;
let token: string;
const g: Record<string, { id: number; principal: Principal }> = {};
const orders: Record<string, number> = {};

async function graduate(key: string, data: { majorCode: string; skillTags?: string[]; skillLevel?: number | null; cities?: string[]; relocate?: boolean; graduation?: string; status?: string; collegeId?: number }) {
  const row = await prisma.graduate.create({
    data: {
      idNumberHash: `hash-${key}`,
      idNumberCipher: "x",
      idNumberMasked: "3601**********123X",
      name: key,
      gender: "F",
      birthDate: new Date("2004-01-01"),
      phone: "13800000000",
      collegeId: data.collegeId ?? market.college.id,
      majorCode: data.majorCode,
      schoolLevel: data.majorCode.startsWith("6") ? "中职" : "高职",
      graduationDate: new Date(data.graduation ?? "2026-06-30"),
      skillLevel: data.skillLevel ?? null,
      // Their certificates count as verified here; half weight for unverified ones is tested in certificate-verification.test.ts.
      verifiedSkillLevel: data.skillLevel ?? null,
      skillTags: JSON.stringify(data.skillTags ?? []),
      preferredCities: JSON.stringify(data.cities ?? ["360100"]),
      willingToRelocate: data.relocate ?? false,
      status: data.status ?? "available",
    },
  });
  g[key] = { id: row.id, principal: await principalOf(`g-${key}`, "graduate", { graduateId: row.id }) };
}

async function order(key: string, data: { majorCode: string; skillTags?: string[]; skillLevel?: number; quantity: number; enterpriseId?: number }) {
  const row = await prisma.order.create({
    data: {
      enterpriseId: data.enterpriseId ?? market.enterprise.id,
      title: key,
      majorCode: data.majorCode,
      skillTags: JSON.stringify(data.skillTags ?? []),
      skillLevel: data.skillLevel ?? 4,
      quantity: data.quantity,
      startDate: new Date("2026-09-01"),
      wageFen: 500_000,
      status: "open",
    },
  });
  orders[key] = row.id;
}

beforeAll(async () => {
  market = await buildJobMarket();
  await prisma.majorCategory.create({ data: { code: "66", name: "装备制造大类（中职）", level: "中职" } });
  await prisma.majorClass.create({ data: { code: "6601", name: "机械设计制造类", categoryCode: "66" } });
  await prisma.major.createMany({
    data: [
      { code: "460103", name: "数控技术", classCode: "4601", level: "高职" },
      { code: "460101", name: "机械设计与制造", classCode: "4601", level: "高职" },
      { code: "460301", name: "机电一体化技术", classCode: "4603", level: "高职" },
      { code: "660103", name: "数控技术应用", classCode: "6601", level: "中职" },
    ],
  });
  await prisma.pairing.create({ data: { parkId: market.park.id, collegeId: market.college.id, startDate: new Date("2024-01-01") } });
  province = await principalOf("prov", "province");
  enterprise = await principalOf("ent", "enterprise", { enterpriseId: market.enterprise.id });
  otherEnterprise = await principalOf("bank", "enterprise", { enterpriseId: market.bank.id });
  token = (await createApiToken({ accountId: enterprise.accountId, name: "测试" })).token;

  await graduate("best", { majorCode: "460103", skillTags: ["数控编程", "CAD"], skillLevel: 4 });
  await graduate("zhongzhi", { majorCode: "660103", skillTags: ["数控编程"], skillLevel: 4 });
  await graduate("sameClass", { majorCode: "460101", skillTags: ["CAD"], skillLevel: 5, collegeId: market.otherCollege.id });
  await graduate("sameCategory", { majorCode: "460301", skillTags: [], skillLevel: null, cities: ["360400"], relocate: true, collegeId: market.otherCollege.id });
  await graduate("placed", { majorCode: "460103", skillTags: ["数控编程", "CAD"], skillLevel: 3, status: "placed" });
  await graduate("late", { majorCode: "460103", skillTags: ["数控编程", "CAD"], skillLevel: 3, graduation: "2027-06-30" });
  await graduate("senior", { majorCode: "460103", skillTags: ["数控编程", "CAD"], skillLevel: 3 });

  await order("数控订单", { majorCode: "460103", skillTags: ["数控编程", "CAD"], skillLevel: 4, quantity: 2 });
  await order("高级工订单", { majorCode: "460103", skillTags: ["数控编程"], skillLevel: 3, quantity: 1 });
  await order("机电订单", { majorCode: "460301", quantity: 3 });
});

afterAll(async () => {
  const connection = redisConnection({ forWorker: false });
  const queue = openQueue(QUEUES.allocation, connection);
  await queue.obliterate({ force: true });
  await queue.close();
  await closeBackgroundQueues();
  await connection.quit();
});

describe("candidates for an order", () => {
  it("ranks by match score, with components and missing skills, and leaves out whom a hard constraint excludes", async () => {
    const result = await candidatesForOrder({ principal: enterprise, orderId: orders["数控订单"]! });
    const names = result.rows.map((r) => r.name);
    expect(names.slice(0, 2).sort()).toEqual(["best", "senior"].sort());
    // 中职 数控技术应用 counts as the same major; same class and category follow
    expect(names.indexOf("zhongzhi")).toBeLessThan(names.indexOf("sameClass"));
    expect(names.indexOf("sameClass")).toBeLessThan(names.indexOf("sameCategory"));
    expect(names).not.toContain("placed");
    expect(names).not.toContain("late");
    const best = result.rows.find((r) => r.name === "best")!;
    expect(best.components.major).toMatchObject({ points: 40, detail: "专业对口" });
    expect(best.components.pairing.points).toBe(10);
    expect(result.rows.find((r) => r.name === "zhongzhi")!.missingSkills).toEqual(["CAD"]);
  });

  it("a senior-technician order only retrieves graduates of 高级工 and above", async () => {
    const result = await candidatesForOrder({ principal: enterprise, orderId: orders["高级工订单"]! });
    expect(result.rows.map((r) => r.name)).toEqual(["senior"]);
  });

  it("filters: only the same major", async () => {
    const result = await candidatesForOrder({ principal: enterprise, orderId: orders["数控订单"]!, filters: { majorMatch: "class" } });
    expect(result.rows.map((r) => r.name)).toEqual(["sameClass"]);
  });

  it("another enterprise cannot see the candidates of this order", async () => {
    const error = await thrown(candidatesForOrder({ principal: otherEnterprise, orderId: orders["数控订单"]! }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(404);
  });

  it("the API answers the ranked list with score components", async () => {
    const response = await orderCandidatesApi({
      request: new Request(`http://app/api/v1/orders/${orders["数控订单"]}/candidates?perPage=2`, { headers: { Authorization: `Bearer ${token}` } }),
      params: { id: String(orders["数控订单"]) },
      context: {},
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { candidates: { score: number; components: Record<string, unknown> }[]; total: number };
    expect(body.candidates).toHaveLength(2);
    expect(body.total).toBe(5);
    expect(Object.keys(body.candidates[0]!.components).sort()).toEqual(["certificate", "location", "major", "pairing", "skills"]);
  });

  it("invite to apply notifies the graduate with a link to the order", async () => {
    await inviteToApply({ principal: enterprise, graduateId: g.best!.id, target: { orderId: orders["数控订单"]! } });
    const note = await prisma.notification.findFirst({ where: { accountId: g.best!.principal.accountId, kind: "invitation" } });
    expect(note?.title).toContain("邀请您投递「数控订单」");
    expect(note?.link).toBe(`/orders/${orders["数控订单"]!}`);
  });
});

describe("the province's matching weights (issue 18 item 4)", () => {
  it("previews an order's candidates under proposed weights beside today's ranking, without publishing anything", async () => {
    const published = await prisma.policyVersion.count({ where: { kind: MATCHING_POLICY_KIND } });
    const majorOnly = MatchingPolicySchema.parse({ weights: { major: 100, skills: 0, certificate: 0, location: 0, pairing: 0 } });
    const preview = await previewOrderRanking({ principal: province, orderId: orders["数控订单"]!, proposed: majorOnly });
    const proposed = new Map(preview.proposed.map((r) => [r.name, r.score]));
    // Only the major counts: the same major (中职 数控技术应用 too) 100, the same class 60 %, the same category 30 %.
    expect(proposed.get("best")).toBeCloseTo(100);
    expect(proposed.get("zhongzhi")).toBeCloseTo(100);
    expect(proposed.get("sameClass")).toBeCloseTo(60);
    expect(proposed.get("sameCategory")).toBeCloseTo(30);
    // The current column is what the enterprise's candidate list shows today.
    const today = await candidatesForOrder({ principal: enterprise, orderId: orders["数控订单"]! });
    expect(preview.current.map((r) => [r.name, r.score])).toEqual(today.rows.slice(0, preview.current.length).map((r) => [r.name, r.score]));
    expect(await prisma.policyVersion.count({ where: { kind: MATCHING_POLICY_KIND } })).toBe(published);
  });

  it("a published version ranks candidates from its effective date, not before", async () => {
    const year = new Date().getUTCFullYear() + 1;
    const locationHeavy = MatchingPolicySchema.parse({ weights: { major: 10, skills: 10, certificate: 10, location: 60, pairing: 10 } });
    await createPolicyVersion({ principal: province, kind: MATCHING_POLICY_KIND, effectiveFrom: `${year}-01-01`, data: locationHeavy, note: "测试" });
    expect((await matchingPolicyOn(new Date())).policy.weights.location).toBe(10);
    expect((await matchingPolicyOn(new Date(`${year}-01-02T00:00:00Z`))).policy.weights).toEqual(locationHeavy.weights);
  });
});

describe("recommendations for a graduate", () => {
  it("the orders of the graduate's major come first, with the reasons", async () => {
    const result = await recommendationsForGraduate({ principal: g.best!.principal, graduateId: g.best!.id });
    expect(result.recommendations[0]).toMatchObject({ kind: "order", title: "数控订单", score: 100 });
    // the senior order is not recommended to a 中级工
    expect(result.recommendations.map((r) => r.title)).not.toContain("高级工订单");
  });

  it("leave out an order the graduate has already applied to", async () => {
    const application = await applyTo({ principal: g.zhongzhi!.principal, target: { orderId: orders["数控订单"]! } });
    try {
      const titles = (await recommendationsForGraduate({ principal: g.zhongzhi!.principal, graduateId: g.zhongzhi!.id })).recommendations.map((r) => r.title);
      expect(titles).not.toContain("数控订单");
      expect(titles).toContain("机电订单");
    } finally {
      await prisma.applicationEvent.deleteMany({ where: { applicationId: application.id } });
      await prisma.application.delete({ where: { id: application.id } });
    }
    const again = await recommendationsForGraduate({ principal: g.zhongzhi!.principal, graduateId: g.zhongzhi!.id });
    expect(again.recommendations.map((r) => r.title)).toContain("数控订单");
  });
});

describe("API dry runs", () => {
  const post = (url: string, body: unknown) =>
    new Request(url, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });

  it("POST /api/v1/match/rank scores the records in the body", async () => {
    const response = await rankAction({
      request: post("http://app/api/v1/match/rank", {
        target: { majorCode: "460103", skills: ["PLC", "CAD"], level: 4, city: "360100", parkPairedCollegeCodes: ["4136000001"] },
        candidates: [
          { id: "a", majorCode: "520201", skills: [], certificateLevel: null, preferredCities: [], willingToRelocate: false, collegeCode: "x" },
          { id: "b", majorCode: "660103", skills: ["plc"], certificateLevel: 4, verifiedCertificateLevel: 4, preferredCities: ["360100"], willingToRelocate: false, collegeCode: "4136000001" },
          // The same certificate, not verified: half of the certificate's 15 points (product.md §12).
          { id: "c", majorCode: "660103", skills: ["plc"], certificateLevel: 4, preferredCities: ["360100"], willingToRelocate: false, collegeCode: "4136000001" },
        ],
      }),
      params: {},
      context: {},
    });
    const body = (await response.json()) as { ranked: { id: string; score: number; missingSkills: string[] }[] };
    expect(body.ranked.map((r) => r.id)).toEqual(["b", "c", "a"]);
    expect(body.ranked[0]).toMatchObject({ score: 87.5, missingSkills: ["CAD"] });
    expect(body.ranked[1]).toMatchObject({ score: 80 });
  });

  it("a bad body is a 400 naming the field", async () => {
    const response = await rankAction({
      request: post("http://app/api/v1/match/rank", { target: { majorCode: "460103", skills: [] }, candidates: [{ id: 1, majorCode: "46" }] }),
      params: {},
      context: {},
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_body", field: "candidates.0.majorCode" } });
  });

  it("POST /api/v1/allocation/solve runs deferred acceptance on the lists given", async () => {
    const response = await solveAction({
      request: post("http://app/api/v1/allocation/solve", {
        orders: [
          { id: "o1", capacity: 1, ranking: [2, 1] },
          { id: "o2", capacity: 1, ranking: [1, 2] },
        ],
        graduates: [
          { id: 1, preferences: ["o1", "o2"] },
          { id: 2, preferences: ["o1", "o2"] },
          { id: 3, preferences: ["o1"] },
        ],
      }),
      params: {},
      context: {},
    });
    expect(await response.json()).toEqual({ assignments: { 1: "o2", 2: "o1", 3: null } });
  });

  it("allocation/solve refuses more than ten choices and unknown orders", async () => {
    const many = await solveAction({
      request: post("http://app/api/v1/allocation/solve", { orders: [], graduates: [{ id: 1, preferences: Array.from({ length: 11 }, (_, i) => i) }] }),
      params: {},
      context: {},
    });
    expect(await many.json()).toMatchObject({ error: { field: "graduates.0.preferences" } });
    const unknown = await solveAction({
      request: post("http://app/api/v1/allocation/solve", { orders: [{ id: 1, capacity: 1, ranking: [] }], graduates: [{ id: 1, preferences: [9] }] }),
      params: {},
      context: {},
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { field: "graduates.0.preferences", message: "志愿中的订单 9 不在 orders 中" } });
  });
});

describe("an allocation round", () => {
  let roundId: number;

  it("the province opens a round over open orders; a draft order is refused", async () => {
    const draft = await prisma.order.create({
      data: { enterpriseId: market.enterprise.id, title: "草稿", majorCode: "460103", skillTags: "[]", skillLevel: 4, quantity: 1, startDate: new Date(), wageFen: 1, status: "draft" },
    });
    const refused = await thrown(openRound({ principal: province, input: { title: "秋季分配", deadline: new Date(Date.now() + DAY), orderIds: [orders["数控订单"]!, draft.id] } }));
    expect((refused as AppError).field).toBe("orderIds");
    const opened = await openRound({
      principal: province,
      input: { title: "秋季分配", deadline: new Date(Date.now() + DAY), orderIds: [orders["数控订单"]!, orders["高级工订单"]!, orders["机电订单"]!] },
    });
    roundId = opened.roundId;
    expect(await prisma.allocationRoundOrder.count({ where: { roundId } })).toBe(3);
  });

  it("graduates rank up to ten orders; an order whose hard constraints exclude them is refused", async () => {
    const refused = await thrown(savePreferences({ principal: g.best!.principal, roundId, orderIds: [orders["高级工订单"]!] }));
    expect((refused as AppError).message).toContain("高级工订单");
    await savePreferences({ principal: g.best!.principal, roundId, orderIds: [orders["数控订单"]!, orders["机电订单"]!] });
    await savePreferences({ principal: g.zhongzhi!.principal, roundId, orderIds: [orders["数控订单"]!] });
    await savePreferences({ principal: g.sameClass!.principal, roundId, orderIds: [orders["数控订单"]!, orders["机电订单"]!] });
    await savePreferences({ principal: g.senior!.principal, roundId, orderIds: [orders["数控订单"]!, orders["高级工订单"]!] });
    await savePreferences({ principal: g.sameCategory!.principal, roundId, orderIds: [orders["数控订单"]!] });
    expect(await prisma.allocationPreference.count({ where: { roundId } })).toBe(8);
  });

  it("runs once: the best-scoring graduates fill 数控订单, the rest fall back or stay unmatched", async () => {
    const outcome = await runRoundNow({ principal: province, roundId });
    expect(outcome).toEqual({ status: "solved", matched: 3, unmatched: 2 });
    const rows = await prisma.allocationAssignment.findMany({ where: { roundId }, select: { graduateId: true, orderId: true } });
    const byName = Object.fromEntries(Object.entries(g).map(([k, v]) => [k, rows.find((r) => r.graduateId === v.id)?.orderId ?? null]));
    expect(byName).toMatchObject({
      best: orders["数控订单"],
      senior: orders["数控订单"],
      zhongzhi: null,
      sameClass: orders["机电订单"],
      sameCategory: null,
    });
    // the deadline job after an on-demand run does nothing
    expect(await runAllocationRoundJob({ roundId })).toEqual({ status: "already", roundStatus: "solved" });
    expect(await thrown(runRoundNow({ principal: province, roundId }))).toBeInstanceOf(AppError);
  });

  it("a re-run from the recorded seed gives the same result", async () => {
    const before = await prisma.allocationAssignment.findMany({ where: { roundId }, orderBy: { graduateId: "asc" } });
    await prisma.allocationRound.update({ where: { id: roundId }, data: { status: "open" } });
    await runAllocationRound({ roundId });
    const after = await prisma.allocationAssignment.findMany({ where: { roundId }, orderBy: { graduateId: "asc" } });
    expect(after).toEqual(before);
  });

  it("an enterprise sees nothing before publishing; after, its assigned graduates", async () => {
    expect((await roundResults({ principal: enterprise, roundId })).rows).toEqual([]);
    const published = await publishRound({ principal: province, roundId });
    expect(published).toEqual({ offers: 3, unmatched: 2 });
    const results = await roundResults({ principal: enterprise, roundId });
    expect(results.rows.map((r) => r.graduate.name).sort()).toEqual(["best", "sameClass", "senior"]);
    expect(results.unmatchedGraduates).toBe(0);
    const admin = await roundResults({ principal: province, roundId, view: "unmatched" });
    expect(admin.rows.map((r) => r.graduate.name).sort()).toEqual(["sameCategory", "zhongzhi"]);
  });

  it("publishing turned each assignment into an offer and told the graduate", async () => {
    const application = await prisma.application.findFirst({ where: { graduateId: g.best!.id, orderId: orders["数控订单"]! } });
    expect(application?.status).toBe("offered");
    const view = await graduateRoundView({ principal: g.best!.principal, roundId });
    expect(view.assignment?.orderId).toBe(orders["数控订单"]);
    const notes = await prisma.notification.findMany({ where: { accountId: g.zhongzhi!.principal.accountId, kind: "allocation" } });
    expect(notes[0]?.body).toContain("未录取");
    expect(await thrown(publishRound({ principal: province, roundId }))).toBeInstanceOf(AppError);
  });

  it("a park administrator opens rounds only over its own enterprises' orders", async () => {
    const park = await principalOf("park-admin", "park", { parkId: market.otherPark.id });
    const error = await thrown(openRound({ principal: park, input: { title: "园区分配", deadline: new Date(Date.now() + DAY), orderIds: [orders["机电订单"]!] } }));
    expect((error as AppError).field).toBe("orderIds");
    expect(await thrown(runRoundNow({ principal: park, roundId }))).toMatchObject({ status: 404 });
  });

  it("a deadline job that arrives early waits in the queue until the deadline", async () => {
    const opened = await openRound({ principal: province, input: { title: "冬季分配", deadline: new Date(Date.now() + DAY), orderIds: [orders["机电订单"]!] } });
    const delays: number[] = [];
    const job = { token: "t", moveToDelayed: async (timestamp: number) => void delays.push(timestamp) };
    await expect(runAllocationRoundJob({ roundId: opened.roundId }, job)).rejects.toThrow();
    const round = await prisma.allocationRound.findUniqueOrThrow({ where: { id: opened.roundId } });
    expect(delays).toEqual([round.deadline.getTime()]);
    expect(round.status).toBe("open");
    // at the deadline it runs
    expect(await runAllocationRoundJob({ roundId: opened.roundId }, job, new Date(Date.now() + 2 * DAY))).toMatchObject({ status: "solved" });
  });

  it("the deadline job refuses a bad payload or a missing round without retrying", async () => {
    await expect(runAllocationRoundJob({ roundId: "x" })).rejects.toThrow(/bad allocation payload/);
    await expect(runAllocationRoundJob({ roundId: 999_999 })).rejects.toThrow(/does not exist/);
  });

  it("choices cannot change once the round has run", async () => {
    const error = await thrown(savePreferences({ principal: g.best!.principal, roundId, orderIds: [orders["机电订单"]!] }));
    expect((error as AppError).status).toBe(409);
  });
});
