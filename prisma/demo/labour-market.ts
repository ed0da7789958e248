/**
 * The labour market of the demo data set: graduates, jobs and orders, and the
 * applications, placements and histories that connect them.
 *
 * Planning comes first and holds only compact state (typed arrays per graduate):
 * who will be placed, trainees of completed orders, then a job for every other
 * graduate to be placed, found by major class and posting date. Rows are written
 * afterwards, one graduate at a time, so that memory stays moderate at province scale.
 * Every date follows from the plan: a job is posted before its hires, an application
 * is made before its hire, a placement starts after graduation and before today.
 */
import { HIGHER_VOCATIONAL_CLASSES, HIGHER_VOCATIONAL_MAJORS, SECONDARY_VOCATIONAL_MAJORS, majorClassOf } from "../../app/domain/catalogue/majors";
import { SKILL_LEVEL_LABELS, type SchoolLevel } from "../../app/domain/constants";
import { CITIES, COUNTIES } from "../../app/domain/geo/divisions";
import { identityCheckChar, maskIdentityNumber } from "../../app/domain/ids/identity-number";
import { encryptIdNumber, hashIdNumber } from "../../app/utils/pii.server";
import {
  APPLICATION_REJECTION_NOTES, APPLICATION_WITHDRAWAL_NOTES, CLASS_CERTIFICATES, JOB_BENEFITS, JOB_DUTIES, JOB_TITLES,
} from "./industry";
import { mobilePhone, personName, type Gender } from "./names";
import { WeightedTable, type Random } from "./random";
import { chainClasses, classSkillTags, type College, type Enterprise, type RowSink, type ScalePlan } from "./registries";
import { REFERENCE_DAY, dateOfDay, dayOf, dayOfMs, officeMomentBetweenMs, msOfDay, officeMomentMs } from "./time";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The end of office hours on the reference day: nothing in the data happens later. */
const NOW_MS = msOfDay(REFERENCE_DAY) + 10 * HOUR_MS;
/** The demo's verified certificates (ADR 166): issuing body and days from issue to verification. */
const DEMO_ISSUING_BODY = "江西省职业技能鉴定指导中心";
const DEMO_VERIFICATION_DELAY_DAYS = 30;
const UNVERIFIED = { issuingBody: null, certificateNo: null, verifiedAt: null, verifiedById: null };

const MAJOR_CODES: readonly string[] = [...HIGHER_VOCATIONAL_MAJORS, ...SECONDARY_VOCATIONAL_MAJORS].map((m) => m.code);
const MAJOR_INDEX = new Map(MAJOR_CODES.map((code, i) => [code, i]));
const CLASS_NAMES = new Map(HIGHER_VOCATIONAL_CLASSES.map((c) => [c.code, c.name]));
const GRADUATION_YEARS = [2024, 2025, 2026] as const;
const CITY_INDEX = new Map(CITIES.map((c, i) => [c.code, i]));
const COUNTIES_OF_CITY = new Map(CITIES.map((c) => [c.code, COUNTIES.filter((county) => county.cityCode === c.code)]));
/** Share of each graduation year placed by today, before scaling to the plan's placements. */
const PLACEMENT_RATES: Readonly<Record<number, number>> = { 2024: 0.85, 2025: 0.75, 2026: 0.4 };

/**
 * Division codes in force at birth registration for graduates born 1999–2006, where the
 * county's code changed later (domain.md §2; verify the dates of the changes).
 */
const BIRTH_REGISTRATION_CODES: Readonly<Record<string, string>> = {
  "360112": "360122", // 新建县 → 新建区 (2015)
  "360113": "360122", // 红谷滩区 was carved out of 新建 (2019)
  "360404": "360421", // 九江县 → 柴桑区 (2017)
  "360482": "360426", // 共青城市 was part of 德安县 (2010)
  "360483": "360427", // 星子县 → 庐山市 (2016)
  "360603": "360622", // 余江县 → 余江区 (2018)
  "360703": "360782", // 南康市 → 南康区 (2013)
  "360704": "360721", // 赣县 → 赣县区 (2016)
  "360783": "360727", // 龙南县 → 龙南市 (2020)
  "361003": "361029", // 东乡县 → 东乡区 (2017)
  "361103": "361122", // 广丰县 → 广丰区 (2015)
  "361104": "361121", // 上饶县 → 广信区 (2019)
};

type JobStatus = "draft" | "open" | "closed";
type OrderStatus = "draft" | "open" | "contracted" | "in_training" | "fulfilled" | "closed";

type JobPlan = {
  id: number;
  enterprise: Enterprise;
  title: string;
  classes: readonly string[];
  status: JobStatus;
  postedDay: number;
  postedMs: number;
  openings: number;
  /** Hires still possible: an open job keeps one opening free. */
  capacity: number;
  lastHireMs: number;
  wageMinFen: number;
  wageMaxFen: number;
  skillLevelRequired: number | null;
};

type OrderPlan = {
  id: number;
  enterprise: Enterprise;
  status: OrderStatus;
  majorCode: string;
  college: College | null;
  quantity: number;
  filled: number;
  createdMs: number;
  startDay: number;
  lastHireMs: number;
  wageFen: number;
};

const NO_PLACEMENT = 0;
const JOB_PLACEMENT = 1;
const ORDER_PLACEMENT = 2;

