import Database from "better-sqlite3";
const db = new Database(process.argv[2]!, { readonly: true });
if (process.argv[3]) { db.pragma(`mmap_size = ${process.argv[3]}`); if (process.argv[4]) db.pragma(`cache_size = ${process.argv[4]}`); console.log(db.pragma("mmap_size"), db.pragma("cache_size")); }
const from = "2025-07-01T00:00:00.000+00:00", until = "2025-10-01T00:00:00.000+00:00";
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const q = (label: string, sql: string, ...args: unknown[]) => {
  const st = db.prepare(sql);
  const res: string[] = [];
  let n = 0;
  for (let i = 0; i < 3; i++) {
    const s = performance.now(), c = cpu();
    n = st.raw().all(...args).length;
    res.push(`${(performance.now() - s).toFixed(0)}/${(cpu() - c).toFixed(0)}`);
  }
  console.log(`${label}: ${n} rows, wall/cpu ms ${res.join(" ")}  | ${db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args).map((r: any) => r.detail).join(" | ")}`);
};
q("U", `SELECT g."graduationDate" AS "graduatedOn", g."collegeId", g."majorCode", g."cohortId", COUNT(*) AS "count"
        FROM "Graduate" g
       WHERE g."graduationDate" < ?
         AND NOT EXISTS (SELECT 1 FROM "Placement" p WHERE p."graduateId" = g."id" AND p."startDate" < ?)
       GROUP BY g."graduationDate", g."collegeId", g."majorCode", g."cohortId"`, until, until);
q("P", `SELECT p."graduateId", p."startDate", p."endedOn", p."monthlyWageFen", p."majorRelevant", p."inProvincePark", e."parkId", e."clusterId", pk."cityCode",
             g."collegeId", g."majorCode", g."cohortId", g."graduationDate",
             CASE WHEN g."graduationDate" < ?
                   AND NOT EXISTS (SELECT 1 FROM "Placement" q WHERE q."graduateId" = p."graduateId" AND q."startDate" < ?)
                  THEN 1 ELSE 0 END AS "supply"
        FROM "Placement" p
        JOIN "Enterprise" e ON e."id" = p."enterpriseId"
        JOIN "Park" pk ON pk."id" = e."parkId"
        JOIN "Graduate" g ON g."id" = p."graduateId"
       WHERE p."startDate" >= ? AND p."startDate" < ?
       ORDER BY p."startDate", p."id"`, until, from, from, until);
q("P-nog", `SELECT p."graduateId", p."startDate", p."endedOn", p."monthlyWageFen", p."majorRelevant", p."inProvincePark", e."parkId", e."clusterId", pk."cityCode"
        FROM "Placement" p
        JOIN "Enterprise" e ON e."id" = p."enterpriseId"
        JOIN "Park" pk ON pk."id" = e."parkId"
       WHERE p."startDate" >= ? AND p."startDate" < ?
       ORDER BY p."startDate", p."id"`, from, until);
q("P-only", `SELECT p."graduateId", p."startDate", p."endedOn", p."monthlyWageFen", p."majorRelevant", p."inProvincePark", p.enterpriseId
        FROM "Placement" p WHERE p."startDate" >= ? AND p."startDate" < ? ORDER BY p."startDate", p."id"`, from, until);
q("P-count", `SELECT count(*) FROM "Placement" p WHERE p."startDate" >= ? AND p."startDate" < ?`, from, until);
