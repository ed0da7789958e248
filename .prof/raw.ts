import Database from "better-sqlite3";
const db = new Database("bench/.data/province.db", { readonly: true });
const from = "2025-07-01T00:00:00.000+00:00", until = "2025-10-01T00:00:00.000+00:00";
const q = (label: string, sql: string, ...args: unknown[]) => {
  for (let i = 0; i < 2; i++) {
    const s = performance.now();
    const rows = db.prepare(sql).all(...args);
    console.log(`${label}: ${rows.length} ${(performance.now() - s).toFixed(0)} ms`);
  }
};
q("grad", `SELECT g."graduationDate" AS "graduatedOn", g."collegeId", c."cityCode" AS "collegeCity", g."majorCode", co."trainingBaseId" AS "baseId",
             fp."startDate" AS "firstStart", e."parkId" AS "firstPark", e."clusterId" AS "firstCluster"
        FROM "Graduate" g JOIN "College" c ON c."id" = g."collegeId" LEFT JOIN "Cohort" co ON co."id" = g."cohortId"
        LEFT JOIN (SELECT "graduateId", "startDate", "enterpriseId", ROW_NUMBER() OVER (PARTITION BY "graduateId" ORDER BY "startDate", "id") AS "nth" FROM "Placement") fp ON fp."graduateId" = g."id" AND fp."nth" = 1
        LEFT JOIN "Enterprise" e ON e."id" = fp."enterpriseId"
       WHERE g."graduationDate" < ? AND (fp."startDate" IS NULL OR fp."startDate" >= ?)`, until, from);
q("window only", `SELECT count(*) FROM (SELECT "graduateId", "startDate", "enterpriseId", ROW_NUMBER() OVER (PARTITION BY "graduateId" ORDER BY "startDate", "id") AS "nth" FROM "Placement")`);
q("grad count", `SELECT count(*) FROM Graduate g WHERE g."graduationDate" < ?`, until);
q("plac", `SELECT p."graduateId", p."startDate", p."endedOn", p."monthlyWageFen", p."majorRelevant", p."inProvincePark", e."parkId", e."clusterId", pk."cityCode",
             g."collegeId", g."majorCode", co."trainingBaseId" AS "baseId"
        FROM "Placement" p JOIN "Enterprise" e ON e."id" = p."enterpriseId" JOIN "Park" pk ON pk."id" = e."parkId"
        JOIN "Graduate" g ON g."id" = p."graduateId" LEFT JOIN "Cohort" co ON co."id" = g."cohortId"
       WHERE p."startDate" >= ? AND p."startDate" < ? ORDER BY p."startDate", p."id"`, from, until);
console.log(db.prepare(`select count(distinct graduationDate) a, count(distinct majorCode) b, count(distinct collegeId) c from Graduate`).all());
console.log(db.prepare(`select count(distinct substr(startDate,1,10)) from Placement`).all());
console.log(db.prepare(`EXPLAIN QUERY PLAN SELECT p."graduateId" FROM "Placement" p JOIN "Enterprise" e ON e."id" = p."enterpriseId" JOIN "Park" pk ON pk."id" = e."parkId"
        JOIN "Graduate" g ON g."id" = p."graduateId" LEFT JOIN "Cohort" co ON co."id" = g."cohortId"
       WHERE p."startDate" >= ? AND p."startDate" < ? ORDER BY p."startDate", p."id"`).all(from, until).map((r: any) => r.detail));
console.log("--- with mmap + cache");
db.pragma("mmap_size = 2000000000");
db.pragma("cache_size = -262144");
q("grad", `SELECT g."graduationDate" AS "graduatedOn", g."collegeId", c."cityCode" AS "collegeCity", g."majorCode", co."trainingBaseId" AS "baseId",
             fp."startDate" AS "firstStart", e."parkId" AS "firstPark", e."clusterId" AS "firstCluster"
        FROM "Graduate" g JOIN "College" c ON c."id" = g."collegeId" LEFT JOIN "Cohort" co ON co."id" = g."cohortId"
        LEFT JOIN (SELECT "graduateId", "startDate", "enterpriseId", ROW_NUMBER() OVER (PARTITION BY "graduateId" ORDER BY "startDate", "id") AS "nth" FROM "Placement") fp ON fp."graduateId" = g."id" AND fp."nth" = 1
        LEFT JOIN "Enterprise" e ON e."id" = fp."enterpriseId"
       WHERE g."graduationDate" < ? AND (fp."startDate" IS NULL OR fp."startDate" >= ?)`, until, from);
q("plac", `SELECT p."graduateId", p."startDate", p."endedOn", p."monthlyWageFen", p."majorRelevant", p."inProvincePark", e."parkId", e."clusterId", pk."cityCode",
             g."collegeId", g."majorCode", co."trainingBaseId" AS "baseId"
        FROM "Placement" p JOIN "Enterprise" e ON e."id" = p."enterpriseId" JOIN "Park" pk ON pk."id" = e."parkId"
        JOIN "Graduate" g ON g."id" = p."graduateId" LEFT JOIN "Cohort" co ON co."id" = g."cohortId"
       WHERE p."startDate" >= ? AND p."startDate" < ? ORDER BY p."startDate", p."id"`, from, until);
q("grad2", `SELECT g."graduationDate", g."collegeId", g."majorCode", g."cohortId", g.id FROM "Graduate" g
   WHERE g."graduationDate" < ? AND g.id NOT IN (SELECT "graduateId" FROM "Placement" WHERE "startDate" < ?)`, until, from);
q("plac-only", `SELECT p."graduateId", p."startDate", p."endedOn", p."monthlyWageFen", p."majorRelevant", p."inProvincePark", p.enterpriseId
        FROM "Placement" p WHERE p."startDate" >= ? AND p."startDate" < ? ORDER BY p."startDate", p."id"`, from, until);
