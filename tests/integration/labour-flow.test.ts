import { beforeAll, describe, expect, it } from "vitest";
import {
  applyTo,
  getApplication,
  hireApplicant,
  listApplications,
  moveApplication,
} from "~/services/labour/applications.server";
import { getGraduate, listGraduates } from "~/services/labour/graduates.server";
import { confirmPlacement } from "~/services/labour/placements.server";
import { createJob, createOrder, getOrder, listEnterpriseJobs, listOrders, moveOrder } from "~/services/labour/postings.server";
import type { Principal } from "~/utils/principal.server";
import { applicationScope } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { encryptIdNumber, hashIdNumber } from "~/utils/pii.server";
import { buildRegistry, createGraduate } from "./fixtures";
import { identityNumber, offerAccepted, offerTerms, principalOf, seedMajors, thrown } from "./labour-fixtures";
import { answerOffer, makeOffer } from "~/services/labour/offers.server";

let registry: Awaited<ReturnType<typeof buildRegistry>>;
let enterprise: Principal;
let otherEnterprise: Principal;
let college: Principal;
let otherCollege: Principal;
let seq = 0;

beforeAll(async () => {
  registry = await buildRegistry();
  await seedMajors();
  const other = await prisma.enterprise.create({
    data: { creditCode: "91360100MA35F0001X", name: "另一家企业", parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 50 },
  });
  enterprise = await principalOf("hr", "enterprise", { enterpriseId: registry.enterprise.id });
  otherEnterprise = await principalOf("hr-other", "enterprise", { enterpriseId: other.id });
  college = await principalOf("college", "college", { collegeId: registry.college.id });
  otherCollege = await principalOf("college-other", "college", { collegeId: registry.otherCollege.id });
});

/** A graduate with an account, of a given major. */
async function graduate(majorCode = "460103", collegeId = registry.college.id) {
  seq += 1;
  const g = await createGraduate(collegeId, `毕业生${seq}`);
  await prisma.graduate.update({ where: { id: g.id }, data: { majorCode } });
  return { graduate: g, principal: await principalOf(`grad-${seq}`, "graduate", { graduateId: g.id }) };
}

async function job(openings = 5, majorClasses = ["4601"]) {
  return createJob({
    principal: enterprise,
    input: { title: "数控车工", description: "操作数控车床", majorClasses, wageMinFen: 450_000, wageMaxFen: 600_000, openings, skillLevelRequired: undefined },
  });
}

async function order(quantity = 2, majorCode = "460103") {
  const o = await createOrder({
    principal: enterprise,
    input: { title: "数控订单班", majorCode, skillTags: ["数控"], skillLevel: 4, quantity, startDate: new Date("2027-03-01T00:00:00Z"), wageFen: 500_000, collegeId: undefined },
  });
  await moveOrder({ principal: enterprise, orderId: o.id, to: "open" });
  return o;
}

/** Takes an application to an offer the graduate accepted: ready to be hired. */
const offer = (applicationId: number) => offerAccepted(enterprise, applicationId);

const statusOf = async (id: number) => (await prisma.application.findUniqueOrThrow({ where: { id } })).status;
const notificationsOf = (accountId: number) => prisma.notification.findMany({ where: { accountId }, orderBy: { id: "asc" } });

