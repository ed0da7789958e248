import { beforeAll, describe, expect, it } from "vitest";
import { processReportJob } from "../../jobs/processors/placement-reports";
import { loader as apiLoader } from "~/routes/api.v1.scorecards";
import { loader as exportLoader } from "~/routes/scorecards.export";
import { loader as cityPageLoader } from "~/routes/bureau.scorecards";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { latestScorecard, previewIndicatorSet } from "~/services/assessment/scorecards.server";
import { createPolicyVersion } from "~/services/policy/versions.server";
import { REPORT_JOB } from "~/services/reports/placements.server";
import { prisma } from "~/utils/db.server";
import { createAccount } from "./fixtures";
import { principalOf, seedMajors } from "./labour-fixtures";
import { buildReportProvince } from "./report-fixtures";

type ApiBody = {
  rows: { key: string; unranked: string | null }[];
  indicators: { indicator: string; label: string; unit: string }[];
  error: { code: string; message: string; field?: string };
};

let province: Awaited<ReturnType<typeof buildReportProvince>>;
const tokens: Record<string, string> = {};

async function publish(period: string) {
  const run = await prisma.reportRun.create({ data: { period, trigger: "demand", total: 11 } });
  await processReportJob({
    name: REPORT_JOB,
    data: { runId: run.id },
    attemptsMade: 0,
    opts: { attempts: 1 },
    timestamp: Date.now(),
    updateProgress: async () => undefined,
  });
  return run;
}

async function api(query: string, who = "province") {
  const request = new Request(`http://app/api/v1/scorecards${query}`, { headers: { Authorization: `Bearer ${tokens[who]}` } });
  const response = (await apiLoader({ request, params: {}, context: {} })) as Response;
  return { status: response.status, body: (await response.json()) as ApiBody };
}

beforeAll(async () => {
  await seedMajors();
  province = await buildReportProvince();
  const cityBureau = await prisma.bureau.create({ data: { name: "南昌市人力资源和社会保障局", level: "city", cityCode: "360100" } });
  const accounts = {
    province: await createAccount("sc-province", "province"),
    park: await createAccount("sc-park", "park", { parkId: province.park.id }),
    college: await createAccount("sc-college", "college", { collegeId: province.college.id }),
    enterprise: await createAccount("sc-enterprise", "enterprise", { enterpriseId: province.enterprise.id }),
    city: await createAccount("sc-city", "bureau", { bureauId: cityBureau.id }),
    county: await createAccount("sc-county", "bureau", { bureauId: province.bureau.id }),
  };
  for (const [who, account] of Object.entries(accounts)) tokens[who] = (await createApiToken({ accountId: account.id, name: "考核" })).token;
  await publish("2026-Q3");
});

describe("scorecards published by a quarter's report run", () => {
  it("score each park from the report's figures under the default set; too few graduates: shown, not ranked", async () => {
    const parks = (await latestScorecard({ period: "2026-Q3", subject: "park" }))!.data;
    expect(parks.setVersion).toBeNull();
    const own = parks.rows.find((r) => r.key === String(province.park.id))!;
    // placement 50% of 60% (25), 对口 100% (15), orders 33.33% of 90% (15), secondments 0 of 2 (10);
    // retention (nobody 6 months in yet), base use (no base) and fund (no records) are left out.
    expect(own).toMatchObject({ graduates: 2, score: 63.67, rank: null, unranked: "few_graduates", change: null });
    expect(own.indicators.find((i) => i.indicator === "retention6_rate")).toMatchObject({ value: null, points: null });
    expect(own.indicators.find((i) => i.indicator === "active_secondments")).toMatchObject({ value: 0, points: 0 });
    // the unpaired park has nothing to score but secondments (0): 0 points, not ranked either
    expect(parks.rows.find((r) => r.key === String(province.otherPark.id))).toMatchObject({ graduates: 0, rank: null });
  });

  it("a version of the indicator set in force on the period's end is used; a later one is not", async () => {
    const principal = await principalOf("sc-admin", "province");
    const onlyPlacement = { items: [{ indicator: "placement_rate", weight: 100, target: 6000, direction: "higher" }] };
    await createPolicyVersion({ principal, kind: "indicators:park", effectiveFrom: "2026-07-01", data: onlyPlacement, note: null });
    await createPolicyVersion({ principal, kind: "indicators:park", effectiveFrom: "2027-01-01", data: { items: [{ indicator: "placement_rate", weight: 100, target: 10000, direction: "higher" }] }, note: null });

    // The preview: last published period's figures under a proposed set, before anything is re-published.
    const preview = (await previewIndicatorSet("park", { items: [{ indicator: "placement_rate", weight: 100, target: 5000, direction: "higher" }] }))!;
    expect(preview.period.key).toBe("2026-Q3");
    expect(preview.rows.find((r) => r.key === String(province.park.id))).toMatchObject({ scoreBefore: 63.67, score: 100 });
    expect((await latestScorecard({ period: "2026-Q3", subject: "park" }))!.data.rows.find((r) => r.key === String(province.park.id))!.score).toBe(63.67);

    await publish("2026-Q3");
    const republished = (await latestScorecard({ period: "2026-Q3", subject: "park" }))!.data;
    expect(republished.setVersion).toBe(1);
    expect(republished.rows.find((r) => r.key === String(province.park.id))!.score).toBe(83.33);
  });
});

