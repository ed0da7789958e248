/**
 * The site under load (issue 22): the production build (`npm run build` first; set
 * BENCH_SKIP_BUILD=1 to reuse build/) served by scripts/server.mjs with WEB_CONCURRENCY
 * web processes (default: one per core, as `npm start`), on a private copy of the
 * province database. autocannon drives each endpoint at 10 and 50 connections
 * (BENCH_HTTP_SECONDS each, default 10) and prints req/s and p50/p95/p99 (latencies of
 * every response, recorded here); then every navigation page of every role, and the
 * first detail page each links to, is fetched alone (3 times, median) and the slowest
 * twenty are printed (target ≤ 300 ms each).
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { freePort, stopProcess } from "../tests/setup/processes";
import { closeBenchHandles } from "./finish";
import { MiniSearchPeer } from "./minisearch-peer";
import { percentiles } from "./stats";

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = [10, 50];
const PAGE_TARGET_MS = 300;
const WEB_PROCESSES = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());

const source = (process.env.DATABASE_URL ?? "").replace(/^file:/, "");
if (!fs.existsSync(source)) throw new Error("run through `npm run bench`, which provides the province database");
const sourceSearch = `${path.resolve(source).replace(/\.db$/, "")}.search.db`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-bench-http-"));
const file = path.join(dir, "province.db");
const searchFile = path.join(dir, "province.search.db");
fs.copyFileSync(source, file);
if (fs.existsSync(sourceSearch)) fs.copyFileSync(sourceSearch, searchFile);
process.env.DATABASE_URL = `file:${file}`;
delete process.env.SEARCH_DB_FILE;

const load = () => os.loadavg().map((n) => n.toFixed(2)).join(" ");
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

if (process.env.BENCH_SKIP_BUILD !== "1") {
  const t = performance.now();
  execFileSync("npm", ["run", "build"], { stdio: "pipe" });
  console.log(`npm run build: ${seconds(t)} s`);
}

const { prisma } = await import("../app/utils/db.server");
const { startSession } = await import("../app/utils/session.server");
const { createApiToken } = await import("../app/services/accounts/api-tokens.server");
const { searchEngine } = await import("../search/engine.server");
const { ensureIndexBuilt } = await import("../search/sync.server");
const { NAVIGATION } = await import("../app/utils/navigation");
const { readJobSearch, searchJobs } = await import("../app/services/search/job-search.server");
const { allSearchDocuments } = await import("../search/documents.server");
const { INDEXES } = await import("../search/settings");
const { ROLES } = await import("../app/domain/constants");

// The indexes the pages read, built once and kept beside the province database for the next run.
let t = performance.now();
const engine = searchEngine();
for (const index of ["jobs", "orders", "graduates", "cohorts"] as const) await ensureIndexBuilt(engine, index);

// Two filter values with many jobs, from the facets of a search for 数控.
const searchOf = async (qs: string) => searchJobs({ query: await readJobSearch(new URLSearchParams(qs), { strict: true }) });
const facets = (await searchOf("q=数控")).facets;
const most = (key: keyof typeof facets) => [...facets[key]].filter((o) => o.value !== "0").sort((a, b) => b.count - a.count)[0]!.value;
const city = most("city");
const level = most("level");
const SEARCH_SHAPES = [
  { name: "q=数控", qs: "q=数控" },
  { name: "q=数控 + city", qs: `q=数控&city=${city}` },
  { name: "city + level, by wage", qs: `city=${city}&level=${level}&sort=wage` },
];

/**
 * Peers in the same run (issue 22, item 6): the engine requests the search API makes
 * for each shape (recorded from the job search service), timed in this process on the
 * embedded engine and on MiniSearch doing the same job, before the server starts.
 */