/** The plan of every graduate, one slot per graduate in each array. */
class GraduateBook {
  readonly college: Uint16Array;
  readonly major: Uint16Array;
  readonly year: Uint16Array;
  readonly createdMs: Float64Array;
  readonly cohortId: Int32Array;
  /** Bit i: CITIES[i] is a preferred city. */
  readonly preferredCities: Uint16Array;
  readonly toBePlaced: Uint8Array;
  readonly placementKind: Uint8Array;
  /** Index into the jobs or orders. */
  readonly target: Int32Array;
  readonly startDay: Int32Array;
  readonly hiredMs: Float64Array;

  constructor(readonly count: number) {
    this.college = new Uint16Array(count);
    this.major = new Uint16Array(count);
    this.year = new Uint16Array(count);
    this.createdMs = new Float64Array(count);
    this.cohortId = new Int32Array(count);
    this.preferredCities = new Uint16Array(count);
    this.toBePlaced = new Uint8Array(count);
    this.placementKind = new Uint8Array(count);
    this.target = new Int32Array(count);
    this.startDay = new Int32Array(count);
    this.hiredMs = new Float64Array(count);
  }

  majorCode(g: number): string {
    return MAJOR_CODES[this.major[g]!]!;
  }

  majorClass(g: number): string {
    return majorClassOf(this.majorCode(g));
  }

  graduationDay(g: number): number {
    return dayOf(this.year[g]!, 6, 30);
  }

  prefersCity(g: number, cityCode: string): boolean {
    return (this.preferredCities[g]! & (1 << CITY_INDEX.get(cityCode)!)) !== 0;
  }
}

/** What the demo accounts are chosen from: the showcase college's graduates. */
export type ShowcaseGraduate = {
  id: number;
  name: string;
  placed: boolean;
  placementEnterprise: Enterprise | null;
  confirmed: boolean;
  applications: number;
  activeApplications: number;
};

export type LabourMarket = { showcaseGraduates: ShowcaseGraduate[] };

type MarketInput = {
  random: Random;
  plan: ScalePlan;
  piiKey: string;
  colleges: College[];
  enterprises: Enterprise[];
  showcaseCollege: College;
  sink: RowSink;
};

export function generateLabourMarket(input: MarketInput): LabourMarket {
  const { random, plan, colleges, enterprises, sink } = input;
  const book = planGraduates(random.fork("graduate-plan"), plan, colleges, input.showcaseCollege);
  const jobs = planJobs(random.fork("jobs"), plan, enterprises);
  const orders = planOrders(random.fork("orders"), plan, enterprises, colleges, book);
  const jobIndex = new JobIndex(jobs);
  matchGraduatesToJobs(random.fork("job-matching"), book, jobs, jobIndex, colleges);

  const names = emitGraduates(random.fork("graduates"), book, colleges, input.piiKey, input.showcaseCollege, sink);
  emitJobs(random.fork("job-rows"), jobs, sink);
  emitOrders(random.fork("order-rows"), orders, sink);
  const showcaseGraduates = emitApplicationsAndPlacements({
    random: random.fork("applications"), plan, book, jobs, orders, jobIndex, colleges,
    showcaseCollege: input.showcaseCollege, names, sink,
  });
  return { showcaseGraduates };
}

// ───────────────────────────── Planning ─────────────────────────────

/** The start of a graduate's first job: mostly within months of graduation, never after today. */
function placementStartDay(random: Random, graduationDay: number): number {
  const delay = Math.floor(-Math.log(1 - random.next()) * 70);
  const start = graduationDay + 1 + delay;
  return start <= REFERENCE_DAY ? start : graduationDay + 1 + random.int(0, REFERENCE_DAY - graduationDay - 1);
}

function planGraduates(random: Random, plan: ScalePlan, colleges: College[], showcaseCollege: College): GraduateBook {
  const levelWeight: Record<SchoolLevel, number> = { 高职: 3, 职业本科: 3, 中职: 1.5, 技工院校: 1.2 };
  const collegeTable = new WeightedTable(
    colleges.map((c, i) => [i, levelWeight[c.level] * (0.6 + random.next() * 0.8) * (c === showcaseCollege ? 1.5 : 1)] as const),
  );
  const meanRate = GRADUATION_YEARS.reduce((sum, y) => sum + PLACEMENT_RATES[y]!, 0) / GRADUATION_YEARS.length;
  const rateFactor = plan.placements / (plan.graduates * meanRate);
  const book = new GraduateBook(plan.graduates);
  for (let g = 0; g < book.count; g++) {
    const ci = collegeTable.pick(random);
    const college = colleges[ci]!;
    const majorCode = random.pick(college.majors);
    const year = random.pick(GRADUATION_YEARS);
    book.college[g] = ci;
    book.major[g] = MAJOR_INDEX.get(majorCode)!;
    book.year[g] = year;
    book.createdMs[g] = officeMomentMs(random, dayOf(year - 1, 9, 1) + random.int(0, 110));
    const cohort = college.cohorts.find((c) => c.majorCode === majorCode && c.expectedYear === year);
    book.cohortId[g] = cohort && random.chance(0.6) ? cohort.id : 0;
    let cities = random.chance(0.8) ? 1 << CITY_INDEX.get(college.cityCode)! : 0;
    for (let k = random.int(cities === 0 ? 1 : 0, 2); k > 0; k--) cities |= 1 << random.int(0, CITIES.length - 1);
    book.preferredCities[g] = cities;
    book.toBePlaced[g] = random.chance(Math.min(1, PLACEMENT_RATES[year]! * rateFactor)) ? 1 : 0;
  }
  return book;
}

/** The posting day of a closed (past) job: a few weeks before a typical placement start. */
function closedPostingDay(random: Random): number {
  const year = random.weighted([[2024, 5], [2025, 4], [2026, 1]]);
  return placementStartDay(random, dayOf(year, 6, 30)) - random.int(7, 60);
}

