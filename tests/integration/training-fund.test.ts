import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// A private queue prefix for this file, set before the environment is first read.
vi.hoisted(() => {
  process.env.REDIS_PREFIX = `pb-it-fund-${process.pid}-${Date.now()}`;
});

import { Queue } from "bullmq";
import { action as computeApi } from "~/routes/api.v1.training-fund.compute";
import { action as payrollAction, loader as payrollLoader } from "~/routes/enterprise.payroll";
import { loader as exportLoader } from "~/routes/training-fund.export";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { policyInForce } from "~/utils/policy.server";
import {
  currentFundRun,
  declarePayroll,
  enterpriseFundStatement,
  fundTotals,
  listFundAllocations,
  listPayrollVersions,
  requestFundRun,
  trainingFundPolicyOn,
} from "~/services/fund/training-fund.server";
import { readOrIssueCsrfToken } from "~/utils/csrf.server";
import type { Principal } from "~/utils/principal.server";
import { startSession } from "~/utils/session.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { runTrainingFundYear } from "~/services/fund/run.server";
import { openQueue, QUEUES, redisConnection } from "~/utils/queue.server";
import { buildRegistry, createAccount, createGraduate } from "./fixtures";

let registry: Awaited<ReturnType<typeof buildRegistry>>;
let thirdCollege: { id: number; schoolCode: string };
let unpairedEnterprise: { id: number };
let secondEnterprise: { id: number };
let actorId = 0;

