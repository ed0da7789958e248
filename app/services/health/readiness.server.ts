/**
 * What GET /readyz checks: the database, Redis and the search engine this process
 * uses, each within a short time, so a load balancer takes a process out of rotation
 * when it cannot serve (docs/deploy.md). GET /healthz checks nothing: a live process answers.
 */
import type { Redis } from "ioredis";
import { prisma } from "~/utils/db.server";
import { connectionReady, redisConnection, withinMs } from "~/utils/queue.server";
import { singleton } from "~/utils/singleton.server";
import { searchEngine } from "../../../search/engine.server";

export const CHECK_TIMEOUT_MS = 2_000;

export type Check = { ok: boolean; ms: number; error?: string };
export type Readiness = { ready: boolean; failed: string[]; checks: Record<string, Check> };
export type Probe = () => Promise<unknown>;

/** The error as a short reason without addresses or credentials (the answer may leave the intranet). */
function reason(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e?.code === "string" && /^[A-Z_]+$/.test(e.code)) return e.code;
  const message = typeof e?.message === "string" ? e.message : String(error);
  return message.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>").replace(/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, "<address>").slice(0, 200);
}

async function run(probe: Probe, name: string): Promise<Check> {
  const started = performance.now();
  try {
    await withinMs(probe(), CHECK_TIMEOUT_MS, name);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: reason(error) };
  }
}

/** Runs the probes side by side; `ready` only when every one answered. */
export async function checkReadiness(probes: Record<string, Probe>): Promise<Readiness> {
  const names = Object.keys(probes);
  const results = await Promise.all(names.map((name) => run(probes[name]!, name)));
  const checks = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
  const failed = names.filter((name) => !checks[name]!.ok);
  return { ready: failed.length === 0, failed, checks };
}

/** One fail-fast Redis connection for the probe (never queues commands while Redis is down), made on first use. */
const probe = singleton("readiness-redis", () => ({ redis: null as Redis | null }));

function probeRedis(): Redis {
  if (!probe.redis) {
    probe.redis = redisConnection({ forWorker: false });
    probe.redis.on("error", () => undefined);
  }
  return probe.redis;
}

/** Closes the probe's Redis connection (tests, shutdown). */
export function closeReadinessProbe(): void {
  probe.redis?.disconnect();
  probe.redis = null;
}

/** This process's probes: the database, Redis, the search engine. */
export function processProbes(): Record<string, Probe> {
  return {
    database: () => prisma.$queryRawUnsafe("SELECT 1"),
    redis: async () => {
      const redis = probeRedis();
      if (!(await connectionReady(redis, CHECK_TIMEOUT_MS))) throw new Error(`not connected within ${CHECK_TIMEOUT_MS} ms`);
      const answer = await redis.ping();
      if (answer !== "PONG") throw new Error(`unexpected answer ${answer}`);
    },
    search: () => searchEngine().ping(),
  };
}
