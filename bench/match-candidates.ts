/**
 * Candidates for an order at province scale: the graduates index built from the
 * province database (300,000 graduates), then, for a spread of open orders, the
 * candidate list the page and the API serve — hard filters through the search
 * index, scoring and ranking in memory, the first page checked against the
 * database. p50/p95/p99 over every call, wall time and this process's CPU time (on a
 * shared machine the CPU time is what carries over); the target is p95 ≤ 30 ms (issue 22;
 * issue 14 asked for under 100 ms).
 */
import os from "node:os";
import { searchEngine } from "../search/engine.server";
import { INDEXES } from "../search/settings";
import { ensureIndexBuilt } from "../search/sync.server";
import { candidatesForOrder, recommendationsForGraduate } from "~/services/matching/matching.server";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { mb, ms, percentiles } from "./stats";

const ORDERS = 40;
const ROUNDS = 3;

const province: Principal = {
  accountId: 0, login: "bench", displayName: "bench", role: "province",
  parkId: null, collegeId: null, enterpriseId: null, bureauId: null, graduateId: null, via: "session",
};

async function benchMatchCandidates(): Promise<void> {
  const engine = searchEngine();
  const graduates = await prisma.graduate.count();
  let started = performance.now();
  await ensureIndexBuilt(engine, "graduates");
  const indexSeconds = (performance.now() - started) / 1000;
  const indexed = await engine.count(INDEXES.graduates);
  console.log(`\n== 订单候选人（省级规模，内置搜索引擎） ==`);
  console.log(`毕业生 ${graduates} 人，索引 ${indexed} 条；建立/核对 graduates 索引 ${indexSeconds.toFixed(1)} s`);

  const all = await prisma.order.findMany({ where: { status: "open" }, select: { id: true }, orderBy: { id: "asc" } });
  const step = Math.max(1, Math.floor(all.length / ORDERS));
  const sample = all.filter((_, i) => i % step === 0).slice(0, ORDERS).map((o) => o.id);
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let retrieved = 0;
  let ranked = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const orderId of sample) {
      started = performance.now();
      const cpu = process.cpuUsage();
      const result = await candidatesForOrder({ principal: province, orderId });
      samples.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      cpuSamples.push((used.user + used.system) / 1000);
      if (round === 0) {
        retrieved += result.retrieved;
        ranked += result.total;
      }
    }
  }
  const p = percentiles(samples);
  const c = percentiles(cpuSamples);
  console.log(`${sample.length} 个在招订单 × ${ROUNDS} 轮：平均每单经索引检索 ${Math.round(retrieved / sample.length)} 人、排序 ${Math.round(ranked / sample.length)} 人`);
  console.log(`候选人列表（检索 + 评分 + 排序 + 首页核对）p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  p99 ${ms(p.p99)}  max ${ms(p.max)}（目标 p95 ≤ 30 ms${p.p95 <= 30 ? "，达到" : "，未达到"}）`);
  console.log(`同上，本进程 CPU 时间 p50 ${ms(c.p50)}  p95 ${ms(c.p95)}  p99 ${ms(c.p99)}；机器负载 ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}`);

  const someGraduates = await prisma.graduate.findMany({ where: { status: "available" }, select: { id: true }, take: 20 });
  const rec: number[] = [];
  for (const g of someGraduates) {
    started = performance.now();
    await recommendationsForGraduate({ principal: province, graduateId: g.id });
    rec.push(performance.now() - started);
  }
  const r = percentiles(rec);
  console.log(`毕业生推荐（${rec.length} 人）p50 ${ms(r.p50)}  p95 ${ms(r.p95)}`);
  console.log(`进程峰值 RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
  await engine.close();
}

await benchMatchCandidates();
