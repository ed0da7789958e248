import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { processReportJob } from "../../jobs/processors/placement-reports";
import { computeMetrics, METRICS_VERSION, parsePeriod, type MetricRow } from "~/domain/reports/placements";
import { loadExtraFacts } from "~/services/assessment/facts.server";
import { loadReportFacts } from "~/services/reports/facts.server";
import { loader as apiLoader } from "~/routes/api.v1.reports.placements";
import { loader as exportLoader } from "~/routes/reports.export";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { readParkReport } from "~/services/reports/views.server";
import { latestSnapshot, REPORT_JOB, runScheduledReport, SCHEDULED_REPORT_JOB } from "~/services/reports/placements.server";
import { prisma } from "~/utils/db.server";
import { createAccount } from "./fixtures";
import { principalOf, seedMajors } from "./labour-fixtures";
import { buildReportProvince, hireLater } from "./report-fixtures";

let province: Awaited<ReturnType<typeof buildReportProvince>>;
const tokens: Record<string, string> = {};

/** A job as the worker hands it over, without Redis. */
function fakeJob(name: string, data: unknown, attemptsMade = 0, opts: { prevMillis?: number; delay?: number } = {}) {
  const progress: object[] = [];
  return {
    job: {
      name,
      data,
      attemptsMade,
      opts: { attempts: 5, ...opts },
      timestamp: Date.parse("2026-10-01T03:00:00+08:00"),
      updateProgress: async (p: object) => void progress.push(p),
    },
    progress,
  };
}

async function newRun(period = "2026-Q3") {
  return prisma.reportRun.create({ data: { period, trigger: "demand", total: 11 } });
}

async function api(path: string, who = "province") {
  const request = new Request(`http://app${path}`, { headers: { Authorization: `Bearer ${tokens[who]}` } });
  const response = (await apiLoader({ request, params: {}, context: {} })) as Response;
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  await seedMajors();
  province = await buildReportProvince();
  const accounts = {
    province: await createAccount("rep-province", "province"),
    park: await createAccount("rep-park", "park", { parkId: province.park.id }),
    college: await createAccount("rep-college", "college", { collegeId: province.college.id }),
    enterprise: await createAccount("rep-enterprise", "enterprise", { enterpriseId: province.enterprise.id }),
  };
  for (const [who, account] of Object.entries(accounts)) tokens[who] = (await createApiToken({ accountId: account.id, name: "报表" })).token;
});

