import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import type { Principal } from "~/utils/principal.server";
import { runTrainingFundYear } from "~/services/fund/run.server";
import { declarePayroll, fundTotals, trainingFundPolicyOn } from "~/services/fund/training-fund.server";
import { decideFundPayment, listArrears, recordFundPayment, sendFundReminders, settlementLines } from "~/services/fund/settlement.server";
import { getCollegeLedger, listCollegeLedgers, recordSpending } from "~/services/fund/ledger.server";
import { fundMoneyReport } from "~/services/fund/report.server";
import { loadExtraFacts } from "~/services/assessment/facts.server";
import { indicatorValues } from "~/services/assessment/scorecards.server";
import { parsePeriod } from "~/domain/reports/placements";
import { buildRegistry, createAccount, refusal } from "./fixtures";

let registry: Awaited<ReturnType<typeof buildRegistry>>;
let unpaired: { id: number };
let accounts: Record<string, number> = {};

const principal = (role: Principal["role"], scope: Partial<Principal> = {}): Principal => ({
  accountId: accounts[role] ?? 0,
  login: role,
  displayName: role,
  role,
  parkId: null,
  collegeId: null,
  enterpriseId: null,
  bureauId: null,
  graduateId: null,
  via: "session",
  ...scope,
});

let enterprise: Principal;
let college: Principal;
let park: Principal;
let province: Principal;

// The statement is issued on 2026-01-10 (China time); due three months later, on 2026-04-10.
const ISSUED = new Date("2026-01-10T02:00:00Z");
const BEFORE_DUE = new Date("2026-03-01T02:00:00Z");
const AFTER_DUE = new Date("2026-04-11T02:00:00Z");

beforeAll(async () => {
  registry = await buildRegistry();
  unpaired = await prisma.enterprise.create({
    data: { creditCode: "91360100MA00000003", name: "进贤无对接企业", parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 20 },
  });
  accounts = {
    enterprise: (await createAccount("settle-ent", "enterprise", { enterpriseId: registry.enterprise.id })).id,
    college: (await createAccount("settle-col", "college", { collegeId: registry.college.id })).id,
    park: (await createAccount("settle-park", "park", { parkId: registry.park.id })).id,
    province: (await createAccount("settle-prov", "province")).id,
  };
  enterprise = principal("enterprise", { enterpriseId: registry.enterprise.id });
  college = principal("college", { collegeId: registry.college.id });
  park = principal("park", { parkId: registry.park.id });
  province = principal("province");
  // A policy written before issue 19: no dueMonths or unpairedRule, so the defaults (3 months, province pool).
  await prisma.policyVersion.create({
    data: { kind: "training_fund", version: 1, effectiveFrom: new Date("2024-01-01"), data: '{"rate":"0.025","shareRatio":"0.2"}' },
  });
  await prisma.pairing.create({ data: { parkId: registry.park.id, collegeId: registry.college.id, startDate: new Date("2020-01-01") } });
  // ¥1,000,000 payroll → fee ¥25,000 → share ¥5,000 (500,000 fen), all to the one paired college.
  await declarePayroll({ principal: province, enterpriseId: registry.enterprise.id, year: 2025, payrollFen: 100_000_000, parts: {} });
  // The unpaired park's enterprise: ¥400,000 → share ¥2,000 (200,000 fen) to the province pool.
  await declarePayroll({ principal: province, enterpriseId: unpaired.id, year: 2025, payrollFen: 40_000_000, parts: {} });
  const policy = await trainingFundPolicyOn(new Date("2025-12-31"));
  const run = await prisma.fundRun.create({ data: { year: 2025, policyVersionId: policy.policyVersionId, status: "queued" } });
  await runTrainingFundYear({ runId: run.id });
  await prisma.fundRun.update({ where: { id: run.id }, data: { issuedOn: new Date(Date.UTC(2026, 0, 10)), finishedAt: ISSUED } });
});