const PEER_ROUNDS = 20;
const jobDocuments = [];
for await (const batch of allSearchDocuments("jobs", 5_000)) jobDocuments.push(...batch);
t = performance.now();
const peer = new MiniSearchPeer(jobDocuments);
console.log(`
peer: MiniSearch over the same ${jobDocuments.length} open jobs, built in ${seconds(t)} s; engine requests per search API call, in-process, ${PEER_ROUNDS} rounds (load ${load()}):`);
console.log(`${"search API shape".padEnd(40)} requests  engine p50     p95  MiniSearch p50     p95  ratio p50  p95`);
for (const shape of SEARCH_SHAPES) {
  const requests: Parameters<typeof engine.search>[1][] = [];
  const search = engine.search.bind(engine);
  engine.search = (index, request) => {
    requests.push(request);
    return search(index, request);
  };
  await searchOf(shape.qs);
  engine.search = search;
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < PEER_ROUNDS; round++) {
    let started = performance.now();
    for (const request of requests) await engine.search(INDEXES.jobs, request);
    ours.push(performance.now() - started);
    started = performance.now();
    for (const request of requests) peer.search(request);
    theirs.push(performance.now() - started);
  }
  const o = percentiles(ours);
  const m = percentiles(theirs);
  console.log(
    `${shape.name.padEnd(40)} ${String(requests.length).padStart(8)} ${o.p50.toFixed(2).padStart(8)} ms ${o.p95.toFixed(2).padStart(6)} ms ${m.p50.toFixed(2).padStart(10)} ms ${m.p95.toFixed(2).padStart(6)} ms ${(o.p50 / m.p50).toFixed(2).padStart(7)}× ${(o.p95 / m.p95).toFixed(2).padStart(5)}×`,
  );
}
await engine.close();
fs.copyFileSync(searchFile, sourceSearch);
console.log(`search indexes ready in ${seconds(t)} s`);

type Caller = { role: string; login: string; cookie: string; token: string };
const callers = new Map<string, Caller>();
for (const role of ROLES) {
  const account = await prisma.account.findFirstOrThrow({ where: { login: role } });
  const cookie = (await startSession(account.id)).split(";")[0]!;
  const { token } = await createApiToken({ accountId: account.id, name: "bench-http" });
  callers.set(role, { role, login: account.login, cookie, token });
}
const order = await prisma.order.findFirstOrThrow({
  where: { enterpriseId: (await prisma.account.findUniqueOrThrow({ where: { login: "enterprise" } })).enterpriseId!, status: "open" },
  orderBy: { id: "asc" },
});

const port = Number(process.env.BENCH_HTTP_PORT ?? (await freePort()));
const base = `http://127.0.0.1:${port}`;
const server = spawn("node", ["scripts/server.mjs", "build/index.js"], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", WEB_CONCURRENCY: String(WEB_PROCESSES), COOKIE_SECURE: "false" },
  stdio: ["ignore", "ignore", "inherit"],
});
t = performance.now();
for (;;) {
  if (server.exitCode !== null) throw new Error(`the web server exited with ${server.exitCode}`);
  const ready = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
  if (ready) break;
  if (performance.now() - t > 120_000) throw new Error("the web server did not answer within 120 s");
  await new Promise((r) => setTimeout(r, 250));
}
process.on("exit", () => server.exitCode === null && server.kill("SIGKILL"));
console.log(`production build on the province database: ${WEB_PROCESSES} web process(es), listening after ${seconds(t)} s; load average ${load()}`);

/** CPU seconds the web processes (the primary and its children) have used so far. */
function serverCpuSeconds(): number {
  const pids = [server.pid!, ...fs.readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number)];
  let ticks = 0;
  for (const pid of pids) {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return ticks / 100;
}

const as = (role: string, via: "cookie" | "token"): Record<string, string> => {
  const caller = callers.get(role)!;
  return via === "cookie" ? { Cookie: caller.cookie } : { Authorization: `Bearer ${caller.token}` };
};

async function get(pathname: string, headers: Record<string, string>) {
  const started = performance.now();
  const response = await fetch(base + pathname, { headers, redirect: "manual" });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started, bytes: Buffer.byteLength(body) };
}

const endpoints: { name: string; path: string; headers: Record<string, string> }[] = [
  ...SEARCH_SHAPES.map((shape) => ({ name: `search API: ${shape.name}`, path: `/api/v1/jobs/search?${shape.qs}`, headers: as("graduate", "token") })),
  { name: "search page /graduate/jobs?q=数控", path: "/graduate/jobs?q=数控", headers: as("graduate", "cookie") },
  { name: `candidates for order ${order.id}`, path: `/api/v1/orders/${order.id}/candidates`, headers: as("enterprise", "token") },
  ...ROLES.map((role) => ({ name: `home page (${role})`, path: "/home", headers: as(role, "cookie") })),
  { name: "/api/v1/me (floor)", path: "/api/v1/me", headers: as("graduate", "token") },
];

