/**
 * Placement report rules (product.md §6): periods, dimensions and every metric,
 * computed from flat facts the report service loads. Pure: no database, no clock.
 *
 * Dates are "YYYY-MM-DD" strings (UTC calendar dates as stored), compared as text.
 * Rates are integer basis points (万分比, 0…10000), rounded half-up; null when the
 * denominator is zero. Money is integer fen.
 */

export const DIMENSIONS = ["province", "city", "park", "cluster", "college", "base", "major_category"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  province: "全省",
  city: "设区市",
  park: "园区",
  cluster: "产业集群",
  college: "院校",
  base: "实训基地",
  major_category: "专业大类",
};

export type PeriodKind = "month" | "quarter" | "year";
export type Period = { key: string; kind: PeriodKind; year: number; start: string; end: string; label: string };

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** "2026-09" (month), "2026-Q3" (quarter) or "2026" (year); null when it is none of them. */
export function parsePeriod(text: string): Period | null {
  const m = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (m[2]) {
    const month = Number(m[2]);
    return { key: `${year}-${pad(month)}`, kind: "month", year, start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${pad(lastDay(year, month))}`, label: `${year}年${month}月` };
  }
  if (m[3]) {
    const q = Number(m[3]);
    const first = (q - 1) * 3 + 1;
    return { key: `${year}-Q${q}`, kind: "quarter", year, start: `${year}-${pad(first)}-01`, end: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}`, label: `${year}年第${q}季度` };
  }
  return { key: String(year), kind: "year", year, start: `${year}-01-01`, end: `${year}-12-31`, label: `${year}年` };
}

/** The period of the given kind that ended just before `on` ("YYYY-MM-DD"): what a schedule reports. */
export function previousPeriod(kind: "month" | "quarter", on: string): Period {
  const year = Number(on.slice(0, 4));
  const month = Number(on.slice(5, 7));
  if (kind === "month") {
    const y = month === 1 ? year - 1 : year;
    const mm = month === 1 ? 12 : month - 1;
    return parsePeriod(`${y}-${pad(mm)}`)!;
  }
  const q = Math.floor((month - 1) / 3) + 1;
  return q === 1 ? parsePeriod(`${year - 1}-Q4`)! : parsePeriod(`${year}-Q${q - 1}`)!;
}

/** The months of a period, for trends. */
export function monthsOf(period: Period): string[] {
  const first = Number(period.start.slice(5, 7));
  const last = Number(period.end.slice(5, 7));
  const out: string[] = [];
  for (let m = first; m <= last; m++) out.push(`${period.year}-${pad(m)}`);
  return out;
}

/** Half-up rate in basis points; null when nothing to divide by. */
export function rateBp(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.floor((part * 10_000 * 2 + whole) / (whole * 2));
}

/** Half-up integer mean (fen); null for no values. */
export function meanFen(sum: number, count: number): number | null {
  if (count <= 0) return null;
  return Math.floor((sum * 2 + count) / (count * 2));
}

/** "57.14%" from basis points, "—" for null. */
export function formatRate(bp: number | null): string {
  if (bp === null) return "—";
  return `${Math.trunc(bp / 100)}.${pad(bp % 100)}%`;
}

// ─── Facts ───

/** Where a placement, order, claim or fund share sits: the enterprise's park side and the graduate's side. */
export type Site = {
  cityCode: string; // the enterprise's park's city
  parkId: number;
  clusterId: number | null;
  collegeId: number | null;
  category: string | null; // 2-digit major category in the 高职 code space
  baseId: number | null;
};

/**
 * A graduate with their first placement (if any), or `count` graduates sharing the same
 * facts (default 1): the report service reads graduates not yet placed as counted groups.
 */
