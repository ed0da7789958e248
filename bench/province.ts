/**
 * The province-scale database the benchmarks run on, built once (migrations, then
 * `prisma/seed.ts --scale province`) and reused by later runs.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const PROVINCE_DB = path.resolve("bench/.data/province.db");
export const PROVINCE_URL = `file:${PROVINCE_DB}`;
const BENCH_PII_KEY = "bench-pii-key-0123456789abcdef0123";

export function ensureProvinceDatabase(): string {
  if (fs.existsSync(PROVINCE_DB) && fs.existsSync(`${PROVINCE_DB}.ready`)) return PROVINCE_URL;
  fs.mkdirSync(path.dirname(PROVINCE_DB), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(PROVINCE_DB + suffix, { force: true });
  const env = { ...process.env, DATABASE_URL: PROVINCE_URL, PII_KEY: process.env.PII_KEY ?? BENCH_PII_KEY };
  console.log("建立省级规模数据库（只需一次）…");
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "prisma/seed.ts", "--scale", "province", "--database", PROVINCE_URL], { env, stdio: "inherit" });
  fs.writeFileSync(`${PROVINCE_DB}.ready`, new Date().toISOString());
  return PROVINCE_URL;
}

/** The app's modules read their environment once: point them at the province database before importing them. */
export function pointAtProvinceDatabase(): void {
  process.env.DATABASE_URL = ensureProvinceDatabase();
  process.env.SESSION_SECRET ??= "bench-session-secret-0123456789abcdef";
  process.env.PII_KEY ??= BENCH_PII_KEY;
}

export function percentiles(samples: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1]! };
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