describe("a placement report run", () => {
  it("stores a published snapshot per dimension with the figures of the hand-built province", async () => {
    const run = await newRun();
    const { job, progress } = fakeJob(REPORT_JOB, { runId: run.id });
    await processReportJob(job);

    const snapshots = await prisma.reportSnapshot.findMany({ where: { runId: run.id } });
    // seven report dimensions and, for a quarter, the scorecards of parks, colleges and cities
    expect(snapshots.map((s) => s.dimension).sort()).toEqual(["base", "city", "cluster", "college", "major_category", "park", "province", "scorecard:city", "scorecard:college", "scorecard:park"]);
    expect(snapshots.every((s) => s.status === "published" && s.publishedAt)).toBe(true);
    expect(await prisma.reportRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "done", done: 11, total: 11 });
    expect(progress.at(-1)).toEqual({ done: 11, total: 11 });

    const park = (await latestSnapshot({ period: "2026-Q3", dimension: "park" }))!.data.rows;
    expect(park.find((r) => r.key === String(province.park.id))).toMatchObject({
      name: "南昌小蓝经开区",
      available: 2, // the July hire and the one still waiting (May hire: before; December: not yet graduated)
      placed: 1,
      placementRateBp: 5000,
      placements: 1,
      relevanceRateBp: 10_000,
      inParkRateBp: 10_000,
      avgWageFen: 500_000,
      ordered: 3,
      orderFilled: 1,
      fulfilmentRateBp: 3333,
      claimsApproved: 1,
      claimsApprovedFen: 300_000,
      claimsPaid: 1,
      claimsPaidFen: 300_000,
      budgetUsedFen: 300_000,
      budgetTotalFen: null,
    });
    // the unpaired park is listed with nothing to rate
    expect(park.find((r) => r.key === String(province.otherPark.id))).toMatchObject({ available: 0, placementRateBp: null });
    const [whole] = (await latestSnapshot({ period: "2026-Q3", dimension: "province" }))!.data.rows;
    expect(whole).toMatchObject({ available: 2, placed: 1, budgetTotalFen: 10_000_000, budgetUsedFen: 300_000 });
    const category = (await latestSnapshot({ period: "2026-Q3", dimension: "major_category" }))!.data.rows;
    expect(category.find((r) => r.key === "46")).toMatchObject({ name: "装备制造大类", available: 2, placed: 1 });
  });

  it("a retried run writes only what it had not written (nothing twice)", async () => {
    const run = await newRun();
    // the first attempt stored the province before it crashed
    await prisma.reportSnapshot.create({
      data: { runId: run.id, period: "2026-Q3", dimension: "province", status: "published", data: '{"rows":[],"trend":[]}', trigger: "demand", publishedAt: new Date() },
    });
    const { job } = fakeJob(REPORT_JOB, { runId: run.id }, 1);
    await expect(processReportJob(job)).resolves.toMatchObject({ written: 9 });
    await expect(processReportJob(job)).resolves.toMatchObject({ written: 0 });
    const snapshots = await prisma.reportSnapshot.findMany({ where: { runId: run.id } });
    expect(snapshots).toHaveLength(10);
    expect(snapshots.find((s) => s.dimension === "province")!.data).toBe('{"rows":[],"trend":[]}');
  });

  it("a published snapshot does not change when later data arrives; a new run reports it", async () => {
    const first = await newRun();
    await processReportJob(fakeJob(REPORT_JOB, { runId: first.id }).job);
    const before = await prisma.reportSnapshot.findFirstOrThrow({ where: { runId: first.id, dimension: "college" } });

    await hireLater(province.graduates.waiting.id, province.enterprise.id);
    const unchanged = await prisma.reportSnapshot.findFirstOrThrow({ where: { runId: first.id, dimension: "college" } });
    expect(unchanged.data).toBe(before.data);
    const latest = (await latestSnapshot({ period: "2026-Q3", dimension: "college" }))!;
    expect(latest.data.rows.find((r) => r.key === String(province.college.id))).toMatchObject({ placed: 1 });

    const second = await newRun();
    await processReportJob(fakeJob(REPORT_JOB, { runId: second.id }).job);
    const republished = (await latestSnapshot({ period: "2026-Q3", dimension: "college" }))!;
    expect(republished.runId).toBe(second.id);
    expect(republished.data.rows.find((r) => r.key === String(province.college.id))).toMatchObject({ placed: 2, placementRateBp: 10_000, relevanceRateBp: 5000 });
    expect((await prisma.reportSnapshot.findUniqueOrThrow({ where: { id: before.id } })).data).toBe(before.data);
  });

  it("the quarterly schedule reports the quarter just ended, once however often it fires", async () => {
    const now = new Date("2026-10-01T03:00:00+08:00");
    await runScheduledReport({ kind: "quarter", now });
    await processReportJob(fakeJob(SCHEDULED_REPORT_JOB, { kind: "quarter" }).job);
    const runs = await prisma.reportRun.findMany({ where: { trigger: "schedule" } });
    expect(runs).toEqual([expect.objectContaining({ period: "2026-Q3", scheduleKey: "schedule:2026-Q3", status: "done" })]);
    expect(await prisma.reportSnapshot.count({ where: { runId: runs[0]!.id } })).toBe(10);
  });

  it("a scheduled job reports the period before the time it was due, not the time it was created", async () => {
    // The monthly scheduler made this job on 1 October, delayed until 1 November 02:00 (China time).
    const { job } = fakeJob(SCHEDULED_REPORT_JOB, { kind: "month" }, 0, { prevMillis: Date.parse("2026-11-01T02:00:00+08:00") });
    await processReportJob(job);
    expect(await prisma.reportRun.findUnique({ where: { scheduleKey: "schedule:2026-10" } })).toMatchObject({ status: "done", period: "2026-10" });
    expect(await prisma.reportRun.findUnique({ where: { scheduleKey: "schedule:2026-09" } })).toBeNull();
  });

  it("gives up at once on a payload that is not a run", async () => {
    await expect(processReportJob(fakeJob(REPORT_JOB, { runId: "x" }).job)).rejects.toThrow("bad placement-report payload");
  });
});

