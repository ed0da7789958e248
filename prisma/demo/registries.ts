/**
 * The registries of the demo data set: geography, the major catalogue, parks and
 * clusters, colleges and their majors, pairings, enterprises, training bases,
 * secondments, cohorts, bureaus with budgets, policies, the holiday calendar and
 * payroll declarations. Each generator writes its rows to the sink and returns what
 * later parts of the data set refer to.
 */
import { CHAIN_MAJOR_CLASSES, HIGHER_VOCATIONAL_CATEGORIES, HIGHER_VOCATIONAL_CLASSES, HIGHER_VOCATIONAL_MAJORS, SECONDARY_VOCATIONAL_MAJORS, majorClassOf } from "../../app/domain/catalogue/majors";
import { FUNDING_SOURCES, type Chain, type SchoolLevel } from "../../app/domain/constants";
import { CITIES, COUNTIES, type CityDef, type CountyDef } from "../../app/domain/geo/divisions";
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from "../../app/domain/ids/credit-code";
import {
  CHAIN_TRAINING, CITY_CLUSTER_THEMES, CLASS_SKILL_TAGS, COUNTY_CLUSTER_THEMES, DISTRICTS_WITHOUT_PARKS, INDUSTRY_WORDS,
  NATIONAL_PARKS, SHOWCASE_PARK, type ClusterTheme,
} from "./industry";
import {
  COMPANY_SUFFIXES, HIGHER_COLLEGE_SUFFIXES, HIGHER_COLLEGE_THEMES, POSITIONS_IN_ENTERPRISE, POSITIONS_IN_HIGHER_COLLEGE,
  POSITIONS_IN_SECONDARY_SCHOOL, PROVINCIAL_PARK_SUFFIXES, SECONDARY_COLLEGE_THEMES, brandName, mobilePhone,
  personName, shortPlaceName,
} from "./names";
import type { Random } from "./random";
import { dateOfDay, dayOf, officeMomentMs } from "./time";

export type RowValue = string | number | boolean | Date | null;
export type Row = Readonly<Record<string, RowValue>>;

/** Where generated rows go, table by table, parents before children. */
export interface RowSink {
  insert(table: string, row: Row): void;
}

export type ScalePlan = {
  provincialParks: number;
  colleges: Readonly<Record<SchoolLevel, number>>;
  trainingBases: number;
  enterprises: number;
  graduates: number;
  jobs: number;
  orders: number;
  /** Order quantities: 5–60 at province scale, fewer at small scale where colleges are small. */
  orderQuantity: readonly [number, number];
  applications: number;
  placements: number;
};

export type Park = {
  id: number;
  name: string;
  level: "national" | "provincial";
  cityCode: string;
  countyCode: string;
  lng: number;
  lat: number;
  themes: ClusterTheme[];
  clusters: Cluster[];
  enterprises: Enterprise[];
  /** Colleges with a current pairing. */
  pairedColleges: College[];
};

export type Cluster = { id: number; park: Park; chain: Chain; name: string };

export type College = {
  id: number;
  name: string;
  level: SchoolLevel;
  cityCode: string;
  majors: string[];
  classes: Set<string>;
  /** Parks with a current pairing. */
  pairedParks: Set<Park>;
  bases: TrainingBase[];
  cohorts: Cohort[];
};

export type Enterprise = {
  id: number;
  name: string;
  park: Park;
  cluster: Cluster;
  leading: boolean;
  headcount: number;
  isShowcase: boolean;
  jobCount: number;
  orderCount: number;
  placementCount: number;
};

export type Pairing = { id: number; park: Park; college: College; startDay: number; endDay: number | null };
export type TrainingBase = { id: number; park: Park; colleges: College[] };
export type Cohort = { id: number; college: College; majorCode: string; expectedYear: number };
export type Bureau = { id: number; name: string; countyCode: string | null; cityCode: string | null };

const cityByCode = new Map<string, CityDef>(CITIES.map((c) => [c.code, c]));
const countyByCode = new Map<string, CountyDef>(COUNTIES.map((c) => [c.code, c]));

function cityOf(code: string): CityDef {
  const city = cityByCode.get(code);
  if (!city) throw new Error(`unknown city ${code}`);
  return city;
}

