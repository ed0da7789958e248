import { beforeAll, describe, expect, it } from "vitest";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$id";
import { loader as allocationLoader } from "~/routes/graduate.allocation";
import { readOrIssueCsrfToken } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { startSession } from "~/utils/session.server";
import { buildRegistry, createAccount, createGraduate } from "./fixtures";
import { seedMajors } from "./labour-fixtures";

/** The order page for graduates (/orders/{id}) and the allocation page telling a graduate why they cannot take part (issue 14, item 10). */
let registry: Awaited<ReturnType<typeof buildRegistry>>;
let graduateId: number;
let graduateCookie: string;
let bureauCookie: string;
const ids: Record<string, number> = {};

const cookieOf = async (accountId: number) => (await startSession(accountId)).split(";")[0]!;

async function call<T>(run: () => Promise<unknown>): Promise<{ status: number; body: T }> {
  const response = (await run().catch((thrown: unknown) => thrown)) as Response;
  return { status: response.status, body: (await response.json()) as T };
}

const loadOrder = (orderId: number, cookie: string) =>
  call<{ order: { title: string; majorName: string; myApplication: { id: number; status: string } | null }; mayApply: boolean; error?: { message: string } }>(() =>
    orderLoader({ request: new Request(`http://app/orders/${orderId}`, { headers: { Cookie: cookie } }), params: { id: String(orderId) }, context: {} }),
  );

beforeAll(async () => {
  registry = await buildRegistry();
  await seedMajors();
  const order = (title: string, status: string, quantityFilled = 0) =>
    prisma.order.create({
      data: { enterpriseId: registry.enterprise.id, title, majorCode: "460103", skillTags: '["数控"]', skillLevel: 4, quantity: 2, quantityFilled, startDate: new Date("2027-03-01"), wageFen: 520_000, status },
    });
  ids.open = (await order("数控订单班", "open")).id;
  ids.draft = (await order("草稿订单", "draft")).id;
  graduateId = (await createGraduate(registry.college.id, "订单毕业生")).id;
  graduateCookie = await cookieOf((await createAccount("order-page-grad", "graduate", { graduateId })).id);
  bureauCookie = await cookieOf((await createAccount("order-page-bureau", "bureau", { bureauId: registry.bureau.id })).id);
});

describe("the order page", () => {
  it("shows a graduate a recruiting order with its major by name, and lets them apply once", async () => {
    const page = await loadOrder(ids.open!, graduateCookie);
    expect(page).toMatchObject({ status: 200, body: { order: { title: "数控订单班", majorName: "数控技术", myApplication: null }, mayApply: true } });
    const csrf = await readOrIssueCsrfToken(new Request(`http://app/orders/${ids.open}`, { headers: { Cookie: graduateCookie } }));
    const post = () =>
      orderAction({
        request: new Request(`http://app/orders/${ids.open}`, {
          method: "POST",
          headers: { Cookie: graduateCookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: csrf.token }),
        }),
        params: { id: String(ids.open) },
        context: {},
      }) as Promise<Response>;
    const first = await post();
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/orders/${ids.open}`);
    const applications = await prisma.application.findMany({ where: { orderId: ids.open, graduateId }, select: { id: true, orderId: true, graduateId: true, status: true } });
    expect(applications).toEqual([{ id: expect.any(Number), orderId: ids.open, graduateId, status: "submitted" }]);
    // Post → redirect → get: back to the order's page with the message (ADR 112).
    const again = await call<{ formError: string | null }>(post);
    expect(again).toMatchObject({ status: 409 });
    expect(again.body.formError).toMatch(/[\u4e00-\u9fa5]/);
    expect((await loadOrder(ids.open!, graduateCookie)).body.order.myApplication).toEqual({ id: applications[0]!.id, status: "submitted" });
  });

  it("is 404 in Chinese for a draft order to a graduate, and for any order to a bureau", async () => {
    const draft = await loadOrder(ids.draft!, graduateCookie);
    expect(draft.status).toBe(404);
    expect(draft.body.error?.message).toBe("订单不存在或您无权查看");
    expect((await loadOrder(ids.open!, bureauCookie)).status).toBe(404);
  });
});

describe("the allocation page tells a graduate why they cannot take part", () => {
  it("lists the graduate's employment and the deadline as reasons", async () => {
    const admin = await createAccount("order-page-province", "province");
    const round = await prisma.allocationRound.create({
      data: { title: "冬季定向分配", status: "open", deadline: new Date(Date.now() - 60_000), seed: "seed", createdById: admin.id, orders: { create: [{ orderId: ids.open! }] } },
    });
    await prisma.placement.create({
      data: { graduateId, enterpriseId: registry.enterprise.id, startDate: new Date("2026-11-01"), monthlyWageFen: 500_000, majorRelevant: true, inProvincePark: true },
    });
    const page = await call<{ view: { acceptingChoices: boolean; whyNot: string[] } }>(() =>
      allocationLoader({ request: new Request(`http://app/graduate/allocation?round=${round.id}`, { headers: { Cookie: graduateCookie } }), params: {}, context: {} }),
    );
    expect(page.status).toBe(200);
    expect(page.body.view.acceptingChoices).toBe(false);
    expect(page.body.view.whyNot).toEqual([
      expect.stringMatching(/^本轮填报已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 截止$/),
      "您目前在「南昌测试科技有限公司」就业，离职办理完成后才能参加定向分配",
    ]);
  });
});
