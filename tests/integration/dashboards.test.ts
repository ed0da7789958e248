import { beforeAll, describe, expect, it } from "vitest";
import { processReportJob } from "../../jobs/processors/placement-reports";
import { getHomeExtras, lastMonths } from "~/services/dashboard/extras.server";
import { REPORT_JOB } from "~/services/reports/placements.server";
import { prisma } from "~/utils/db.server";
import { createAccount } from "./fixtures";
import { seedMajors } from "./labour-fixtures";
import { buildReportProvince } from "./report-fixtures";
import { principalOf } from "./subsidy-fixtures";

let province: Awaited<ReturnType<typeof buildReportProvince>>;
const NOW = new Date("2026-11-28T12:00:00Z");

beforeAll(async () => {
  await seedMajors();
  province = await buildReportProvince();
  // A hire in the other park by another college's graduate: not the park's, not the college's.
  const other = await prisma.enterprise.create({
    data: { creditCode: "91360121MA0000009X", name: "进贤测试有限公司", parkId: province.otherPark.id, clusterRole: "supporting", headcount: 50 },
  });
  const outsider = await prisma.graduate.create({
    data: { ...(await prisma.graduate.findFirstOrThrow({ select: { idNumberCipher: true, idNumberMasked: true, gender: true, birthDate: true, phone: true, majorCode: true, schoolLevel: true, graduationDate: true, skillTags: true, preferredCities: true } })), idNumberHash: "dash-outsider", name: "外校生", collegeId: province.otherCollege.id },
  });
  await prisma.placement.create({
    data: { graduateId: outsider.id, enterpriseId: other.id, startDate: new Date("2026-08-05"), monthlyWageFen: 300000, majorRelevant: false, inProvincePark: true },
  });
  const run = await prisma.reportRun.create({ data: { period: "2026-Q3", trigger: "demand", total: 8 } });
  await processReportJob({ name: REPORT_JOB, data: { runId: run.id }, attemptsMade: 0, opts: { attempts: 5 }, timestamp: Date.now(), updateProgress: async () => undefined });
});

const principal = async (login: string, role: Parameters<typeof createAccount>[1], scope: Record<string, number>) =>
  principalOf((await createAccount(login, role, scope)).id);
const month = (points: { month: string; value: number }[], m: string) => points.find((p) => p.month === m)?.value;

describe("home-page figures per role", () => {
  it("lists the last 12 months, oldest first", () => {
    expect(lastMonths(NOW)).toEqual(["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
  });

  it("province: every placement by month, the latest report and the cluster map", async () => {
    const extras = await getHomeExtras(await principal("dash-province", "province", {}), NOW);
    expect([month(extras.trend!.points, "2026-05"), month(extras.trend!.points, "2026-07"), month(extras.trend!.points, "2026-08")]).toEqual([1, 1, 1]);
    expect(extras.report).toMatchObject({ period: "2026-Q3", href: "/province/reports?period=2026-Q3" });
    expect(extras.report!.figures.find((f) => f.label === "对口率")?.value).toBe("50.00%");
    expect(extras.map?.counts).toMatchObject({ parks: 2, clusters: 1 });
  });

  it("park: only placements in its own park, and its own report row", async () => {
    const extras = await getHomeExtras(await principal("dash-park", "park", { parkId: province.park.id }), NOW);
    expect(month(extras.trend!.points, "2026-08")).toBe(0);
    expect(month(extras.trend!.points, "2026-07")).toBe(1);
    expect(extras.report!.figures.find((f) => f.label === "就业率")?.value).toBe("50.00%");
    expect(extras.map).toBeNull();
  });

  it("college: its own graduates' placements", async () => {
    const extras = await getHomeExtras(await principal("dash-college", "college", { collegeId: province.otherCollege.id }), NOW);
    expect(extras.trend!.points.reduce((s, p) => s + p.value, 0)).toBe(1);
    // its one graduate, available since June, was hired in August
    expect(extras.report!.figures.find((f) => f.label === "就业率")?.value).toBe("100.00%");
  });

  it("enterprise: its orders filled", async () => {
    const extras = await getHomeExtras(await principal("dash-enterprise", "enterprise", { enterpriseId: province.enterprise.id }), NOW);
    expect(extras.bars!.rows).toEqual([{ label: "数控订单班", value: 0, max: 3, text: "0 / 3 人" }]);
  });

  it("bureau: this year's budget used and left, by source", async () => {
    await prisma.budgetAllocation.updateMany({ data: { reservedFen: 300_000 } });
    const extras = await getHomeExtras(await principal("dash-bureau", "bureau", { bureauId: province.bureau.id }), NOW);
    expect(extras.bars).toMatchObject({ title: "2026 年预算使用（按资金来源）" });
    expect(extras.bars!.rows).toEqual([{ label: "就业补助资金", value: 300_000, max: 10_000_000, text: "已用 ¥3,000.00，剩余 ¥97,000.00" }]);
  });
});