function countyOf(code: string): CountyDef {
  const county = countyByCode.get(code);
  if (!county) throw new Error(`unknown county ${code}`);
  return county;
}

/** A coordinate near another, rounded to the metre. */
function near(random: Random, value: number, spread: number): number {
  return Math.round((value + (random.next() * 2 - 1) * spread) * 1e6) / 1e6;
}

/** Draws names until one is new; the pools are far larger than any scale needs. */
function uniqueName(taken: Set<string>, draw: () => string): string {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const name = draw();
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  throw new Error("name pool exhausted");
}

export function chainClasses(chain: Chain): readonly string[] {
  return CHAIN_MAJOR_CLASSES[chain] ?? [];
}

// ───────────────────────────── Geography and catalogue ─────────────────────────────

export function emitGeography(sink: RowSink): void {
  for (const city of CITIES) sink.insert("City", { code: city.code, name: city.name, lng: city.lng, lat: city.lat });
  for (const county of COUNTIES) sink.insert("County", { code: county.code, name: county.name, cityCode: county.cityCode });
}

/** 中职 codes are the 高职 codes + 20 in their first two digits (domain.md §4). */
function secondaryCodeOf(higherCode: string): string {
  return `${Number(higherCode.slice(0, 2)) + 20}${higherCode.slice(2)}`;
}

export function emitMajorCatalogue(sink: RowSink): void {
  for (const level of ["高职", "中职"] as const) {
    const code = (c: string) => (level === "高职" ? c : secondaryCodeOf(c));
    for (const category of HIGHER_VOCATIONAL_CATEGORIES) {
      sink.insert("MajorCategory", { code: code(category.code), name: category.name, level });
    }
    for (const cls of HIGHER_VOCATIONAL_CLASSES) {
      sink.insert("MajorClass", { code: code(cls.code), name: cls.name, categoryCode: code(cls.code.slice(0, 2)) });
    }
  }
  for (const major of HIGHER_VOCATIONAL_MAJORS) {
    sink.insert("Major", { code: major.code, name: major.name, classCode: major.code.slice(0, 4), level: "高职" });
  }
  for (const major of SECONDARY_VOCATIONAL_MAJORS) {
    sink.insert("Major", { code: major.code, name: major.name, classCode: major.code.slice(0, 4), level: "中职" });
  }
}

// ───────────────────────────── Parks and clusters ─────────────────────────────

export function generateParks(random: Random, plan: ScalePlan, sink: RowSink): Park[] {
  const parks: Park[] = [];
  const addPark = (name: string, level: Park["level"], countyCode: string, ownThemes: readonly ClusterTheme[]) => {
    const county = countyOf(countyCode);
    const city = cityOf(county.cityCode);
    parks.push({
      id: parks.length + 1,
      name,
      level,
      cityCode: city.code,
      countyCode,
      lng: near(random, city.lng, 0.3),
      lat: near(random, city.lat, 0.3),
      themes: [...ownThemes, ...random.shuffle(CITY_CLUSTER_THEMES[city.code] ?? [])],
      clusters: [],
      enterprises: [],
      pairedColleges: [],
    });
  };
  for (const def of NATIONAL_PARKS) addPark(def.name, "national", def.countyCode, def.themes);

  const nationalCounties = new Set(NATIONAL_PARKS.map((p) => p.countyCode));
  const candidates = COUNTIES.filter((c) => !nationalCounties.has(c.code) && !DISTRICTS_WITHOUT_PARKS.has(c.code));
  // Counties and county-level cities first: districts are mostly urban.
  const ranked = [
    ...random.shuffle(candidates.filter((c) => !c.name.endsWith("区"))),
    ...random.shuffle(candidates.filter((c) => c.name.endsWith("区"))),
  ];
  const chosen = ranked.slice(0, plan.provincialParks).sort((a, b) => a.code.localeCompare(b.code));
  for (const county of chosen) {
    const name = shortPlaceName(county.name) + random.weighted(PROVINCIAL_PARK_SUFFIXES);
    addPark(name, "provincial", county.code, COUNTY_CLUSTER_THEMES[county.code] ?? []);
  }

  for (const park of parks) {
    const createdAt = new Date(officeMomentMs(random, dayOf(2023, 1, 3) + random.int(0, 60)));
    sink.insert("Park", {
      id: park.id, name: park.name, level: park.level, cityCode: park.cityCode, countyCode: park.countyCode,
      lng: park.lng, lat: park.lat, createdAt, updatedAt: createdAt,
    });
  }
  return parks;
}

