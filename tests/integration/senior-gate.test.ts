import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.REDIS_PREFIX = `pb-test-${process.pid}-${Date.now()}`;
});

import { searchEngine } from "../../search/engine.server";
import { deliverSearchChanges } from "../../search/sync.server";
import { action as apply } from "~/routes/api.v1.applications";
import { loader as orderLoader } from "~/routes/orders.$id";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { verifyCertificate } from "~/services/labour/certificates.server";
import { hireApplicant } from "~/services/labour/applications.server";
import { addCertificate } from "~/services/labour/graduates.server";
import { candidatesForOrder } from "~/services/matching/matching.server";
import { prisma } from "~/utils/db.server";
import type { Principal } from "~/utils/principal.server";
import { startSession } from "~/utils/session.server";
import { buildRegistry, createGraduate, refusal } from "./fixtures";
import { offerAccepted, principalOf, seedMajors } from "./labour-fixtures";

/** ADR 166: an order for 高级工 or above takes only a verified certificate of 高级工 or above — matching, applying, hiring. */
let registry: Awaited<ReturnType<typeof buildRegistry>>;
let college: Principal;
let enterprise: Principal;
let graduate: Principal;
let graduateId: number;
let token: string;
let seniorOrderId: number;
let skilledOrderId: number;
let certificateId: number;

type Handler = (args: ActionFunctionArgs) => Promise<Response>;
async function applyByApi(body: unknown) {
  const request = new Request("http://app/api/v1/applications", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const response = await (apply as Handler)({ request, params: {}, context: {} });
  return { status: response.status, body: (await response.json()) as { id?: number; error?: { code: string; message: string; field?: string } } };
}

async function orderPage(orderId: number) {
  const cookie = (await startSession(graduate.accountId)).split(";")[0]!;
  const response = (await orderLoader({ request: new Request(`http://app/orders/${orderId}`, { headers: { Cookie: cookie } }), params: { id: String(orderId) }, context: {} })) as Response;
  return (await response.json()) as { gateRefusal: { code: string; message: string } | null };
}

const candidateIds = async (orderId: number) => {
  await deliverSearchChanges({ engine: searchEngine() });
  return (await candidatesForOrder({ principal: enterprise, orderId })).rows.map((r) => r.graduateId);
};

beforeAll(async () => {
  registry = await buildRegistry();
  await seedMajors();
  college = await principalOf("gate-college", "college", { collegeId: registry.college.id });
  enterprise = await principalOf("gate-ent", "enterprise", { enterpriseId: registry.enterprise.id });
  graduateId = (await createGraduate(registry.college.id, "高证")).id;
  await prisma.graduate.update({ where: { id: graduateId }, data: { graduationDate: new Date("2026-06-30") } });
  graduate = await principalOf("gate-grad", "graduate", { graduateId });
  token = (await createApiToken({ accountId: graduate.accountId, name: "门槛测试" })).token;
  const order = (title: string, skillLevel: number) =>
    prisma.order.create({
      data: { enterpriseId: registry.enterprise.id, title, majorCode: "460103", skillTags: "[]", skillLevel, quantity: 2, startDate: new Date("2027-03-01"), wageFen: 520_000, status: "open" },
    });
  seniorOrderId = (await order("高级工订单班", 3)).id;
  skilledOrderId = (await order("中级工订单班", 4)).id;
});

describe("the senior-technician gate (ADR 166)", () => {
  it("refuses a graduate with no senior certificate, in precise JSON, and the order page says why", async () => {
    const refused = await applyByApi({ orderId: seniorOrderId });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: "senior_certificate_required", message: "该订单要求高级工及以上职业技能等级证书，您没有此等级的证书" });
    expect((await orderPage(seniorOrderId)).gateRefusal?.code).toBe("senior_certificate_required");
  });

  it("refuses an unverified 高级工 certificate and leaves it out of the order's candidates, while a 中级工 order takes it", async () => {
    certificateId = (await addCertificate({ principal: graduate, input: { name: "数控车工", level: 3, issuedAt: new Date("2026-05-20") } })).id;
    const refused = await applyByApi({ orderId: seniorOrderId });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "senior_certificate_unverified" } } });
    expect(refused.body.error?.message).toContain("尚未核验");
    expect((await orderPage(seniorOrderId)).gateRefusal?.code).toBe("senior_certificate_unverified");
    expect(await candidateIds(seniorOrderId)).not.toContain(graduateId);
    expect(await candidateIds(skilledOrderId)).toContain(graduateId);
    expect((await orderPage(skilledOrderId)).gateRefusal).toBeNull();
    expect(await prisma.application.count({ where: { graduateId, orderId: seniorOrderId } })).toBe(0);
  });

  it("admits the graduate once the college verifies the certificate: candidate, application and hire", async () => {
    await verifyCertificate({ principal: college, certificateId, input: { issuingBody: "江西省职业技能鉴定指导中心", certificateNo: "GATE-1" } });
    expect(await candidateIds(seniorOrderId)).toContain(graduateId);
    expect((await orderPage(seniorOrderId)).gateRefusal).toBeNull();
    const applied = await applyByApi({ orderId: seniorOrderId });
    expect(applied.status).toBe(201);
    await offerAccepted(enterprise, applied.body.id!);
    const placement = await hireApplicant({ principal: enterprise, applicationId: applied.body.id! });
    expect(placement.orderId).toBe(seniorOrderId);
  });

  it("refuses the hire, telling the enterprise, when the graduate's verified level no longer reaches 高级工", async () => {
    const other = (await createGraduate(registry.college.id, "未核")).id;
    const otherPrincipal = await principalOf("gate-grad-2", "graduate", { graduateId: other });
    await addCertificate({ principal: otherPrincipal, input: { name: "数控车工", level: 3, issuedAt: new Date("2026-05-20") } });
    await prisma.graduate.update({ where: { id: other }, data: { verifiedSkillLevel: 3 } });
    const application = await prisma.application.create({ data: { graduateId: other, orderId: seniorOrderId, status: "submitted", activeKey: `order:${seniorOrderId}` } });
    await offerAccepted(enterprise, application.id);
    // As a correction or revocation leaves it (ADR 166): the highest verified level drops below 高级工.
    await prisma.graduate.update({ where: { id: other }, data: { verifiedSkillLevel: null } });
    const refused = await refusal(hireApplicant({ principal: enterprise, applicationId: application.id }));
    expect(refused).toMatchObject({ status: 409, code: "senior_certificate_unverified" });
    expect(refused.message).toContain("该毕业生");
    expect(await prisma.placement.count({ where: { graduateId: other } })).toBe(0);
  });
});