function planJobs(random: Random, plan: ScalePlan, enterprises: Enterprise[]): JobPlan[] {
  const table = new WeightedTable(enterprises.map((e) => [e, Math.sqrt(e.headcount) * (e.isShowcase ? 5 : 1)] as const));
  const jobs: JobPlan[] = [];
  for (let i = 0; i < plan.jobs; i++) {
    const enterprise = table.pick(random);
    enterprise.jobCount += 1;
    const [title, classes] = random.pick(JOB_TITLES[enterprise.cluster.chain]);
    const status = random.weighted<JobStatus>([["open", 60], ["closed", 35], ["draft", 5]]);
    const postedDay =
      status === "open" ? REFERENCE_DAY - random.int(0, 180)
      : status === "draft" ? REFERENCE_DAY - random.int(0, 30)
      : closedPostingDay(random);
    const openings =
      status === "closed" ? random.int(3, 40)
      : status === "open" ? 1 + Math.floor(19 * random.next() ** 2)
      : random.int(1, 10);
    const skillLevelRequired = random.weighted<number | null>([[null, 4], [5, 2], [4, 3], [3, 1]]);
    const senior = skillLevelRequired !== null && skillLevelRequired <= 3;
    const engineer = /工程师|设计师/.test(title);
    const minYuan = Math.min(110, random.int(35, 60) + (senior ? 15 : 0) + (engineer ? 20 : 0)) * 100;
    const maxYuan = Math.min(12_000, minYuan + random.int(10, 30) * 100);
    jobs.push({
      id: i + 1, enterprise, title, classes, status, postedDay, postedMs: officeMomentMs(random, postedDay),
      openings, capacity: status === "closed" ? openings : status === "open" ? openings - 1 : 0, lastHireMs: 0,
      wageMinFen: minYuan * 100, wageMaxFen: maxYuan * 100, skillLevelRequired,
    });
  }
  return jobs;
}

/**
 * Orders, and the trainees of the completed ones (fulfilled or closed): graduates to
 * be placed of one college and one major class, of the order's graduation year or the
 * year before, hired in July after a spring of training. A fulfilled order that finds
 * fewer trainees than asked is one for that many; one with fewer than five is closed.
 */
function planOrders(random: Random, plan: ScalePlan, enterprises: Enterprise[], colleges: College[], book: GraduateBook): OrderPlan[] {
  const pools = new Map<string, number[]>();
  const poolKey = (college: College, cls: string, year: number) => `${college.id}|${cls}|${year}`;
  for (let g = 0; g < book.count; g++) {
    if (!book.toBePlaced[g]) continue;
    const key = poolKey(colleges[book.college[g]!]!, book.majorClass(g), book.year[g]!);
    const pool = pools.get(key);
    if (pool) pool.push(g);
    else pools.set(key, [g]);
  }
  const traineePools = (college: College, cls: string, year: number) =>
    [pools.get(poolKey(college, cls, year)), pools.get(poolKey(college, cls, year - 1))].filter((p) => p !== undefined);
  const sizable = enterprises.filter((e) => e.headcount >= 50);
  const table = new WeightedTable(
    (sizable.length > 0 ? sizable : enterprises).map((e) => [e, e.headcount ** 0.7 * (e.isShowcase ? 5 : 1)] as const),
  );
  const [minQuantity, maxQuantity] = plan.orderQuantity;

  const orders: OrderPlan[] = [];
  for (let i = 0; i < plan.orders; i++) {
    const enterprise = table.pick(random);
    const park = enterprise.park;
    const classes = chainClasses(enterprise.cluster.chain);
    const status: OrderStatus =
      enterprise.isShowcase && enterprise.orderCount === 0
        ? "fulfilled"
        : random.weighted<OrderStatus>([["draft", 6], ["open", 26], ["contracted", 24], ["in_training", 24], ["fulfilled", 12], ["closed", 8]]);
    enterprise.orderCount += 1;
    const candidates = [
      ...random.shuffle(park.pairedColleges),
      ...random.shuffle(colleges.filter((c) => c.cityCode === park.cityCode && !park.pairedColleges.includes(c))),
      ...random.sample(colleges, 5),
    ];
    const order: OrderPlan = {
      id: i + 1, enterprise, status, majorCode: "", college: null,
      quantity: minQuantity + Math.floor((maxQuantity - minQuantity + 1) * random.next() ** 2),
      filled: 0, createdMs: 0, startDay: 0, lastHireMs: 0, wageFen: random.int(40, 90) * 10_000,
    };
    if (status === "fulfilled" || status === "closed") {
      const year = random.weighted([[2024, 4], [2025, 4], [2026, 2]]);
      let best: { college: College; cls: string; pools: number[][]; size: number } | null = null;
      search: for (const college of candidates) {
        for (const cls of classes) {
          if (!college.classes.has(cls)) continue;
          const found = traineePools(college, cls, year);
          const size = found.reduce((n, p) => n + p.length, 0);
          if (size > (best?.size ?? 0)) best = { college, cls, pools: found, size };
          if (best && best.size >= order.quantity) break search;
        }
      }
      order.startDay = dayOf(year, 3, 1) + random.int(0, 75);
      order.createdMs = officeMomentMs(random, order.startDay - random.int(20, 80));
      if (best) {
        order.college = best.college;
        order.majorCode = random.pick(best.college.majors.filter((m) => majorClassOf(m) === best.cls));
        const wanted = status === "fulfilled" ? order.quantity : Math.round(order.quantity * (0.3 + random.next() * 0.6));
        order.filled = Math.min(wanted, best.size);
        if (status === "fulfilled" && order.filled < order.quantity) {
          if (order.filled >= minQuantity) order.quantity = order.filled;
          else order.status = "closed";
        }
        for (let k = 0; k < order.filled; k++) {
          const pool = best.pools.find((p) => p.length > 0)!;
          const j = random.int(0, pool.length - 1);
          [pool[j], pool[pool.length - 1]] = [pool[pool.length - 1]!, pool[j]!];
          const g = pool.pop()!;
          const startDay = Math.min(REFERENCE_DAY, dayOf(year, 7, 1) + random.int(0, 20));
          book.placementKind[g] = ORDER_PLACEMENT;
          book.target[g] = i;
          book.startDay[g] = startDay;
          book.hiredMs[g] = officeMomentMs(random, startDay - random.int(3, 14));
          order.lastHireMs = Math.max(order.lastHireMs, book.hiredMs[g]!);
        }
      } else {
        order.status = "closed";
      }
    } else {
      const teaching = candidates.find((c) => classes.some((cls) => c.classes.has(cls))) ?? null;
      // Only a college can accept an order: without one teaching the chain, it stays open.
      if (!teaching && (status === "contracted" || status === "in_training")) order.status = "open";
      const created = (min: number, max: number) => officeMomentMs(random, REFERENCE_DAY - random.int(min, max));
      if (order.status === "draft") {
        order.createdMs = created(0, 30);
        order.startDay = REFERENCE_DAY + random.int(30, 120);
      } else if (order.status === "open") {
        order.createdMs = created(0, 90);
        order.startDay = REFERENCE_DAY + random.int(20, 150);
        order.college = random.chance(0.5) ? teaching : null;
      } else if (order.status === "contracted") {
        order.createdMs = created(10, 150);
        order.startDay = Math.max(dayOfMs(order.createdMs) + 20, REFERENCE_DAY + random.int(-10, 90));
        order.college = teaching;
      } else {
        order.createdMs = created(60, 300);
        order.startDay = dayOfMs(order.createdMs) + random.int(20, 55);
        order.college = teaching;
      }
      if (teaching && (order.college || random.chance(0.5))) {
        order.majorCode = random.pick(teaching.majors.filter((m) => classes.includes(majorClassOf(m))));
      }
    }
    if (!order.majorCode) {
      const catalogue = HIGHER_VOCATIONAL_MAJORS.map((m) => m.code).filter((code) => classes.includes(majorClassOf(code)));
      order.majorCode = random.pick(catalogue);
    }
    orders.push(order);
  }
  return orders;
}

