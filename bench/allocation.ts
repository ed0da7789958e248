/**
 * A 定向分配 round at province scale, in memory: 300,000 graduates with 10 choices
 * each over 20,000 orders holding 200,000 places. Times the three steps the service
 * runs (score every choice with the real scorer, draw the lottery and build
 * priorities, deferred acceptance), checks capacities and that a re-run from the
 * same seed gives the same result, and reports the peak RSS.
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { runDeferredAcceptance } from "~/domain/allocation/deferred-acceptance";
import { drawLottery, priorityOf, seededRandom } from "~/domain/allocation/lottery";
import { solveScoredRound } from "~/domain/allocation/round";
import { DEFAULT_MATCHING_POLICY, exclusionsOf, prepareCandidate, prepareTarget, scoreValue, type MatchCandidate, type MatchTarget } from "~/domain/matching/score";
import { runAllocationRound } from "~/services/allocation/rounds.server";
import { closeBenchHandles } from "./finish";
import { openDemoStore } from "../prisma/demo/store";

const GRADUATES = 300_000;
const ORDERS = 20_000;
const PLACES = 200_000;
const CHOICES = 10;

const MAJORS = ["460101", "460102", "460103", "460110", "460301", "460305", "460306", "460701", "460702", "510101", "510102", "510103", "510201", "510202", "510203", "470201", "520201", "660103", "660301"];
const SKILLS = ["数控编程", "CAD", "PLC", "焊接", "电工", "钳工", "质检", "装配", "机器人运维", "Python", "网络", "护理"];
const CITIES = ["360100", "360200", "360300", "360400", "360500", "360600", "360700", "360800", "360900", "361000", "361100"];

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(2);

function main() {
  const random = seededRandom("bench-allocation");
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const some = <T,>(list: readonly T[], n: number) => Array.from({ length: n }, () => pick(list));

  let t = performance.now();
  // 200,000 places over 20,000 orders: quantities 1 … 19 around the mean of 10.
  const capacity = new Int32Array(ORDERS);
  for (let o = 0; o < ORDERS; o++) capacity[o] = 1 + Math.floor(random() * 19);
  let total = capacity.reduce((s, c) => s + c, 0);
  for (let o = 0; total !== PLACES; o = (o + 1) % ORDERS) {
    const step = total < PLACES ? 1 : capacity[o]! > 1 ? -1 : 0;
    capacity[o] = capacity[o]! + step;
    total += step;
  }
  const targets: MatchTarget[] = Array.from({ length: ORDERS }, () => ({
    majorCode: pick(MAJORS.slice(0, 17)),
    skills: some(SKILLS, 1 + Math.floor(random() * 3)),
    level: random() < 0.2 ? 3 : 4,
    city: pick(CITIES),
    parkPairedColleges: some(["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"], 2),
  }));
  const byCategory = new Map<string, number[]>();
  targets.forEach((o, i) => byCategory.set(o.majorCode!.slice(0, 2), [...(byCategory.get(o.majorCode!.slice(0, 2)) ?? []), i]));
  const graduates: MatchCandidate[] = Array.from({ length: GRADUATES }, (_, i) => ({
    id: i,
    majorCode: pick(MAJORS),
    skills: some(SKILLS, 1 + Math.floor(random() * 4)),
    certificateLevel: random() < 0.3 ? 3 : random() < 0.8 ? 4 : null,
    preferredCities: some(CITIES, 1 + Math.floor(random() * 2)),
    willingToRelocate: random() < 0.5,
    college: `c${1 + Math.floor(random() * 20)}`,
  }));
  // Ten distinct choices each, mostly orders of the graduate's own category.
  const prefStart = new Int32Array(GRADUATES + 1);
  const prefOrder = new Int32Array(GRADUATES * CHOICES);
  for (let g = 0; g < GRADUATES; g++) {
    const category = String(Number(graduates[g]!.majorCode.slice(0, 2)) - (graduates[g]!.majorCode.startsWith("6") ? 20 : 0));
    const own = byCategory.get(category) ?? [];
    const chosen = new Set<number>();
    while (chosen.size < CHOICES) chosen.add(own.length > 0 && random() < 0.8 ? pick(own) : Math.floor(random() * ORDERS));
    let k = g * CHOICES;
    for (const o of chosen) prefOrder[k++] = o;
    prefStart[g + 1] = k;
  }
  console.log(`\n== 定向分配轮次：${GRADUATES} 名毕业生 × ${CHOICES} 个志愿，${ORDERS} 个订单共 ${PLACES} 个名额 ==`);
  console.log(`生成实例 ${seconds(t)} s`);

  t = performance.now();
  const scoreCpu = process.cpuUsage();
  const prefScore = new Float64Array(prefOrder.length);
  let excluded = 0;
  const preparedTargets = targets.map(prepareTarget);
  for (let g = 0; g < GRADUATES; g++) {
    const candidate = prepareCandidate(graduates[g]!);
    for (let k = prefStart[g]!; k < prefStart[g + 1]!; k++) {
      const target = preparedTargets[prefOrder[k]!]!;
      if (exclusionsOf(target.target, candidate.candidate).length > 0) {
        prefScore[k] = -1;
        excluded++;
      } else {
        prefScore[k] = scoreValue(target, candidate, DEFAULT_MATCHING_POLICY);
      }
    }
  }
  const scoreSeconds = seconds(t);
  const scoreCpuUsed = process.cpuUsage(scoreCpu);
  console.log(`评分 ${prefOrder.length} 个志愿（其中 ${excluded} 个不满足硬性条件）：${scoreSeconds} s（CPU ${((scoreCpuUsed.user + scoreCpuUsed.system) / 1e6).toFixed(2)} s）`);

  t = performance.now();
  const lottery = drawLottery("round-seed", GRADUATES);
  const prefPriority = new Float64Array(prefOrder.length);
  for (let g = 0; g < GRADUATES; g++) {
    for (let k = prefStart[g]!; k < prefStart[g + 1]!; k++) prefPriority[k] = prefScore[k]! < 0 ? -1 : priorityOf(prefScore[k]!, lottery[g]!, GRADUATES);
  }
  console.log(`抽签并计算优先级：${seconds(t)} s`);

  t = performance.now();
  const assigned = runDeferredAcceptance({ graduateCount: GRADUATES, capacity, prefStart, prefOrder, prefPriority });
  const daSeconds = seconds(t);
  const matched = assigned.reduce((s, o) => s + (o >= 0 ? 1 : 0), 0);
  const filled = new Int32Array(ORDERS);
  for (const o of assigned) if (o >= 0) filled[o]!++;
  const overfull = filled.reduce((s, f, o) => s + (f > capacity[o]! ? 1 : 0), 0);
  console.log(`延迟接受算法：${daSeconds} s；分配 ${matched} 人，未分配 ${GRADUATES - matched} 人，超额订单 ${overfull} 个`);

  t = performance.now();
  const whole = solveScoredRound({ graduateCount: GRADUATES, capacity, prefStart, prefOrder, prefScore, seed: "round-seed" });
  const rerunSeconds = seconds(t);
  const same = whole.assigned.every((o, g) => o === assigned[g]);
  console.log(`用同一种子重算（抽签 + 优先级 + 算法）：${rerunSeconds} s，结果${same ? "相同" : "不同！"}`);

  const peak = process.resourceUsage().maxRSS / 1024;
  const cpu = process.cpuUsage();
  console.log(
    `评分 + 分配合计约 ${(Number(scoreSeconds) + Number(rerunSeconds)).toFixed(2)} s（目标 ≤ 2 s；issue 14 为 < 10 s）；进程峰值 RSS ${peak.toFixed(0)} MB（目标 ≤ 500 MB）；` +
      `本进程 CPU 时间合计（含生成实例）${((cpu.user + cpu.system) / 1e6).toFixed(2)} s；机器负载 ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}`,
  );
  if (!same || overfull > 0) process.exitCode = 1;
}

/**
 * The same through the database, on the province data: every open order in one
 * round, every available graduate with ten choices (mostly of their own category),
 * written straight into the tables; then the service's run (read, score, solve,
 * store the assignments). The round's rows are removed afterwards.
 */
