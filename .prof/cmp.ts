import Database from "better-sqlite3";
const file = process.argv[2] ?? "bench/.data/exp.db";
const db = new Database(file);
const from = "2025-07-01T00:00:00.000+00:00", until = "2025-10-01T00:00:00.000+00:00";
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const q = (label: string, sql: string, ...args: unknown[]) => {
  const st = db.prepare(sql);
  const res: string[] = [];
  let n = 0;
  for (let i = 0; i < 3; i++) {
    const s = performance.now(), c = cpu();
    n = st.all(...args).length;
    res.push(`${(performance.now() - s).toFixed(0)}/${(cpu() - c).toFixed(0)}`);
  }
  console.log(`${label}: ${n} rows, wall/cpu ms ${res.join(" ")}`);
};
const G1 = `SELECT g."graduationDate" AS "graduatedOn", g."collegeId", c."cityCode" AS "collegeCity", g."majorCode", co."trainingBaseId" AS "baseId",
             fp."startDate" AS "firstStart", e."parkId" AS "firstPark", e."clusterId" AS "firstCluster"
        FROM "Graduate" g JOIN "College" c ON c."id" = g."collegeId" LEFT JOIN "Cohort" co ON co."id" = g."cohortId"
        LEFT JOIN (SELECT "graduateId", "startDate", "enterpriseId", ROW_NUMBER() OVER (PARTITION BY "graduateId" ORDER BY "startDate", "id") AS "nth" FROM "Placement") fp ON fp."graduateId" = g."id" AND fp."nth" = 1
        LEFT JOIN "Enterprise" e ON e."id" = fp."enterpriseId"
       WHERE g."graduationDate" < ? AND (fp."startDate" IS NULL OR fp."startDate" >= ?)`;
const G2 = `SELECT g."id", g."graduationDate", g."collegeId", g."majorCode", g."cohortId" FROM "Graduate" g
   WHERE g."graduationDate" < ? AND NOT EXISTS (SELECT 1 FROM "Placement" p WHERE p."graduateId" = g."id" AND p."startDate" < ?)`;
const G3 = `SELECT g."id", g."graduationDate", g."collegeId", g."majorCode", co."trainingBaseId" FROM "Graduate" g LEFT JOIN "Cohort" co ON co."id" = g."cohortId"
   WHERE g."graduationDate" < ? AND NOT EXISTS (SELECT 1 FROM "Placement" p WHERE p."graduateId" = g."id" AND p."startDate" < ?)`;
const P1 = `SELECT p."graduateId", p."startDate", p."endedOn", p."monthlyWageFen", p."majorRelevant", p."inProvincePark", e."parkId", e."clusterId", pk."cityCode",
             g."collegeId", g."majorCode", co."trainingBaseId" AS "baseId"
        FROM "Placement" p JOIN "Enterprise" e ON e."id" = p."enterpriseId" JOIN "Park" pk ON pk."id" = e."parkId"
        JOIN "Graduate" g ON g."id" = p."graduateId" LEFT JOIN "Cohort" co ON co."id" = g."cohortId"
       WHERE p."startDate" >= ? AND p."startDate" < ? ORDER BY p."startDate", p."id"`;
const P2 = `SELECT p."graduateId", p."startDate", p."endedOn", p."monthlyWageFen", p."majorRelevant", p."inProvincePark", e."parkId", e."clusterId", pk."cityCode"
        FROM "Placement" p JOIN "Enterprise" e ON e."id" = p."enterpriseId" JOIN "Park" pk ON pk."id" = e."parkId"
       WHERE p."startDate" >= ? AND p."startDate" < ? ORDER BY p."startDate", p."id"`;
q("G1", G1, until, from); q("G2", G2, until, from); q("G3", G3, until, from); q("P1", P1, from, until); q("P2", P2, from, until);
for (const s of [G2, P1]) console.log(db.prepare(`EXPLAIN QUERY PLAN ${s}`).all(until, from).map((r: any) => r.detail).join(" | "));
if (process.argv[3] === "index") {
  const s = performance.now();
  db.exec(`CREATE INDEX IF NOT EXISTS "Graduate_graduationDate_report_idx" ON "Graduate"("graduationDate", "collegeId", "majorCode", "cohortId");
           CREATE INDEX IF NOT EXISTS "Placement_graduateId_startDate_idx" ON "Placement"("graduateId", "startDate");`);
  console.log(`indexes ${(performance.now() - s).toFixed(0)} ms`);
  db.exec("ANALYZE");
  q("G1", G1, until, from); q("G2", G2, until, from); q("G3", G3, until, from); q("P1", P1, from, until);
  for (const s of [G2, G3, P1]) console.log(db.prepare(`EXPLAIN QUERY PLAN ${s}`).all(until, from).map((r: any) => r.detail).join(" | "));
}