/** City-level (national) parks plan 2–3 clusters, county-level parks 1–2 (domain.md §3). */
export function generateClusters(random: Random, parks: Park[], sink: RowSink): void {
  let id = 0;
  for (const park of parks) {
    const count = park.level === "national" ? random.weighted([[2, 2], [3, 3]]) : random.weighted([[1, 3], [2, 7]]);
    const chosen: ClusterTheme[] = [];
    for (const theme of park.themes) {
      if (chosen.length === count) break;
      if (!chosen.some(([chain]) => chain === theme[0])) chosen.push(theme);
    }
    for (const [chain, phrase] of chosen) {
      const cluster: Cluster = { id: ++id, park, chain, name: `${park.name}${phrase}产业集群` };
      park.clusters.push(cluster);
      sink.insert("Cluster", {
        id: cluster.id, parkId: park.id, chain, name: cluster.name,
        lng: near(random, park.lng, 0.02), lat: near(random, park.lat, 0.02),
      });
    }
  }
}

function parkClasses(park: Park): Set<string> {
  return new Set(park.clusters.flatMap((c) => chainClasses(c.chain)));
}

// ───────────────────────────── Colleges ─────────────────────────────

type CollegeIdentity = { name: string; cityCode: string; countyCode: string | null; themeClasses: readonly string[] };

const COLLEGE_LEVEL_ORDER: readonly SchoolLevel[] = ["高职", "职业本科", "中职", "技工院校"];
/** Majors nearly every college offers besides its own: 计算机应用技术, 机电一体化技术 (and their 中职 forms). */
const GENERAL_HIGHER_MAJORS = ["510201", "460301"];
const GENERAL_SECONDARY_MAJORS = ["710201", "660301"];
const NANCHANG = "360100";

function provincialCityCode(random: Random): string {
  return random.chance(0.55) ? NANCHANG : random.pick(CITIES).code;
}

function collegeIdentity(random: Random, level: SchoolLevel, taken: Set<string>, usedCounties: Set<string>): CollegeIdentity {
  let identity: CollegeIdentity | undefined;
  uniqueName(taken, () => {
    if (level === "高职") {
      const [theme, themeClasses] = random.pick(HIGHER_COLLEGE_THEMES);
      const suffix = random.weighted(HIGHER_COLLEGE_SUFFIXES);
      if (random.chance(0.65)) {
        identity = { name: `江西${theme}${suffix}`, cityCode: provincialCityCode(random), countyCode: null, themeClasses };
      } else {
        const city = random.pick(CITIES);
        identity = { name: `${shortPlaceName(city.name)}${theme}${suffix}`, cityCode: city.code, countyCode: null, themeClasses };
      }
    } else if (level === "职业本科") {
      const [theme, themeClasses] = random.pick(HIGHER_COLLEGE_THEMES);
      const cityCode = random.chance(0.7) ? NANCHANG : random.pick(CITIES).code;
      identity = { name: `江西${theme}职业技术大学`, cityCode, countyCode: null, themeClasses };
    } else if (level === "中职") {
      const [theme, themeClasses] = random.pick(SECONDARY_COLLEGE_THEMES);
      const counties = COUNTIES.filter((c) => !c.name.endsWith("区") && !usedCounties.has(c.code));
      if (random.chance(0.55) && counties.length > 0) {
        const county = random.pick(counties);
        identity = { name: `${county.name}职业中专`, cityCode: county.cityCode, countyCode: county.code, themeClasses };
      } else {
        const city = random.pick(CITIES);
        identity = { name: `${shortPlaceName(city.name)}${theme}中等专业学校`, cityCode: city.code, countyCode: null, themeClasses };
      }
    } else {
      const [theme, themeClasses] = random.pick(SECONDARY_COLLEGE_THEMES);
      const city = random.pick(CITIES);
      const name = random.weighted([
        [`江西${theme}技师学院`, 2],
        [`${shortPlaceName(city.name)}技师学院`, 1],
        [`${shortPlaceName(city.name)}高级技工学校`, 1],
      ]);
      identity = { name, cityCode: name.startsWith("江西") ? provincialCityCode(random) : city.code, countyCode: null, themeClasses };
    }
    return identity.name;
  });
  if (identity?.countyCode) usedCounties.add(identity.countyCode);
  return identity!;
}

