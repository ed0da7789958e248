import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMonths,
  computeMetrics,
  formatRate,
  meanFen,
  monthsOf,
  parsePeriod,
  previousPeriod,
  rankBy,
  rateBp,
  retentionOf,
  type ClaimFact,
  type Dimension,
  type GraduateFact,
  type MetricRow,
  type OrderFact,
  type PlacementFact,
  type ReportFacts,
  type Site,
} from "./placements";

// A hand-built province: two cities, parks 1 (city A, clusters 11, 12) and 2 (city B, cluster 21),
// colleges 100 (city A, paired with park 1) and 200 (city B, paired with parks 1 and 2), base 7 at college 100.
const A = "360100";
const B = "360400";
const q3 = parsePeriod("2026-Q3")!;

const site = (over: Partial<Site>): Site => ({ cityCode: A, parkId: 1, clusterId: 11, collegeId: 100, category: "46", baseId: null, ...over });
const grad = (over: Partial<GraduateFact>): GraduateFact => ({
  graduatedOn: "2026-06-30",
  collegeId: 100,
  collegeCity: A,
  category: "46",
  baseId: null,
  first: null,
  ...over,
});

const graduates: GraduateFact[] = [
  // college 100, placed in park 1 / cluster 11 in July
  grad({ baseId: 7, first: { startOn: "2026-07-10", parkId: 1, clusterId: 11 } }),
  // college 100, placed in park 2 / cluster 21 in September
  grad({ first: { startOn: "2026-09-30", parkId: 2, clusterId: 21 } }),
  // college 100, not placed
  grad({ baseId: 7 }),
  // college 100, placed before the quarter: not available
  grad({ first: { startOn: "2026-06-15", parkId: 1, clusterId: 11 } }),
  // college 100, placed after the quarter: available, not placed
  grad({ first: { startOn: "2026-10-01", parkId: 1, clusterId: 11 } }),
  // college 100, graduates after the quarter: not available
  grad({ graduatedOn: "2026-12-31" }),
  // college 200 (中职 category mapped to 46 by the service: 51 here), placed in park 1 / cluster 12 in August
  grad({ collegeId: 200, collegeCity: B, category: "51", first: { startOn: "2026-08-01", parkId: 1, clusterId: 12 } }),
  // college 200, not placed
  grad({ collegeId: 200, collegeCity: B, category: "51" }),
];

const placements: PlacementFact[] = [
  { ...site({ baseId: 7 }), graduateId: 1, startOn: "2026-07-10", endOn: null, wageFen: 500_000, relevant: true, inPark: true },
  { ...site({ cityCode: B, parkId: 2, clusterId: 21 }), graduateId: 2, startOn: "2026-09-30", endOn: null, wageFen: 600_001, relevant: false, inPark: true },
  { ...site({ clusterId: 12, collegeId: 200, category: "51" }), graduateId: 7, startOn: "2026-08-01", endOn: null, wageFen: 450_000, relevant: true, inPark: false },
  // outside the quarter
  { ...site({}), graduateId: 4, startOn: "2026-06-15", endOn: null, wageFen: 999_999, relevant: false, inPark: false },
];

const orders: OrderFact[] = [
  { ...site({ baseId: 7 }), startOn: "2026-07-01", quantity: 4, filled: 3 },
  { ...site({ cityCode: B, parkId: 2, clusterId: 21, collegeId: null }), startOn: "2026-09-01", quantity: 2, filled: 0 },
  { ...site({}), startOn: "2026-10-01", quantity: 50, filled: 50 },
];

const claims: ClaimFact[] = [
  // approved in Q3 and paid in Q3
  { ...site({ baseId: 7 }), kind: "graduate", amountFen: 300_000, approvedOn: "2026-07-20", paidOn: "2026-08-30" },
  // approved in Q1 (budget used this year), paid in Q3
  { ...site({ clusterId: 12, collegeId: 200, category: "51" }), kind: "graduate", amountFen: 200_000, approvedOn: "2026-02-01", paidOn: "2026-07-02" },
  // approved in Q3, not paid
  { ...site({ cityCode: B, parkId: 2, clusterId: 21 }), kind: "graduate", amountFen: 150_000, approvedOn: "2026-09-30", paidOn: null },
  // approved last year: not this year's budget
  { ...site({}), kind: "graduate", amountFen: 70_000, approvedOn: "2025-12-31", paidOn: "2026-01-05" },
];

