import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The province-scale database every benchmark reads: built once (migrate + the demo
 * generator at --scale province) into bench/.data and reused by later runs. Its build
 * time and size are the generator's benchmark figures.
 */
export const PROVINCE_DB = path.resolve("bench/.data/province.db");
export const PROVINCE_DB_URL = `file:${PROVINCE_DB}`;
export const BENCH_PII_KEY = "bench-pii-key-0123456789abcdef0123456789";

export type ProvinceDb = { url: string; builtNow: boolean; buildSeconds: number | null; sizeMb: number };

export function ensureProvinceDatabase(): ProvinceDb {
  const builtNow = !fs.existsSync(PROVINCE_DB);
  let buildSeconds: number | null = null;
  if (builtNow) {
    fs.mkdirSync(path.dirname(PROVINCE_DB), { recursive: true });
    const env = { ...process.env, DATABASE_URL: PROVINCE_DB_URL, PII_KEY: BENCH_PII_KEY };
    const started = performance.now();
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
    execFileSync("npx", ["tsx", "prisma/seed.ts", "--scale", "province"], { env, stdio: "inherit" });
    buildSeconds = (performance.now() - started) / 1000;
  }
  const sizeMb = fs.statSync(PROVINCE_DB).size / 1024 / 1024;
  return { url: PROVINCE_DB_URL, builtNow, buildSeconds, sizeMb };
}
