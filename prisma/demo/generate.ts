/**
 * The deterministic demo data set (product.md §8): the same scale and seed give the
 * same rows, byte for byte, given the same PII key. Rows go to a sink table by table,
 * parents before children, so that the loader can stream them into SQLite.
 */
import { withNameSort } from "../../app/utils/pinyin-sort";
import bcrypt from "bcryptjs";
import { ROLE_LABELS, type Role } from "../../app/domain/constants";
import { SHOWCASE_PARK } from "./industry";
import { generateLabourMarket, type ShowcaseGraduate } from "./labour-market";
import { createRandom, type Random } from "./random";
import {
  emitGeography, emitHolidayCalendar, emitMajorCatalogue, emitPolicies, generateBureaus, generateClusters, generateCohorts,
  generateColleges, generateEnterprises, generatePairings, generateParks, generatePayrollDeclarations, generateSecondments,
  generateTrainingBases, type Bureau, type College, type Enterprise, type Park, type RowSink, type ScalePlan,
} from "./registries";
import { dayOf, officeMomentMs } from "./time";

export type { Row, RowSink, RowValue } from "./registries";

export const DEMO_SCALES = ["small", "province"] as const;
export type DemoScale = (typeof DEMO_SCALES)[number];

export const DEFAULT_SEED = 20261128;
export const DEMO_PASSWORD = "Demo@2026";
export const DEMO_LOGINS = ["province", "park", "college", "enterprise", "bureau", "graduate", "graduate2", "citybureau"] as const;

export const SCALE_PLANS: Readonly<Record<DemoScale, ScalePlan>> = {
  small: {
    provincialParks: 3,
    colleges: { 高职: 7, 职业本科: 1, 中职: 5, 技工院校: 2 },
    trainingBases: 12,
    enterprises: 200,
    graduates: 400,
    jobs: 240,
    orders: 60,
    orderQuantity: [5, 15],
    applications: 600,
    placements: 200,
  },
  province: {
    // Every county without a national park and outside the urban core: 75.
    provincialParks: 75,
    colleges: { 高职: 60, 职业本科: 4, 中职: 80, 技工院校: 6 },
    trainingBases: 100,
    enterprises: 20_000,
    graduates: 300_000,
    jobs: 40_000,
    orders: 10_000,
    orderQuantity: [5, 60],
    applications: 500_000,
    placements: 200_000,
  },
};

export type DemoOptions = { scale: DemoScale; seed: number; piiKey: string };

export type DemoAccount = { login: string; role: Role; roleLabel: string; password: string; scopeName: string };

/** Generates the whole data set into the sink and returns the demo accounts it created. */
export function generateDemoData(options: DemoOptions, rawSink: RowSink): DemoAccount[] {
  // Pinyin sort keys beside every keyed name (ADR 102).
  const sink: RowSink = { insert: (table, row) => rawSink.insert(table, withNameSort(table, row)) };
  const plan = SCALE_PLANS[options.scale];
  const random = createRandom(options.seed);
  emitGeography(sink);
  emitMajorCatalogue(sink);
  const parks = generateParks(random.fork("parks"), plan, sink);
  generateClusters(random.fork("clusters"), parks, sink);
  const showcasePark = parks.find((p) => p.name === SHOWCASE_PARK)!;
  const colleges = generateColleges(random.fork("colleges"), plan, showcasePark, sink);
  const showcaseCollege = colleges[0]!;
  const pairings = generatePairings(random.fork("pairings"), parks, colleges, showcaseCollege, sink);
  const enterprises = generateEnterprises(random.fork("enterprises"), plan, parks, showcaseCollege, sink);
  const showcasePairing = pairings.find((p) => p.park === showcasePark && p.college === showcaseCollege && p.endDay === null)!;
  generateTrainingBases(random.fork("training-bases"), plan, pairings, showcasePairing, sink);
  generateSecondments(random.fork("secondments"), pairings, sink);
  generateCohorts(random.fork("cohorts"), colleges, sink);
  const bureaus = generateBureaus(random.fork("bureaus"), sink);
  emitPolicies(sink);
  emitHolidayCalendar(sink);
  generatePayrollDeclarations(random.fork("payroll"), enterprises, sink);
  const market = generateLabourMarket({
    random: random.fork("labour-market"), plan, piiKey: options.piiKey, colleges, enterprises, showcaseCollege, sink,
  });
  return emitDemoAccounts(random.fork("accounts"), {
    park: showcasePark,
    college: showcaseCollege,
    enterprise: showcaseEnterprise(showcasePark),
    bureau: bureaus.find((b) => b.countyCode === showcasePark.countyCode)!,
    cityBureau: bureaus.find((b) => b.cityCode === showcasePark.cityCode)!,
    graduates: market.showcaseGraduates,
  }, sink);
}