function lowerBound(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type JobList = { days: Int32Array; jobs: JobPlan[] };

function groupByClass<T>(items: readonly T[], classesOf: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const cls of classesOf(item)) {
      const group = groups.get(cls);
      if (group) group.push(item);
      else groups.set(cls, [item]);
    }
  }
  return groups;
}

/** Posted jobs (not drafts) by accepted class and by posting day. */
class JobIndex {
  private readonly all: JobList;
  private readonly byClass = new Map<string, JobList>();
  readonly openByClass: Map<string, JobPlan[]>;
  readonly open: JobPlan[];

  constructor(jobs: JobPlan[]) {
    const posted = jobs.filter((j) => j.status !== "draft").sort((a, b) => a.postedDay - b.postedDay || a.id - b.id);
    const list = (items: JobPlan[]): JobList => ({ days: Int32Array.from(items.map((j) => j.postedDay)), jobs: items });
    this.all = list(posted);
    for (const [cls, items] of groupByClass(posted, (j) => j.classes)) this.byClass.set(cls, list(items));
    this.open = posted.filter((j) => j.status === "open");
    this.openByClass = groupByClass(this.open, (j) => j.classes);
  }

  /**
   * A job accepting the class (any class for null) posted between the two days that
   * `accept` takes; one that `prefer` likes if a few random probes find it.
   */
  find(
    random: Random,
    cls: string | null,
    fromDay: number,
    toDay: number,
    accept: (job: JobPlan) => boolean,
    prefer: (job: JobPlan) => boolean,
  ): JobPlan | null {
    const list = cls === null ? this.all : this.byClass.get(cls);
    if (!list) return null;
    const lo = lowerBound(list.days, fromDay);
    const hi = lowerBound(list.days, toDay + 1);
    if (hi <= lo) return null;
    let fallback: JobPlan | null = null;
    for (let probe = 0; probe < 10; probe++) {
      const job = list.jobs[random.int(lo, hi - 1)]!;
      if (!accept(job)) continue;
      if (prefer(job)) return job;
      fallback ??= job;
    }
    if (fallback) return fallback;
    const span = hi - lo;
    const first = random.int(0, span - 1);
    for (let k = 0; k < Math.min(span, 64); k++) {
      const job = list.jobs[lo + ((first + k) % span)]!;
      if (accept(job)) return job;
    }
    return null;
  }
}

/**
 * A job for every graduate still to be placed: mostly one accepting the graduate's
 * class (对口), posted one week to three months (at most eight) before the start, preferably in a
 * park paired with the graduate's college or in a preferred city. Graduates for whom
 * no job is left stay available.
 */
