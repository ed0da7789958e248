/**
 * Loads the facts of a placement report for one period in a handful of SQL reads
 * (every dimension is then computed in memory by ~/domain/reports/placements).
 * A period's days run from its first day's UTC midnight up to (not including) the
 * midnight after its last day.
 */
import { chinaDate } from "~/domain/china-time";
import { addCalendarDays, dateOf } from "~/domain/subsidy/calendar";
import type { BudgetFact, ClaimFact, FundFact, GraduateFact, OrderFact, Period, PlacementFact, ReportFacts } from "~/domain/reports/placements";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/**
 * Reads stored dates (the adapter gives DATETIME columns as Date, computed ones as text) as
 * "YYYY-MM-DD"; a load reads a few hundred distinct days over a hundred thousand rows, so each
 * instant is formatted once.
 */
function dayReader() {
  const seen = new Map<number, string>();
  return (v: unknown): string | null => {
    if (v === null || v === undefined) return null;
    if (!(v instanceof Date)) return String(v).slice(0, 10);
    const t = v.getTime();
    let d = seen.get(t);
    if (d === undefined) seen.set(t, (d = chinaDate(v)));
    return d;
  };
}

/** The 2-digit category of a major in the 高职 code space (中职 − 20, 职业本科 + 20). */
export function categoryOf(majorCode: string): string {
  const c = Number(majorCode.slice(0, 2));
  if (c >= 61 && c <= 79) return String(c - 20);
  if (c >= 21 && c <= 39) return String(c + 20);
  return majorCode.slice(0, 2);
}

/** UTC midnight of the day after (a half-open upper bound covering the whole day). */
const dayAfter = (isoDay: string) => dateOf(addCalendarDays(isoDay, 1));

// The SQL below is written once for SQLite and PostgreSQL (ADR 100): quoted identifiers,
// DateTime parameters (the SQLite adapter binds them in the very text it stores), window
// functions instead of SQLite's bare column beside MIN(), and every grouped column named.
function query(sql: Prisma.Sql): Promise<Row[]> {
  return prisma.$queryRaw<Row[]>(sql);
}

/**
 * A period's facts as the database holds them on `asOf` (China date; retention is known only up to it).
 *
 * Graduates come in two reads, neither of which looks at every placement: those with no
 * placement starting before the period's end, counted by what the report groups them by
 * (graduation day, college, major, cohort — a few thousand groups at province scale, each
 * fact carrying its `count`); and those first placed within the period, taken from the
 * period's placements (each row says whether its graduate had a placement before the period).
 * A graduate first placed after the period's end is therefore given without a first placement:
 * for this period and its months that is the same (not placed), and the facts are read for
 * one period only.
 */