async function throughTheDatabase() {
  // SQLite or PostgreSQL, whichever `npm run bench` gives (bench/province-db.ts): SQL with `?` and quoted names.
  const db = await openDemoStore(process.env.DATABASE_URL!);
  const random = seededRandom("bench-allocation-db");
  const orders = (await db.all<{ id: number; category: string }>(`SELECT "id", substr("majorCode", 1, 2) AS "category" FROM "Order" WHERE "status" = 'open' AND "quantity" > "quantityFilled" ORDER BY "id"`)).map((o) => ({ ...o, id: Number(o.id) }));
  const graduates = (await db.all<{ id: number; majorCode: string }>(`SELECT "id", "majorCode" FROM "Graduate" WHERE "status" = 'available' ORDER BY "id"`)).map((g) => ({ ...g, id: Number(g.id) }));
  const account = Number((await db.all<{ id: number }>(`SELECT "id" FROM "Account" WHERE "role" = 'province' LIMIT 1`))[0]!.id);
  const byCategory = new Map<string, number[]>();
  for (const o of orders) byCategory.set(o.category, [...(byCategory.get(o.category) ?? []), o.id]);
  let roundId = 0;
  let t = performance.now();
  let preferences = 0;
  // Rows go in 500 at a time (one statement each), the same on both databases.
  const insertMany = async (table: string, columns: string[], rows: (string | number)[][]) => {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = chunk.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
      await db.run(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${values}`, chunk.flat());
    }
  };
  await db.transaction(async () => {
    const now = new Date();
    roundId = Number(
      (await db.all<{ id: number }>(`INSERT INTO "AllocationRound" ("title", "deadline", "seed", "status", "createdById", "createdAt") VALUES ('基准测试轮次', ?, 'bench-seed', 'open', ?, ?) RETURNING "id"`, [now, account, now]))[0]!.id,
    );
    await insertMany("AllocationRoundOrder", ["roundId", "orderId"], orders.map((o) => [roundId, o.id]));
    const rows: number[][] = [];
    for (const g of graduates) {
      const category = String(Number(g.majorCode.slice(0, 2)) - (g.majorCode.startsWith("6") ? 20 : 0));
      const own = byCategory.get(category) ?? [];
      const chosen = new Set<number>();
      while (chosen.size < Math.min(CHOICES, orders.length)) {
        chosen.add(own.length > 0 && random() < 0.8 ? own[Math.floor(random() * own.length)]! : orders[Math.floor(random() * orders.length)]!.id);
      }
      let rank = 1;
      for (const orderId of chosen) rows.push([roundId, g.id, orderId, rank++]);
      preferences += chosen.size;
    }
    await insertMany("AllocationPreference", ["roundId", "graduateId", "orderId", "rank"], rows);
  });
  console.log(`\n== 同一算法经数据库（省级演示数据，${db.label.startsWith("postgres") ? "PostgreSQL" : "SQLite"}）：${graduates.length} 名待就业毕业生 × ${CHOICES} 个志愿，${orders.length} 个在招订单 ==`);
  console.log(`写入轮次与 ${preferences} 条志愿：${seconds(t)} s`);
  try {
    t = performance.now();
    const runCpu = process.cpuUsage();
    const outcome = await runAllocationRound({ roundId });
    const runCpuUsed = process.cpuUsage(runCpu);
    console.log(`runAllocationRound（读取、评分、分配、写入结果）：${seconds(t)} s（CPU ${((runCpuUsed.user + runCpuUsed.system) / 1e6).toFixed(2)} s，目标 ≤ 3 s）；${JSON.stringify(outcome)}`);
    const cpu = process.cpuUsage();
    console.log(`进程峰值 RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB（目标 ≤ 600 MB）；本进程 CPU 时间合计 ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s；机器负载 ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}`);
  } finally {
    await db.transaction(async () => {
      for (const table of ["AllocationAssignment", "AllocationPreference", "AllocationRoundOrder"]) await db.run(`DELETE FROM "${table}" WHERE "roundId" = ?`, [roundId]);
      await db.run(`DELETE FROM "AllocationRound" WHERE "id" = ?`, [roundId]);
    });
    await db.close();
    await closeBenchHandles();
  }
}

// The database part runs in a process of its own, so that each part's peak RSS is its own
// (issue 22: ≤ 500 MB in memory, ≤ 600 MB through the database).
if (process.argv[2] === "--database") {
  await throughTheDatabase();
} else {
  main();
  execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--database"], { stdio: "inherit", env: process.env });
}