describe("statement lines and the unpaired park's share", () => {
  it("owes an unpaired park's share to the province pool, shown on the statement and the totals", async () => {
    const { issue, lines } = await settlementLines({ principal: province, year: 2025, now: BEFORE_DUE });
    expect(issue).toMatchObject({ issuedOn: "2026-01-10", dueOn: "2026-04-10", dueMonths: 3 });
    expect(lines.map((l) => [l.enterprise.name, l.recipientName, l.owedFen, l.status])).toEqual([
      ["南昌测试科技有限公司", "江西测试职业技术学院", 500_000, "unpaid"],
      ["进贤无对接企业", "省级统筹资金池", 200_000, "unpaid"],
    ]);
    const byCollege = await fundTotals({ principal: province, year: 2025, by: "college" });
    expect(byCollege.rows.map((r) => [r.name, r.shareFen])).toEqual([
      ["江西测试职业技术学院", 500_000],
      ["省级统筹资金池", 200_000],
    ]);
    const byCity = await fundTotals({ principal: province, year: 2025, by: "city" });
    expect(byCity.rows[0]).toMatchObject({ enterprises: 2, shareFen: 700_000 });
  });
});

describe("payments, confirmation and the college's ledger", () => {
  it("records a part payment, refuses paying more than is owed or a voucher twice", async () => {
    await recordFundPayment({ principal: enterprise, input: { year: 2025, enterpriseId: registry.enterprise.id, line: `c${registry.college.id}`, paidOn: "2026-02-01", amountFen: 300_000, voucherNo: "PZ-001" }, now: BEFORE_DUE });
    const tooMuch = await refusal(recordFundPayment({ principal: enterprise, input: { year: 2025, enterpriseId: registry.enterprise.id, line: `c${registry.college.id}`, paidOn: "2026-02-02", amountFen: 200_001, voucherNo: "PZ-002" }, now: BEFORE_DUE }));
    expect(tooMuch.message).toBe("付款金额超过尚未支付的金额");
    const twice = await refusal(recordFundPayment({ principal: enterprise, input: { year: 2025, enterpriseId: registry.enterprise.id, line: `c${registry.college.id}`, paidOn: "2026-02-02", amountFen: 1_000, voucherNo: "PZ-001" }, now: BEFORE_DUE }));
    expect(twice.message).toBe("凭证号 PZ-001 已登记过");
    // Another enterprise's line is not this enterprise's to pay.
    const other = await refusal(recordFundPayment({ principal: enterprise, input: { year: 2025, enterpriseId: unpaired.id, line: "province_pool", paidOn: "2026-02-02", amountFen: 1_000, voucherNo: "X-1" }, now: BEFORE_DUE }));
    expect(other.status).toBe(404);
    // The college was told.
    expect(await prisma.notification.count({ where: { accountId: accounts.college, kind: "fund_payment" } })).toBe(1);
  });

  it("the college confirms: the line is part-paid and the money is a receipt of its ledger", async () => {
    const payment = await prisma.fundPayment.findFirstOrThrow({ where: { voucherNo: "PZ-001" } });
    // Neither the park nor another college may confirm a payment to this college.
    expect((await refusal(decideFundPayment({ principal: park, paymentId: payment.id, decision: "confirm" }))).status).toBe(403);
    expect((await refusal(decideFundPayment({ principal: principal("college", { collegeId: registry.otherCollege.id }), paymentId: payment.id, decision: "confirm" }))).status).toBe(404);
    await decideFundPayment({ principal: college, paymentId: payment.id, decision: "confirm", now: BEFORE_DUE });
    expect((await refusal(decideFundPayment({ principal: college, paymentId: payment.id, decision: "confirm" }))).message).toBe("该付款已确认或已提出异议");
    const { lines } = await settlementLines({ principal: enterprise, year: 2025, now: BEFORE_DUE });
    expect(lines.map((l) => [l.status, l.confirmedFen, l.outstandingFen])).toEqual([["part_paid", 300_000, 200_000]]);
    const ledger = await getCollegeLedger({ principal: college, collegeId: registry.college.id });
    expect(ledger.balanceFen).toBe(300_000);
    expect(ledger.entries.map((e) => [e.kind, e.amountFen, e.balanceFen])).toEqual([["receipt", 300_000, 300_000]]);
  });

  it("a disputed payment leaves the line disputed and can be recorded again", async () => {
    await recordFundPayment({ principal: enterprise, input: { year: 2025, enterpriseId: registry.enterprise.id, line: `c${registry.college.id}`, paidOn: "2026-02-20", amountFen: 200_000, voucherNo: "PZ-003" }, now: BEFORE_DUE });
    const payment = await prisma.fundPayment.findFirstOrThrow({ where: { voucherNo: "PZ-003" } });
    expect((await refusal(decideFundPayment({ principal: college, paymentId: payment.id, decision: "dispute", reason: " " }))).message).toBe("请填写异议原因");
    await decideFundPayment({ principal: college, paymentId: payment.id, decision: "dispute", reason: "未收到该笔款项", now: BEFORE_DUE });
    const { lines } = await settlementLines({ principal: enterprise, year: 2025, now: BEFORE_DUE });
    expect(lines[0]).toMatchObject({ status: "disputed", payableFen: 200_000, disputedFen: 200_000 });
    expect(await prisma.notification.findFirst({ where: { accountId: accounts.enterprise, title: { contains: "有异议" } }, select: { body: true } })).toEqual({
      body: "收款方的异议：未收到该笔款项。请核实后重新登记。",
    });
  });

  it("spending comes out of the balance and never below zero, also past the code (database guard)", async () => {
    await recordSpending({ principal: college, input: { entryOn: "2026-03-01", category: "equipment", amountFen: 120_000, purpose: "数控实训台", attachmentRef: "HT-2026-01" }, now: BEFORE_DUE });
    const over = await refusal(recordSpending({ principal: college, input: { entryOn: "2026-03-01", category: "teachers", amountFen: 180_001, purpose: "外聘教师", attachmentRef: null }, now: BEFORE_DUE }));
    expect(over.message).toBe("支出金额超过专款余额");
    const ledger = await getCollegeLedger({ principal: college, collegeId: registry.college.id });
    expect(ledger.balanceFen).toBe(180_000);
    expect(ledger.categories.find((c) => c.category === "equipment")).toMatchObject({ amountFen: 120_000, entries: 1 });
    await expect(prisma.$executeRaw`UPDATE "CollegeFundBalance" SET "balanceFen" = -1 WHERE "collegeId" = ${registry.college.id}`).rejects.toThrow();
    await expect(prisma.$executeRaw`DELETE FROM "CollegeLedgerEntry"`).rejects.toThrow();
    await expect(prisma.$executeRaw`UPDATE "CollegeLedgerEntry" SET "amountFen" = 1`).rejects.toThrow();
    // Only a college books spending.
    expect((await refusal(recordSpending({ principal: park, input: { entryOn: "2026-03-01", category: "other", amountFen: 1, purpose: "x", attachmentRef: null } }))).status).toBe(403);
  });

  it("the park sees its paired colleges' ledgers; another park sees none", async () => {
    expect((await listCollegeLedgers({ principal: park })).map((c) => [c.name, c.balanceFen, c.receivedFen, c.spentFen])).toEqual([["江西测试职业技术学院", 180_000, 300_000, 120_000]]);
    expect(await listCollegeLedgers({ principal: principal("park", { parkId: registry.otherPark.id }) })).toEqual([]);
    expect((await refusal(getCollegeLedger({ principal: principal("park", { parkId: registry.otherPark.id }), collegeId: registry.college.id }))).status).toBe(404);
  });
});