const facts: ReportFacts = {
  asOf: "2026-12-04",
  graduates,
  placements,
  orders,
  claims,
  budgets: [
    { cityCode: A, year: 2026, amountFen: 10_000_000 },
    { cityCode: B, year: 2026, amountFen: 5_000_000 },
    { cityCode: A, year: 2025, amountFen: 99_000_000 },
  ],
  funds: [
    { ...site({ category: null }), year: 2026, amountFen: 80_000 },
    { ...site({ cityCode: B, parkId: 2, clusterId: 21, collegeId: 200, category: null }), year: 2026, amountFen: 20_000 },
    { ...site({ category: null }), year: 2025, amountFen: 1 },
  ],
  pairedParks: new Map([
    [100, [1]],
    [200, [1, 2]],
  ]),
  parkClusters: new Map([
    [1, [11, 12]],
    [2, [21]],
  ]),
};

const report = (dimension: Dimension, names = new Map<string, string>()) => computeMetrics({ period: q3, dimension, facts, names });
const byKey = (rows: MetricRow[]) => Object.fromEntries(rows.map((r) => [r.key, r]));

describe("periods", () => {
  it.each([
    ["2026-09", { key: "2026-09", kind: "month", start: "2026-09-01", end: "2026-09-30", label: "2026年9月" }],
    ["2024-02", { key: "2024-02", kind: "month", start: "2024-02-01", end: "2024-02-29" }],
    ["2026-Q3", { key: "2026-Q3", kind: "quarter", start: "2026-07-01", end: "2026-09-30", label: "2026年第3季度" }],
    ["2026-Q1", { start: "2026-01-01", end: "2026-03-31" }],
    ["2026", { key: "2026", kind: "year", start: "2026-01-01", end: "2026-12-31" }],
  ])("%s", (text, expected) => {
    expect(parsePeriod(text)).toMatchObject(expected);
  });

  it.each(["2026-13", "2026-Q5", "2026-Q0", "26-Q1", "2026-9", "", "abc", "1999"])("refuses %j", (text) => {
    expect(parsePeriod(text)).toBeNull();
  });

  it.each([
    ["month", "2026-10-01", "2026-09"],
    ["month", "2026-01-01", "2025-12"],
    ["quarter", "2026-10-01", "2026-Q3"],
    ["quarter", "2026-01-01", "2025-Q4"],
    ["quarter", "2026-05-15", "2026-Q1"],
  ] as const)("the %s before %s is %s", (kind, on, key) => {
    expect(previousPeriod(kind, on).key).toBe(key);
  });

  it("lists the months of a quarter", () => {
    expect(monthsOf(q3)).toEqual(["2026-07", "2026-08", "2026-09"]);
  });
});

describe("rates and means", () => {
  it.each([
    [1, 3, 3333],
    [2, 3, 6667],
    [1, 8, 1250],
    [1, 20_000, 1], // 0.5 bp rounds half up
    [0, 5, 0],
    [5, 5, 10_000],
    [1, 0, null],
  ])("rateBp(%i, %i) = %s", (part, whole, expected) => {
    expect(rateBp(part, whole)).toBe(expected);
  });

  it.each([
    [3, 2, 2], // 1.5 → 2
    [5, 2, 3],
    [10, 4, 3], // 2.5 → 3
    [0, 0, null],
  ])("meanFen(%i, %i) = %s", (sum, count, expected) => {
    expect(meanFen(sum, count)).toBe(expected);
  });

  it("formats basis points as a percentage", () => {
    expect(formatRate(3333)).toBe("33.33%");
    expect(formatRate(10_000)).toBe("100.00%");
    expect(formatRate(5)).toBe("0.05%");
    expect(formatRate(null)).toBe("—");
  });
});