/** The college of the demo accounts: a 高职 in 南昌 teaching what the showcase park's clusters need. */
function showcaseCollegeIdentity(random: Random, showcaseClasses: Set<string>, taken: Set<string>): CollegeIdentity {
  const fitting = HIGHER_COLLEGE_THEMES.filter(([, classes]) => classes.some((c) => showcaseClasses.has(c)));
  const [theme, themeClasses] = random.pick(fitting);
  const name = `江西${theme}职业技术学院`;
  taken.add(name);
  return { name, cityCode: NANCHANG, countyCode: null, themeClasses };
}

function collegeMajors(random: Random, level: SchoolLevel, themeClasses: readonly string[]): string[] {
  const higher = level === "高职" || level === "职业本科";
  const catalogue = higher ? HIGHER_VOCATIONAL_MAJORS : SECONDARY_VOCATIONAL_MAJORS;
  const themed = catalogue.map((m) => m.code).filter((code) => themeClasses.includes(majorClassOf(code)));
  const chosen = higher ? random.sample(themed, random.int(Math.min(3, themed.length), Math.min(7, themed.length))) : themed;
  const general = (higher ? GENERAL_HIGHER_MAJORS : GENERAL_SECONDARY_MAJORS).filter((code) => !chosen.includes(code));
  return [...chosen, ...random.sample(general, random.int(1, 2))].sort();
}

/**
 * 高职 and 职业本科 colleges carry school codes 4136xxxxxx, 中职 and 技工 schools
 * 3636xxxxxx (domain.md §5). 职业本科 universities also run 专科 programmes, so
 * they offer 高职 majors; 技工 schools teach at 中职 level.
 */
export function generateColleges(random: Random, plan: ScalePlan, showcase: Park, sink: RowSink): College[] {
  const taken = new Set<string>();
  const usedCounties = new Set<string>();
  const colleges: College[] = [];
  const showcaseClasses = parkClasses(showcase);
  let higherSerial = 10_000;
  let secondarySerial = 100_000;
  for (const level of COLLEGE_LEVEL_ORDER) {
    for (let i = 0; i < plan.colleges[level]; i++) {
      const identity =
        level === "高职" && i === 0
          ? showcaseCollegeIdentity(random, showcaseClasses, taken)
          : collegeIdentity(random, level, taken, usedCounties);
      const higher = level === "高职" || level === "职业本科";
      const schoolCode = higher
        ? `4136${String((higherSerial += random.int(1, 40))).padStart(6, "0")}`
        : `3636${String((secondarySerial += random.int(1, 40))).padStart(6, "0")}`;
      const majors = collegeMajors(random, level, identity.themeClasses);
      const college: College = {
        id: colleges.length + 1,
        name: identity.name,
        level,
        cityCode: identity.cityCode,
        majors,
        classes: new Set(majors.map(majorClassOf)),
        pairedParks: new Set(),
        bases: [],
        cohorts: [],
      };
      colleges.push(college);
      const city = cityOf(identity.cityCode);
      const spread = identity.countyCode ? 0.3 : 0.15;
      const createdAt = new Date(officeMomentMs(random, dayOf(2023, 1, 10) + random.int(0, 90)));
      sink.insert("College", {
        id: college.id, schoolCode, name: college.name, level, cityCode: city.code,
        lng: near(random, city.lng, spread), lat: near(random, city.lat, spread), createdAt, updatedAt: createdAt,
      });
      for (const majorCode of majors) sink.insert("CollegeMajor", { collegeId: college.id, majorCode });
    }
  }
  return colleges;
}

// ───────────────────────────── Pairings ─────────────────────────────