describe("arrears and reminders", () => {
  it("lists nobody before the due date, and who owes what after it", async () => {
    expect((await listArrears({ principal: province, year: 2025, now: BEFORE_DUE })).rows).toEqual([]);
    const after = await listArrears({ principal: province, year: 2025, now: AFTER_DUE });
    expect(after.rows.map((r) => [r.enterprise.name, r.outstandingFen, r.statuses])).toEqual([
      // Equal amounts: in pinyin order of the name (jin before nan).
      ["进贤无对接企业", 200_000, ["overdue"]],
      ["南昌测试科技有限公司", 200_000, ["disputed"]],
    ]);
    expect(after.totals).toMatchObject({ owedFen: 700_000, confirmedFen: 300_000, arrearsFen: 400_000 });
    // The park sees its own enterprises only.
    expect((await listArrears({ principal: park, year: 2025, now: AFTER_DUE })).rows.map((r) => r.enterprise.name)).toEqual(["南昌测试科技有限公司"]);
    expect((await refusal(listArrears({ principal: enterprise, year: 2025 }))).status).toBe(403);
  });

  it("reminds each overdue line once a month, however often the job runs", async () => {
    expect(await sendFundReminders({ now: BEFORE_DUE })).toMatchObject({ reminded: 0 });
    expect(await sendFundReminders({ now: AFTER_DUE })).toMatchObject({ reminded: 2, period: "2026-04" });
    expect(await sendFundReminders({ now: new Date("2026-04-20T02:00:00Z") })).toMatchObject({ reminded: 0 });
    expect(await prisma.notification.count({ where: { accountId: accounts.enterprise, kind: "fund_arrears" } })).toBe(1);
    expect(await sendFundReminders({ now: new Date("2026-05-02T02:00:00Z") })).toMatchObject({ reminded: 2, period: "2026-05" });
  });

  it("a pool's payment is confirmed by the province, not by a college", async () => {
    const unpairedPrincipal = principal("enterprise", { enterpriseId: unpaired.id });
    await recordFundPayment({ principal: unpairedPrincipal, input: { year: 2025, enterpriseId: unpaired.id, line: "province_pool", paidOn: "2026-04-11", amountFen: 200_000, voucherNo: "JX-1" }, now: AFTER_DUE });
    const payment = await prisma.fundPayment.findFirstOrThrow({ where: { voucherNo: "JX-1" } });
    expect((await refusal(decideFundPayment({ principal: college, paymentId: payment.id, decision: "confirm" }))).status).toBe(404);
    await decideFundPayment({ principal: province, paymentId: payment.id, decision: "confirm", now: AFTER_DUE });
    const { lines } = await settlementLines({ principal: province, year: 2025, now: AFTER_DUE, enterpriseId: unpaired.id });
    expect(lines[0]).toMatchObject({ status: "paid", recipient: "province_pool" });
  });
});

