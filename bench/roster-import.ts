/**
 * Graduate roster import at 5,000 rows (issue 4: under 30 s, with progress), on a
 * private copy of the province-scale database (DATABASE_URL, given by bench/index.ts),
 * so that duplicates are looked up among its graduates: first a file with one bad row
 * at the end (refused, nothing written), then the same file made good (imported).
 */
import { closeBenchHandles } from "./finish";
import { privateProvinceCopy } from "./province-db";
import { identityCheckChar } from "../app/domain/ids/identity-number";

const ROWS = 5_000;
const copy = await privateProvinceCopy("roster");

const { prisma } = await import("../app/utils/db.server");
const { importRoster } = await import("../app/services/labour/roster.server");

const college = await prisma.college.findFirstOrThrow({ where: { level: "高职" }, orderBy: { id: "asc" } });
const majors = await prisma.major.findMany({ where: { level: "高职" }, select: { code: true }, take: 20 });
const account = await prisma.account.create({
  data: { login: "bench-roster-college", role: "college", displayName: "基准", passwordHash: "x", collegeId: college.id },
});
const principal = {
  accountId: account.id, login: account.login, displayName: account.displayName, role: "college" as const,
  parkId: null, collegeId: college.id, enterpriseId: null, bureauId: null, graduateId: null, via: "session" as const,
};
const before = await prisma.graduate.count();

function roster(offset: number, badLast: boolean): Uint8Array {
  const lines = ["姓名,身份证号,手机号,专业代码,学历层次,毕业日期,技能等级,技能标签,意向城市"];
  for (let i = 0; i < ROWS; i++) {
    const n = offset + i;
    const birth = `${1990 + (n % 6)}${String(1 + (Math.floor(n / 6) % 12)).padStart(2, "0")}${String(1 + (Math.floor(n / 72) % 28)).padStart(2, "0")}`;
    // Born 1990–1995: the demo generator's graduates are born 1999–2006, so no number repeats one of theirs.
    const first17 = `360102${birth}${String(Math.floor(n / 2016) % 1000).padStart(3, "0")}`;
    const id = badLast && i === ROWS - 1 ? "360102200001010000" : first17 + identityCheckChar(first17);
    lines.push(`学生${n},${id},138${String(n).padStart(8, "0")},${majors[n % majors.length]!.code},高职,2026-06-30,四级,数控、CAD,南昌`);
  }
  return new TextEncoder().encode(lines.join("\n"));
}

async function timed(label: string, bytes: Uint8Array) {
  const start = performance.now();
  const result = await importRoster({ principal, fileName: `${label}.csv`, bytes });
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label.padEnd(22)} ${result.status.padEnd(8)} rows ${ROWS}  ${seconds.toFixed(2)} s  ${Math.round(ROWS / seconds)} rows/s  problems ${result.problems.length}`);
  return result;
}

console.log(`roster import, ${ROWS} rows (${(roster(0, false).byteLength / 1024).toFixed(0)} KiB CSV)`);
await timed("refused (1 bad row)", roster(0, true));
await timed("imported", roster(0, false));
console.log(`graduates in database: ${before} before, ${await prisma.graduate.count()} after`);
await closeBenchHandles();
await copy.drop();