console.log(`\nunder load: ${SECONDS} s per endpoint and connection count (latency of every response)`);
console.log("(CPU/req: CPU time of the web processes per response — what a request costs whatever else the machine runs;");
console.log(` ${os.availableParallelism()} free cores would answer about ${os.availableParallelism()} × 1000 / CPU-ms requests a second)`);
console.log(`${"endpoint".padEnd(40)} conn   req/s     p50     p95     p99  CPU/req    body  non-2xx  load`);
for (const endpoint of endpoints) {
  const probe = await get(endpoint.path, endpoint.headers);
  if (probe.status !== 200) throw new Error(`${endpoint.path}: ${probe.status} ${probe.body.slice(0, 200)}`);
  for (const connections of CONNECTIONS) {
    const latencies: number[] = [];
    const instance = autocannon({ url: base + endpoint.path, connections, duration: SECONDS, headers: endpoint.headers });
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
    const cpuBefore = serverCpuSeconds();
    const result = await instance;
    const cpuMs = latencies.length ? ((serverCpuSeconds() - cpuBefore) * 1000) / latencies.length : NaN;
    const p = latencies.length ? percentiles(latencies) : { p50: NaN, p95: NaN, p99: NaN };
    const n = (v: number, width: number) => (Number.isNaN(v) ? "—" : v.toFixed(0)).padStart(width);
    console.log(
      `${endpoint.name.padEnd(40)} ${String(connections).padStart(4)} ${result.requests.average.toFixed(0).padStart(7)} ${n(p.p50, 5)} ms ${n(p.p95, 4)} ms ${n(p.p99, 4)} ms ${cpuMs.toFixed(1).padStart(5)} ms ${(probe.bytes / 1024).toFixed(1).padStart(5)} KB ${String(result.non2xx + result.errors).padStart(6)}  ${load()}`,
    );
  }
}

// Every navigation page of every role, and the first detail page it links to, alone.
const SKIP_LINK = /\/(new|import|template|export|edit)(\/|$)|\.(csv|xlsx)$/;
const timings: { role: string; path: string; ms: number; max: number; bytes: number; status: number }[] = [];
async function timePage(role: string, pathname: string) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await get(pathname, as(role, "cookie")));
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
  timings.push({ role, path: pathname, ms: sorted[1]!, max: sorted[2]!, bytes: runs[0]!.bytes, status: runs[0]!.status });
  return runs[0]!.body;
}
t = performance.now();
for (const role of ROLES) {
  for (const item of NAVIGATION[role]) {
    const html = await timePage(role, item.to);
    if (item.to === "/home") continue;
    const escaped = item.to.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const link = [...html.matchAll(new RegExp(`href="(${escaped}/[^"?#]+)"`, "g"))].map((m) => m[1]!).find((href) => !SKIP_LINK.test(href));
    if (link) await timePage(role, link.replace(/&amp;/g, "&"));
  }
}
timings.sort((a, b) => b.ms - a.ms);
const over = timings.filter((p) => p.ms > PAGE_TARGET_MS);
console.log(`\ncrawl: ${timings.length} pages of ${ROLES.length} roles in ${seconds(t)} s; slowest twenty (median of 3; target ≤ ${PAGE_TARGET_MS} ms; load ${load()}):`);
for (const p of timings.slice(0, 20)) {
  console.log(`${p.ms.toFixed(0).padStart(6)} ms (max ${p.max.toFixed(0).padStart(5)})  ${(p.bytes / 1024).toFixed(1).padStart(6)} KB  ${p.status}  ${p.role.padEnd(10)} ${p.path}`);
}
const failed = timings.filter((p) => p.status >= 400);
if (failed.length) console.log(`answered with an error: ${failed.map((p) => `${p.role} ${p.path} ${p.status}`).join(", ")}`);
console.log(over.length === 0 ? `every page within ${PAGE_TARGET_MS} ms` : `${over.length} page(s) over ${PAGE_TARGET_MS} ms`);

await stopProcess(server, 10_000);
await closeBenchHandles();
fs.rmSync(dir, { recursive: true, force: true });