describe("applying to a job and being hired", () => {
  it("goes submitted → viewed → shortlisted → offered → hired, each step stored with its actor, the other party told", async () => {
    const { graduate: g, principal: grad } = await graduate();
    const j = await job();
    const application = await applyTo({ principal: grad, target: { jobId: j.id } });
    expect(application.status).toBe("submitted");
    const hrNotes = await notificationsOf(enterprise.accountId);
    expect(hrNotes.at(-1)).toMatchObject({ title: "新的申请：数控车工", link: `/enterprise/applicants/${application.id}` });

    await moveApplication({ principal: enterprise, applicationId: application.id, to: "viewed" });
    expect(await statusOf(application.id)).toBe("viewed");
    await moveApplication({ principal: enterprise, applicationId: application.id, to: "shortlisted" });
    const terms = offerTerms();
    await makeOffer({ principal: enterprise, applicationId: application.id, input: terms });
    await answerOffer({ principal: grad, applicationId: application.id, answer: "accept" });
    const placement = await hireApplicant({ principal: enterprise, applicationId: application.id });

    const detail = await getApplication({ principal: grad, applicationId: application.id });
    expect(detail.status).toBe("hired");
    expect(detail.events.map((e) => [e.fromStatus, e.toStatus, e.actor?.displayName])).toEqual([
      [null, "submitted", grad.login],
      ["submitted", "viewed", "hr"],
      ["viewed", "shortlisted", "hr"],
      ["shortlisted", "offered", "hr"],
      ["offered", "accepted", grad.login],
      ["accepted", "hired", "hr"],
    ]);
    expect(placement).toMatchObject({ graduateId: g.id, enterpriseId: registry.enterprise.id, jobId: j.id, majorRelevant: true, inProvincePark: true, monthlyWageFen: 520_000, contractMonths: 24 });
    expect(placement.startDate.toISOString().slice(0, 10)).toBe(terms.startDate);
    expect((await prisma.graduate.findUniqueOrThrow({ where: { id: g.id } })).status).toBe("placed");
    const gradNotes = await notificationsOf(grad.accountId);
    expect(gradNotes.map((n) => n.title)).toEqual([
      "您对「数控车工」的申请：已查看",
      "您对「数控车工」的申请：入围",
      "您收到「数控车工」的录用通知",
      "恭喜！您已被「数控车工」录用",
    ]);
  });

  it("marks a hire outside the job's classes as not 对口, and a 中职 major mapped onto its 高职 class as 对口", async () => {
    const j = await job(5, ["4601"]);
    const { principal: software } = await graduate("510203");
    const { principal: secondary } = await graduate("660103");
    const flags: boolean[] = [];
    for (const grad of [software, secondary]) {
      const a = await applyTo({ principal: grad, target: { jobId: j.id } });
      await offer(a.id);
      flags.push((await hireApplicant({ principal: enterprise, applicationId: a.id })).majorRelevant);
    }
    expect(flags).toEqual([false, true]);
  });

  it("lets the graduate withdraw, tells the enterprise, and then refuses to hire the withdrawn applicant", async () => {
    const { principal: grad } = await graduate();
    const j = await job();
    const a = await applyTo({ principal: grad, target: { jobId: j.id } });
    await offer(a.id);
    await moveApplication({ principal: grad, applicationId: a.id, to: "withdrawn" });
    expect((await notificationsOf(enterprise.accountId)).at(-1)?.title).toBe(`${grad.login.replace("grad-", "毕业生")} 已撤回：数控车工`);
    const error = (await thrown(hireApplicant({ principal: enterprise, applicationId: a.id }))) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe("申请人已撤回该申请，不能再变更");
    expect(await statusOf(a.id)).toBe("withdrawn");
    expect(await prisma.placement.count({ where: { applicationId: a.id } })).toBe(0);
  });

  it("refuses a second active application to the same job, and accepts a new one after withdrawing", async () => {
    const { principal: grad } = await graduate();
    const j = await job();
    const first = await applyTo({ principal: grad, target: { jobId: j.id } });
    const error = (await thrown(applyTo({ principal: grad, target: { jobId: j.id } }))) as AppError;
    expect(error.status).toBe(409);
    expect(error.message).toBe("您已申请过该岗位，请勿重复申请");
    expect(await prisma.application.count({ where: { graduateId: grad.graduateId!, jobId: j.id } })).toBe(1);
    await moveApplication({ principal: grad, applicationId: first.id, to: "withdrawn" });
    const again = await applyTo({ principal: grad, target: { jobId: j.id } });
    expect(again.status).toBe("submitted");
  });

  it("refuses to skip steps, to let a graduate hire, and to move an ended application", async () => {
    const { principal: grad } = await graduate();
    const j = await job();
    const a = await applyTo({ principal: grad, target: { jobId: j.id } });
    const skip = (await thrown(hireApplicant({ principal: enterprise, applicationId: a.id }))) as AppError;
    expect(skip.message).toBe("只有毕业生接受录用通知后才能录用");
    const byGraduate = (await thrown(hireApplicant({ principal: grad, applicationId: a.id }))) as AppError;
    expect(byGraduate.status).toBe(403);
    await moveApplication({ principal: enterprise, applicationId: a.id, to: "rejected", note: "岗位已招满" });
    expect((await notificationsOf(grad.accountId)).at(-1)?.body).toContain("说明：岗位已招满");
    const after = (await thrown(moveApplication({ principal: grad, applicationId: a.id, to: "withdrawn" }))) as AppError;
    expect(after.message).toBe("该申请已结束（未通过），不能再变更");
  });

  it("refuses to hire beyond a job's openings", async () => {
    const j = await job(1);
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const a = await applyTo({ principal: (await graduate()).principal, target: { jobId: j.id } });
      await offer(a.id);
      ids.push(a.id);
    }
    await hireApplicant({ principal: enterprise, applicationId: ids[0]! });
    const error = (await thrown(hireApplicant({ principal: enterprise, applicationId: ids[1]! }))) as AppError;
    expect(error.message).toBe("该岗位的招聘人数已满，不能再录用");
    expect(await statusOf(ids[1]!)).toBe("accepted");
  });
});