/** The enterprise account's: an enterprise of the showcase park with jobs, orders and placements. */
function showcaseEnterprise(park: Park): Enterprise {
  const complete = park.enterprises.filter((e) => e.jobCount > 0 && e.orderCount > 0 && e.placementCount > 0);
  const chosen = complete.find((e) => e.isShowcase) ?? complete.sort((a, b) => b.placementCount - a.placementCount)[0];
  if (!chosen) throw new Error(`演示数据不完整：${park.name}没有同时有岗位、订单和就业记录的企业`);
  return chosen;
}

/**
 * The graduate accounts: `graduate` is still looking (active applications, the most
 * of them), `graduate2` is placed, preferably in the showcase park with a confirmed
 * contract so that a subsidy claim can follow.
 */
function showcaseGraduates(park: Park, graduates: ShowcaseGraduate[]): [ShowcaseGraduate, ShowcaseGraduate] {
  const seeking = graduates
    .filter((g) => !g.placed && g.activeApplications > 0)
    .sort((a, b) => b.activeApplications - a.activeApplications || b.applications - a.applications || a.id - b.id)[0];
  const score = (g: ShowcaseGraduate) => (g.placementEnterprise?.park === park ? 2 : 0) + (g.confirmed ? 1 : 0);
  const placed = graduates.filter((g) => g.placed).sort((a, b) => score(b) - score(a) || a.id - b.id)[0];
  if (!seeking || !placed) throw new Error("演示数据不完整：演示院校缺少求职中或已就业的毕业生");
  return [seeking, placed];
}

type AccountScopes = {
  park: Park;
  college: College;
  enterprise: Enterprise;
  bureau: Bureau;
  /** The city-level bureau over the county bureau: it reads its counties' claims and budgets (never decides them). */
  cityBureau: Bureau;
  graduates: ShowcaseGraduate[];
};

/** Demo accounts for every role, one password for all (bcrypt cost 10, salts drawn from the seed). */
function emitDemoAccounts(random: Random, scopes: AccountScopes, sink: RowSink): DemoAccount[] {
  const [seeking, placed] = showcaseGraduates(scopes.park, scopes.graduates);
  const accounts: { login: (typeof DEMO_LOGINS)[number]; role: Role; displayName: string; scopeName: string; scope: Record<string, number> }[] = [
    { login: "province", role: "province", displayName: "省园区办管理员", scopeName: "全省", scope: {} },
    { login: "park", role: "park", displayName: `${scopes.park.name}管委会`, scopeName: scopes.park.name, scope: { parkId: scopes.park.id } },
    { login: "college", role: "college", displayName: `${scopes.college.name}招生就业处`, scopeName: scopes.college.name, scope: { collegeId: scopes.college.id } },
    { login: "enterprise", role: "enterprise", displayName: `${scopes.enterprise.name}人力资源部`, scopeName: scopes.enterprise.name, scope: { enterpriseId: scopes.enterprise.id } },
    { login: "bureau", role: "bureau", displayName: `${scopes.bureau.name}就业科`, scopeName: scopes.bureau.name, scope: { bureauId: scopes.bureau.id } },
    { login: "graduate", role: "graduate", displayName: seeking.name, scopeName: `${seeking.name}（${scopes.college.name}）`, scope: { graduateId: seeking.id } },
    { login: "graduate2", role: "graduate", displayName: placed.name, scopeName: `${placed.name}（${scopes.college.name}）`, scope: { graduateId: placed.id } },
    { login: "citybureau", role: "bureau", displayName: `${scopes.cityBureau.name}就业科`, scopeName: scopes.cityBureau.name, scope: { bureauId: scopes.cityBureau.id } },
  ];
  const createdAt = new Date(officeMomentMs(random, dayOf(2024, 1, 2)));
  accounts.forEach((account, i) => {
    const salt = `$2b$10$${bcrypt.encodeBase64(Array.from({ length: 16 }, () => random.int(0, 255)), 16)}`;
    sink.insert("Account", {
      id: i + 1, login: account.login, passwordHash: bcrypt.hashSync(DEMO_PASSWORD, salt), displayName: account.displayName,
      role: account.role, parkId: account.scope.parkId ?? null, collegeId: account.scope.collegeId ?? null,
      enterpriseId: account.scope.enterpriseId ?? null, bureauId: account.scope.bureauId ?? null,
      graduateId: account.scope.graduateId ?? null, active: true, createdAt,
      // Each organisation's demo account is its admin (§9): it invites and manages the staff.
      orgRole: account.role === "graduate" ? "staff" : "admin",
    });
  });
  return accounts.map((a) => ({ login: a.login, role: a.role, roleLabel: ROLE_LABELS[a.role], password: DEMO_PASSWORD, scopeName: a.scopeName }));
}
