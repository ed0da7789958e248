import { beforeAll, describe, expect, it } from "vitest";
import { addCalendarDays, dateOf } from "~/domain/subsidy/calendar";
import { chinaDate } from "~/domain/china-time";
import { applyTo, getApplication, hireApplicant } from "~/services/labour/applications.server";
import { answerOffer, lapseOverdueOffers, makeOffer } from "~/services/labour/offers.server";
import { createJob, createOrder, moveOrder, setJobStatus } from "~/services/labour/postings.server";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import type { AppError } from "~/utils/errors.server";
import { lapseOffersJob } from "../../jobs/processors/lapse-offers";
import { buildRegistry, createGraduate } from "./fixtures";
import { makeTestOffer, offerTerms, principalOf, seedMajors, thrown } from "./labour-fixtures";

/** Offers the graduate answers (product.md §10): accept, decline, lapse; accepting withdraws the rest. */
let registry: Awaited<ReturnType<typeof buildRegistry>>;
let enterprise: Principal;
let other: Principal;
let seq = 0;
const today = chinaDate(new Date());

beforeAll(async () => {
  registry = await buildRegistry();
  await seedMajors();
  const second = await prisma.enterprise.create({
    data: { creditCode: "91360100MA35F0003X", name: "另一家企业", parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 50 },
  });
  enterprise = await principalOf("hr-offer", "enterprise", { enterpriseId: registry.enterprise.id });
  other = await principalOf("hr-offer-2", "enterprise", { enterpriseId: second.id });
});

async function graduate() {
  seq += 1;
  const g = await createGraduate(registry.college.id, `应届生${seq}`);
  return { graduate: g, principal: await principalOf(`offer-${seq}`, "graduate", { graduateId: g.id }) };
}

async function jobOf(owner: Principal, title = "电工") {
  return createJob({
    principal: owner,
    input: { title, description: "维修", majorClasses: ["4601"], wageMinFen: 400_000, wageMaxFen: 600_000, openings: 5, skillLevelRequired: undefined },
  });
}

async function openOrder(owner: Principal, title: string) {
  const o = await createOrder({
    principal: owner,
    input: { title, majorCode: "460103", skillTags: [], skillLevel: 4, quantity: 3, startDate: new Date("2027-03-01T00:00:00Z"), wageFen: 500_000, collegeId: undefined },
  });
  await moveOrder({ principal: owner, orderId: o.id, to: "open" });
  return o;
}

const titlesOf = async (accountId: number) => (await prisma.notification.findMany({ where: { accountId }, orderBy: { id: "asc" } })).map((n) => n.title);