describe("every application path", () => {
  it.each([
    [["withdrawn"]],
    [["viewed", "withdrawn"]],
    [["viewed", "shortlisted", "withdrawn"]],
    [["rejected"]],
    [["viewed", "rejected"]],
    [["viewed", "shortlisted", "rejected"]],
  ] as const)("submitted → %j, each step kept, the key freed at the end", async (steps) => {
    const { principal: grad } = await graduate();
    const a = await applyTo({ principal: grad, target: { jobId: (await job()).id } });
    for (const to of steps) await moveApplication({ principal: to === "withdrawn" ? grad : enterprise, applicationId: a.id, to });
    const stored = await prisma.application.findUniqueOrThrow({ where: { id: a.id }, include: { events: { orderBy: { id: "asc" } } } });
    expect(stored.status).toBe(steps.at(-1));
    expect(stored.activeKey).toBeNull();
    expect(stored.events.map((e) => e.toStatus)).toEqual(["submitted", ...steps]);
  });
});

describe("orders", () => {
  it("moves draft → open → contracted (bound to a cohort) → in training → fulfilled → closed, each change kept and told", async () => {
    const cohort = await prisma.cohort.create({
      data: { collegeId: registry.college.id, majorCode: "460103", level: "高职", size: 30, expectedGraduation: new Date("2027-06-30"), skillsTaught: "[]", targetSkillLevel: 4 },
    });
    const o = await order(1);
    await moveOrder({ principal: college, orderId: o.id, to: "contracted", cohortId: cohort.id });
    expect((await notificationsOf(enterprise.accountId)).at(-1)).toMatchObject({ title: "订单「数控订单班」已签约", link: `/enterprise/orders/${o.id}` });
    await moveOrder({ principal: college, orderId: o.id, to: "in_training" });
    const { principal: grad } = await graduate();
    const a = await applyTo({ principal: grad, target: { orderId: o.id } });
    await offer(a.id);
    const placement = await hireApplicant({ principal: enterprise, applicationId: a.id });
    expect(placement.majorRelevant).toBe(true);
    const filled = await getOrder({ principal: enterprise, orderId: o.id });
    expect(filled).toMatchObject({ status: "fulfilled", quantityFilled: 1, college: { id: registry.college.id }, cohort: { id: cohort.id } });
    await moveOrder({ principal: enterprise, orderId: o.id, to: "closed" });
    const closed = await getOrder({ principal: enterprise, orderId: o.id });
    expect(closed.events.map((e) => [e.fromStatus, e.toStatus, e.actor?.displayName])).toEqual([
      [null, "draft", "hr"],
      ["draft", "open", "hr"],
      ["open", "contracted", "college"],
      ["contracted", "in_training", "college"],
      ["in_training", "fulfilled", "hr"],
      ["fulfilled", "closed", "hr"],
    ]);
    expect((await notificationsOf(college.accountId)).map((n) => n.title)).toEqual(["订单「数控订单班」已关闭"]);
  });

  it.each(["draft", "open", "contracted", "in_training"] as const)("lets the enterprise close an order that is %s", async (status) => {
    const o = await createOrder({
      principal: enterprise,
      input: { title: "待关闭订单", majorCode: "460103", skillTags: [], skillLevel: 4, quantity: 2, startDate: new Date("2027-03-01"), wageFen: 480_000, collegeId: undefined },
    });
    const path = ["open", "contracted", "in_training"].slice(0, ["draft", "open", "contracted", "in_training"].indexOf(status)) as ("open" | "contracted" | "in_training")[];
    for (const to of path) await moveOrder({ principal: to === "open" ? enterprise : college, orderId: o.id, to });
    await moveOrder({ principal: enterprise, orderId: o.id, to: "closed" });
    const closed = await getOrder({ principal: enterprise, orderId: o.id });
    expect(closed.events.map((e) => e.toStatus)).toEqual(["draft", ...path, "closed"]);
  });

  it("lets the enterprise confirm an order in training as fulfilled once a place is filled", async () => {
    const o = await order(2);
    await moveOrder({ principal: college, orderId: o.id, to: "contracted" });
    await moveOrder({ principal: enterprise, orderId: o.id, to: "in_training" });
    const a = await applyTo({ principal: (await graduate()).principal, target: { orderId: o.id } });
    await offer(a.id);
    await hireApplicant({ principal: enterprise, applicationId: a.id });
    expect((await getOrder({ principal: enterprise, orderId: o.id })).status).toBe("in_training");
    await moveOrder({ principal: enterprise, orderId: o.id, to: "fulfilled" });
    expect(await getOrder({ principal: enterprise, orderId: o.id })).toMatchObject({ status: "fulfilled", quantityFilled: 1 });
  });

  it("refuses moves out of turn or by the wrong party", async () => {
    const o = await createOrder({
      principal: enterprise,
      input: { title: "草稿订单", majorCode: "460103", skillTags: [], skillLevel: 3, quantity: 3, startDate: new Date("2027-03-01"), wageFen: 480_000, collegeId: undefined },
    });
    const notOpen = (await thrown(moveOrder({ principal: college, orderId: o.id, to: "contracted" }))) as AppError;
    expect(notOpen.status).toBe(404);
    await moveOrder({ principal: enterprise, orderId: o.id, to: "open" });
    const wrongParty = (await thrown(moveOrder({ principal: enterprise, orderId: o.id, to: "contracted" }))) as AppError;
    expect(wrongParty.message).toBe("此操作（承接订单）不由您的角色执行");
    const foreignCohort = await prisma.cohort.create({
      data: { collegeId: registry.otherCollege.id, majorCode: "460103", level: "高职", size: 10, expectedGraduation: new Date("2027-06-30"), skillsTaught: "[]", targetSkillLevel: 4 },
    });
    const stolen = (await thrown(moveOrder({ principal: college, orderId: o.id, to: "contracted", cohortId: foreignCohort.id }))) as AppError;
    expect(stolen.message).toBe("所选培训班不属于本校");
    await moveOrder({ principal: college, orderId: o.id, to: "contracted" });
    const taken = (await thrown(moveOrder({ principal: otherCollege, orderId: o.id, to: "in_training" }))) as AppError;
    expect(taken.status).toBe(404);
    const early = (await thrown(moveOrder({ principal: enterprise, orderId: o.id, to: "fulfilled" }))) as AppError;
    expect(early.message).toBe("订单当前状态不能变更为该状态");
  });

  it("counts down its places and refuses to overfill", async () => {
    const o = await order(2);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await applyTo({ principal: (await graduate()).principal, target: { orderId: o.id } });
      await offer(a.id);
      ids.push(a.id);
    }
    await hireApplicant({ principal: enterprise, applicationId: ids[0]! });
    await hireApplicant({ principal: enterprise, applicationId: ids[1]! });
    const error = (await thrown(hireApplicant({ principal: enterprise, applicationId: ids[2]! }))) as AppError;
    expect(error.status).toBe(409);
    expect(error.message).toBe("该订单名额已满，不能再录用");
    expect(await statusOf(ids[2]!)).toBe("accepted");
    expect(await prisma.order.findUniqueOrThrow({ where: { id: o.id } })).toMatchObject({ quantityFilled: 2, status: "open" });
    const late = (await thrown(applyTo({ principal: (await graduate()).principal, target: { orderId: o.id } }))) as AppError;
    expect(late.message).toBe("该订单名额已满");
  });

  it("lets exactly one of two hires racing for the last place succeed", async () => {
    const o = await order(1);
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const a = await applyTo({ principal: (await graduate()).principal, target: { orderId: o.id } });
      await offer(a.id);
      ids.push(a.id);
    }
    const results = await Promise.allSettled(ids.map((id) => hireApplicant({ principal: enterprise, applicationId: id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as AppError).message).toBe("该订单名额已满，不能再录用");
    expect(await prisma.order.findUniqueOrThrow({ where: { id: o.id } })).toMatchObject({ quantityFilled: 1 });
    expect(await prisma.placement.count({ where: { orderId: o.id } })).toBe(1);
    expect((await Promise.all(ids.map(statusOf))).sort()).toEqual(["accepted", "hired"]);
  });
});

