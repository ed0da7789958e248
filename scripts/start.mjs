// `npm start` (production build) and `npm run dev`: the web server and the worker
// as processes of their own; either one ending stops the other. In production the web
// server runs WEB_CONCURRENCY processes on one port (default: one per core; ADR 150). Both run the web server through
// scripts/server.mjs (security headers, the socket address for the sign-in throttle);
// `--dev` puts it under the Remix compiler's watch mode.
import { spawn } from "node:child_process";
import os from "node:os";

const dev = process.argv.includes("--dev");
const env = { ...process.env, PORT: process.env.PORT ?? "3000", WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? String(os.availableParallelism()) };
const processes = [
  dev
    ? spawn("node", ["node_modules/.bin/remix", "dev", "--manual", "-c", "node scripts/server.mjs build/index.js"], { stdio: "inherit", env: { ...env, NODE_ENV: "development" } })
    : spawn("node", ["scripts/server.mjs", "build/index.js"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } }),
  spawn("node", ["node_modules/.bin/tsx", "jobs/worker.ts"], { stdio: "inherit", env }),
];

let stopping = false;
function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of processes) if (child.exitCode === null) child.kill(signal);
}
for (const child of processes) child.on("exit", (code) => { stopAll("SIGTERM"); process.exitCode ||= code ?? 0; });
process.on("SIGINT", () => stopAll("SIGINT"));
process.on("SIGTERM", () => stopAll("SIGTERM"));