export type GraduateFact = {
  graduatedOn: string;
  collegeId: number;
  collegeCity: string;
  category: string;
  baseId: number | null;
  first: { startOn: string; parkId: number; clusterId: number | null } | null;
  count?: number;
};
/** A placement (an employment spell); a graduate separated and re-hired has several. */
export type PlacementFact = Site & { graduateId: number; startOn: string; endOn: string | null; wageFen: number; relevant: boolean; inPark: boolean };
/** An order (not a draft) with the placements made on it up to the period's end. */
export type OrderFact = Site & { startOn: string; quantity: number; filled: number };
/**
 * An approved (or batched, or paid) subsidy claim: a graduate's (site: the placement's
 * enterprise and the graduate) or an enterprise's worker-training claim (site: the
 * enterprise and the base the worker trained at; no college, no major category). Both are
 * paid from the same bureau budgets (ADR 160, 162).
 */
export type ClaimFact = Site & { kind: "graduate" | "worker_training"; amountFen: number; approvedOn: string | null; paidOn: string | null };
/** A bureau's budget of a year, all sources (cityCode: the bureau's city). */
export type BudgetFact = { cityCode: string; year: number; amountFen: number };
/** A college's share from an enterprise in the period's year (the latest finished fund run). */
export type FundFact = Site & { year: number; amountFen: number };

export type ReportFacts = {
  /** The day the facts were read (China): retention is known only for placements whose 6 / 12 months have passed by then. */
  asOf: string;
  /** Graduates graduated by the period's end; `first` only when it started by then (a later one reads as none). */
  graduates: GraduateFact[];
  placements: PlacementFact[];
  orders: OrderFact[];
  claims: ClaimFact[];
  budgets: BudgetFact[];
  funds: FundFact[];
  /** Parks paired with each college during the period. */
  pairedParks: Map<number, number[]>;
  /** Clusters of each park. */
  parkClusters: Map<number, number[]>;
};

export type MetricRow = {
  key: string;
  name: string;
  available: number;
  placed: number;
  placementRateBp: number | null;
  placements: number;
  inParkRateBp: number | null;
  relevanceRateBp: number | null;
  avgWageFen: number | null;
  ordered: number;
  orderFilled: number;
  fulfilmentRateBp: number | null;
  /** Graduate subsidies (tuition, living). */
  claimsApproved: number;
  claimsApprovedFen: number;
  claimsPaid: number;
  claimsPaidFen: number;
  /** Worker-training subsidies (职业技能提升补贴), counted apart; null in snapshots before version 3. */
  workerClaimsApproved: number | null;
  workerClaimsApprovedFen: number | null;
  workerClaimsPaid: number | null;
  workerClaimsPaidFen: number | null;
  /** Both kinds: they reserve the same budgets. */
  budgetUsedFen: number;
  budgetTotalFen: number | null;
  fundShareFen: number | null;
  retention6Due: number;
  retained6: number;
  retention6RateBp: number | null;
  retention12Due: number;
  retained12: number;
  retention12RateBp: number | null;
};

/**
 * The version of the metric definitions a snapshot was computed with (ADR 090): 1 counted
 * placement rows; 2 counts distinct graduates and adds 6- and 12-month retention; 3 adds
 * worker-training subsidies beside graduate subsidies and counts both in the budget used (ADR 162).
 */
export const METRICS_VERSION = 3;

export const PROVINCE_KEY = "360000";

/** The group of a site in a dimension (placements, orders, claims and fund shares are counted once). */
function siteKey(dimension: Dimension, s: Site): string | null {
  switch (dimension) {
    case "province":
      return PROVINCE_KEY;
    case "city":
      return s.cityCode;
    case "park":
      return String(s.parkId);
    case "cluster":
      return s.clusterId === null ? null : String(s.clusterId);
    case "college":
      return s.collegeId === null ? null : String(s.collegeId);
    case "base":
      return s.baseId === null ? null : String(s.baseId);
    case "major_category":
      return s.category;
  }
}

/**
 * The groups whose supply a graduate belongs to. Park: the parks paired with the
 * graduate's college; cluster: those parks' clusters (a graduate may count in several).
 */