/**
 * Every park is paired with 1–3 colleges, preferably of its city and teaching what
 * its clusters need. About 5% of parks (at least one) have no current pairing: their
 * pairings ended in 2025, or they never had one, so the "park without pairing" flag
 * has something to show.
 */
export function generatePairings(random: Random, parks: Park[], colleges: College[], showcaseCollege: College, sink: RowSink): Pairing[] {
  const pairings: Pairing[] = [];
  const unpairedCount = Math.max(1, Math.round(parks.length * 0.05));
  const unpaired = new Set(random.sample(parks.filter((p) => p.level === "provincial" && p.name !== SHOWCASE_PARK), unpairedCount));
  for (const park of parks) {
    const wanted = park.level === "national" ? random.weighted([[1, 2], [2, 5], [3, 3]]) : random.weighted([[1, 6], [2, 4]]);
    const classes = parkClasses(park);
    const scored = colleges.map((college) => {
      let score = random.next() * 3;
      if (college.cityCode === park.cityCode) score += 4;
      for (const c of college.classes) if (classes.has(c)) score += 2;
      if (park.level === "national" && college.level !== "中职") score += 1;
      return { college, score };
    });
    scored.sort((a, b) => b.score - a.score);
    let partners = scored.slice(0, wanted).map((s) => s.college);
    if (park.name === SHOWCASE_PARK && !partners.includes(showcaseCollege)) {
      partners = [showcaseCollege, ...partners.slice(0, wanted - 1)];
    }

    if (unpaired.has(park) && random.chance(0.5)) continue;
    for (const college of partners) {
      const ended = unpaired.has(park);
      const startDay = ended ? dayOf(2023, 1, 1) + random.int(0, 364) : dayOf(2023, 1, 1) + random.int(0, 1094);
      const endDay = ended ? dayOf(2025, 1, 1) + random.int(0, 364) : null;
      const pairing: Pairing = { id: pairings.length + 1, park, college, startDay, endDay };
      pairings.push(pairing);
      if (endDay === null) {
        park.pairedColleges.push(college);
        college.pairedParks.add(park);
      }
      sink.insert("Pairing", {
        id: pairing.id, parkId: park.id, collegeId: college.id,
        startDate: dateOfDay(startDay), endDate: endDay === null ? null : dateOfDay(endDay),
      });
    }
  }
  return pairings;
}

// ───────────────────────────── Enterprises ─────────────────────────────

function creditCode(random: Random, countyCode: string, taken: Set<string>): string {
  return uniqueName(taken, () => {
    let first17 = `91${countyCode}`;
    for (let i = 0; i < 9; i++) first17 += CREDIT_CODE_CHARSET[random.int(0, CREDIT_CODE_CHARSET.length - 1)];
    return first17 + creditCodeCheckChar(first17);
  });
}

/** Headcount between 20 and 5000, skewed small; leading enterprises are the big ones. */
function headcountOf(random: Random, leading: boolean): number {
  const [min, max, skew] = leading ? [500, 5000, 1] : [20, 1500, 1.4];
  return Math.round(Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * random.next() ** skew));
}

/**
 * Every cluster gets at least one enterprise; the rest go to parks by weight (national
 * parks are bigger). The showcase enterprise, the enterprise demo account's, is a
 * leading enterprise of the showcase park in a cluster its paired college teaches for.
 */