function matchGraduatesToJobs(random: Random, book: GraduateBook, jobs: JobPlan[], index: JobIndex, colleges: College[]): void {
  const jobIndexOf = new Map(jobs.map((j, i) => [j, i]));
  for (let g = 0; g < book.count; g++) {
    if (!book.toBePlaced[g] || book.placementKind[g] !== NO_PLACEMENT) continue;
    const college = colleges[book.college[g]!]!;
    const cls = book.majorClass(g);
    const start = placementStartDay(random, book.graduationDay(g));
    const hasRoom = (job: JobPlan) => job.capacity > 0;
    const suits = (job: JobPlan) => college.pairedParks.has(job.enterprise.park) || book.prefersCity(g, job.enterprise.park.cityCode);
    const relevantFirst = random.chance(0.85);
    const job =
      (relevantFirst ? index.find(random, cls, start - 90, start - 7, hasRoom, suits) : null) ??
      (relevantFirst ? index.find(random, cls, start - 240, start - 3, hasRoom, suits) : null) ??
      index.find(random, null, start - 90, start - 7, hasRoom, suits) ??
      index.find(random, null, start - 365, start - 3, hasRoom, suits);
    if (!job) continue;
    job.capacity -= 1;
    const hiredMs = officeMomentBetweenMs(random, Math.max(job.postedMs + DAY_MS, msOfDay(start - 21)), msOfDay(start) - HOUR_MS);
    job.lastHireMs = Math.max(job.lastHireMs, hiredMs);
    book.placementKind[g] = JOB_PLACEMENT;
    book.target[g] = jobIndexOf.get(job)!;
    book.startDay[g] = start;
    book.hiredMs[g] = hiredMs;
  }
}

// ───────────────────────────── Rows: graduates, jobs, orders ─────────────────────────────

function birthYear(random: Random, level: SchoolLevel, graduationYear: number): number {
  const [youngest, oldest] = level === "高职" ? [20, 23] : level === "职业本科" ? [21, 24] : [18, 20];
  return Math.min(2006, Math.max(1999, graduationYear - random.int(youngest, oldest)));
}

function emitGraduates(
  random: Random,
  book: GraduateBook,
  colleges: College[],
  piiKey: string,
  showcaseCollege: College,
  sink: RowSink,
): Map<number, string> {
  const idNumbers = new Set<string>();
  const showcaseNames = new Map<number, string>();
  let certificateId = 0;
  for (let g = 0; g < book.count; g++) {
    const college = colleges[book.college[g]!]!;
    const majorCode = book.majorCode(g);
    const cls = majorClassOf(majorCode);
    const year = book.year[g]!;
    const gender: Gender = random.chance(0.55) ? "M" : "F";
    const name = personName(random, gender);

    const county = random.chance(0.7) ? random.pick(COUNTIES_OF_CITY.get(college.cityCode)!) : random.pick(COUNTIES);
    const birthCode = BIRTH_REGISTRATION_CODES[county.code] ?? county.code;
    const by = birthYear(random, college.level, year);
    const bm = random.int(1, 12);
    const bd = random.int(1, new Date(Date.UTC(by, bm, 0)).getUTCDate());
    const birthDay = dayOf(by, bm, bd);
    const stamp = `${by}${String(bm).padStart(2, "0")}${String(bd).padStart(2, "0")}`;
    let idNumber = "";
    do {
      const genderDigit = random.int(0, 4) * 2 + (gender === "M" ? 1 : 0);
      const first17 = `${birthCode}${stamp}${String(random.int(0, 99)).padStart(2, "0")}${genderDigit}`;
      idNumber = first17 + identityCheckChar(first17);
    } while (idNumbers.has(idNumber));
    idNumbers.add(idNumber);

    const higher = college.level === "高职" || college.level === "职业本科";
    const skillLevel = random.weighted<number | null>(
      higher ? [[null, 8], [5, 25], [4, 45], [3, 19], [2, 3]] : [[null, 10], [5, 45], [4, 38], [3, 6], [2, 1]],
    );
    const tags = classSkillTags(cls);
    // Six in ten graduates of past years have their highest certificate verified (ADR 165/166),
    // chosen by number rather than drawn, so the other tables' draws stay as they were.
    const issuedDayLatest = dayOf(year, 4, 1) + 80;
    const verified = skillLevel !== null && issuedDayLatest + DEMO_VERIFICATION_DELAY_DAYS < REFERENCE_DAY && (g * 7) % 10 < 6;
    const placed = book.placementKind[g] !== NO_PLACEMENT;
    const createdAt = new Date(book.createdMs[g]!);
    sink.insert("Graduate", {
      id: g + 1,
      idNumberHash: hashIdNumber(idNumber, piiKey),
      idNumberCipher: encryptIdNumber(idNumber, piiKey),
      idNumberMasked: maskIdentityNumber(idNumber),
      name,
      gender,
      birthDate: dateOfDay(birthDay),
      phone: mobilePhone(random),
      collegeId: college.id,
      cohortId: book.cohortId[g] || null,
      majorCode,
      schoolLevel: college.level,
      graduationDate: dateOfDay(book.graduationDay(g)),
      skillLevel,
      verifiedSkillLevel: verified ? skillLevel : null,
      skillTags: JSON.stringify(random.sample(tags, random.int(Math.min(2, tags.length), Math.min(5, tags.length)))),
      preferredCities: JSON.stringify(CITIES.filter((_, i) => (book.preferredCities[g]! & (1 << i)) !== 0).map((c) => c.code)),
      willingToRelocate: random.chance(0.35),
      status: placed ? "placed" : "available",
      createdAt,
      updatedAt: placed ? new Date(book.hiredMs[g]!) : createdAt,
    });
    if (skillLevel !== null) {
      const trades = CLASS_CERTIFICATES[cls] ?? ["职业技能"];
      const certificateName = random.pick(trades);
      const issuedDay = dayOf(year, 4, 1) + random.int(0, 80);
      sink.insert("Certificate", {
        id: ++certificateId, graduateId: g + 1, name: certificateName, level: skillLevel, issuedAt: dateOfDay(issuedDay),
        // Verified before the platform kept who verified: no account to name.
        ...(verified
          ? {
              issuingBody: DEMO_ISSUING_BODY,
              certificateNo: `S${year}36${String(certificateId).padStart(8, "0")}`,
              verifiedAt: new Date(msOfDay(issuedDay + DEMO_VERIFICATION_DELAY_DAYS) + 10 * HOUR_MS),
              verifiedById: null,
            }
          : UNVERIFIED),
      });
      if (skillLevel < 5 && random.chance(0.3)) {
        sink.insert("Certificate", {
          id: ++certificateId, graduateId: g + 1, name: random.pick(trades), level: skillLevel + 1,
          issuedAt: dateOfDay(dayOf(year - 1, 6, 1) + random.int(0, 180)), ...UNVERIFIED,
        });
      }
    }
    if (college === showcaseCollege) showcaseNames.set(g, name);
  }
  return showcaseNames;
}