describe("metrics of a quarter on the hand-built province", () => {
  it("province: every metric", () => {
    const [row] = report("province");
    expect(row).toEqual({
      key: "360000",
      name: "360000",
      available: 6, // 8 graduates − placed before the quarter − graduates after it
      placed: 3,
      placementRateBp: 5000,
      placements: 3,
      inParkRateBp: 6667, // 2 of 3
      relevanceRateBp: 6667, // 2 of 3
      avgWageFen: 516_667, // (500000 + 600001 + 450000) / 3 = 516667.0
      ordered: 6,
      orderFilled: 3,
      fulfilmentRateBp: 5000,
      claimsApproved: 2,
      claimsApprovedFen: 450_000,
      claimsPaid: 2,
      claimsPaidFen: 500_000,
      workerClaimsApproved: 0,
      workerClaimsApprovedFen: 0,
      workerClaimsPaid: 0,
      workerClaimsPaidFen: 0,
      budgetUsedFen: 650_000, // approved 2026-01-01 … 2026-09-30
      budgetTotalFen: 15_000_000,
      fundShareFen: 100_000,
      // as of 2026-12-04 no hire of the quarter has reached 6 months
      retention6Due: 0,
      retained6: 0,
      retention6RateBp: null,
      retention12Due: 0,
      retained12: 0,
      retention12RateBp: null,
    });
  });

  it("city: supply by the college's city, placements by the enterprise's city", () => {
    const rows = byKey(report("city"));
    expect(rows[A]).toMatchObject({ available: 4, placed: 2, placementRateBp: 5000, placements: 2, avgWageFen: 475_000 });
    expect(rows[A]).toMatchObject({ ordered: 4, orderFilled: 3, claimsApproved: 1, claimsPaid: 2, budgetUsedFen: 500_000 });
    expect(rows[A]).toMatchObject({ budgetTotalFen: 10_000_000, fundShareFen: 80_000 });
    expect(rows[B]).toMatchObject({ available: 2, placed: 1, placements: 1, relevanceRateBp: 0, avgWageFen: 600_001 });
    expect(rows[B]).toMatchObject({ ordered: 2, orderFilled: 0, fulfilmentRateBp: 0, claimsApprovedFen: 150_000, budgetTotalFen: 5_000_000 });
  });

  it("park: supply is the paired colleges' graduates, placed counts only placements in the park", () => {
    const rows = byKey(report("park"));
    // park 1: paired with 100 (4 available) and 200 (2 available); placed in park 1: July and August
    expect(rows["1"]).toMatchObject({ available: 6, placed: 2, placementRateBp: 3333, placements: 2, inParkRateBp: 5000 });
    // park 2: paired with 200 only; the one placed in park 2 is a 100 graduate, so placed is 0
    expect(rows["2"]).toMatchObject({ available: 2, placed: 0, placementRateBp: 0, placements: 1 });
    expect(rows["1"]).toMatchObject({ budgetTotalFen: null, fundShareFen: 80_000, claimsPaidFen: 500_000 });
  });

  it("cluster: supply through the park's pairings, placed only in the cluster", () => {
    const rows = byKey(report("cluster"));
    expect(rows["11"]).toMatchObject({ available: 6, placed: 1, placements: 1, relevanceRateBp: 10_000 });
    expect(rows["12"]).toMatchObject({ available: 6, placed: 1, placements: 1, inParkRateBp: 0 });
    expect(rows["21"]).toMatchObject({ available: 2, placed: 0, placements: 1, ordered: 2 });
  });

  it("college: by the graduate's college", () => {
    const rows = byKey(report("college"));
    expect(rows["100"]).toMatchObject({ available: 4, placed: 2, placementRateBp: 5000, placements: 2, avgWageFen: 550_001 });
    expect(rows["200"]).toMatchObject({ available: 2, placed: 1, placements: 1, claimsPaid: 1, budgetUsedFen: 200_000, fundShareFen: 20_000 });
    // an order with no college wanted belongs to no college row
    expect(rows["100"]!.ordered + rows["200"]!.ordered).toBe(4);
  });

  it("training base: by the graduate's cohort base; no fund share", () => {
    const rows = byKey(report("base"));
    expect(Object.keys(rows)).toEqual(["7"]);
    expect(rows["7"]).toMatchObject({ available: 2, placed: 1, placementRateBp: 5000, placements: 1, ordered: 4, claimsApproved: 1 });
    expect(rows["7"]!.fundShareFen).toBeNull();
  });

  it("major category: 中职 and 高职 together under the 高职 code", () => {
    const rows = byKey(report("major_category"));
    expect(rows["46"]).toMatchObject({ available: 4, placed: 2, placements: 2 });
    expect(rows["51"]).toMatchObject({ available: 2, placed: 1, placements: 1, relevanceRateBp: 10_000 });
    expect(rows["46"]!.fundShareFen).toBeNull();
  });

  it("lists named groups without figures, with empty rates", () => {
    const rows = byKey(report("park", new Map([["1", "南昌经开区"], ["3", "新余高新区"]])));
    expect(rows["1"]!.name).toBe("南昌经开区");
    expect(rows["3"]).toMatchObject({ name: "新余高新区", available: 0, placementRateBp: null, avgWageFen: null, fulfilmentRateBp: null });
  });

  it("a month counts only that month", () => {
    const [row] = computeMetrics({ period: parsePeriod("2026-08")!, dimension: "province", facts, names: new Map() });
    // the July hire is no longer available in August
    expect(row).toMatchObject({ available: 5, placed: 1, placements: 1, ordered: 0, claimsApproved: 0, claimsPaid: 1 });
  });
});

