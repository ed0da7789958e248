/**
 * Several processes on one database and one Redis (issue 16, ADR 105): two web
 * processes (scripts/server.mjs) and two workers (jobs/worker.ts), as behind a
 * reverse proxy. Shows that a session opened on one web process works on the other,
 * that every queued job runs once, that a schedule fires once per tick, and that a
 * training-fund run asked for on both web processes at once is computed once at a time
 * and not doubled.
 *
 * The database is a parameter: SQLite by default; TEST_DATABASE=postgresql runs the
 * same on PostgreSQL (PG_URL, ADR 100) once the demo loader writes to PostgreSQL.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Queue, type Job } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, stopProcess } from "../setup/processes";
import { copyTemplateDatabase, TMP_DIR } from "../setup/template-db";
import { buildPgTemplate, copyPgTemplate, dropRunDatabases, runPrefix } from "../setup/template-pg";

const DATABASE = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
const PASSWORD = "Demo@2026";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `pb-multi-${process.pid}`;

type Proc = { name: string; child: ChildProcess; output: string };


async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 60_000, every = 200): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, every));
  }
}


/** A browser's cookies for one test user: what Set-Cookie gave, sent back on every request. */
class Browser {
  private readonly cookies = new Map<string, string>();
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
  /** The CSRF token a page's forms carry. */
  async csrf(url: string): Promise<string> {
    const html = await (await this.fetch(url)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${url}`);
    return token;
  }
  async post(url: string, fields: Record<string, string>, csrfFrom = url): Promise<Response> {
    const body = new URLSearchParams({ ...fields, _csrf: await this.csrf(csrfFrom) });
    return this.fetch(url, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  }
}

/** Reads the database the processes share (SQL written for both engines: quoted Prisma names). */
type Reader = { all<T>(sql: string): Promise<T[]>; close(): Promise<void> };

async function openReader(url: string): Promise<Reader> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { readonly: true, fileMustExist: true });
    return { all: async <T,>(sql: string) => db.prepare(sql).all() as T[], close: async () => void db.close() };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { all: async <T,>(sql: string) => (await client.query(sql)).rows as T[], close: () => client.end() };
}

describe(`two web processes and two workers on one ${DATABASE} database and one Redis`, () => {
  const procs: Proc[] = [];
  let webs: string[] = [];
  let workerNames: string[] = [];
  let databaseUrl = "";
  let env: NodeJS.ProcessEnv = { ...process.env };
  let redis: Redis;
  let db: Reader;
  const queues = new Map<string, Queue>();
  const queue = (name: string) => {
    if (!queues.has(name)) queues.set(name, new Queue(name, { connection: redis, prefix: PREFIX }));
    return queues.get(name)!;
  };

  function start(name: string, args: string[], extra: Record<string, string> = {}): Proc {
    const child = spawn(process.execPath, args, { env: { ...env, ...extra } as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    const proc: Proc = { name, child, output: "" };
    child.stdout!.on("data", (d) => (proc.output += d));
    child.stderr!.on("data", (d) => (proc.output += d));
    procs.push(proc);
    return proc;
  }

  beforeAll(async () => {
    const label = `multi-${process.pid}`;
    if (DATABASE === "postgresql") {
      databaseUrl = await copyPgTemplate(await buildPgTemplate(), label);
    } else {
      databaseUrl = `file:${copyTemplateDatabase(label)}`;
    }
    env = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      SEARCH_DB_FILE: path.join(TMP_DIR, `${label}.search.db`),
      SESSION_SECRET: "multi-session-secret-0123456789abcdef",
      PII_KEY: "multi-pii-key-0123456789abcdef012345",
      REDIS_URL,
      REDIS_PREFIX: PREFIX,
      COOKIE_SECURE: "false",
    };
    fs.rmSync(env.SEARCH_DB_FILE!, { force: true });
    try {
      execFileSync(process.execPath, ["node_modules/.bin/tsx", "prisma/seed.ts", "--scale", "small"], { env, stdio: "pipe" });
    } catch (error) {
      throw new Error(`the demo loader failed on ${DATABASE}:\n${String((error as { stderr?: Buffer }).stderr ?? error).slice(-2000)}`);
    }

    const ports = [await freePort(), await freePort()];
    webs = ports.map((port) => `http://127.0.0.1:${port}`);
    ports.forEach((port, i) => start(`web ${i + 1}`, ["scripts/server.mjs", "build/index.js"], { PORT: String(port) }));
    const workers = [start("worker 1", ["node_modules/.bin/tsx", "jobs/worker.ts"]), start("worker 2", ["node_modules/.bin/tsx", "jobs/worker.ts"])];
    for (const proc of procs) proc.child.on("exit", (code) => code && console.error(`[several-processes] ${proc.name} exited ${code}:\n${proc.output.slice(-3000)}`));
    await Promise.all(webs.map((web) => until(`${web}/healthz`, async () => (await fetch(`${web}/healthz`)).ok)));
    // Each worker names itself (host:pid of the process running it, BullMQ's processedBy) when it listens.
    workerNames = await Promise.all(
      workers.map((w) => until(`${w.name} listening`, async () => /\[worker\] (\S+) listening/.exec(w.output)?.[1])),
    );
    expect(new Set(workerNames).size).toBe(2);
    expect(workerNames.every((n) => n.startsWith(`${hostname()}:`))).toBe(true);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    db = await openReader(databaseUrl);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => stopProcess(p.child, 8_000)));
    await Promise.all([...queues.values()].map((q) => q.close()));
    if (redis) {
      const keys = await redis.keys(`${PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
    await db?.close();
    if (DATABASE === "postgresql") await dropRunDatabases(runPrefix());
    else for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databaseUrl.slice("file:".length)}${suffix}`, { force: true });
    fs.rmSync(env.SEARCH_DB_FILE ?? "", { force: true });
  }, 60_000);

  it("answers liveness and readiness on both web processes", async () => {
    for (const web of webs) {
      expect((await fetch(`${web}/healthz`)).status).toBe(200);
      const ready = await fetch(`${web}/readyz`);
      const body = (await ready.json()) as { status: string; failed: string[]; checks: Record<string, { ok: boolean }> };
      expect(body, `${web}/readyz`).toMatchObject({ status: "ready", failed: [] });
      expect(Object.keys(body.checks).sort()).toEqual(["database", "redis", "search"]);
      expect(ready.status).toBe(200);
    }
  });

  it("keeps a session opened on one web process on the other, and ends it on both", async () => {
    const [a, b] = webs as [string, string];
    const browser = new Browser();
    const signIn = await browser.post(`${a}/login`, { login: "college", password: PASSWORD });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("Location")).toBe("/home");

    const onB = await browser.fetch(`${b}/home`);
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain("退出");
    // The session's CSRF token, read on A, is accepted by a form posted to B: it lives with the session.
    const token = await browser.csrf(`${a}/home`);
    const signOut = await browser.fetch(`${b}/logout`, {
      method: "POST",
      body: new URLSearchParams({ _csrf: token }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(signOut.status).toBe(302);
    expect(signOut.headers.get("Location")).toBe("/login");
    const afterOnA = await browser.fetch(`${a}/home`);
    expect(afterOnA.status).toBe(302);
    expect(afterOnA.headers.get("Location")).toMatch(/^\/login/);
  });

  it("runs every queued job once, on either worker", async () => {
    const maintenance = queue("maintenance");
    const ids = Array.from({ length: 30 }, (_, i) => `multi-${i}`);
    await maintenance.addBulk(ids.map((jobId) => ({ name: "purge-expired-sessions", data: {}, opts: { jobId } })));
    const jobs = await until("30 jobs done", async () => {
      const all = (await Promise.all(ids.map((id) => maintenance.getJob(id)))) as (Job | undefined)[];
      return all.every((j) => j?.finishedOn) ? (all as Job[]) : null;
    });
    for (const job of jobs) {
      expect(job.failedReason, job.id).toBeUndefined();
      expect(job.stacktrace ?? [], job.id).toEqual([]);
      expect(job.attemptsStarted, job.id).toBe(1);
      expect(workerNames, job.id).toContain(job.processedBy);
    }
    expect((await maintenance.getJobCounts("failed", "waiting", "active")).failed).toBe(0);
  });

  it("fires a schedule once per tick although both workers declared it", async () => {
    const reports = queue("reports");
    const schedulers = await reports.getJobSchedulers();
    expect(schedulers.filter((s) => s.key === "monthly-placement-report" || s.id === "monthly-placement-report")).toHaveLength(1);
    expect(schedulers.filter((s) => s.key === "quarterly-placement-report" || s.id === "quarterly-placement-report")).toHaveLength(1);

    // The first of the month, compressed: the monthly schedule every 1.5 s for a few ticks, re-declared by both workers' code path.
    const template = { name: "scheduled-placement-report", data: { kind: "month" } };
    await Promise.all([
      reports.upsertJobScheduler("monthly-placement-report", { every: 1_500 }, template),
      reports.upsertJobScheduler("monthly-placement-report", { every: 1_500 }, template),
    ]);
    const fired = await until(
      "three ticks",
      async () => {
        const done = (await reports.getJobs(["completed", "failed"])).filter((j) => j.name === "scheduled-placement-report");
        return done.length >= 3 ? done : null;
      },
      60_000,
      500,
    );
    await reports.removeJobScheduler("monthly-placement-report");
    const ticks = fired.map((j) => j.opts.prevMillis ?? j.timestamp);
    expect(new Set(ticks).size).toBe(fired.length);
    for (const job of fired) expect(job.failedReason, job.id).toBeUndefined();
    // Every tick reported the same month: one scheduled run of it, however many ticks and workers.
    const runs = await db.all<{ scheduleKey: string; n: number }>(
      `SELECT "scheduleKey", count(*) AS "n" FROM "ReportRun" WHERE "trigger" = 'schedule' GROUP BY "scheduleKey"`,
    );
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(Number(run.n), run.scheduleKey).toBe(1);
  });

  it("computes a training-fund year asked for on both web processes at once exactly once at a time, without doubling it", async () => {
    const [a, b] = webs as [string, string];
    const province = new Browser();
    expect((await province.post(`${a}/login`, { login: "province", password: PASSWORD })).status).toBe(302);
    const token = await province.csrf(`${a}/province/fund`);
    const ask = (web: string) =>
      province.fetch(`${web}/province/fund`, {
        method: "POST",
        body: new URLSearchParams({ year: "2025", _csrf: token }),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    const answers = await Promise.all([ask(a), ask(b)]);
    // Each web process accepted it (a redirect back with a flash message) or said it is already running.
    for (const answer of answers) expect([302, 409]).toContain(answer.status);
    expect(answers.filter((a) => a.status === 302).length).toBeGreaterThanOrEqual(1);
    const [run] = await until("the run row", async () => {
      const rows = await db.all<{ id: number }>(`SELECT "id" FROM "FundRun" WHERE "year" = 2025`);
      return rows.length ? rows : null;
    });
    const fund = queue("training-fund");
    const allFinished = async () => {
      const all = (await fund.getJobs(["completed", "failed", "active", "waiting", "delayed", "prioritized"])).filter((j) => j.name === "compute-year");
      return all.length > 0 && all.every((j) => j.finishedOn) ? all : null;
    };
    await until("the requested run finished", allFinished, 120_000, 500);
    // What two web processes do when both pass the busy check at the same moment (a
    // recomputation after corrections): two jobs for one run, queued together, so that
    // both workers are free to take one each.
    await fund.addBulk(["raced-a", "raced-b"].map((tag) => ({ name: "compute-year", data: { runId: run!.id }, opts: { jobId: `fund-run-${run!.id}-${tag}` } })));

    const jobs = await until("every compute-year job finished", async () => {
      const all = await allFinished();
      return all && all.length >= 3 ? all : null;
    }, 120_000, 500);
    for (const job of jobs) {
      expect(job.failedReason, job.id).toBeUndefined();
      expect(job.stacktrace ?? [], job.id).toEqual([]);
    }
    // Never two computations of the year at the same time, whichever worker took them.
    const spans = jobs.map((j) => [j.processedOn!, j.finishedOn!] as const).sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);

    const [state] = await db.all<{ status: string; totalEnterprises: number; doneEnterprises: number }>(
      `SELECT "status", "totalEnterprises", "doneEnterprises" FROM "FundRun" WHERE "id" = ${run!.id}`,
    );
    expect(state).toMatchObject({ status: "done" });
    expect(state!.doneEnterprises).toBe(state!.totalEnterprises);
    const [counts] = await db.all<{ rows: number; pairs: number; declarations: number }>(
      `SELECT count(*) AS "rows", count(DISTINCT "enterpriseId" || '-' || "collegeId") AS "pairs", count(DISTINCT "declarationId") AS "declarations"
       FROM "FundAllocation" WHERE "runId" = ${run!.id}`,
    );
    expect(Number(counts!.rows)).toBeGreaterThan(0);
    expect(Number(counts!.rows)).toBe(Number(counts!.pairs));
    expect(Number(counts!.declarations)).toBeLessThanOrEqual(state!.totalEnterprises);
  }, 180_000);

  it("spread the work over both workers", async () => {
    const processedBy = new Set<string>();
    for (const name of ["maintenance", "reports", "training-fund", "search-sync", "pending-jobs"]) {
      for (const job of await queue(name).getJobs(["completed"])) if (job.processedBy) processedBy.add(job.processedBy);
    }
    expect([...processedBy].sort()).toEqual([...workerNames].sort());
  });
});