function jobDescription(random: Random, job: JobPlan): string {
  const [firstDuty, secondDuty] = random.sample(JOB_DUTIES, 2);
  const classes = job.classes.map((c) => CLASS_NAMES.get(c) ?? c).join("、");
  const level =
    job.skillLevelRequired === null
      ? "，欢迎应届毕业生"
      : `，持${SKILL_LEVEL_LABELS[job.skillLevelRequired]}及以上职业技能等级证书`;
  const benefits = random.sample(JOB_BENEFITS, random.int(2, 4)).join("、");
  return `负责${job.title}岗位工作：${firstDuty}，${secondDuty}。要求${classes}相关专业${level}。待遇：${benefits}。`;
}

function emitJobs(random: Random, jobs: JobPlan[], sink: RowSink): void {
  for (const job of jobs) {
    const closedMs = Math.max(job.lastHireMs, job.postedMs + 30 * DAY_MS) + random.int(1, 10) * DAY_MS;
    sink.insert("Job", {
      id: job.id, enterpriseId: job.enterprise.id, title: job.title, description: jobDescription(random, job),
      majorClasses: JSON.stringify(job.classes), skillLevelRequired: job.skillLevelRequired,
      wageMinFen: job.wageMinFen, wageMaxFen: job.wageMaxFen, cityCode: job.enterprise.park.cityCode,
      parkId: job.enterprise.park.id, openings: job.openings, status: job.status, postedAt: new Date(job.postedMs),
      updatedAt: new Date(job.status === "closed" ? Math.min(NOW_MS, closedMs) : job.postedMs),
    });
  }
}

function emitOrders(random: Random, orders: OrderPlan[], sink: RowSink): void {
  for (const order of orders) {
    const college = order.college;
    const cls = majorClassOf(order.majorCode);
    const tags = classSkillTags(cls);
    const bases = college ? college.bases.filter((b) => b.park === order.enterprise.park) : [];
    const cohorts = college ? college.cohorts.filter((c) => c.majorCode === order.majorCode) : [];
    const bound = order.status !== "draft" && order.status !== "open";
    const updatedMs =
      order.lastHireMs > 0 ? order.lastHireMs + random.int(1, 20) * DAY_MS
      : order.createdMs + random.int(0, 30) * DAY_MS;
    sink.insert("Order", {
      id: order.id, enterpriseId: order.enterprise.id,
      title: `${random.pick(CLASS_CERTIFICATES[cls] ?? ["技能人才"])}${random.pick(["订单班", "订单培训班", "定向培养班"])}`,
      majorCode: order.majorCode, skillTags: JSON.stringify(random.sample(tags, random.int(Math.min(2, tags.length), Math.min(4, tags.length)))),
      skillLevel: random.weighted([[5, 15], [4, 45], [3, 35], [2, 5]]), quantity: order.quantity, quantityFilled: order.filled,
      startDate: dateOfDay(order.startDay), wageFen: order.wageFen,
      trainingBaseId: bases.length > 0 && random.chance(0.6) ? random.pick(bases).id : null,
      collegeId: college?.id ?? null,
      cohortId: bound && cohorts.length > 0 && random.chance(0.6) ? random.pick(cohorts).id : null,
      status: order.status, createdAt: new Date(order.createdMs), updatedAt: new Date(Math.min(NOW_MS, updatedMs)),
    });
  }
}

// ───────────────────────────── Rows: applications, events, placements ─────────────────────────────

type ApplicationStatus = "submitted" | "viewed" | "shortlisted" | "offered" | "hired" | "rejected" | "withdrawn";
const PIPELINE: readonly ApplicationStatus[] = ["submitted", "viewed", "shortlisted", "offered", "hired"];
const ACTIVE_STATUSES: ReadonlySet<ApplicationStatus> = new Set(["submitted", "viewed", "shortlisted", "offered"]);
/** Days a demo offer gives to answer; an offer still open on the reference day can be answered for a few more days. */
const OFFER_REPLY_DAYS = 7;
const OPEN_OFFER_REPLY_DAYS = 5;

/** The statuses an application went through to reach its status. */
function statusPath(random: Random, status: ApplicationStatus): ApplicationStatus[] {
  if (status === "rejected") return [...PIPELINE.slice(0, random.int(1, 3)), "rejected"];
  if (status === "withdrawn") return [...PIPELINE.slice(0, random.int(1, 4)), "withdrawn"];
  return PIPELINE.slice(0, PIPELINE.indexOf(status) + 1);
}