function supplyKeys(dimension: Dimension, g: GraduateFact, facts: ReportFacts): string[] {
  switch (dimension) {
    case "province":
      return [PROVINCE_KEY];
    case "city":
      return [g.collegeCity];
    case "college":
      return [String(g.collegeId)];
    case "base":
      return g.baseId === null ? [] : [String(g.baseId)];
    case "major_category":
      return [g.category];
    case "park":
      return (facts.pairedParks.get(g.collegeId) ?? []).map(String);
    case "cluster":
      return (facts.pairedParks.get(g.collegeId) ?? []).flatMap((p) => (facts.parkClusters.get(p) ?? []).map(String));
  }
}

/** Park and cluster count a graduate as placed only when the placement is in that park or cluster. */
function placedIn(dimension: Dimension, key: string, first: NonNullable<GraduateFact["first"]>): boolean {
  if (dimension === "park") return String(first.parkId) === key;
  if (dimension === "cluster") return first.clusterId !== null && String(first.clusterId) === key;
  return true;
}

const within = (date: string | null, start: string, end: string) => date !== null && date >= start && date <= end;

/** Each graduate's earliest placement starting within [start, end] (ties: the first given). */
export function newHires(placements: readonly PlacementFact[], start: string, end: string): PlacementFact[] {
  const earliest = new Map<number, PlacementFact>();
  for (const p of placements) {
    if (!within(p.startOn, start, end)) continue;
    const seen = earliest.get(p.graduateId);
    if (!seen || p.startOn < seen.startOn) earliest.set(p.graduateId, p);
  }
  return [...earliest.values()];
}

function emptyRow(key: string, name: string): MetricRow {
  return {
    key,
    name,
    available: 0,
    placed: 0,
    placementRateBp: null,
    placements: 0,
    inParkRateBp: null,
    relevanceRateBp: null,
    avgWageFen: null,
    ordered: 0,
    orderFilled: 0,
    fulfilmentRateBp: null,
    claimsApproved: 0,
    claimsApprovedFen: 0,
    claimsPaid: 0,
    claimsPaidFen: 0,
    workerClaimsApproved: 0,
    workerClaimsApprovedFen: 0,
    workerClaimsPaid: 0,
    workerClaimsPaidFen: 0,
    budgetUsedFen: 0,
    budgetTotalFen: null,
    fundShareFen: null,
    retention6Due: 0,
    retained6: 0,
    retention6RateBp: null,
    retention12Due: 0,
    retained12: 0,
    retention12RateBp: null,
  };
}

/** The same day `months` months later; a day the month lacks becomes its last day (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${pad(month)}-${pad(Math.min(d, lastDay(year, month)))}`;
}

/**
 * Retention of one hire at `months` months: due when that day is on or before `asOf`;
 * retained when due and the graduate was still in that placement on that day (it has not
 * ended, or its last day is on or after it). `mark`: that day, when the caller already has it.
 */
export function retentionOf(
  p: Pick<PlacementFact, "startOn" | "endOn">,
  months: number,
  asOf: string,
  mark = addMonths(p.startOn, months),
): { due: boolean; retained: boolean } {
  const due = mark <= asOf;
  return { due, retained: due && (p.endOn === null || p.endOn >= mark) };
}

/**
 * Every metric of a period by one dimension.
 *
 * - available: graduated by the period's end and not placed before its start;
 *   placed: of those, first placed within the period (park/cluster: in that park/cluster);
 * - placements (新增就业), in-park rate, 对口率, average monthly wage: distinct graduates with a
 *   placement starting in the period, each counted once, at and with the figures of their
 *   earliest placement starting in the period (a graduate separated and re-hired counts once);
 * - retention at 6 / 12 months: of those same new hires (at the same site), the ones whose 6 / 12
 *   months have passed by the facts' as-of day (due), and of those the ones still in that placement
 *   on that day (retained); the rate is retained ÷ due;
 * - ordered, filled, fulfilment: orders starting in the period, placements on them by its end;
 * - claims approved / paid: graduate subsidies approved / paid within the period (count, fen);
 *   worker-training subsidies likewise, in their own columns (a park's, cluster's, city's or
 *   base's; no college or major category);
 * - budget used: claims of both kinds approved from the start of the period's year to its end;
 *   budget total: the year's bureau budgets (province and city only);
 * - fund share: the colleges' shares of the period's year (province, city, park, cluster, college).
 *
 * Rows: one per group named in `names`, plus any group with figures, sorted by key.
 */