describe("the park's report", () => {
  it("charts only the months up to the chosen period's end", async () => {
    for (const period of ["2026-09", "2026-10"]) {
      const run = await newRun(period);
      await processReportJob(fakeJob(REPORT_JOB, { runId: run.id }).job);
    }
    const park = await principalOf("rep-park-history", "park", { parkId: province.park.id });
    const q3 = await readParkReport({ principal: park, periodKey: "2026-Q3" });
    expect(q3.history.map((h) => h.period)).toContain("2026-09");
    expect(q3.history.map((h) => h.period)).not.toContain("2026-10");
    const q4 = await readParkReport({ principal: park, periodKey: "2026-Q4" });
    expect(q4.history.map((h) => h.period)).toContain("2026-10");
  });
});

describe("GET /api/v1/reports/placements", () => {
  it("answers the latest snapshot by every dimension and period kind", async () => {
    const { status, body } = await api("/api/v1/reports/placements?period=2026-Q3&by=park");
    expect(status).toBe(200);
    expect(body).toMatchObject({ period: { key: "2026-Q3", kind: "quarter", start: "2026-07-01", end: "2026-09-30" }, dimension: "park" });
    expect((body.rows as MetricRow[]).map((r) => r.name)).toEqual(["南昌小蓝经开区", "进贤产业园"]);
    for (const by of ["province", "city", "cluster", "college", "base", "major_category"]) {
      expect((await api(`/api/v1/reports/placements?period=2026-Q3&by=${by}`)).status).toBe(200);
    }
  });

  it("says a period without a report is not generated, and rejects a bad period or dimension precisely", async () => {
    expect(await api("/api/v1/reports/placements?period=2026-08&by=park")).toMatchObject({ status: 404, body: { error: { code: "not_generated" } } });
    expect(await api("/api/v1/reports/placements?period=2026-Q5")).toMatchObject({ status: 400, body: { error: { code: "bad_period", field: "period" } } });
    expect(await api("/api/v1/reports/placements?period=2026-Q3&by=county")).toMatchObject({ status: 400, body: { error: { code: "bad_dimension", field: "by" } } });
  });

  it("keeps each role to its own scope", async () => {
    const park = await api("/api/v1/reports/placements?period=2026-Q3&by=park", "park");
    expect((park.body.rows as MetricRow[]).map((r) => r.name)).toEqual(["南昌小蓝经开区"]);
    const clusters = await api("/api/v1/reports/placements?period=2026-Q3&by=cluster", "park");
    expect((clusters.body.rows as MetricRow[]).map((r) => r.key)).toEqual([String(province.cluster.id)]);
    expect((await api("/api/v1/reports/placements?period=2026-Q3&by=college", "park")).status).toBe(403);
    const college = await api("/api/v1/reports/placements?period=2026-Q3&by=college", "college");
    expect((college.body.rows as MetricRow[]).map((r) => r.key)).toEqual([String(province.college.id)]);
    expect((await api("/api/v1/reports/placements?period=2026-Q3&by=park", "enterprise")).status).toBe(403);
  });
});