describe("making an offer", () => {
  it("states start date, wage, contract months and reply deadline, and tells the graduate", async () => {
    const { principal: grad } = await graduate();
    const a = await applyTo({ principal: grad, target: { jobId: (await jobOf(enterprise)).id } });
    await makeTestOffer(enterprise, a.id, { monthlyWageFen: 480_000, contractMonths: 36 });
    const detail = await getApplication({ principal: grad, applicationId: a.id });
    expect(detail).toMatchObject({ status: "offered", offerMonthlyWageFen: 480_000, offerContractMonths: 36 });
    expect(detail.offerReplyBy?.toISOString().slice(0, 10)).toBe(addCalendarDays(today, 7));
    expect((await titlesOf(grad.accountId)).at(-1)).toBe("您收到「电工」的录用通知");
  });

  it("refuses a wage under the minimum wage in force, naming the field", async () => {
    const { principal: grad } = await graduate();
    const a = await applyTo({ principal: grad, target: { jobId: (await jobOf(enterprise)).id } });
    const low = (await thrown(makeTestOffer(enterprise, a.id, { monthlyWageFen: 160_000 }))) as AppError;
    expect(low).toMatchObject({ status: 400, field: "monthlyWageFen", message: "月薪不能低于最低工资标准 ¥1,610" });
    await prisma.policyVersion.create({
      data: { kind: "labour", version: 1, effectiveFrom: dateOf("2020-01-01"), data: JSON.stringify({ minimumMonthlyWageFen: 190_000 }) },
    });
    const underNew = (await thrown(makeOffer({ principal: enterprise, applicationId: a.id, input: offerTerms({ monthlyWageFen: 180_000 }) }))) as AppError;
    expect(underNew.message).toBe("月薪不能低于最低工资标准 ¥1,900");
    // The version stays (policy versions are never removed, ADR 130): later offers here pay ¥4,800 and more.
    expect((await prisma.application.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("shortlisted");
  });

  it("cannot be hired on until the graduate accepts", async () => {
    const { principal: grad } = await graduate();
    const a = await applyTo({ principal: grad, target: { jobId: (await jobOf(enterprise)).id } });
    await makeTestOffer(enterprise, a.id);
    const early = (await thrown(hireApplicant({ principal: enterprise, applicationId: a.id }))) as AppError;
    expect(early).toMatchObject({ status: 409, message: "只有毕业生接受录用通知后才能录用" });
  });
});

describe("answering an offer", () => {
  it("declining ends the application and tells the enterprise", async () => {
    const { principal: grad } = await graduate();
    const a = await applyTo({ principal: grad, target: { jobId: (await jobOf(enterprise, "钳工")).id } });
    await makeTestOffer(enterprise, a.id);
    await answerOffer({ principal: grad, applicationId: a.id, answer: "decline" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("declined");
    expect((await titlesOf(enterprise.accountId)).at(-1)).toBe(`${grad.login.replace("offer-", "应届生")}谢绝了「钳工」的录用通知`);
    expect(((await thrown(hireApplicant({ principal: enterprise, applicationId: a.id }))) as AppError).message).toBe("申请人已谢绝录用通知，不能再变更");
  });

  it("accepting withdraws every other open application and allocation choice, each on the timeline and told to its enterprise", async () => {
    const { graduate: g, principal: grad } = await graduate();
    const chosen = await applyTo({ principal: grad, target: { jobId: (await jobOf(enterprise, "数控操作工")).id } });
    const elsewhere = await applyTo({ principal: grad, target: { jobId: (await jobOf(other, "装配工")).id } });
    const order = await openOrder(other, "机器人订单班");
    const viaOrder = await applyTo({ principal: grad, target: { orderId: (await openOrder(other, "焊接订单班")).id } });
    const round = await prisma.allocationRound.create({
      data: { title: "2026 冬季定向分配", deadline: new Date(Date.now() + 86_400_000), seed: "s", createdById: enterprise.accountId, orders: { create: [{ orderId: order.id }] } },
    });
    await prisma.allocationPreference.create({ data: { roundId: round.id, graduateId: g.id, orderId: order.id, rank: 1 } });
    await makeTestOffer(enterprise, chosen.id);
    const before = (await titlesOf(other.accountId)).length;

    const answer = await answerOffer({ principal: grad, applicationId: chosen.id, answer: "accept" });
    expect(answer).toEqual({ status: "accepted", withdrawn: { applications: 2, choices: 1 } });
    for (const id of [elsewhere.id, viaOrder.id]) {
      const withdrawn = await prisma.application.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { id: "desc" }, take: 1 } } });
      expect(withdrawn.status).toBe("withdrawn");
      expect(withdrawn.activeKey).toBeNull();
      expect(withdrawn.events[0]).toMatchObject({ toStatus: "withdrawn", note: "已接受「数控操作工」的录用通知，其他申请自动撤回" });
    }
    expect(await prisma.allocationPreference.count({ where: { graduateId: g.id } })).toBe(0);
    const timeline = (await getApplication({ principal: grad, applicationId: chosen.id })).events.map((e) => e.note);
    expect(timeline).toContain("已退出定向分配「2026 冬季定向分配」，撤销志愿：机器人订单班");
    const told = (await titlesOf(other.accountId)).slice(before);
    expect(told).toEqual(
      expect.arrayContaining([`${grad.login} 撤回了对「装配工」的申请`, `${grad.login} 撤回了对「焊接订单班」的申请`, `${grad.login} 退出了定向分配「2026 冬季定向分配」`]),
    );
    const again = (await thrown(applyTo({ principal: grad, target: { jobId: (await jobOf(other, "质检员")).id } }))) as AppError;
    expect(again).toMatchObject({ status: 409, message: "您已接受一份录用通知，不能再投递或参加定向分配" });
  });
});

describe("an unanswered offer", () => {
  it("lapses after its reply day (China time), once however often the job runs, and both sides are told", async () => {
    const { principal: grad } = await graduate();
    const a = await applyTo({ principal: grad, target: { jobId: (await jobOf(enterprise, "叉车工")).id } });
    await makeTestOffer(enterprise, a.id, { replyBy: today });
    const lapsesAt = new Date(dateOf(addCalendarDays(today, 1)).getTime() - 8 * 3_600_000);
    expect(await lapseOffersJob({ applicationId: a.id }, new Date(lapsesAt.getTime() - 1))).toEqual({ status: "waiting", until: lapsesAt.toISOString() });
    expect(await lapseOverdueOffers({ now: new Date(lapsesAt.getTime() - 1) })).toEqual({ lapsed: 0 });
    const late = (await thrown(answerOffer({ principal: grad, applicationId: a.id, answer: "accept", now: lapsesAt }))) as AppError;
    expect(late).toMatchObject({ status: 409, message: `录用通知的答复期限（${today}）已过，不能再答复` });

    expect(await lapseOffersJob({ applicationId: a.id }, lapsesAt)).toEqual({ lapsed: 1 });
    expect(await lapseOffersJob({}, lapsesAt)).toEqual({ lapsed: 0 });
    const stored = await prisma.application.findUniqueOrThrow({ where: { id: a.id }, include: { events: { orderBy: { id: "asc" } } } });
    expect(stored.status).toBe("lapsed");
    expect(stored.activeKey).toBeNull();
    expect(stored.events.filter((e) => e.toStatus === "lapsed")).toHaveLength(1);
    expect((await titlesOf(grad.accountId)).at(-1)).toBe("「叉车工」的录用通知已过期");
    expect((await titlesOf(enterprise.accountId)).at(-1)).toBe("「叉车工」的录用通知未获答复，已过期");
  });
});