describe("worker-training subsidies beside graduate subsidies (ADR 162)", () => {
  // An enterprise's claims for its workers: the enterprise's park side and the base the worker trained at; no college, no major.
  const worker = (over: Partial<Site>, amountFen: number, approvedOn: string | null, paidOn: string | null): ClaimFact => ({
    ...site({ collegeId: null, category: null, ...over }),
    kind: "worker_training",
    amountFen,
    approvedOn,
    paidOn,
  });
  const workerClaims = [
    worker({ baseId: 7 }, 150_000, "2026-07-06", "2026-08-20"), // approved and paid in Q3
    worker({ cityCode: B, parkId: 2, clusterId: 21 }, 200_000, "2026-09-10", null), // approved in Q3, not paid
    worker({ clusterId: null }, 100_000, "2026-03-02", "2026-07-15"), // approved in Q1 (this year's budget), paid in Q3
    worker({}, 50_000, "2025-11-30", "2026-01-10"), // approved last year, paid before the quarter
  ];
  const mixed: ReportFacts = { ...facts, claims: [...claims, ...workerClaims] };
  const rowsOf = (dimension: Dimension) => byKey(computeMetrics({ period: q3, dimension, facts: mixed, names: new Map() }));

  it.each([
    // dimension, key, graduate approved/fen, graduate paid/fen, worker approved/fen, worker paid/fen, budget used
    ["province", "360000", [2, 450_000], [2, 500_000], [2, 350_000], [2, 250_000], 650_000 + 450_000],
    ["city", A, [1, 300_000], [2, 500_000], [1, 150_000], [2, 250_000], 500_000 + 250_000],
    ["city", B, [1, 150_000], [0, 0], [1, 200_000], [0, 0], 150_000 + 200_000],
    ["park", "1", [1, 300_000], [2, 500_000], [1, 150_000], [2, 250_000], 500_000 + 250_000],
    ["cluster", "11", [1, 300_000], [1, 300_000], [1, 150_000], [1, 150_000], 300_000 + 150_000],
    ["cluster", "21", [1, 150_000], [0, 0], [1, 200_000], [0, 0], 150_000 + 200_000],
    ["base", "7", [1, 300_000], [1, 300_000], [1, 150_000], [1, 150_000], 300_000 + 150_000],
    ["college", "100", [2, 450_000], [1, 300_000], [0, 0], [0, 0], 450_000],
  ] as const)("%s %s: graduate and worker-training subsidies apart, the budget used by both", (dimension, key, gApproved, gPaid, wApproved, wPaid, budgetUsedFen) => {
    expect(rowsOf(dimension)[key]).toMatchObject({
      claimsApproved: gApproved[0],
      claimsApprovedFen: gApproved[1],
      claimsPaid: gPaid[0],
      claimsPaidFen: gPaid[1],
      workerClaimsApproved: wApproved[0],
      workerClaimsApprovedFen: wApproved[1],
      workerClaimsPaid: wPaid[0],
      workerClaimsPaidFen: wPaid[1],
      budgetUsedFen,
    });
  });

  it("adds no college or major-category row: a worker's claim has neither", () => {
    expect(Object.keys(rowsOf("college")).sort()).toEqual(["100", "200"]);
    expect(Object.keys(rowsOf("major_category")).sort()).toEqual(Object.keys(byKey(report("major_category"))).sort());
  });

  it("leaves every graduate figure as it was without worker-training claims", () => {
    for (const dimension of ["province", "city", "park", "cluster", "college", "base", "major_category"] as const) {
      const before = byKey(report(dimension));
      const after = rowsOf(dimension);
      for (const [key, row] of Object.entries(before)) {
        const { workerClaimsApproved: _a, workerClaimsApprovedFen: _b, workerClaimsPaid: _c, workerClaimsPaidFen: _d, budgetUsedFen: _e, ...graduateFigures } = row;
        expect(after[key]).toMatchObject(graduateFigures);
      }
    }
  });
});

