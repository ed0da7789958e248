import Database from "better-sqlite3";
const proto = Object.getPrototypeOf(new Database(":memory:").prepare("select 1"));
export const sqlTimes = new Map<string, { n: number; ms: number; rows: number }>();
for (const m of ["all", "run", "get"]) {
  const orig = proto[m];
  proto[m] = function (this: { source: string }, ...args: unknown[]) {
    const s = performance.now();
    const r = orig.apply(this, args);
    const key = this.source.replace(/\s+/g, " ").slice(0, 110);
    const e = sqlTimes.get(key) ?? { n: 0, ms: 0, rows: 0 };
    e.n++; e.ms += performance.now() - s; e.rows += Array.isArray(r) ? r.length : 0;
    sqlTimes.set(key, e);
    return r;
  };
}
export function printSql(min = 5) {
  const rows = [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).filter(([, e]) => e.ms >= min);
  for (const [k, e] of rows) console.log(`${e.ms.toFixed(0).padStart(6)} ms ${String(e.n).padStart(4)}× ${String(e.rows).padStart(7)} rows  ${k}`);
  const total = [...sqlTimes.values()].reduce((a, e) => a + e.ms, 0);
  console.log(`total SQL ${total.toFixed(0)} ms in ${[...sqlTimes.values()].reduce((a, e) => a + e.n, 0)} statements`);
  sqlTimes.clear();
}