describe("counts in the lists", () => {
  it("shows each job's and each order's applications and hires, and each graduate's applications, counted for that row", async () => {
    const busy = await job();
    const quiet = await job();
    const o = await order();
    const { graduate: g1, principal: first } = await graduate();
    const { principal: second } = await graduate();
    const hired = await applyTo({ principal: first, target: { jobId: busy.id } });
    await applyTo({ principal: second, target: { jobId: busy.id } });
    await applyTo({ principal: second, target: { orderId: o.id } });
    await offer(hired.id);
    await hireApplicant({ principal: enterprise, applicationId: hired.id });
    const query = { page: 1, pageSize: 500, filters: {} };
    const jobs = await listEnterpriseJobs({ principal: enterprise, query: { ...query, sort: "postedAt", direction: "desc" } });
    const countsOfJob = (id: number) => jobs.rows.find((r) => r.id === id)?._count;
    expect(countsOfJob(busy.id)).toEqual({ applications: 2, placements: 1 });
    expect(countsOfJob(quiet.id)).toEqual({ applications: 0, placements: 0 });
    const orders = await listOrders({ principal: enterprise, query: { ...query, sort: "createdAt", direction: "desc" } });
    expect(orders.rows.find((r) => r.id === o.id)?._count).toEqual({ applications: 1, placements: 0 });
    expect((await getOrder({ principal: enterprise, orderId: o.id }))._count).toEqual({ applications: 1, placements: 0 });
    const graduates = await listGraduates({ principal: college, query: { ...query, sort: "name", direction: "asc" } });
    expect(graduates.rows.find((r) => r.id === g1.id)?._count).toEqual({ applications: 1 });
  });
});

