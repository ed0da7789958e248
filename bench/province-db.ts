import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The province-scale database the benchmarks share (product.md §8): generated once
 * by the demo data generator into bench/.data and reused by later runs. Migrations
 * are applied on every run, so a database generated earlier gains new columns.
 */
export const PROVINCE_DB = path.resolve("bench/.data/province.db");
export const PROVINCE_DB_URL = `file:${PROVINCE_DB}`;

export function ensureProvinceDatabase(): void {
  fs.mkdirSync(path.dirname(PROVINCE_DB), { recursive: true });
  const env = { ...process.env, DATABASE_URL: PROVINCE_DB_URL };
  const generate = !fs.existsSync(PROVINCE_DB);
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  if (generate) {
    console.log(`生成省级规模演示数据（只需一次）：${path.relative(process.cwd(), PROVINCE_DB)}`);
    execFileSync("npx", ["tsx", "prisma/seed.ts", "--scale", "province", "--database", PROVINCE_DB_URL], { env, stdio: "inherit" });
  }
}