type OfferRow = { offerStartDate: Date | null; offerMonthlyWageFen: number | null; offerContractMonths: number | null; offerReplyBy: Date | null };
const NO_OFFER: OfferRow = { offerStartDate: null, offerMonthlyWageFen: null, offerContractMonths: null, offerReplyBy: null };

function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  for (let p = random.next(); p > limit; p *= random.next()) count += 1;
  return count;
}

type HistoryInput = {
  random: Random;
  plan: ScalePlan;
  book: GraduateBook;
  jobs: JobPlan[];
  orders: OrderPlan[];
  jobIndex: JobIndex;
  colleges: College[];
  showcaseCollege: College;
  names: Map<number, string>;
  sink: RowSink;
};

type ApplicationTarget = { jobId: number | null; orderId: number | null; openedMs: number };

/**
 * Every graduate's applications with their status histories, and for a placed
 * graduate the hired application and its placement. Placed graduates' other
 * applications ended (rejected or withdrawn); available graduates have active ones on
 * open jobs and orders. Besides the hires, applications are spread three to one
 * towards available graduates, to reach the plan's total.
 */
function emitApplicationsAndPlacements(input: HistoryInput): ShowcaseGraduate[] {
  const { random, plan, book, jobs, orders, jobIndex, colleges, sink } = input;
  const openOrdersByClass = groupByClass(orders.filter((o) => o.status === "open"), (o) => [majorClassOf(o.majorCode)]);
  let placedCount = 0;
  for (let g = 0; g < book.count; g++) if (book.placementKind[g] !== NO_PLACEMENT) placedCount += 1;
  const extra = Math.max(0, plan.applications - placedCount);
  const meanForPlaced = extra / Math.max(1, placedCount + 3 * (book.count - placedCount));

  let applicationId = 0;
  let eventId = 0;
  let placementId = 0;
  const showcase: ShowcaseGraduate[] = [];

  /** An application's path and the moments of its steps (the random draws), before its row is written. */
  const planApplication = (g: number, target: ApplicationTarget, status: ApplicationStatus, createdMs: number, endMs: number) => {
    const path: string[] = statusPath(random, status);
    const times = [createdMs];
    for (let k = 1; k < path.length - 1; k++) times.push(officeMomentBetweenMs(random, createdMs, endMs));
    if (path.length > 1) times.push(endMs);
    times.sort((a, b) => a - b);
    // A hire follows the graduate's acceptance of the offer (product.md §10), halfway between offer and hire.
    if (status === "hired") {
      path.splice(path.length - 1, 0, "accepted");
      times.splice(times.length - 1, 0, Math.round((times.at(-2)! + times.at(-1)!) / 2));
    }
    return { g, target, status, createdMs, path, times };
  };

  const insertApplication = ({ g, target, status, createdMs, path, times }: ReturnType<typeof planApplication>, offer: OfferRow) => {
    const id = ++applicationId;
    const key = target.jobId !== null ? `job:${target.jobId}` : `order:${target.orderId}`;
    sink.insert("Application", {
      id, graduateId: g + 1, jobId: target.jobId, orderId: target.orderId, status,
      activeKey: ACTIVE_STATUSES.has(status) ? key : null, createdAt: new Date(createdMs), updatedAt: new Date(times.at(-1)!),
      ...offer,
    });
    path.forEach((toStatus, k) => {
      const note =
        toStatus === "rejected" ? random.pick(APPLICATION_REJECTION_NOTES)
        : toStatus === "withdrawn" ? random.pick(APPLICATION_WITHDRAWAL_NOTES)
        : null;
      sink.insert("ApplicationEvent", {
        id: ++eventId, applicationId: id, fromStatus: k === 0 ? null : path[k - 1]!, toStatus,
        actorAccountId: null, note, at: new Date(times[k]!),
      });
    });
    return id;
  };

  const writeApplication = (g: number, target: ApplicationTarget, status: ApplicationStatus, createdMs: number, endMs: number) => {
    const plan = planApplication(g, target, status, createdMs, endMs);
    if (status !== "offered") return insertApplication(plan, NO_OFFER);
    // An offer still open on the reference day: the posting's wage, a year's contract, a few days left to answer.
    const offeredDay = dayOfMs(plan.times.at(-1)!);
    const replyDay = Math.max(offeredDay + OFFER_REPLY_DAYS, REFERENCE_DAY + OPEN_OFFER_REPLY_DAYS);
    const job = target.jobId !== null ? jobs[target.jobId - 1] : undefined;
    const order = target.orderId !== null ? orders[target.orderId - 1] : undefined;
    return insertApplication(plan, {
      offerStartDate: dateOfDay(Math.max(replyDay + 7, order?.startDay ?? 0)),
      offerMonthlyWageFen: job?.wageMinFen ?? order?.wageFen ?? null,
      offerContractMonths: 12,
      offerReplyBy: dateOfDay(replyDay),
    });
  };

  for (let g = 0; g < book.count; g++) {
    const college = colleges[book.college[g]!]!;
    const cls = book.majorClass(g);
    const createdMs = book.createdMs[g]!;
    const used = new Set<string>();
    let applications = 0;
    let active = 0;
    let placement: { enterprise: Enterprise; confirmed: boolean } | null = null;

    const kind = book.placementKind[g];
    if (kind !== NO_PLACEMENT) {
      const hiredMs = book.hiredMs[g]!;
      const job = kind === JOB_PLACEMENT ? jobs[book.target[g]!]! : null;
      const order = kind === ORDER_PLACEMENT ? orders[book.target[g]!]! : null;
      const enterprise = (job ?? order)!.enterprise;
      // A job's applicant applies within weeks of the hire; an order's trainee before training starts.
      const from = job ? Math.max(job.postedMs, createdMs, hiredMs - 50 * DAY_MS) : Math.max(order!.createdMs, createdMs);
      const to = job ? hiredMs - 7 * DAY_MS : msOfDay(order!.startDay);
      const appliedMs = Math.min(officeMomentBetweenMs(random, from, Math.max(from, to)), hiredMs - HOUR_MS);
      const target = { jobId: job?.id ?? null, orderId: order?.id ?? null, openedMs: from };
      used.add(job ? `job:${job.id}` : `order:${order!.id}`);
      const hire = planApplication(g, target, "hired", appliedMs, hiredMs);
      applications += 1;

      const start = book.startDay[g]!;
      const elapsed = REFERENCE_DAY - start;
      const confirmed = elapsed >= 30 && random.chance(0.85);
      const confirmDay = confirmed ? start + random.int(30, Math.min(400, elapsed)) : 0;
      const relevant = job ? job.classes.includes(cls) : majorClassOf(order!.majorCode) === cls;
      const wageFen = job ? job.wageMinFen + random.int(0, (job.wageMaxFen - job.wageMinFen) / 10_000) * 10_000 : order!.wageFen;
      const contractMonths = confirmed ? random.weighted([[12, 3], [24, 3], [36, 4]]) : null;
      const offeredDay = dayOfMs(hire.times.at(-3)!);
      const applicationId = insertApplication(hire, {
        offerStartDate: dateOfDay(start), offerMonthlyWageFen: wageFen, offerContractMonths: contractMonths ?? 12,
        offerReplyBy: dateOfDay(Math.max(offeredDay + OFFER_REPLY_DAYS, dayOfMs(hire.times.at(-2)!))),
      });
      sink.insert("Placement", {
        id: ++placementId, graduateId: g + 1, enterpriseId: enterprise.id, jobId: job?.id ?? null, orderId: order?.id ?? null,
        applicationId, startDate: dateOfDay(start),
        contractMonths,
        insuredMonths: confirmed ? Math.min(12, Math.floor((confirmDay - start) / 30.44)) : null,
        monthlyWageFen: wageFen, majorRelevant: relevant, inProvincePark: true,
        confirmedAt: confirmed ? new Date(officeMomentMs(random, confirmDay)) : null, createdAt: new Date(hiredMs),
      });
      enterprise.placementCount += 1;
      placement = { enterprise, confirmed };

      const hiredDay = dayOfMs(hiredMs);
      for (let k = poisson(random, meanForPlaced); k > 0; k--) {
        const other = jobIndex.find(random, random.chance(0.6) ? cls : null, hiredDay - 120, hiredDay - 3, (j) => !used.has(`job:${j.id}`), () => true);
        if (!other) continue;
        used.add(`job:${other.id}`);
        const from = Math.max(other.postedMs, createdMs);
        const appliedAt = officeMomentBetweenMs(random, from, Math.max(from, hiredMs - HOUR_MS));
        const endedAt = officeMomentBetweenMs(random, appliedAt, Math.min(NOW_MS, hiredMs + 14 * DAY_MS));
        writeApplication(g, { jobId: other.id, orderId: null, openedMs: other.postedMs }, random.weighted([["rejected", 6], ["withdrawn", 4]] as const), appliedAt, endedAt);
        applications += 1;
      }
    } else {
      for (let k = poisson(random, 3 * meanForPlaced); k > 0; k--) {
        const target = openTarget(random, cls, jobIndex, openOrdersByClass, used);
        if (!target) continue;
        const isActive = random.chance(0.7);
        const status: ApplicationStatus = isActive
          ? random.weighted([["submitted", 40], ["viewed", 30], ["shortlisted", 20], ["offered", 10]] as const)
          : random.weighted([["rejected", 7], ["withdrawn", 3]] as const);
        const appliedAt = officeMomentBetweenMs(random, Math.max(target.openedMs, createdMs), NOW_MS);
        writeApplication(g, target, status, appliedAt, officeMomentBetweenMs(random, appliedAt, NOW_MS));
        applications += 1;
        if (isActive) active += 1;
      }
    }

    if (college === input.showcaseCollege) {
      showcase.push({
        id: g + 1, name: input.names.get(g)!, placed: placement !== null, placementEnterprise: placement?.enterprise ?? null,
        confirmed: placement?.confirmed ?? false, applications, activeApplications: active,
      });
    }
  }
  return showcase;
}

/** An open job (mostly one accepting the class) or an open order of the class, not applied to yet. */
function openTarget(
  random: Random,
  cls: string,
  jobIndex: JobIndex,
  openOrdersByClass: Map<string, OrderPlan[]>,
  used: Set<string>,
): ApplicationTarget | null {
  for (let attempt = 0; attempt < 5; attempt++) {
    const orders = openOrdersByClass.get(cls);
    if (orders && random.chance(0.2)) {
      const order = random.pick(orders);
      if (used.has(`order:${order.id}`)) continue;
      used.add(`order:${order.id}`);
      return { jobId: null, orderId: order.id, openedMs: order.createdMs };
    }
    const relevant = jobIndex.openByClass.get(cls);
    const pool = relevant && random.chance(0.7) ? relevant : jobIndex.open;
    if (pool.length === 0) return null;
    const job = random.pick(pool);
    if (used.has(`job:${job.id}`)) continue;
    used.add(`job:${job.id}`);
    return { jobId: job.id, orderId: null, openedMs: job.postedMs };
  }
  return null;
}