describe("a graduate separated and re-hired", () => {
  // Graduate 1 starts in park 1 in July, separates, and is re-hired in park 2 (city B) in September.
  const rehire: PlacementFact = { ...site({ cityCode: B, parkId: 2, clusterId: 21, baseId: 7 }), graduateId: 1, startOn: "2026-09-05", endOn: null, wageFen: 900_000, relevant: false, inPark: false };
  const withRehire = { ...facts, placements: [...placements, rehire] };
  const metric = (period: string, dimension: Dimension, key: string) =>
    computeMetrics({ period: parsePeriod(period)!, dimension, facts: withRehire, names: new Map() }).find((r) => r.key === key);

  it.each([
    // [period, dimension, key, 新增就业, 平均月工资 (fen)]
    ["2026-Q3", "province", "360000", 3, 516_667], // once, at the July placement: (500000 + 600001 + 450000) / 3
    ["2026-Q3", "park", "2", 1, 600_001], // the re-hire does not add to park 2 in the quarter
    ["2026-Q3", "college", "100", 2, 550_001],
    ["2026-07", "province", "360000", 1, 500_000],
    ["2026-09", "province", "360000", 2, 750_001], // in September alone the re-hire is that month's new hire
    ["2026", "province", "360000", 4, 637_500], // the year: graduates 1, 2, 4 and 7, each once
  ] as const)("%s by %s, group %s: %i new hires, mean wage %i fen", (period, dimension, key, hires, wage) => {
    const r = metric(period, dimension, key)!;
    expect(r.placements).toBe(hires);
    expect(r.avgWageFen).toBe(wage);
  });

  it("已就业 is unchanged by the re-hire (a graduate's first placement)", () => {
    expect(metric("2026-Q3", "province", "360000")!.placed).toBe(3);
  });
});

describe("the bulletin ranking", () => {
  it("ranks by rate, shares ranks on ties and leaves out groups with no rate", () => {
    const rows = [
      { key: "1", name: "乙园区", placementRateBp: 5000 },
      { key: "2", name: "甲园区", placementRateBp: 5000 },
      { key: "3", name: "丙园区", placementRateBp: 9000 },
      { key: "4", name: "丁园区", placementRateBp: null },
      { key: "5", name: "戊园区", placementRateBp: 100 },
    ] as MetricRow[];
    expect(rankBy(rows, "placementRateBp").map((r) => [r.name, r.rank])).toEqual([
      ["丙园区", 1],
      ["甲园区", 2],
      ["乙园区", 2],
      ["戊园区", 4],
    ]);
  });
});

