import Database from "better-sqlite3";
process.env.DATABASE_URL ??= `file:${process.cwd()}/bench/.data/province.db`;
process.env.PII_KEY ??= "bench-pii-key-0123456789abcdef0123456789";
process.env.SESSION_SECRET ??= "bench-session-secret-0123456789";
const { prisma } = await import("../app/utils/db.server");
const { Prisma } = await import("../app/generated/prisma/client");
const { parsePeriod } = await import("../app/domain/reports/placements");
const { loadReportFacts } = await import("../app/services/reports/facts.server");
const { dateOf, addCalendarDays } = await import("../app/domain/subsidy/calendar");
const period = parsePeriod("2025-Q3")!;
const from = dateOf(period.start);
const until = dateOf(addCalendarDays(period.end, 1));
const t = async (label: string, f: () => Promise<unknown[]>) => {
  const s = performance.now();
  const rows = await f();
  console.log(`${label}: ${rows.length} rows ${(performance.now() - s).toFixed(0)} ms`);
  return rows;
};
await t("warm", () => prisma.$queryRaw`SELECT 1`);
for (let i = 0; i < 2; i++) {
  await t("grad", () => prisma.$queryRaw(Prisma.sql`
      SELECT g."graduationDate" AS "graduatedOn", g."collegeId", c."cityCode" AS "collegeCity", g."majorCode", co."trainingBaseId" AS "baseId",
             fp."startDate" AS "firstStart", e."parkId" AS "firstPark", e."clusterId" AS "firstCluster"
        FROM "Graduate" g
        JOIN "College" c ON c."id" = g."collegeId"
        LEFT JOIN "Cohort" co ON co."id" = g."cohortId"
        LEFT JOIN (
          SELECT "graduateId", "startDate", "enterpriseId",
                 ROW_NUMBER() OVER (PARTITION BY "graduateId" ORDER BY "startDate", "id") AS "nth"
            FROM "Placement"
        ) fp ON fp."graduateId" = g."id" AND fp."nth" = 1
        LEFT JOIN "Enterprise" e ON e."id" = fp."enterpriseId"
       WHERE g."graduationDate" < ${until} AND (fp."startDate" IS NULL OR fp."startDate" >= ${from})`));
  await t("plac", () => prisma.$queryRaw(Prisma.sql`
      SELECT p."graduateId", p."startDate", p."endedOn", p."monthlyWageFen", p."majorRelevant", p."inProvincePark", e."parkId", e."clusterId", pk."cityCode",
             g."collegeId", g."majorCode", co."trainingBaseId" AS "baseId"
        FROM "Placement" p
        JOIN "Enterprise" e ON e."id" = p."enterpriseId"
        JOIN "Park" pk ON pk."id" = e."parkId"
        JOIN "Graduate" g ON g."id" = p."graduateId"
        LEFT JOIN "Cohort" co ON co."id" = g."cohortId"
       WHERE p."startDate" >= ${from} AND p."startDate" < ${until}
       ORDER BY p."startDate", p."id"`));
  await t("orders", () => prisma.$queryRaw(Prisma.sql`
      SELECT o."startDate", o."quantity", e."parkId", e."clusterId", pk."cityCode", o."collegeId", o."majorCode", o."trainingBaseId" AS "baseId",
             COALESCE(f."filled", 0) AS "filled"
        FROM "Order" o
        JOIN "Enterprise" e ON e."id" = o."enterpriseId"
        JOIN "Park" pk ON pk."id" = e."parkId"
        LEFT JOIN (SELECT "orderId", COUNT(DISTINCT "graduateId") AS "filled" FROM "Placement"
                    WHERE "orderId" IS NOT NULL AND "startDate" < ${until} GROUP BY "orderId") f ON f."orderId" = o."id"
       WHERE o."status" <> 'draft' AND o."startDate" >= ${from} AND o."startDate" < ${until}`));
  const s = performance.now();
  await loadReportFacts(period);
  console.log(`loadReportFacts ${(performance.now() - s).toFixed(0)} ms`);
}
// raw better-sqlite3 for the graduates query
const db = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""), { readonly: true });
const sql = `SELECT g."graduationDate" AS "graduatedOn", g."collegeId", c."cityCode" AS "collegeCity", g."majorCode", co."trainingBaseId" AS "baseId",
             fp."startDate" AS "firstStart", e."parkId" AS "firstPark", e."clusterId" AS "firstCluster"
        FROM "Graduate" g JOIN "College" c ON c."id" = g."collegeId" LEFT JOIN "Cohort" co ON co."id" = g."cohortId"
        LEFT JOIN (SELECT "graduateId", "startDate", "enterpriseId", ROW_NUMBER() OVER (PARTITION BY "graduateId" ORDER BY "startDate", "id") AS "nth" FROM "Placement") fp ON fp."graduateId" = g."id" AND fp."nth" = 1
        LEFT JOIN "Enterprise" e ON e."id" = fp."enterpriseId"
       WHERE g."graduationDate" < ? AND (fp."startDate" IS NULL OR fp."startDate" >= ?)`;
for (let i = 0; i < 2; i++) {
  const s = performance.now();
  const rows = db.prepare(sql).all(until.getTime(), from.getTime());
  console.log(`raw grad: ${rows.length} ${(performance.now() - s).toFixed(0)} ms`);
}
console.log(db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(until.getTime(), from.getTime()));
console.log(db.prepare(`select typeof(graduationDate), graduationDate from Graduate limit 1`).all());
await prisma.$disconnect();
