/**
 * Graduate roster import at 5,000 rows (issue 4: under 30 s, with progress): a fresh
 * migrated SQLite file, one college, the fixture majors, and a CSV of 5,000 valid
 * rows; reports the wall time and rows per second, and the time of a file of the
 * same size with one bad row at the end (refused, nothing written).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { identityCheckChar } from "../app/domain/ids/identity-number";

const ROWS = 5_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-bench-roster-"));
const file = path.join(dir, "bench.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.SESSION_SECRET ??= "bench-session-secret-0123456789abc";
process.env.PII_KEY ??= "bench-pii-key-0123456789abcdef0123";
execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "pipe" });

const { prisma } = await import("../app/utils/db.server");
const { importRoster } = await import("../app/services/labour/roster.server");
const { HIGHER_VOCATIONAL_MAJORS } = await import("../app/domain/catalogue/majors");

await prisma.city.create({ data: { code: "360100", name: "南昌市", lng: 115.892, lat: 28.676 } });
await prisma.majorCategory.create({ data: { code: "46", name: "装备制造大类", level: "高职" } });
await prisma.majorClass.create({ data: { code: "4601", name: "机械设计制造类", categoryCode: "46" } });
const majors = HIGHER_VOCATIONAL_MAJORS.filter((m) => m.code.startsWith("4601"));
await prisma.major.createMany({ data: majors.map((m) => ({ code: m.code, name: m.name, classCode: "4601", level: "高职" })) });
const college = await prisma.college.create({
  data: { schoolCode: "4136009999", name: "基准测试职业技术学院", level: "高职", cityCode: "360100", lng: 115.9, lat: 28.7 },
});
const account = await prisma.account.create({
  data: { login: "bench-college", role: "college", displayName: "基准", passwordHash: "x", collegeId: college.id },
});
const principal = {
  accountId: account.id, login: account.login, displayName: account.displayName, role: "college" as const,
  parkId: null, collegeId: college.id, enterpriseId: null, bureauId: null, graduateId: null, via: "session" as const,
};

function roster(offset: number, badLast: boolean): Uint8Array {
  const lines = ["姓名,身份证号,手机号,专业代码,学历层次,毕业日期,技能等级,技能标签,意向城市"];
  for (let i = 0; i < ROWS; i++) {
    const n = offset + i;
    const birth = `${2000 + (n % 6)}${String(1 + (Math.floor(n / 6) % 12)).padStart(2, "0")}${String(1 + (Math.floor(n / 72) % 28)).padStart(2, "0")}`;
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
console.log(`graduates in database: ${await prisma.graduate.count()}`);
await prisma.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