export function generateEnterprises(random: Random, plan: ScalePlan, parks: Park[], showcaseCollege: College, sink: RowSink): Enterprise[] {
  const showcasePark = parks.find((p) => p.name === SHOWCASE_PARK)!;
  const showcaseCluster =
    showcasePark.clusters.find((c) => chainClasses(c.chain).some((cls) => showcaseCollege.classes.has(cls))) ?? showcasePark.clusters[0]!;
  const homes: Cluster[] = [showcaseCluster, ...parks.flatMap((p) => p.clusters).filter((c) => c !== showcaseCluster)];
  const parkWeights = parks.map((p) => [p, p.level === "national" ? 5 : 1] as const);
  while (homes.length < plan.enterprises) homes.push(random.pick(random.weighted(parkWeights).clusters));

  const names = new Set<string>();
  const codes = new Set<string>();
  return homes.map((cluster, i) => {
    const park = cluster.park;
    const isShowcase = i === 0;
    const leading = isShowcase || random.chance(0.1);
    const prefix = random.weighted([
      ["江西", 3],
      [shortPlaceName(cityOf(park.cityCode).name), 5],
      [shortPlaceName(countyOf(park.countyCode).name), 2],
    ]);
    const name = uniqueName(names, () => {
      const suffix = leading && random.chance(0.4) ? "股份有限公司" : random.weighted(COMPANY_SUFFIXES);
      return `${prefix}${brandName(random)}${random.pick(INDUSTRY_WORDS[cluster.chain])}${suffix}`;
    });
    const enterprise: Enterprise = {
      id: i + 1, name, park, cluster, leading,
      headcount: isShowcase ? random.int(1500, 3000) : headcountOf(random, leading),
      isShowcase, jobCount: 0, orderCount: 0, placementCount: 0,
    };
    park.enterprises.push(enterprise);
    const createdAt = new Date(officeMomentMs(random, dayOf(2023, 3, 1) + random.int(0, 400)));
    sink.insert("Enterprise", {
      id: enterprise.id, creditCode: creditCode(random, park.countyCode, codes), name, parkId: park.id,
      clusterId: cluster.id, clusterRole: leading ? "leading" : "supporting", headcount: enterprise.headcount,
      contactPhone: random.chance(0.9) ? mobilePhone(random) : null, createdAt, updatedAt: createdAt,
    });
    return enterprise;
  });
}

// ───────────────────────────── Training bases, secondments, cohorts ─────────────────────────────

/** About 100 bases in the province (domain.md §1), each on a current pairing; the first on the showcase pairing. */
export function generateTrainingBases(random: Random, plan: ScalePlan, pairings: Pairing[], showcase: Pairing, sink: RowSink): TrainingBase[] {
  const current = pairings.filter((p) => p.endDay === null);
  const weightOf = (p: Pairing) => (p.park.level === "national" ? 3 : 1) * (p.college.level === "中职" ? 1 : 2);
  const chosen: Pairing[] = [showcase];
  let remaining = current.filter((p) => p !== showcase);
  while (chosen.length < plan.trainingBases) {
    if (remaining.length === 0) remaining = current.slice();
    const pairing = random.weighted(remaining.map((p) => [p, weightOf(p)] as const));
    remaining = remaining.filter((p) => p !== pairing);
    chosen.push(pairing);
  }

  const names = new Set<string>();
  return chosen.map((pairing, i) => {
    const { park, college } = pairing;
    const chains = park.clusters.map((c) => c.chain);
    const fitting = chains.filter((chain) => chainClasses(chain).some((cls) => college.classes.has(cls)));
    const ordered = [...random.shuffle(fitting), ...random.shuffle(chains.filter((c) => !fitting.includes(c)))];
    const chain = ordered.find((c) => !names.has(baseName(pairing, c))) ?? ordered[0]!;
    let name = baseName(pairing, chain);
    for (let phase = 2; names.has(name); phase++) name = `${baseName(pairing, chain)}（${"一二三四五六七八九"[phase - 1]}期）`;
    names.add(name);

    const partner = park.pairedColleges.filter((c) => c !== college);
    const colleges = partner.length > 0 && random.chance(0.25) ? [college, random.pick(partner)] : [college];
    const base: TrainingBase = { id: i + 1, park, colleges };
    const trades = random.sample(CHAIN_TRAINING[chain].trades, random.int(2, 4));
    sink.insert("TrainingBase", {
      id: base.id, name, parkId: park.id, pairingId: pairing.id, capacity: random.int(10, 80) * 10,
      trades: JSON.stringify(trades), lng: near(random, park.lng, 0.03), lat: near(random, park.lat, 0.03),
    });
    for (const c of colleges) {
      c.bases.push(base);
      sink.insert("TrainingBaseCollege", { baseId: base.id, collegeId: c.id });
    }
    return base;
  });
}

function baseName(pairing: Pairing, chain: Chain): string {
  return `${pairing.park.name}—${pairing.college.name}${CHAIN_TRAINING[chain].theme}实训基地`;
}