describe("report export", () => {
  const download = async (query: string) => {
    const request = new Request(`http://app/reports/export?${query}`, { headers: { Authorization: `Bearer ${tokens.province}` } });
    return (await exportLoader({ request, params: {}, context: {} })) as Response;
  };

  it("writes every metric as CSV with Chinese headers, money in yuan", async () => {
    const response = await download("period=2026-Q3&by=park&format=csv");
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe(
      "代码,名称,可就业毕业生,已就业,就业率,新增就业,省内园区就业率,对口率,平均月工资（元）,满6个月人数,6个月留存人数,6个月留存率,满12个月人数,12个月留存人数,12个月留存率,订单需求人数,订单到岗人数,订单完成率,毕业生补贴批准笔数,毕业生补贴批准金额（元）,毕业生补贴发放笔数,毕业生补贴发放金额（元）,职工技能提升补贴批准笔数,职工技能提升补贴批准金额（元）,职工技能提升补贴发放笔数,职工技能提升补贴发放金额（元）,年度预算已用（元）,年度预算（元）,培训经费院校分成（元）",
    );
    // The retention columns (after the wage) depend on the day the report ran; their definition is tested below.
    const cells = lines[1]!.split(",");
    expect([...cells.slice(0, 9), ...cells.slice(15)].join(",")).toBe(`${province.park.id},南昌小蓝经开区,2,2,100.00%,2,100.00%,50.00%,5500.00,3,1,33.33%,1,3000.00,1,3000.00,0,0.00,0,0.00,3000.00,,0.00`);
  });

  it("writes the same table as XLSX", async () => {
    const response = await download("period=2026-Q3&by=college&format=xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe("名称");
    expect(sheet.getRow(2).getCell(2).value).toBe("江西测试职业技术学院");
    expect(sheet.getRow(2).getCell(5).value).toBe("100.00%");
  });

  it("refuses an unknown format", async () => {
    const refused = await download("period=2026-Q3&by=park&format=pdf").catch((thrown: unknown) => thrown as Response);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "bad_format", field: "format" } });
  });
});

describe("retention and snapshots computed under the old definitions (ADR 090)", () => {
  it("reads separations from the database: a hire who left before 6 months is due but not retained", async () => {
    const q3 = parsePeriod("2026-Q3")!;
    const first = await prisma.placement.findFirstOrThrow({ where: { startDate: new Date("2026-07-10") } });
    await prisma.placement.update({ where: { id: first.id }, data: { endedOn: new Date("2026-12-01"), endReason: "主动离职" } });
    const [row] = computeMetrics({ period: q3, dimension: "province", facts: await loadReportFacts(q3, "2027-12-31"), names: new Map() });
    expect(row!.placements).toBeGreaterThan(1);
    expect(row).toMatchObject({ retention6Due: row!.placements, retained6: row!.placements - 1, retention12Due: row!.placements, retained12: row!.placements - 1 });
    const [early] = computeMetrics({ period: q3, dimension: "province", facts: await loadReportFacts(q3, "2026-12-04"), names: new Map() });
    expect(early).toMatchObject({ retention6Due: 0, retention6RateBp: null });
    await prisma.placement.update({ where: { id: first.id }, data: { endedOn: null, endReason: null } });
  });

  it("keeps a snapshot published before version 2 as published, marks it outdated, and shows no retention as 0", async () => {
    const old = { period: parsePeriod("2025-Q4"), dimension: "province", rows: [{ key: "360000", name: "江西省", available: 10, placed: 4, placements: 6 }], trend: [] };
    await prisma.reportSnapshot.create({ data: { period: "2025-Q4", dimension: "province", status: "published", data: JSON.stringify(old), trigger: "schedule", publishedAt: new Date("2026-01-01T02:00:00Z") } });
    const snapshot = await latestSnapshot({ period: "2025-Q4", dimension: "province" });
    expect(snapshot).toMatchObject({ metricsVersion: 1, outdated: true });
    expect(snapshot!.data.rows[0]).toMatchObject({ placements: 6, retention6RateBp: null, retained6: null, workerClaimsApproved: null, workerClaimsPaidFen: null });
    const answer = await api("/api/v1/reports/placements?period=2025-Q4&by=province");
    expect(answer.body).toMatchObject({ snapshot: { metricsVersion: 1, outdated: true } });
    const fresh = await newRun("2025-Q4");
    await processReportJob(fakeJob(REPORT_JOB, { runId: fresh.id }).job);
    expect(await latestSnapshot({ period: "2025-Q4", dimension: "province" })).toMatchObject({ metricsVersion: METRICS_VERSION, outdated: false });
    expect(JSON.parse((await prisma.reportSnapshot.findFirstOrThrow({ where: { period: "2025-Q4", runId: null } })).data)).toEqual(old);
  });
});