export function computeMetrics({
  period,
  dimension,
  facts,
  names,
}: {
  period: Period;
  dimension: Dimension;
  facts: ReportFacts;
  names: Map<string, string>;
}): MetricRow[] {
  const rows = new Map<string, MetricRow>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = emptyRow(key, names.get(key) ?? key)));
    return r;
  };
  for (const [key] of names) row(key);
  const { start, end } = period;
  const yearStart = `${period.year}-01-01`;

  for (const g of facts.graduates) {
    if (g.graduatedOn > end) continue;
    if (g.first && g.first.startOn < start) continue;
    const placedNow = g.first !== null && g.first.startOn <= end;
    const n = g.count ?? 1;
    for (const key of supplyKeys(dimension, g, facts)) {
      const r = row(key);
      r.available += n;
      if (placedNow && placedIn(dimension, key, g.first!)) r.placed += n;
    }
  }

  const wageSum = new Map<string, number>();
  const inPark = new Map<string, number>();
  const relevant = new Map<string, number>();
  // Tens of thousands of hires start on a few hundred days: each day's 6- and 12-month marks once.
  const marks = new Map<string, readonly [string, string]>();
  const marksOf = (startOn: string) => {
    let m = marks.get(startOn);
    if (!m) marks.set(startOn, (m = [addMonths(startOn, 6), addMonths(startOn, 12)]));
    return m;
  };
  for (const p of newHires(facts.placements, start, end)) {
    const key = siteKey(dimension, p);
    if (key === null) continue;
    row(key).placements += 1;
    wageSum.set(key, (wageSum.get(key) ?? 0) + p.wageFen);
    if (p.inPark) inPark.set(key, (inPark.get(key) ?? 0) + 1);
    if (p.relevant) relevant.set(key, (relevant.get(key) ?? 0) + 1);
    const r = row(key);
    const [sixMark, twelveMark] = marksOf(p.startOn);
    const six = retentionOf(p, 6, facts.asOf, sixMark);
    const twelve = retentionOf(p, 12, facts.asOf, twelveMark);
    if (six.due) r.retention6Due += 1;
    if (six.retained) r.retained6 += 1;
    if (twelve.due) r.retention12Due += 1;
    if (twelve.retained) r.retained12 += 1;
  }

  for (const o of facts.orders) {
    if (!within(o.startOn, start, end)) continue;
    const key = siteKey(dimension, o);
    if (key === null) continue;
    const r = row(key);
    r.ordered += o.quantity;
    r.orderFilled += o.filled;
  }

  for (const c of facts.claims) {
    const key = siteKey(dimension, c);
    if (key === null) continue;
    const r = row(key);
    if (within(c.approvedOn, start, end)) {
      if (c.kind === "graduate") {
        r.claimsApproved += 1;
        r.claimsApprovedFen += c.amountFen;
      } else {
        r.workerClaimsApproved! += 1;
        r.workerClaimsApprovedFen! += c.amountFen;
      }
    }
    if (within(c.paidOn, start, end)) {
      if (c.kind === "graduate") {
        r.claimsPaid += 1;
        r.claimsPaidFen += c.amountFen;
      } else {
        r.workerClaimsPaid! += 1;
        r.workerClaimsPaidFen! += c.amountFen;
      }
    }
    if (within(c.approvedOn, yearStart, end)) row(key).budgetUsedFen += c.amountFen;
  }

  if (dimension === "province" || dimension === "city") {
    for (const r of rows.values()) r.budgetTotalFen = 0;
    for (const b of facts.budgets) {
      if (b.year !== period.year) continue;
      const r = row(dimension === "province" ? PROVINCE_KEY : b.cityCode);
      r.budgetTotalFen = (r.budgetTotalFen ?? 0) + b.amountFen;
    }
  }

  if (dimension !== "base" && dimension !== "major_category") {
    for (const r of rows.values()) r.fundShareFen = 0;
    for (const f of facts.funds) {
      if (f.year !== period.year) continue;
      const key = siteKey(dimension, f);
      if (key === null) continue;
      const r = row(key);
      r.fundShareFen = (r.fundShareFen ?? 0) + f.amountFen;
    }
  }

  for (const r of rows.values()) {
    r.placementRateBp = rateBp(r.placed, r.available);
    r.inParkRateBp = rateBp(inPark.get(r.key) ?? 0, r.placements);
    r.relevanceRateBp = rateBp(relevant.get(r.key) ?? 0, r.placements);
    r.avgWageFen = meanFen(wageSum.get(r.key) ?? 0, r.placements);
    r.fulfilmentRateBp = rateBp(r.orderFilled, r.ordered);
    r.retention6RateBp = rateBp(r.retained6, r.retention6Due);
    r.retention12RateBp = rateBp(r.retained12, r.retention12Due);
  }
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A bulletin ranking: rows with anyone available, best first by the rate, ties by name. */
export function rankBy(rows: readonly MetricRow[], rate: "placementRateBp" | "relevanceRateBp"): (MetricRow & { rank: number })[] {
  const ranked = rows
    .filter((r) => r[rate] !== null)
    .sort((a, b) => (b[rate]! - a[rate]!) || a.name.localeCompare(b.name, "zh-CN"));
  let rank = 0;
  return ranked.map((r, i) => {
    if (i === 0 || ranked[i - 1]![rate] !== r[rate]) rank = i + 1;
    return { ...r, rank };
  });
}