describe("the fund figures of the reports and the province dashboard (issue 19, item 6)", () => {
  it("show the share owed against what arrived, by park for the province and by college for a park, who is in arrears, and spending by category", async () => {
    const figures = await fundMoneyReport({ principal: province, now: AFTER_DUE });
    expect(figures).toMatchObject({ year: 2025, totals: { owedFen: 700_000, confirmedFen: 500_000, arrearsFen: 200_000 }, arrearsCount: 1 });
    expect(figures.shares).toEqual([
      { label: "南昌小蓝经开区", owedFen: 500_000, confirmedFen: 300_000 },
      { label: "进贤产业园", owedFen: 200_000, confirmedFen: 200_000 },
    ]);
    expect(figures.arrears.map((a) => [a.enterprise.name, a.outstandingFen])).toEqual([["南昌测试科技有限公司", 200_000]]);
    expect(figures.categories.find((c) => c.category === "equipment")).toMatchObject({ label: "实训设备", amountFen: 120_000 });
    const parkFigures = await fundMoneyReport({ principal: park, now: AFTER_DUE });
    expect(parkFigures.shares).toEqual([{ label: "江西测试职业技术学院", owedFen: 500_000, confirmedFen: 300_000 }]);
    expect(parkFigures.totals).toMatchObject({ owedFen: 500_000 });
    expect((await refusal(fundMoneyReport({ principal: enterprise }))).status).toBe(403);
  });
});

describe("the scorecard's fund share paid on time (issue 18, from these records)", () => {
  it("of the lines due in a quarter, the amount paid by the due day and confirmed: by park, college and city", async () => {
    // Due 2026-04-10. The college's line: ¥3,000 of ¥5,000 paid 1 February and confirmed, ¥2,000 disputed;
    // the pool's line: ¥2,000 paid 11 April (a day late) and confirmed.
    const q2 = await loadExtraFacts(parsePeriod("2026-Q2")!);
    expect(q2.park.get(String(registry.park.id))?.fundOnTimeBp).toBe(6_000);
    expect(q2.college.get(String(registry.college.id))?.fundOnTimeBp).toBe(6_000);
    expect(q2.park.get(String(registry.otherPark.id))?.fundOnTimeBp).toBe(0);
    expect(q2.city.get("360100")?.fundOnTimeBp).toBe(4_286);
    // Nothing falls due in the first quarter: no value, not scored.
    const q1 = await loadExtraFacts(parsePeriod("2026-Q1")!);
    expect(q1.park.get(String(registry.park.id))?.fundOnTimeBp ?? null).toBeNull();
    expect(indicatorValues(undefined, q2.park.get(String(registry.park.id))).fund_on_time_rate).toBe(6_000);
  });
});