describe("worker-training subsidies in the report and in the days to approve (ADR 162)", () => {
  it("counts an enterprise's approved worker-training claim apart from graduate subsidies, in the budget used, and in the bureau's days to approve", async () => {
    const q3 = parsePeriod("2026-Q3")!;
    const pairing = await prisma.pairing.findFirstOrThrow({ where: { parkId: province.park.id } });
    const base = await prisma.trainingBase.create({ data: { name: "小蓝报表实训基地", parkId: province.park.id, pairingId: pairing.id, capacity: 50, trades: "[]", lng: 115.9, lat: 28.5 } });
    const trainee = await prisma.workerTrainee.create({
      data: {
        enterpriseId: province.enterprise.id, name: "报表职工", idNumberHash: "report-worker", idNumberCipher: "x", idNumberMasked: "3601**********000X",
        insuredFrom: new Date("2025-01-01"), insuredMonths: 24, baseId: base.id, trainingEndedOn: new Date("2026-06-01"), certificateName: "电工",
        certificateLevel: 4, certificateIssuedOn: new Date("2026-06-20"), certificateIssuer: "江西省职业技能鉴定指导中心", certificateNumber: "R-1",
      },
    });
    const tuition = await prisma.subsidyClaim.findFirstOrThrow({ where: { kind: "tuition" } });
    await prisma.subsidyClaim.create({
      data: {
        workerTraineeId: trainee.id, kind: "worker_training", origin: "enterprise", status: "paid", amountFen: 150_000, bureauId: tuition.bureauId,
        policyVersionId: tuition.policyVersionId, evaluation: "{}", createdAt: new Date("2026-07-01T02:00:00Z"), approvedAt: new Date("2026-07-11T02:00:00Z"),
        paidAt: new Date("2026-08-15T02:00:00Z"),
      },
    });
    const facts = await loadReportFacts(q3);
    const rowOf = (dimension: "province" | "park" | "college" | "base", key: string) =>
      computeMetrics({ period: q3, dimension, facts, names: new Map() }).find((r) => r.key === key);
    const apart = { claimsApproved: 1, claimsApprovedFen: 300_000, claimsPaid: 1, claimsPaidFen: 300_000, workerClaimsApproved: 1, workerClaimsApprovedFen: 150_000, workerClaimsPaid: 1, workerClaimsPaidFen: 150_000, budgetUsedFen: 450_000 };
    expect(rowOf("province", "360000")).toMatchObject(apart);
    expect(rowOf("park", String(province.park.id))).toMatchObject(apart);
    // A worker's claim has no college; the base is the one the worker trained at.
    expect(rowOf("college", String(province.college.id))).toMatchObject({ claimsApproved: 1, workerClaimsApproved: 0, budgetUsedFen: 300_000 });
    expect(rowOf("base", String(base.id))).toMatchObject({ claimsApproved: 0, workerClaimsApproved: 1, workerClaimsPaidFen: 150_000 });

    // Days to approve: the worker's claim took 10 days; the graduate's was approved before it was stamped as made (0 days).
    const extra = await loadExtraFacts(q3);
    expect(extra.park.get(String(province.park.id))?.claimDecisionDays).toBe(5);
    expect(extra.city.get("360100")?.claimDecisionDays).toBe(5);
    expect(extra.college.get(String(province.college.id))?.claimDecisionDays).toBe(0);
  });
});