describe("scope", () => {
  it("shows an enterprise only applicants of its own jobs and orders", async () => {
    const { principal: grad } = await graduate();
    const a = await applyTo({ principal: grad, target: { jobId: (await job()).id } });
    const notMine = (await thrown(getApplication({ principal: otherEnterprise, applicationId: a.id }))) as AppError;
    expect(notMine.status).toBe(404);
    const move = (await thrown(moveApplication({ principal: otherEnterprise, applicationId: a.id, to: "rejected" }))) as AppError;
    expect(move.status).toBe(404);
    const list = await listApplications({ principal: otherEnterprise, query: { page: 1, pageSize: 100, sort: "updatedAt", direction: "desc", filters: {} } });
    expect(list.rows.map((r) => r.id)).not.toContain(a.id);
  });

  it("lists for an enterprise the applicants of its jobs and of its orders, and nobody else's (the list reads them by job and order ids)", async () => {
    const { principal: grad } = await graduate();
    const { principal: otherGrad } = await graduate();
    const toJob = await applyTo({ principal: grad, target: { jobId: (await job()).id } });
    const toOrder = await applyTo({ principal: otherGrad, target: { orderId: (await order()).id } });
    const otherJob = await createJob({
      principal: otherEnterprise,
      input: { title: "焊工", description: "焊接", majorClasses: ["4601"], wageMinFen: 400_000, wageMaxFen: 500_000, openings: 1, skillLevelRequired: undefined },
    });
    const elsewhere = await applyTo({ principal: grad, target: { jobId: otherJob.id } });
    const query = { page: 1, pageSize: 500, sort: "updatedAt" as const, direction: "desc" as const, filters: {} };
    const mine = (await listApplications({ principal: enterprise, query })).rows.map((r) => r.id);
    expect(mine).toEqual(expect.arrayContaining([toJob.id, toOrder.id]));
    expect(mine).not.toContain(elsewhere.id);
    const theirs = await listApplications({ principal: otherEnterprise, query });
    expect(theirs.rows.map((r) => r.id)).toEqual([elsewhere.id]);
    expect(theirs.total).toBe(1);
    // The same rows as the scope every single-application read uses.
    const byRelation = await prisma.application.findMany({ where: applicationScope(enterprise), select: { id: true } });
    expect([...mine].sort((x, y) => x - y)).toEqual(byRelation.map((r) => r.id).sort((x, y) => x - y));
  });

  it("shows a graduate only their own applications and a college only its own graduates'", async () => {
    const { principal: mine } = await graduate();
    const { principal: someoneElse } = await graduate("460103", registry.otherCollege.id);
    const j = await job();
    const a = await applyTo({ principal: mine, target: { jobId: j.id } });
    const b = await applyTo({ principal: someoneElse, target: { jobId: j.id } });
    expect(((await thrown(moveApplication({ principal: someoneElse, applicationId: a.id, to: "withdrawn" }))) as AppError).status).toBe(404);
    const query = { page: 1, pageSize: 500, sort: "updatedAt" as const, direction: "desc" as const, filters: {} };
    const collegeSees = (await listApplications({ principal: college, query })).rows.map((r) => r.id);
    expect(collegeSees).toContain(a.id);
    expect(collegeSees).not.toContain(b.id);
    const gradSees = (await listApplications({ principal: mine, query })).rows.map((r) => r.id);
    expect(gradSees).toEqual([a.id]);
  });

  it("shows the identity number in full to its owner only, masked to the college and the enterprise", async () => {
    const id = identityNumber(901);
    const { graduate: g, principal: owner } = await graduate();
    await prisma.graduate.update({
      where: { id: g.id },
      data: { idNumberHash: hashIdNumber(id, process.env.PII_KEY!), idNumberCipher: encryptIdNumber(id, process.env.PII_KEY!), idNumberMasked: "3601**********" + id.slice(-4) },
    });
    await applyTo({ principal: owner, target: { jobId: (await job()).id } });
    expect((await getGraduate({ principal: owner, graduateId: g.id })).idNumber).toBe(id);
    expect((await getGraduate({ principal: college, graduateId: g.id })).idNumber).toBe(`3601**********${id.slice(-4)}`);
    expect((await getGraduate({ principal: enterprise, graduateId: g.id })).idNumber).toBe(`3601**********${id.slice(-4)}`);
    expect(((await thrown(getGraduate({ principal: otherCollege, graduateId: g.id }))) as AppError).status).toBe(404);
  });
});

describe("confirming a placement", () => {
  it("stores contract and insurance months, tells the graduate, and refuses another enterprise", async () => {
    const { principal: grad } = await graduate();
    const a = await applyTo({ principal: grad, target: { jobId: (await job()).id } });
    await offer(a.id);
    const placement = await hireApplicant({ principal: enterprise, applicationId: a.id });
    const other = (await thrown(confirmPlacement({ principal: otherEnterprise, placementId: placement.id, input: { contractMonths: 12, insuredMonths: 3 } }))) as AppError;
    expect(other.status).toBe(404);
    const confirmed = await confirmPlacement({ principal: enterprise, placementId: placement.id, input: { contractMonths: 36, insuredMonths: 3 } });
    expect(confirmed).toMatchObject({ contractMonths: 36, insuredMonths: 3 });
    expect(confirmed.confirmedAt).toBeInstanceOf(Date);
    expect((await notificationsOf(grad.accountId)).at(-1)?.body).toBe("劳动合同 36 个月，已缴社保 3 个月");
  });
});