export async function loadReportFacts(period: Period, asOf = chinaDate(new Date())): Promise<ReportFacts> {
  const from = dateOf(period.start);
  const until = dayAfter(period.end);
  const yearStart = dateOf(`${period.year}-01-01`);

  const [unplacedRows, placementRows, orderRows, claimRows, workerClaimRows, budgetRows, fundRows, pairingRows, clusterRows, collegeRows, cohortRows] = await Promise.all([
    query(Prisma.sql`
      SELECT g."graduationDate" AS "graduatedOn", g."collegeId", g."majorCode", g."cohortId", COUNT(*) AS "count"
        FROM "Graduate" g
       WHERE g."graduationDate" < ${until}
         AND NOT EXISTS (SELECT 1 FROM "Placement" p WHERE p."graduateId" = g."id" AND p."startDate" < ${until})
       GROUP BY g."graduationDate", g."collegeId", g."majorCode", g."cohortId"`),
    query(Prisma.sql`
      SELECT p."graduateId", p."startDate", p."endedOn", p."monthlyWageFen", p."majorRelevant", p."inProvincePark", e."parkId", e."clusterId", pk."cityCode",
             g."collegeId", g."majorCode", g."cohortId", g."graduationDate",
             CASE WHEN g."graduationDate" < ${until}
                   AND NOT EXISTS (SELECT 1 FROM "Placement" q WHERE q."graduateId" = p."graduateId" AND q."startDate" < ${from})
                  THEN 1 ELSE 0 END AS "supply"
        FROM "Placement" p
        JOIN "Enterprise" e ON e."id" = p."enterpriseId"
        JOIN "Park" pk ON pk."id" = e."parkId"
        JOIN "Graduate" g ON g."id" = p."graduateId"
       WHERE p."startDate" >= ${from} AND p."startDate" < ${until}
       ORDER BY p."startDate", p."id"`),
    query(Prisma.sql`
      SELECT o."startDate", o."quantity", e."parkId", e."clusterId", pk."cityCode", o."collegeId", o."majorCode", o."trainingBaseId" AS "baseId",
             COALESCE(f."filled", 0) AS "filled"
        FROM "Order" o
        JOIN "Enterprise" e ON e."id" = o."enterpriseId"
        JOIN "Park" pk ON pk."id" = e."parkId"
        LEFT JOIN (SELECT "orderId", COUNT(DISTINCT "graduateId") AS "filled" FROM "Placement"
                    WHERE "orderId" IS NOT NULL AND "startDate" < ${until} GROUP BY "orderId") f ON f."orderId" = o."id"
       WHERE o."status" <> 'draft' AND o."startDate" >= ${from} AND o."startDate" < ${until}`),
    query(Prisma.sql`
      SELECT sc."amountFen", sc."approvedAt", sc."paidAt", e."parkId", e."clusterId", pk."cityCode", g."collegeId", g."majorCode", co."trainingBaseId" AS "baseId"
        FROM "SubsidyClaim" sc
        JOIN "Placement" p ON p."id" = sc."placementId"
        JOIN "Enterprise" e ON e."id" = p."enterpriseId"
        JOIN "Park" pk ON pk."id" = e."parkId"
        JOIN "Graduate" g ON g."id" = sc."graduateId"
        LEFT JOIN "Cohort" co ON co."id" = g."cohortId"
       WHERE sc."status" IN ('approved', 'in_batch', 'paid')
         AND ((sc."approvedAt" >= ${yearStart} AND sc."approvedAt" < ${until}) OR (sc."paidAt" >= ${from} AND sc."paidAt" < ${until}))`),
    // Worker-training claims (ADR 160, 162): the enterprise's park and the base the worker trained at.
    query(Prisma.sql`
      SELECT sc."amountFen", sc."approvedAt", sc."paidAt", e."parkId", e."clusterId", pk."cityCode", wt."baseId"
        FROM "SubsidyClaim" sc
        JOIN "WorkerTrainee" wt ON wt."id" = sc."workerTraineeId"
        JOIN "Enterprise" e ON e."id" = wt."enterpriseId"
        JOIN "Park" pk ON pk."id" = e."parkId"
       WHERE sc."status" IN ('approved', 'in_batch', 'paid')
         AND ((sc."approvedAt" >= ${yearStart} AND sc."approvedAt" < ${until}) OR (sc."paidAt" >= ${from} AND sc."paidAt" < ${until}))`),
    query(Prisma.sql`
      SELECT bb."year", COALESCE(ct."cityCode", b."cityCode") AS "cityCode", SUM(a."amountFen") AS "amountFen"
        FROM "BureauBudget" bb
        JOIN "Bureau" b ON b."id" = bb."bureauId"
        LEFT JOIN "County" ct ON ct."code" = b."countyCode"
        JOIN "BudgetAllocation" a ON a."budgetId" = bb."id"
       WHERE bb."year" = ${period.year}
       GROUP BY bb."id", bb."year", ct."cityCode", b."cityCode"`),
    query(Prisma.sql`
      SELECT fa."amountFen", fa."collegeId", fa."year", e."parkId", e."clusterId", pk."cityCode"
        FROM "FundAllocation" fa
        JOIN "Enterprise" e ON e."id" = fa."enterpriseId"
        JOIN "Park" pk ON pk."id" = e."parkId"
       WHERE fa."runId" = (SELECT "id" FROM "FundRun" WHERE "year" = ${period.year} AND "status" = 'done' ORDER BY "finishedAt" DESC, "id" DESC LIMIT 1)`),
    query(Prisma.sql`
      SELECT DISTINCT "collegeId", "parkId" FROM "Pairing" WHERE "startDate" < ${until} AND ("endDate" IS NULL OR "endDate" >= ${from})`),
    query(Prisma.sql`SELECT "id", "parkId" FROM "Cluster"`),
    query(Prisma.sql`SELECT "id", "cityCode" FROM "College"`),
    query(Prisma.sql`SELECT "id", "trainingBaseId" FROM "Cohort" WHERE "trainingBaseId" IS NOT NULL`),
  ]);

  const day = dayReader();
  const collegeCity = new Map(collegeRows.map((r) => [Number(r.id), String(r.cityCode)]));
  const cohortBase = new Map(cohortRows.map((r) => [Number(r.id), Number(r.trainingBaseId)]));
  const baseOf = (cohortId: unknown) => (cohortId === null || cohortId === undefined ? null : (cohortBase.get(Number(cohortId)) ?? null));
  const categories = new Map<string, string>();
  const category = (majorCode: unknown) => {
    const code = String(majorCode);
    let c = categories.get(code);
    if (c === undefined) categories.set(code, (c = categoryOf(code)));
    return c;
  };

  const graduates: GraduateFact[] = unplacedRows.map((r) => ({
    graduatedOn: day(r.graduatedOn)!,
    collegeId: Number(r.collegeId),
    collegeCity: collegeCity.get(Number(r.collegeId))!,
    category: category(r.majorCode),
    baseId: baseOf(r.cohortId),
    first: null,
    count: Number(r.count),
  }));
  const placements: PlacementFact[] = [];
  const firstPlaced = new Set<number>();
  for (const r of placementRows) {
    const p: PlacementFact = {
      graduateId: Number(r.graduateId),
      startOn: day(r.startDate)!,
      endOn: day(r.endedOn),
      wageFen: Number(r.monthlyWageFen),
      relevant: Boolean(Number(r.majorRelevant)),
      inPark: Boolean(Number(r.inProvincePark)),
      cityCode: String(r.cityCode),
      parkId: Number(r.parkId),
      clusterId: num(r.clusterId),
      collegeId: Number(r.collegeId),
      category: category(r.majorCode),
      baseId: baseOf(r.cohortId),
    };
    placements.push(p);
    // A graduate of the supply (graduated by the period's end, placed nowhere before it): their
    // first row is their first placement (rows come by start, then id, as "first" is defined).
    if (Number(r.supply) === 0 || firstPlaced.has(p.graduateId)) continue;
    firstPlaced.add(p.graduateId);
    graduates.push({
      graduatedOn: day(r.graduationDate)!,
      collegeId: p.collegeId!,
      collegeCity: collegeCity.get(p.collegeId!)!,
      category: p.category!,
      baseId: p.baseId,
      first: { startOn: p.startOn, parkId: p.parkId, clusterId: p.clusterId },
    });
  }
  const orders: OrderFact[] = orderRows.map((r) => ({
    startOn: day(r.startDate)!,
    quantity: Number(r.quantity),
    filled: Number(r.filled),
    cityCode: String(r.cityCode),
    parkId: Number(r.parkId),
    clusterId: num(r.clusterId),
    collegeId: num(r.collegeId),
    category: categoryOf(String(r.majorCode)),
    baseId: num(r.baseId),
  }));
  const claims: ClaimFact[] = claimRows.map((r) => ({
    kind: "graduate" as const,
    amountFen: Number(r.amountFen),
    approvedOn: day(r.approvedAt),
    paidOn: day(r.paidAt),
    cityCode: String(r.cityCode),
    parkId: Number(r.parkId),
    clusterId: num(r.clusterId),
    collegeId: Number(r.collegeId),
    category: categoryOf(String(r.majorCode)),
    baseId: num(r.baseId),
  }));
  for (const r of workerClaimRows) {
    claims.push({
      kind: "worker_training",
      amountFen: Number(r.amountFen),
      approvedOn: day(r.approvedAt),
      paidOn: day(r.paidAt),
      cityCode: String(r.cityCode),
      parkId: Number(r.parkId),
      clusterId: num(r.clusterId),
      collegeId: null,
      category: null,
      baseId: num(r.baseId),
    });
  }
  const budgets: BudgetFact[] = budgetRows
    .filter((r) => r.cityCode !== null)
    .map((r) => ({ year: Number(r.year), cityCode: String(r.cityCode), amountFen: Number(r.amountFen) }));
  const funds: FundFact[] = fundRows.map((r) => ({
    amountFen: Number(r.amountFen),
    year: Number(r.year),
    cityCode: String(r.cityCode),
    parkId: Number(r.parkId),
    clusterId: num(r.clusterId),
    collegeId: Number(r.collegeId),
    category: null,
    baseId: null,
  }));
  const pairedParks = new Map<number, number[]>();
  for (const r of pairingRows) {
    const college = Number(r.collegeId);
    pairedParks.set(college, [...(pairedParks.get(college) ?? []), Number(r.parkId)]);
  }
  const parkClusters = new Map<number, number[]>();
  for (const r of clusterRows) {
    const park = Number(r.parkId);
    parkClusters.set(park, [...(parkClusters.get(park) ?? []), Number(r.id)]);
  }
  return { asOf, graduates, placements, orders, claims, budgets, funds, pairedParks, parkClusters };
}