describe("retention at 6 and 12 months (ADR 090)", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2026-08-31", 6, "2027-02-28"],
    ["2026-07-10", 12, "2027-07-10"],
    ["2026-11-15", 2, "2027-01-15"],
  ])("%s + %i months is %s", (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    // [start, end, asOf, due, retained]
    ["2026-01-10", null, "2026-07-09", false, false], // 6 months not yet over: not counted at all
    ["2026-01-10", null, "2026-07-10", true, true],
    ["2026-01-10", "2026-07-10", "2026-12-01", true, true], // last day is the 6-month day: still there
    ["2026-01-10", "2026-07-09", "2026-12-01", true, false], // left the day before
    ["2026-01-10", "2026-02-01", "2026-03-01", false, false], // left early, but not yet due
  ])("start %s, last day %s, as of %s: due %s, retained %s", (startOn, endOn, asOf, due, retained) => {
    expect(retentionOf({ startOn, endOn }, 6, asOf)).toEqual({ due, retained });
  });

  it("counts each new hire of the period at its site, due and retained as of the facts' day", () => {
    // Q3 2026: graduate 1 (July, park 1) still employed; graduate 2 (September, park 2) left in October;
    // graduate 7 (August, park 1) left on 20 January 2027. As of 2027-08-15, 12 months are over for July's and August's hires.
    const ended = (id: number, endOn: string) => (p: PlacementFact) => (p.graduateId === id ? { ...p, endOn } : p);
    const ps = placements.map(ended(2, "2026-10-15")).map(ended(7, "2027-01-20"));
    const f = { ...facts, asOf: "2027-08-15", placements: ps };
    const [province] = computeMetrics({ period: q3, dimension: "province", facts: f, names: new Map() });
    expect(province).toMatchObject({ retention6Due: 3, retained6: 1, retention6RateBp: 3333, retention12Due: 2, retained12: 1, retention12RateBp: 5000 });
    const parks = computeMetrics({ period: q3, dimension: "park", facts: f, names: new Map() });
    expect(parks.map((r) => [r.key, r.retention6Due, r.retained6])).toEqual([["1", 2, 1], ["2", 1, 0]]);
    // As of the report's own day nothing is due yet, and the rates say so (—, not 0%).
    const [early] = computeMetrics({ period: q3, dimension: "province", facts: { ...f, asOf: "2026-12-04" }, names: new Map() });
    expect(early).toMatchObject({ retention6Due: 0, retention6RateBp: null, retention12RateBp: null });
  });
});