/** The columns of a report, in order, with Chinese headers (tables, CSV, XLSX). */
export const METRIC_COLUMNS: readonly { key: keyof MetricRow; label: string; kind: "text" | "count" | "rate" | "fen" }[] = [
  { key: "name", label: "名称", kind: "text" },
  { key: "available", label: "可就业毕业生", kind: "count" },
  { key: "placed", label: "已就业", kind: "count" },
  { key: "placementRateBp", label: "就业率", kind: "rate" },
  { key: "placements", label: "新增就业", kind: "count" },
  { key: "inParkRateBp", label: "省内园区就业率", kind: "rate" },
  { key: "relevanceRateBp", label: "对口率", kind: "rate" },
  { key: "avgWageFen", label: "平均月工资", kind: "fen" },
  { key: "retention6Due", label: "满6个月人数", kind: "count" },
  { key: "retained6", label: "6个月留存人数", kind: "count" },
  { key: "retention6RateBp", label: "6个月留存率", kind: "rate" },
  { key: "retention12Due", label: "满12个月人数", kind: "count" },
  { key: "retained12", label: "12个月留存人数", kind: "count" },
  { key: "retention12RateBp", label: "12个月留存率", kind: "rate" },
  { key: "ordered", label: "订单需求人数", kind: "count" },
  { key: "orderFilled", label: "订单到岗人数", kind: "count" },
  { key: "fulfilmentRateBp", label: "订单完成率", kind: "rate" },
  { key: "claimsApproved", label: "毕业生补贴批准笔数", kind: "count" },
  { key: "claimsApprovedFen", label: "毕业生补贴批准金额", kind: "fen" },
  { key: "claimsPaid", label: "毕业生补贴发放笔数", kind: "count" },
  { key: "claimsPaidFen", label: "毕业生补贴发放金额", kind: "fen" },
  { key: "workerClaimsApproved", label: "职工技能提升补贴批准笔数", kind: "count" },
  { key: "workerClaimsApprovedFen", label: "职工技能提升补贴批准金额", kind: "fen" },
  { key: "workerClaimsPaid", label: "职工技能提升补贴发放笔数", kind: "count" },
  { key: "workerClaimsPaidFen", label: "职工技能提升补贴发放金额", kind: "fen" },
  { key: "budgetUsedFen", label: "年度预算已用", kind: "fen" },
  { key: "budgetTotalFen", label: "年度预算", kind: "fen" },
  { key: "fundShareFen", label: "培训经费院校分成", kind: "fen" },
];