/** 双向挂职 on current pairings: college leaders to the park's enterprises and managers to the college. */
export function generateSecondments(random: Random, pairings: Pairing[], sink: RowSink): void {
  let id = 0;
  for (const pairing of pairings) {
    const { park, college } = pairing;
    if (pairing.endDay !== null || park.enterprises.length === 0) continue;
    const leading = park.enterprises.filter((e) => e.leading);
    const directions: ("college_to_enterprise" | "enterprise_to_college")[] = [];
    if (random.chance(0.55)) directions.push("college_to_enterprise");
    if (random.chance(0.45)) directions.push("enterprise_to_college");
    for (const direction of directions) {
      const enterprise = leading.length > 0 && random.chance(0.7) ? random.pick(leading) : random.pick(park.enterprises);
      const position =
        direction === "college_to_enterprise"
          ? random.pick(POSITIONS_IN_ENTERPRISE)
          : random.pick(college.level === "中职" || college.level === "技工院校" ? POSITIONS_IN_SECONDARY_SCHOOL : POSITIONS_IN_HIGHER_COLLEGE);
      const startDay = Math.max(pairing.startDay, dayOf(2024, 1, 1)) + random.int(0, 240);
      sink.insert("Secondment", {
        id: ++id, direction, personName: personName(random, random.chance(0.7) ? "M" : "F"), position,
        collegeId: college.id, enterpriseId: enterprise.id, startDate: dateOfDay(startDay),
        endDate: random.chance(0.7) ? dateOfDay(startDay + 365) : null,
      });
    }
  }
}

/** Trainee cohorts (订单班) per college, graduating in 2026 or 2027. */
export function generateCohorts(random: Random, colleges: College[], sink: RowSink): Cohort[] {
  const cohorts: Cohort[] = [];
  for (const college of colleges) {
    const higher = college.level === "高职" || college.level === "职业本科";
    const majors = random.sample(college.majors, higher ? random.int(2, 3) : random.int(1, 2));
    for (const majorCode of majors) {
      const expectedYear = random.pick([2026, 2027]);
      const cohort: Cohort = { id: cohorts.length + 1, college, majorCode, expectedYear };
      cohorts.push(cohort);
      college.cohorts.push(cohort);
      const tags = random.sample(classSkillTags(majorClassOf(majorCode)), random.int(3, 4));
      sink.insert("Cohort", {
        id: cohort.id, collegeId: college.id, majorCode, level: college.level, size: random.int(30, 60),
        expectedGraduation: dateOfDay(dayOf(expectedYear, 6, 30)),
        trainingBaseId: college.bases.length > 0 && random.chance(0.5) ? random.pick(college.bases).id : null,
        skillsTaught: JSON.stringify(tags),
        targetSkillLevel: higher ? random.weighted([[4, 6], [3, 4]]) : random.weighted([[5, 4], [4, 6]]),
        createdAt: new Date(officeMomentMs(random, dayOf(expectedYear - 1, 9, 1) + random.int(0, 30))),
      });
    }
  }
  return cohorts;
}

export function classSkillTags(classCode: string): readonly string[] {
  return CLASS_SKILL_TAGS[classCode] ?? ["Office"];
}

// ───────────────────────────── Bureaus, policies, calendar, payroll ─────────────────────────────

/** One county-level bureau per county and one per city; a 2026 budget for each county bureau. */
export function generateBureaus(random: Random, sink: RowSink): Bureau[] {
  const bureaus: Bureau[] = [];
  for (const county of COUNTIES) {
    bureaus.push({ id: bureaus.length + 1, name: `${county.name}人力资源和社会保障局`, countyCode: county.code, cityCode: null });
    sink.insert("Bureau", { id: bureaus.length, name: bureaus.at(-1)!.name, level: "county", countyCode: county.code, cityCode: null });
  }
  for (const city of CITIES) {
    bureaus.push({ id: bureaus.length + 1, name: `${city.name}人力资源和社会保障局`, countyCode: null, cityCode: city.code });
    sink.insert("Bureau", { id: bureaus.length, name: bureaus.at(-1)!.name, level: "city", countyCode: null, cityCode: city.code });
  }
  const otherSources = Object.keys(FUNDING_SOURCES).filter((s) => s !== "employment_subsidy");
  let allocationId = 0;
  for (const bureau of bureaus.filter((b) => b.countyCode !== null)) {
    sink.insert("BureauBudget", { id: bureau.id, bureauId: bureau.id, year: 2026 });
    const sources = ["employment_subsidy", ...random.sample(otherSources, random.int(1, 2))];
    for (const source of sources) {
      // ¥500,000 – ¥5,000,000 in steps of ¥10,000.
      sink.insert("BudgetAllocation", { id: ++allocationId, budgetId: bureau.id, source, amountFen: random.int(50, 500) * 1_000_000, reservedFen: 0 });
    }
  }
  return bureaus;
}

