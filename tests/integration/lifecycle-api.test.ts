import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { action as accept } from "~/routes/api.v1.applications.$id.accept";
import { action as decline } from "~/routes/api.v1.applications.$id.decline";
import { action as hire } from "~/routes/api.v1.applications.$id.hire";
import { action as offer } from "~/routes/api.v1.applications.$id.offer";
import { action as apply } from "~/routes/api.v1.applications";
import { loader as placementsOf } from "~/routes/api.v1.graduates.$id.placements";
import { action as end } from "~/routes/api.v1.placements.$id.end";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { createJob } from "~/services/labour/postings.server";
import { chinaDate } from "~/domain/china-time";
import { prisma } from "~/utils/db.server";
import { buildRegistry, createGraduate } from "./fixtures";
import { offerTerms, principalOf, seedMajors } from "./labour-fixtures";

/** The employment lifecycle driven through /api/v1 (issue 14, item 9): role and scope checked, refusals as 409, bad input as 400 naming the field. */
let registry: Awaited<ReturnType<typeof buildRegistry>>;
const tokens: Record<string, string> = {};
let graduateId = 0;
let jobId = 0;

async function tokenFor(login: string, role: "graduate" | "enterprise" | "college", scope: Record<string, number>) {
  const p = await principalOf(login, role, scope);
  return (await createApiToken({ accountId: p.accountId, name: "接口测试" })).token;
}

beforeAll(async () => {
  registry = await buildRegistry();
  await seedMajors();
  const g = await createGraduate(registry.college.id, "接口毕业生");
  graduateId = g.id;
  tokens.graduate = await tokenFor("api-grad", "graduate", { graduateId: g.id });
  tokens.enterprise = await tokenFor("api-hr", "enterprise", { enterpriseId: registry.enterprise.id });
  const other = await prisma.enterprise.create({
    data: { creditCode: "91360100MA35F0009X", name: "无关企业", parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 10 },
  });
  tokens.otherEnterprise = await tokenFor("api-hr-other", "enterprise", { enterpriseId: other.id });
  tokens.otherCollege = await tokenFor("api-college-other", "college", { collegeId: registry.otherCollege.id });
  const hr = await principalOf("api-hr-pages", "enterprise", { enterpriseId: registry.enterprise.id });
  jobId = (await createJob({
    principal: hr,
    input: { title: "接口岗位", description: "d", majorClasses: ["4601"], wageMinFen: 400_000, wageMaxFen: 500_000, openings: 2, skillLevelRequired: undefined },
  })).id;
});

type Handler = (args: ActionFunctionArgs) => Promise<Response>;