const principal = (role: Principal["role"], scope: Partial<Principal> = {}): Principal => ({
  accountId: actorId,
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

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

async function place(collegeId: number, enterpriseId: number, startDate: string, endedOn?: string) {
  const graduate = await createGraduate(collegeId);
  await prisma.placement.create({
    data: {
      graduateId: graduate.id,
      enterpriseId,
      startDate: new Date(startDate),
      monthlyWageFen: 500_000,
      majorRelevant: true,
      inProvincePark: true,
      endedOn: endedOn ? new Date(endedOn) : null,
    },
  });
  return graduate;
}

beforeAll(async () => {
  registry = await buildRegistry();
  actorId = (await createAccount("fund-actor", "province")).id;
  // The default policy (product.md §5.2), pinned here as the demo data would set it.
  await prisma.policyVersion.create({
    data: { kind: "training_fund", version: 1, effectiveFrom: new Date("2024-01-01"), data: '{"rate":"0.025","shareRatio":"0.2"}' },
  });
  thirdCollege = await prisma.college.create({
    data: { schoolCode: "3636000003", name: "江西第三中等职业学校", level: "中职", cityCode: "360100", lng: 115, lat: 28 },
  });
  secondEnterprise = await prisma.enterprise.create({
    data: { creditCode: "91360100MA00000002", name: "南昌第二制造有限公司", parkId: registry.park.id, clusterRole: "supporting", headcount: 80 },
  });
  unpairedEnterprise = await prisma.enterprise.create({
    data: { creditCode: "91360100MA00000003", name: "进贤无对接企业", parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 20 },
  });
  // The park is paired with the two 高职 colleges through 2025; the 中职 school's pairing ended in 2024.
  await prisma.pairing.createMany({
    data: [
      { parkId: registry.park.id, collegeId: registry.college.id, startDate: new Date("2020-01-01") },
      { parkId: registry.park.id, collegeId: registry.otherCollege.id, startDate: new Date("2025-03-01") },
      { parkId: registry.park.id, collegeId: thirdCollege.id, startDate: new Date("2019-01-01"), endDate: new Date("2024-12-31") },
    ],
  });
  // 2025 placements at the first enterprise: 3 from college A, 1 from college B; others fall outside 2025.
  // This graduate separates in April and is re-hired by the same enterprise in June: one graduate, weighed once.
  const rehired = await place(registry.college.id, registry.enterprise.id, "2025-02-01", "2025-04-30");
  await prisma.placement.create({
    data: { graduateId: rehired.id, enterpriseId: registry.enterprise.id, startDate: new Date("2025-06-01"), monthlyWageFen: 520_000, majorRelevant: true, inProvincePark: true },
  });
  await place(registry.college.id, registry.enterprise.id, "2025-07-15");
  await place(registry.college.id, registry.enterprise.id, "2025-12-31");
  await place(registry.otherCollege.id, registry.enterprise.id, "2025-09-01");
  await place(registry.otherCollege.id, registry.enterprise.id, "2024-12-31");
  await place(registry.otherCollege.id, registry.enterprise.id, "2026-01-01");
  await place(thirdCollege.id, registry.enterprise.id, "2025-05-01");
});

describe("policy in force", () => {
  it("reads the training-fund policy in force as exact fractions", async () => {
    const policy = await trainingFundPolicyOn(new Date("2025-06-01"));
    expect(policy).toMatchObject({
      version: 1,
      rate: { numerator: 25n, denominator: 1000n },
      shareRatio: { numerator: 2n, denominator: 10n },
    });
  });

  it("picks the latest version in force on the date, a later version number winning a same-day tie", async () => {
    await prisma.policyVersion.createMany({
      data: [
        { kind: "test_kind", version: 1, effectiveFrom: new Date("2024-01-01"), data: '{"n":1}' },
        { kind: "test_kind", version: 2, effectiveFrom: new Date("2026-01-01"), data: '{"n":2}' },
        { kind: "test_kind", version: 3, effectiveFrom: new Date("2026-01-01"), data: '{"n":3}' },
      ],
    });
    expect((await policyInForce({ kind: "test_kind", on: new Date("2023-12-31") }))).toBeNull();
    expect((await policyInForce({ kind: "test_kind", on: new Date("2025-12-31") }))?.data).toEqual({ n: 1 });
    expect((await policyInForce({ kind: "test_kind", on: new Date("2026-01-01") }))?.data).toEqual({ n: 3 });
  });

  it("explains in Chinese when no training-fund policy is in force", async () => {
    const error = (await thrown(trainingFundPolicyOn(new Date("2023-12-31")))) as AppError;
    expect(error.status).toBe(409);
    expect(error.message).toContain("没有生效的培训经费政策");
  });
});

describe("POST /api/v1/training-fund/compute", () => {
  let token: string;
  beforeAll(async () => {
    const account = await createAccount("fund-api", "enterprise", { enterpriseId: registry.enterprise.id });
    token = (await createApiToken({ accountId: account.id, name: "fund" })).token;
  });

  const call = async (body: unknown, auth = true) => {
    const response = await computeApi({
      request: new Request("http://app/api/v1/training-fund/compute", {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(auth ? { Authorization: `Bearer ${token}` } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      params: {},
      context: {},
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("computes the issue's example exactly", async () => {
    const result = await call({
      payrollFen: 1234567891,
      rate: "0.025",
      shareRatio: "0.2",
      colleges: [{ code: "4136000001", placements: 5 }],
    });
    expect(result).toEqual({
      status: 200,
      body: { feeFen: 30864197, shareFen: 6172839, allocations: [{ code: "4136000001", amountFen: 6172839 }] },
    });
  });

  it("takes the rate and share ratio from the policy in force when omitted", async () => {
    const result = await call({
      payrollFen: 200200,
      colleges: [
        { code: "4136000002", placements: 1 },
        { code: "4136000001", placements: 3 },
      ],
    });
    expect(result.body).toEqual({
      feeFen: 5005,
      shareFen: 1001,
      allocations: [
        { code: "4136000001", amountFen: 751 },
        { code: "4136000002", amountFen: 250 },
      ],
    });
  });

  it.each([
    ["a negative payroll", { payrollFen: -1, colleges: [] }, "payrollFen"],
    ["a payroll in yuan with decimals", { payrollFen: 12.5, colleges: [] }, "payrollFen"],
    ["a share ratio above 1", { payrollFen: 100, shareRatio: "1.5", colleges: [] }, "shareRatio"],
    ["a rate above 1", { payrollFen: 100, rate: "2", colleges: [] }, "rate"],
    ["a malformed rate", { payrollFen: 100, rate: "2.5%", colleges: [] }, "rate"],
    ["a rate sent as a floating-point number", { payrollFen: 100, rate: 0.025, colleges: [] }, "rate"],
    [
      "duplicate college codes",
      { payrollFen: 100, colleges: [{ code: "4136000001", placements: 1 }, { code: "4136000001", placements: 2 }] },
      "colleges[1].code",
    ],
    ["a negative placement count", { payrollFen: 100, colleges: [{ code: "4136000001", placements: -2 }] }, "colleges[0].placements"],
    ["a short school code", { payrollFen: 100, colleges: [{ code: "41360", placements: 1 }] }, "colleges[0].code"],
    ["missing colleges", { payrollFen: 100 }, "colleges"],
  ])("answers %s with a 400 naming the field", async (_name, body, field) => {
    const result = await call(body);
    expect(result.status).toBe(400);
    const error = result.body.error as { code: string; message: string; field: string };
    expect(error.field).toBe(field);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("refuses a body that is not JSON, and a call without a token", async () => {
    expect((await call("{not json")).body.error).toMatchObject({ code: "bad_json", field: "body" });
    expect((await call({ payrollFen: 1, colleges: [] }, false)).status).toBe(401);
  });
});

describe("payroll declarations", () => {
  const enterprise = () => principal("enterprise", { enterpriseId: registry.enterprise.id });

  it("keeps every version and shows each correction's adjustment", async () => {
    await declarePayroll({ principal: enterprise(), enterpriseId: registry.enterprise.id, year: 2025, payrollFen: 400_000_000, parts: {} });
    await declarePayroll({
      principal: enterprise(),
      enterpriseId: registry.enterprise.id,
      year: 2025,
      payrollFen: 400_040_020,
      parts: { timeWages: 300_000_000, bonuses: 100_040_020 },
    });
    const versions = await listPayrollVersions({ principal: enterprise(), enterpriseId: registry.enterprise.id, year: 2025 });
    expect(versions.map((v) => [v.version, v.payrollFen, v.adjustmentFen])).toEqual([
      [1, 400_000_000, null],
      [2, 400_040_020, 40_020],
    ]);
    expect(versions[1]!.parts).toEqual({ timeWages: 300_000_000, bonuses: 100_040_020 });
  });

  it("keeps a payroll beyond 2^31 fen exact (ADR 101): ¥570,000,000.01 is 57,000,000,001 fen", async () => {
    await declarePayroll({ principal: enterprise(), enterpriseId: registry.enterprise.id, year: 2019, payrollFen: 57_000_000_001, parts: {} });
    const versions = await listPayrollVersions({ principal: enterprise(), enterpriseId: registry.enterprise.id, year: 2019 });
    expect(versions.map((v) => v.payrollFen)).toEqual([57_000_000_001]);
    const stored = await prisma.payrollDeclaration.findFirstOrThrow({ where: { enterpriseId: registry.enterprise.id, year: 2019 } });
    expect(stored.payrollFen).toBe(57_000_000_001n);
  });

  it("refuses parts that do not add up, an unchanged resubmission, and another enterprise's declaration", async () => {
    const mismatch = (await thrown(
      declarePayroll({ principal: enterprise(), enterpriseId: registry.enterprise.id, year: 2025, payrollFen: 100, parts: { bonuses: 50 } }),
    )) as AppError;
    expect(mismatch).toMatchObject({ field: "payroll", message: "各组成部分合计 ¥0.50，与工资总额 ¥1.00 不一致" });
    const unchanged = (await thrown(
      declarePayroll({
        principal: enterprise(),
        enterpriseId: registry.enterprise.id,
        year: 2025,
        payrollFen: 400_040_020,
        parts: { timeWages: 300_000_000, bonuses: 100_040_020 },
      }),
    )) as AppError;
    expect(unchanged.code).toBe("unchanged");
    const foreign = (await thrown(
      declarePayroll({ principal: enterprise(), enterpriseId: secondEnterprise.id, year: 2025, payrollFen: 100, parts: {} }),
    )) as AppError;
    expect(foreign.status).toBe(404);
    expect(await prisma.payrollDeclaration.count({ where: { enterpriseId: secondEnterprise.id } })).toBe(0);
  });

  it("declares through the page with a Chinese message beside a bad amount", async () => {
    const account = await createAccount("payroll-page", "enterprise", { enterpriseId: secondEnterprise.id });
    const session = (await startSession(account.id)).split(";")[0]!;
    // Signed in, the form echoes the session's own CSRF token.
    const csrf = await readOrIssueCsrfToken(new Request("http://app/enterprise/payroll", { headers: { Cookie: session } }));
    const cookie = session;
    const submit = (fields: Record<string, string>) =>
      payrollAction({
        request: new Request("http://app/enterprise/payroll", {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: csrf.token, ...fields }),
        }),
        params: {},
        context: {},
      }) as Promise<Response>;

    const bad = await submit({ year: "2025", payroll: "12.345" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fieldErrors: Record<string, string> }).fieldErrors.payroll).toBe(
      "工资总额应为不小于 0、最多两位小数的金额（元）",
    );
    const future = await submit({ year: String(new Date().getUTCFullYear() + 1), payroll: "100" });
    expect(((await future.json()) as { fieldErrors: Record<string, string> }).fieldErrors.year).toBe("不能申报尚未开始的年度");

    const ok = await submit({ year: "2025", payroll: "1,000,000.00", part_timeWages: "", part_bonuses: "" });
    expect(((await ok.json()) as { declared: unknown }).declared).toEqual({ year: 2025, version: 1 });
    const page = (await payrollLoader({
      request: new Request("http://app/enterprise/payroll?year=2025", { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    })) as Response;
    const data = (await page.json()) as { versions: { payrollFen: number }[]; estimate: { feeFen: number; shareFen: number } };
    expect(data.versions.map((v) => v.payrollFen)).toEqual([100_000_000]);
    expect(data.estimate).toEqual({ feeFen: 2_500_000, shareFen: 500_000 });
  });
});

describe("the yearly run", () => {
  beforeAll(async () => {
    await declarePayroll({
      principal: principal("province"),
      enterpriseId: unpairedEnterprise.id,
      year: 2025,
      payrollFen: 10_000_000,
      parts: {},
    });
  });

  async function newRun(year: number) {
    const policy = await trainingFundPolicyOn(new Date(Date.UTC(year, 11, 31)));
    return prisma.fundRun.upsert({
      where: { year_policyVersionId: { year, policyVersionId: policy.policyVersionId } },
      create: { year, policyVersionId: policy.policyVersionId, status: "queued" },
      update: { status: "queued" },
    });
  }

  it("splits each enterprise's share among its park's colleges by that year's placements, from the latest declaration", async () => {
    const run = await newRun(2025);
    const progress: [number, number][] = [];
    const result = await runTrainingFundYear({ runId: run.id, onProgress: (done, total) => void progress.push([done, total]) });
    expect(result).toEqual({ enterprises: 3, done: 3 });
    expect(progress.at(-1)).toEqual([3, 3]);

    const rows = await prisma.fundAllocation.findMany({
      where: { runId: run.id, enterpriseId: registry.enterprise.id },
      orderBy: { college: { schoolCode: "asc" } },
      include: { college: true, declaration: true },
    });
    // ¥4,000,400.20 × 2.5% = 10,001,000.5 fen → 10,001,001; × 20% = 2,000,200.2 → 2,000,200; 3 : 1.
    expect(rows.map((r) => [r.college!.schoolCode, r.placements, r.feeFen, r.shareFen, r.amountFen, r.declaration.version])).toEqual([
      ["4136000001", 3, 10_001_001n, 2_000_200n, 1_500_150n, 2],
      ["4136000002", 1, 10_001_001n, 2_000_200n, 500_050n, 2],
    ]);
    // The second enterprise has no placements: equal parts, the odd fen to the lower code.
    const equal = await prisma.fundAllocation.findMany({
      where: { runId: run.id, enterpriseId: secondEnterprise.id },
      orderBy: { college: { schoolCode: "asc" } },
      select: { amountFen: true, shareFen: true },
    });
    expect(equal).toEqual([
      { amountFen: 250_000n, shareFen: 500_000n },
      { amountFen: 250_000n, shareFen: 500_000n },
    ]);
    const finished = await prisma.fundRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(finished).toMatchObject({ status: "done", totalEnterprises: 3, doneEnterprises: 3, unpairedEnterprises: 1 });
    // No paired college: the whole share is owed to the province pool (the default rule), never dropped.
    // ¥100,000 × 2.5% = 250,000 fen; × 20% = 50,000.
    expect(
      await prisma.fundAllocation.findMany({
        where: { runId: run.id, enterpriseId: unpairedEnterprise.id },
        select: { collegeId: true, recipient: true, shareFen: true, amountFen: true },
      }),
    ).toEqual([{ collegeId: null, recipient: "province_pool", shareFen: 50_000n, amountFen: 50_000n }]);
  });

  it("gives the same result when run again, and picks up a correction made since", async () => {
    const run = await newRun(2025);
    const before = await prisma.fundAllocation.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    await runTrainingFundYear({ runId: run.id });
    const again = await prisma.fundAllocation.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    const strip = (rows: typeof before) => rows.map(({ id: _id, ...rest }) => rest);
    expect(strip(again)).toEqual(strip(before));

    await declarePayroll({
      principal: principal("enterprise", { enterpriseId: secondEnterprise.id }),
      enterpriseId: secondEnterprise.id,
      year: 2025,
      payrollFen: 100_000_200,
      parts: {},
    });
    const statement = await enterpriseFundStatement({
      principal: principal("enterprise", { enterpriseId: secondEnterprise.id }),
      enterpriseId: secondEnterprise.id,
      year: 2025,
    });
    expect(statement.stale).toBe(true);
    await runTrainingFundYear({ runId: run.id });
    const corrected = await prisma.fundAllocation.findMany({
      where: { runId: run.id, enterpriseId: secondEnterprise.id },
      select: { amountFen: true },
      orderBy: { college: { schoolCode: "asc" } },
    });
    // ¥1,000,002 × 2.5% = 2,500,005 fen; × 20% = 500,001: equal halves, the odd fen to the lower code.
    expect(corrected).toEqual([{ amountFen: 250_001n }, { amountFen: 250_000n }]);
    expect(await prisma.fundAllocation.count({ where: { runId: run.id } })).toBe(5);
    expect(await prisma.fundRun.count({ where: { year: 2025 } })).toBe(1);
  });

  it("shows each side only its own statement", async () => {
    const collegeA = principal("college", { collegeId: registry.college.id });
    const receivable = await listFundAllocations({ principal: collegeA, year: 2025, sort: "amount" });
    expect(receivable.rows.map((r) => [r.enterprise.name, r.amountFen])).toEqual([
      ["南昌测试科技有限公司", 1_500_150],
      ["南昌第二制造有限公司", 250_001],
    ]);
    expect(receivable.totalFen).toBe(1_750_151);

    const payable = await listFundAllocations({
      principal: principal("enterprise", { enterpriseId: registry.enterprise.id }),
      year: 2025,
      sort: "college",
    });
    expect(new Set(payable.rows.map((r) => r.enterprise.name))).toEqual(new Set(["南昌测试科技有限公司"]));

    // The other park has no paired college: it sees its enterprise's share owed to the province pool.
    const otherPark = await listFundAllocations({ principal: principal("park", { parkId: registry.otherPark.id }), year: 2025, sort: "amount" });
    expect(otherPark.rows.map((r) => [r.enterprise.name, r.college, r.recipient, r.amountFen])).toEqual([["进贤无对接企业", null, "province_pool", 50_000]]);
    const graduate = await listFundAllocations({ principal: principal("graduate"), year: 2025, sort: "amount" });
    expect(graduate.count).toBe(0);

    const search = await listFundAllocations({ principal: principal("province"), year: 2025, sort: "amount", q: "第二" });
    expect(search.count).toBe(2);
  });

  it("totals per city, park and college count each enterprise's fee once", async () => {
    const province = principal("province");
    const cities = await fundTotals({ principal: province, year: 2025, by: "city" });
    expect(cities.rows).toEqual([
      // The unpaired park's enterprise counts too: its share is owed to the province pool.
      { key: "360100", name: "南昌市", parent: "江西省", enterprises: 3, feeFen: 10_001_001 + 2_500_005 + 250_000, shareFen: 2_000_200 + 500_001 + 50_000 },
    ]);
    const parks = await fundTotals({ principal: province, year: 2025, by: "park" });
    expect(parks.rows.map((r) => [r.name, r.enterprises, r.shareFen])).toEqual([
      ["南昌小蓝经开区", 2, 2_500_201],
      ["进贤产业园", 1, 50_000],
    ]);
    const colleges = await fundTotals({ principal: principal("park", { parkId: registry.park.id }), year: 2025, by: "college" });
    expect(colleges.rows.map((r) => [r.key, r.enterprises, r.shareFen])).toEqual([
      ["4136000001", 2, 1_750_151],
      ["4136000002", 2, 750_050],
    ]);
    expect(colleges.rows.reduce((s, r) => s + r.shareFen, 0)).toBe(cities.rows[0]!.shareFen - 50_000);
    const all = await fundTotals({ principal: province, year: 2025, by: "college" });
    expect(all.rows.at(-1)).toMatchObject({ key: "province_pool", name: "省级统筹资金池", enterprises: 1, shareFen: 50_000 });
    expect(all.rows.reduce((s, r) => s + r.shareFen, 0)).toBe(cities.rows[0]!.shareFen);
  });

  it("exports the college's receivable statement as CSV and XLSX with the page's filters", async () => {
    const account = await createAccount("fund-export-college", "college", { collegeId: registry.college.id });
    const cookie = (await startSession(account.id)).split(";")[0]!;
    const download = async (query: string) =>
      (await exportLoader({
        request: new Request(`http://app/training-fund/export?${query}`, { headers: { Cookie: cookie } }),
        params: {},
        context: {},
      })) as Response;

    const csv = await download("table=allocations&format=csv&year=2025&sort=amount");
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe(
      "年度,企业名称,统一社会信用代码,园区,学校标识码,院校名称,当年就业人数,培训经费（元）,院校分成总额（元）,划拨金额（元）",
    );
    expect(lines.slice(1)).toEqual([
      "2025,南昌测试科技有限公司,91350100M000100Y43,南昌小蓝经开区,4136000001,江西测试职业技术学院,3,100010.01,20002.00,15001.50",
      "2025,南昌第二制造有限公司,91360100MA00000002,南昌小蓝经开区,4136000001,江西测试职业技术学院,0,25000.05,5000.01,2500.01",
    ]);

    const filtered = await download("table=allocations&format=csv&year=2025&q=第二");
    expect((await filtered.text()).trim().split("\r\n")).toHaveLength(2);

    const xlsx = await download("table=allocations&format=xlsx&year=2025&sort=amount");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("划拨明细");
    expect(sheet.getRow(2).getCell(2).value).toBe("南昌测试科技有限公司");
    expect(sheet.getRow(2).getCell(10).value).toBe(15001.5);
    expect(sheet.rowCount).toBe(3);

    const bad = (await thrown(download("table=allocations&format=pdf&year=2025"))) as Response;
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("format");
  });

  it("keeps the statement of a year that has no finished run empty", async () => {
    expect(await currentFundRun(2019)).toBeNull();
    const empty = await listFundAllocations({ principal: principal("province"), year: 2019, sort: "amount" });
    expect(empty).toMatchObject({ run: null, rows: [], count: 0 });
  });
});

describe("requesting a run", () => {
  const queue = openQueue(QUEUES.trainingFund, redisConnection({ forWorker: false }));

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    const producer = (globalThis as { __fundQueue?: Queue }).__fundQueue;
    await producer?.close();
  });

  it("queues one background job for the year and refuses a second request while it waits", async () => {
    const province = principal("province");
    const run = await requestFundRun({ principal: province, year: 2024 });
    const jobs = await queue.getJobs(["waiting", "delayed", "active"]);
    expect(jobs.map((j) => j.data)).toEqual([{ runId: run.id }]);
    expect(await prisma.fundRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "queued", year: 2024 });

    const busy = (await thrown(requestFundRun({ principal: province, year: 2024 }))) as AppError;
    expect(busy).toMatchObject({ status: 409, field: "year" });
    const refused = (await thrown(requestFundRun({ principal: principal("park", { parkId: registry.park.id }), year: 2024 }))) as AppError;
    expect(refused.status).toBe(403);
    expect(await queue.count()).toBe(1);
  });
});