describe("closing a posting", () => {
  it("ends a closed job's open applications, each graduate told, and refuses to hire into it", async () => {
    const j = await jobOf(enterprise, "仓管员");
    const { principal: waiting } = await graduate();
    const { principal: accepted } = await graduate();
    const a = await applyTo({ principal: waiting, target: { jobId: j.id } });
    const b = await applyTo({ principal: accepted, target: { jobId: j.id } });
    await makeTestOffer(enterprise, b.id);
    await answerOffer({ principal: accepted, applicationId: b.id, answer: "accept" });
    await setJobStatus({ principal: enterprise, jobId: j.id, status: "closed" });
    for (const [id, grad] of [[a.id, waiting], [b.id, accepted]] as const) {
      const stored = await prisma.application.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { id: "desc" }, take: 1 } } });
      expect(stored).toMatchObject({ status: "closed", activeKey: null });
      expect(stored.events[0]).toMatchObject({ toStatus: "closed", note: "岗位已关闭" });
      expect((await titlesOf(grad.accountId)).at(-1)).toBe("「仓管员」已停止招聘，您的申请已结束");
    }
    expect(((await thrown(hireApplicant({ principal: enterprise, applicationId: b.id }))) as AppError).message).toBe("该岗位或订单已关闭，不能再变更");
  });

  it("refuses to hire into a closed order even on an accepted offer, whichever way it was closed", async () => {
    for (const closeBy of ["move", "status"] as const) {
      const o = await openOrder(enterprise, `待关闭订单班-${closeBy}`);
      const { principal: grad } = await graduate();
      const a = await applyTo({ principal: grad, target: { orderId: o.id } });
      await makeTestOffer(enterprise, a.id);
      await answerOffer({ principal: grad, applicationId: a.id, answer: "accept" });
      if (closeBy === "move") await moveOrder({ principal: enterprise, orderId: o.id, to: "closed" });
      else await prisma.order.update({ where: { id: o.id }, data: { status: "closed" } }); // closed without ending its applications
      const refused = (await thrown(hireApplicant({ principal: enterprise, applicationId: a.id }))) as AppError;
      expect(refused.status).toBe(409);
      expect(refused.message).toMatch(/已关闭|不在招募中/);
      expect(await prisma.placement.count({ where: { orderId: o.id } })).toBe(0);
    }
  });

  it("ends a closed order's open applications, and an order whose places are all filled ends the rest", async () => {
    const closing = await openOrder(enterprise, "关闭订单班");
    const { principal: grad } = await graduate();
    const a = await applyTo({ principal: grad, target: { orderId: closing.id } });
    await moveOrder({ principal: enterprise, orderId: closing.id, to: "closed" });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("closed");

    const single = await createOrder({
      principal: enterprise,
      input: { title: "单人订单班", majorCode: "460103", skillTags: [], skillLevel: 4, quantity: 1, startDate: new Date("2027-03-01T00:00:00Z"), wageFen: 500_000, collegeId: undefined },
    });
    await moveOrder({ principal: enterprise, orderId: single.id, to: "open" });
    const college = await principalOf("college-offers", "college", { collegeId: registry.college.id });
    await moveOrder({ principal: college, orderId: single.id, to: "contracted" });
    await moveOrder({ principal: college, orderId: single.id, to: "in_training" });
    const { principal: hired } = await graduate();
    const { principal: late } = await graduate();
    const h = await applyTo({ principal: hired, target: { orderId: single.id } });
    const l = await applyTo({ principal: late, target: { orderId: single.id } });
    await makeTestOffer(enterprise, h.id);
    await answerOffer({ principal: hired, applicationId: h.id, answer: "accept" });
    await hireApplicant({ principal: enterprise, applicationId: h.id });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: single.id } })).toMatchObject({ status: "fulfilled", quantityFilled: 1 });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: l.id } })).status).toBe("closed");
    expect((await titlesOf(late.accountId)).at(-1)).toBe("「单人订单班」已停止招聘，您的申请已结束");
  });
});