async function call(handler: Handler, who: string, path: string, params: Record<string, string> = {}, body?: unknown, method = "POST") {
  const request = new Request(`http://app${path}`, {
    method,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${tokens[who]}` },
    body: method === "POST" ? (typeof body === "string" ? body : JSON.stringify(body ?? {})) : undefined,
  });
  const response = await handler({ request, params, context: {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string; field?: string } } };
}

async function shortlist(applicationId: number) {
  await prisma.application.update({ where: { id: applicationId }, data: { status: "shortlisted", activeKey: `job:${jobId}` } });
}

describe("the lifecycle through the API", () => {
  it("applies, offers, accepts, hires and ends, each step by its own role", async () => {
    const applied = await call(apply as Handler, "graduate", "/api/v1/applications", {}, { jobId });
    expect(applied).toMatchObject({ status: 201, body: { status: "submitted", jobId } });
    const id = String(applied.body.id);
    await shortlist(Number(id));

    const today = chinaDate(new Date());
    const offered = await call(offer as Handler, "enterprise", `/api/v1/applications/${id}/offer`, { id }, offerTerms({ startDate: today, replyBy: today }));
    expect(offered).toMatchObject({ status: 200, body: { status: "offered" } });
    const early = await call(hire as Handler, "enterprise", `/api/v1/applications/${id}/hire`, { id });
    expect(early).toMatchObject({ status: 409, body: { error: { code: "bad_transition", message: "只有毕业生接受录用通知后才能录用" } } });

    expect(await call(accept as Handler, "graduate", `/api/v1/applications/${id}/accept`, { id })).toMatchObject({ status: 200, body: { status: "accepted" } });
    const hired = await call(hire as Handler, "enterprise", `/api/v1/applications/${id}/hire`, { id });
    expect(hired.status).toBe(201);
    const placementId = String(hired.body.placementId);

    const listed = await call(placementsOf as unknown as Handler, "graduate", `/api/v1/graduates/${graduateId}/placements`, { id: String(graduateId) }, undefined, "GET");
    expect(listed.body.placements).toEqual([expect.objectContaining({ id: Number(placementId), active: true, endedOn: null })]);

    const ended = await call(end as Handler, "enterprise", `/api/v1/placements/${placementId}/end`, { id: placementId }, { endedOn: chinaDate(new Date()), endReason: "协商解除" });
    expect(ended).toMatchObject({ status: 200, body: { endReason: "协商解除" } });
    const twice = await call(end as Handler, "enterprise", `/api/v1/placements/${placementId}/end`, { id: placementId }, { endedOn: chinaDate(new Date()), endReason: "协商解除" });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
  });

  it("refuses the wrong role with 403, another scope with 404, and a refused step with 409", async () => {
    const g2 = await createGraduate(registry.college.id, "另一名毕业生");
    tokens.graduate2 = await tokenFor("api-grad-2", "graduate", { graduateId: g2.id });
    const applied = await call(apply as Handler, "graduate2", "/api/v1/applications", {}, { jobId });
    const id = String(applied.body.id);
    expect((await call(apply as Handler, "enterprise", "/api/v1/applications", {}, { jobId })).status).toBe(403);
    expect((await call(accept as Handler, "enterprise", `/api/v1/applications/${id}/accept`, { id })).status).toBe(403);
    expect((await call(offer as Handler, "otherEnterprise", `/api/v1/applications/${id}/offer`, { id }, offerTerms())).status).toBe(404);
    expect((await call(placementsOf as unknown as Handler, "otherCollege", `/api/v1/graduates/${g2.id}/placements`, { id: String(g2.id) }, undefined, "GET")).status).toBe(404);
    const again = await call(apply as Handler, "graduate2", "/api/v1/applications", {}, { jobId });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "conflict", message: "您已申请过该岗位，请勿重复申请" } } });
    const declineEarly = await call(decline as Handler, "graduate2", `/api/v1/applications/${id}/decline`, { id });
    expect(declineEarly.status).toBe(409);
    expect(declineEarly.body.error?.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("answers bad input with 400 naming the field, in Chinese", async () => {
    const applied = await call(apply as Handler, "graduate", "/api/v1/applications", {}, { jobId: "x" });
    expect(applied).toMatchObject({ status: 400 });
    const g3 = await createGraduate(registry.college.id, "第三名毕业生");
    tokens.graduate3 = await tokenFor("api-grad-3", "graduate", { graduateId: g3.id });
    const id = String((await call(apply as Handler, "graduate3", "/api/v1/applications", {}, { jobId })).body.id);
    await shortlist(Number(id));
    const bad = async (body: unknown) => (await call(offer as Handler, "enterprise", `/api/v1/applications/${id}/offer`, { id }, body)).body.error;
    expect(await bad(offerTerms({ startDate: "2026-02-30" }))).toMatchObject({ field: "startDate", message: "入职日期「2026-02-30」不是日历上的日期" });
    expect(await bad(offerTerms({ replyBy: "9999-01-01" }))).toMatchObject({ field: "replyBy", message: "答复期限的年份应在 1900—2100 之间" });
    expect(await bad({ ...offerTerms(), monthlyWageFen: 4500.5 })).toMatchObject({ field: "monthlyWageFen" });
    expect(await bad(offerTerms({ monthlyWageFen: 100_000 }))).toMatchObject({ field: "monthlyWageFen", message: "月薪不能低于最低工资标准 ¥1,610" });
    expect(await bad("{not json")).toMatchObject({ code: "bad_json", field: "body" });
    const raw = (wage: string) => JSON.stringify(offerTerms()).replace(/"monthlyWageFen":\d+/, `"monthlyWageFen":${wage}`);
    const written1e2 = await call(offer as Handler, "enterprise", `/api/v1/applications/${id}/offer`, { id }, raw("4.5e5"));
    expect(written1e2).toMatchObject({ status: 400, body: { error: { code: "bad_json", field: "monthlyWageFen" } } });
    expect(written1e2.body.error?.message).toContain("数字「4.5e5」写法无效");
    const hex = await call(offer as Handler, "enterprise", `/api/v1/applications/${id}/offer`, { id }, raw("0x10"));
    expect(hex).toMatchObject({ status: 400, body: { error: { code: "bad_json", field: "monthlyWageFen" } } });
    expect((await call(apply as Handler, "graduate3", "/api/v1/applications", {}, `{"jobId": 1e0}`)).body.error).toMatchObject({ field: "jobId" });
    expect(await bad(offerTerms({ startDate: "2026/12/30" }))).toMatchObject({ field: "startDate", message: "入职日期应为日期，格式如 2026-09-01" });
    expect(await bad(offerTerms({ startDate: "0000-01-01" }))).toMatchObject({ field: "startDate", message: "入职日期的年份应在 1900—2100 之间" });
    const endBad = await call(end as Handler, "enterprise", "/api/v1/placements/1/end", { id: "1" }, { endedOn: "2026-01-01", endReason: "跳槽" });
    expect(endBad).toMatchObject({ status: 400, body: { error: { field: "endReason" } } });
    expect((await call(end as Handler, "enterprise", "/api/v1/placements/abc/end", { id: "abc" }, {})).status).toBe(404);
  });
});