/** The default policy tables (product.md §5), version 1, in force since 2024. */
export function emitPolicies(sink: RowSink): void {
  const policies: [string, unknown][] = [
    ["subsidy", {
      eligibleSchoolLevels: ["高职", "中职"], graduationWindowYears: 2, minContractMonths: 12, minInsuredMonths: 3,
      tuitionFen: { 高职: 300000, 中职: 200000 }, livingFenPerMonth: 50000, livingMaxMonths: 6, noticeWorkingDays: 5,
    }],
    ["training_fund", { rate: "0.025", shareRatio: "0.2", dueMonths: 3, unpairedRule: "province_pool" }],
    ["matching", { weights: { major: 40, skills: 25, certificate: 15, location: 10, pairing: 10 } }],
  ];
  policies.forEach(([kind, data], i) => {
    sink.insert("PolicyVersion", {
      id: i + 1, kind, version: 1, effectiveFrom: dateOfDay(dayOf(2024, 1, 1)), data: JSON.stringify(data),
      note: "初始版本（演示数据）", createdById: null, createdAt: dateOfDay(dayOf(2023, 12, 20)),
    });
  });
}

/**
 * China's 2026 public holidays and adjusted working days (调休), as announced by the
 * State Council for 2026 (verify against the official notice before relying on them).
 */
const HOLIDAYS_2026: readonly [string, string[], string[]][] = [
  ["元旦", ["01-01", "01-02", "01-03"], ["01-04"]],
  ["春节", ["02-15", "02-16", "02-17", "02-18", "02-19", "02-20", "02-21", "02-22", "02-23"], ["02-14", "02-28"]],
  ["清明节", ["04-04", "04-05", "04-06"], []],
  ["劳动节", ["05-01", "05-02", "05-03", "05-04", "05-05"], ["05-09"]],
  ["端午节", ["06-19", "06-20", "06-21"], []],
  ["中秋节", ["09-25", "09-26", "09-27"], []],
  ["国庆节", ["10-01", "10-02", "10-03", "10-04", "10-05", "10-06", "10-07"], ["09-20", "10-10"]],
];

export function emitHolidayCalendar(sink: RowSink): void {
  const rows: { day: number; isWorkday: boolean; name: string }[] = [];
  const dayOfText = (text: string) => dayOf(2026, Number(text.slice(0, 2)), Number(text.slice(3)));
  for (const [name, offDays, workDays] of HOLIDAYS_2026) {
    for (const d of offDays) rows.push({ day: dayOfText(d), isWorkday: false, name });
    for (const d of workDays) rows.push({ day: dayOfText(d), isWorkday: true, name: `${name}调休上班` });
  }
  rows.sort((a, b) => a.day - b.day);
  for (const row of rows) sink.insert("CalendarDay", { date: dateOfDay(row.day), isWorkday: row.isWorkday, name: row.name });
}

/** 2025 payroll (工资总额) for about 80% of enterprises: ¥60,000–¥120,000 per head. */
export function generatePayrollDeclarations(random: Random, enterprises: Enterprise[], sink: RowSink): void {
  let id = 0;
  for (const enterprise of enterprises) {
    if (!enterprise.isShowcase && !random.chance(0.8)) continue;
    sink.insert("PayrollDeclaration", {
      id: ++id, enterpriseId: enterprise.id, year: 2025, version: 1,
      payrollFen: enterprise.headcount * random.int(600, 1200) * 10_000, parts: null, declaredById: null,
      createdAt: new Date(officeMomentMs(random, dayOf(2026, 1, 15) + random.int(0, 75))),
    });
  }
}
