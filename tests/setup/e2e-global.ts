import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import type { TestProject } from "vitest/node";
import { freePort, stopProcess } from "./processes";
import { buildTemplateDatabase, copyTemplateDatabase } from "./template-db";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's database and identity-number key: a test reads what only a graduate would know (their own identity number). */
    databaseFile: string;
    piiKey: string;
  }
}


async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/login`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not start within 60 s");
}

/** Deletes this run's queues from Redis (the prefix is private to the run). */
async function removeQueues(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}

/** One production server on a private, demo-seeded database for the whole e2e run. */
export default async function setup(project: TestProject) {
  buildTemplateDatabase();
  const file = copyTemplateDatabase("e2e");
  // E2E_PORT: a port of one's own on a machine shared with other runs.
  const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: `file:${file}`,
    PORT: String(port),
    SESSION_SECRET: "e2e-session-secret-0123456789abcdef",
    PII_KEY: "e2e-pii-key-0123456789abcdef0123",
    REDIS_PREFIX: `pb-e2e-${process.pid}`,
  };
  execFileSync("npx", ["tsx", "prisma/seed.ts", "--scale", "small"], { env, stdio: "pipe" });
  const server = spawn("node", ["scripts/server.mjs", "build/index.js"], { env, stdio: "pipe" });
  let output = "";
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  let stopping = false;
  // A server that dies mid-run shows why, instead of a wall of refused connections.
  server.on("exit", (code, signal) => {
    if (!stopping) console.error(`[e2e] the web server exited (${code ?? signal}); its last output:\n${output.slice(-6000)}`);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(baseUrl, server);
  } catch (error) {
    server.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  // The worker runs background jobs (the training-fund run) as `npm start` does.
  const worker = spawn("node", ["node_modules/.bin/tsx", "jobs/worker.ts"], { env, stdio: "pipe" });
  worker.stderr?.on("data", (d) => (output += d));
  project.provide("baseUrl", baseUrl);
  project.provide("databaseFile", file);
  project.provide("piiKey", env.PII_KEY);
  return async () => {
    stopping = true;
    await Promise.all([stopProcess(server), stopProcess(worker)]);
    await removeQueues(env.REDIS_PREFIX);
  };
}