describe("properties", () => {
  const day = fc.integer({ min: 0, max: 729 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const graduateArb = fc.record({
    graduatedOn: day,
    collegeId: fc.constantFrom(100, 200),
    collegeCity: fc.constantFrom(A, B),
    category: fc.constantFrom("46", "51"),
    baseId: fc.constantFrom(null, 7),
    first: fc.option(fc.record({ startOn: day, parkId: fc.constantFrom(1, 2), clusterId: fc.constantFrom(11, 12, 21) }), { nil: null }),
  });
  const placementArb = fc.record({
    startOn: day,
    endOn: fc.option(day, { nil: null }),
    wageFen: fc.integer({ min: 0, max: 2_000_000 }),
    relevant: fc.boolean(),
    inPark: fc.boolean(),
    graduateId: fc.integer({ min: 1, max: 8 }),
    cityCode: fc.constantFrom(A, B),
    parkId: fc.constantFrom(1, 2),
    clusterId: fc.constantFrom(11, 12, 21, null),
    collegeId: fc.constantFrom(100, 200),
    category: fc.constantFrom("46", "51"),
    baseId: fc.constantFrom(null, 7),
  });
  const periodArb = fc.constantFrom("2025", "2026", "2025-Q2", "2026-Q3", "2026-01", "2025-12").map((p) => parsePeriod(p)!);
  const factsOf = (gs: GraduateFact[], ps: PlacementFact[]): ReportFacts => ({
    ...facts,
    graduates: gs,
    placements: ps,
  });

  it("rates stay within 0…100%, placed never exceeds available, retained never exceeds due nor due the new hires", () => {
    fc.assert(
      fc.property(fc.array(graduateArb, { maxLength: 40 }), fc.array(placementArb, { maxLength: 40 }), periodArb, fc.constantFrom(...(["province", "city", "park", "cluster", "college", "base", "major_category"] as const)), (gs, ps, period, dimension) => {
        for (const r of computeMetrics({ period, dimension, facts: factsOf(gs, ps), names: new Map() })) {
          expect(r.placed).toBeLessThanOrEqual(r.available);
          expect(r.retained6).toBeLessThanOrEqual(r.retention6Due);
          expect(r.retained12).toBeLessThanOrEqual(r.retention12Due);
          expect(r.retention12Due).toBeLessThanOrEqual(r.retention6Due);
          expect(r.retention6Due).toBeLessThanOrEqual(r.placements);
          for (const rate of [r.placementRateBp, r.inParkRateBp, r.relevanceRateBp, r.retention6RateBp, r.retention12RateBp]) {
            if (rate !== null) expect(rate).toBeGreaterThanOrEqual(0);
            if (rate !== null) expect(rate).toBeLessThanOrEqual(10_000);
          }
        }
      }),
    );
  });

  it("groups counted once add up to the province (city, college, major category)", () => {
    fc.assert(
      fc.property(fc.array(graduateArb, { maxLength: 40 }), fc.array(placementArb, { maxLength: 40 }), periodArb, fc.constantFrom(...(["city", "college", "major_category"] as const)), (gs, ps, period, dimension) => {
        const f = factsOf(gs, ps);
        const [province] = computeMetrics({ period, dimension: "province", facts: f, names: new Map() });
        const rows = computeMetrics({ period, dimension, facts: f, names: new Map() });
        const sum = (k: keyof MetricRow) => rows.reduce((s, r) => s + (r[k] as number), 0);
        expect(sum("available")).toBe(province!.available);
        expect(sum("placed")).toBe(province!.placed);
        expect(sum("placements")).toBe(province!.placements);
        expect(sum("claimsApprovedFen")).toBe(province!.claimsApprovedFen);
        for (const k of ["retention6Due", "retained6", "retention12Due", "retained12"] as const) expect(sum(k)).toBe(province![k]);
      }),
    );
  });

  it("placement-side figures by park (the enterprise's park) add up to the province", () => {
    fc.assert(
      fc.property(fc.array(placementArb, { maxLength: 40 }), periodArb, (ps, period) => {
        const f = factsOf([], ps);
        const [province] = computeMetrics({ period, dimension: "province", facts: f, names: new Map() });
        const rows = computeMetrics({ period, dimension: "park", facts: f, names: new Map() });
        for (const k of ["placements", "ordered", "orderFilled", "claimsApprovedFen", "claimsPaidFen", "fundShareFen", "retention6Due", "retained6", "retention12Due", "retained12"] as const) {
          expect(rows.reduce((s, r) => s + (r[k] ?? 0), 0)).toBe(province![k]);
        }
      }),
    );
  });

  it("the months of a quarter add up to the quarter's placements when no graduate starts twice", () => {
    fc.assert(
      // Each placement its own graduate: a graduate re-hired within the quarter counts in two months but once in the quarter.
      fc.property(fc.array(placementArb, { maxLength: 60 }).map((ps) => ps.map((p, i) => ({ ...p, graduateId: i + 1 }))), (ps) => {
        const f = factsOf([], ps);
        const quarter = parsePeriod("2026-Q3")!;
        const [whole] = computeMetrics({ period: quarter, dimension: "province", facts: f, names: new Map() });
        const parts = monthsOf(quarter).map((m) => computeMetrics({ period: parsePeriod(m)!, dimension: "province", facts: f, names: new Map() })[0]!);
        expect(parts.reduce((s, r) => s + r.placements, 0)).toBe(whole!.placements);
      }),
    );
  });

  it("a quarter's new hires never exceed its months' and count each graduate at most once", () => {
    fc.assert(
      fc.property(fc.array(placementArb, { maxLength: 60 }), (ps) => {
        const f = factsOf([], ps);
        const quarter = parsePeriod("2026-Q3")!;
        const [whole] = computeMetrics({ period: quarter, dimension: "province", facts: f, names: new Map() });
        const parts = monthsOf(quarter).map((m) => computeMetrics({ period: parsePeriod(m)!, dimension: "province", facts: f, names: new Map() })[0]!);
        expect(whole!.placements).toBeLessThanOrEqual(parts.reduce((s, r) => s + r.placements, 0));
        expect(whole!.placements).toBe(new Set(ps.filter((p) => p.startOn >= quarter.start && p.startOn <= quarter.end).map((p) => p.graduateId)).size);
      }),
    );
  });
});