/** The display name of every group of a dimension (so groups with no figures still get a row). */
export async function loadGroupNames(dimension: string): Promise<Map<string, string>> {
  const rows: Row[] = await (async () => {
    switch (dimension) {
      case "province":
        return [{ key: "360000", name: "江西省" }];
      case "city":
        return query(Prisma.sql`SELECT "code" AS "key", "name" FROM "City" ORDER BY "code"`);
      case "park":
        return query(Prisma.sql`SELECT "id" AS "key", "name" FROM "Park"`);
      case "cluster":
        return query(Prisma.sql`SELECT c."id" AS "key", c."name" || '（' || p."name" || '）' AS "name" FROM "Cluster" c JOIN "Park" p ON p."id" = c."parkId"`);
      case "college":
        return query(Prisma.sql`SELECT "id" AS "key", "name" FROM "College"`);
      case "base":
        return query(Prisma.sql`SELECT "id" AS "key", "name" FROM "TrainingBase"`);
      case "major_category":
        return query(Prisma.sql`SELECT "code" AS "key", "name" FROM "MajorCategory" WHERE CAST("code" AS INTEGER) BETWEEN 41 AND 59`);
      default:
        return [];
    }
  })();
  return new Map(rows.map((r) => [String(r.key), String(r.name)]));
}