describe("GET /api/v1/scorecards", () => {
  it("the province reads every park; a park its own card; a city bureau its city and its parks", async () => {
    const all = await api("?period=2026-Q3&subject=park");
    expect(all.status).toBe(200);
    expect(all.body.rows.map((r: { key: string }) => r.key).sort()).toEqual([String(province.park.id), String(province.otherPark.id)].sort());
    expect(all.body.indicators[0]).toMatchObject({ indicator: "placement_rate", label: "就业率", unit: "bp" });

    const own = await api("?period=2026-Q3&subject=park", "park");
    expect(own.body.rows).toHaveLength(1);
    expect(own.body.rows[0]).toMatchObject({ key: String(province.park.id), unranked: "few_graduates" });

    const college = await api("?period=2026-Q3&subject=college", "college");
    expect(college.body.rows.map((r: { key: string }) => r.key)).toEqual([String(province.college.id)]);

    const city = await api("?period=2026-Q3&subject=city", "city");
    expect(city.body.rows.map((r: { key: string }) => r.key)).toEqual(["360100"]);
    expect((await api("?period=2026-Q3&subject=park", "city")).body.rows).toHaveLength(2);
  });

  it("the city view page: a city bureau's own card and its parks' cards, ranked first; a county bureau is refused", async () => {
    const page = (who: string) =>
      cityPageLoader({ request: new Request("http://app/bureau/scorecards?period=2026-Q3", { headers: { Authorization: `Bearer ${tokens[who]}` } }), params: {}, context: {} });
    const body = await ((await page("city")) as Response).json();
    expect(body.city.own).toMatchObject({ key: "360100", name: "南昌市" });
    expect(body.city.own.indicators.length).toBeGreaterThan(0);
    expect(body.parks.rows.map((r: { key: string }) => r.key).sort()).toEqual([String(province.park.id), String(province.otherPark.id)].sort());
    const ranks = body.parks.rows.map((r: { rank: number | null }) => r.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => (a ?? Infinity) - (b ?? Infinity)));
    expect(((await page("county").catch((e: unknown) => e)) as Response).status).toBe(403);
  });

  it.each([
    ["?period=2026-Q3&subject=city", "park", 403, "forbidden", undefined],
    ["?period=2026-Q3&subject=park", "college", 403, "forbidden", undefined],
    ["?period=2026-Q3&subject=city", "county", 403, "forbidden", undefined],
    ["?period=2026-Q3&subject=park", "enterprise", 403, "forbidden", undefined],
    ["?period=2026-Q3&subject=base", "province", 400, "bad_subject", "subject"],
    ["?period=2026-09&subject=park", "province", 400, "bad_period", "period"],
    ["?period=Q3&subject=park", "province", 400, "bad_period", "period"],
    ["?period=2025-Q3&subject=park", "province", 404, "not_generated", "period"],
  ])("%s as %s: %i %s", async (query, who, status, code, field) => {
    const { status: got, body } = await api(query, who);
    expect(got).toBe(status);
    expect(body.error).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("export", () => {
  it("CSV of a city bureau's parks (under the republished set: placement rate only), with each indicator's value and points", async () => {
    const request = new Request("http://app/scorecards/export?period=2026-Q3&subject=park&format=csv", { headers: { Authorization: `Bearer ${tokens.city}` } });
    const response = (await exportLoader({ request, params: {}, context: {} })) as Response;
    expect(response.status).toBe(200);
    const text = await response.text();
    const [header, ...lines] = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(header).toBe("排名,代码,名称,得分,同比变化,可就业毕业生,就业率,就业率得分,说明");
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.includes("南昌小蓝经开区"))).toBe(`不排名,${province.park.id},南昌小蓝经开区,83.33,,2,50.00%,83.33,可就业毕业生不足 30 人，列示但不排名`);
  });
});
