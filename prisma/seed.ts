/**
 * Demo data for ParkBridge (product.md §8), into an already migrated database:
 *
 *   npx tsx prisma/seed.ts --scale small|province [--seed N] [--database file:./path.db|postgresql://…] [--reset]
 *
 * The database (SQLite or PostgreSQL, ADR 100) is --database, else DATABASE_URL, else file:./prisma/dev.db. A database
 * that already holds demo data is left alone (safe to run twice) unless --reset, which
 * deletes every row first. The identity-number key is PII_KEY, else the one in
 * var/secrets.json, which is created with random keys when neither exists.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readSecretsFile, SECRETS_FILE } from "../app/utils/env.server";
import { DEFAULT_SEED, DEMO_SCALES, type DemoAccount, type DemoScale } from "./demo/generate";
import { issueDemoActivationLetters, type DemoLetter } from "./demo/activation";
import { readDemoAccounts } from "./demo/load";
import { openDemoStore, type DemoStore } from "./demo/store";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      scale: { type: "string", default: "small" },
      seed: { type: "string", default: String(DEFAULT_SEED) },
      database: { type: "string" },
      reset: { type: "boolean", default: false },
    },
  });
  if (!(DEMO_SCALES as readonly string[]).includes(values.scale)) fail(`--scale 应为 ${DEMO_SCALES.join(" 或 ")}`);
  if (!/^-?\d+$/.test(values.seed)) fail("--seed 应为整数");
  return {
    scale: values.scale as DemoScale,
    seed: Number(values.seed),
    databaseUrl: values.database ?? process.env.DATABASE_URL ?? "file:./prisma/dev.db",
    reset: values.reset,
  };
}

/** PII_KEY from the environment, else from var/secrets.json, which gets random keys when it has none. */
function identityNumberKey(): string {
  if (process.env.PII_KEY) return process.env.PII_KEY;
  const secrets = readSecretsFile();
  if (secrets.PII_KEY) return secrets.PII_KEY;
  const randomKey = () => randomBytes(32).toString("hex");
  const completed = { ...secrets, SESSION_SECRET: secrets.SESSION_SECRET ?? randomKey(), PII_KEY: randomKey() };
  fs.mkdirSync(path.dirname(SECRETS_FILE), { recursive: true });
  fs.writeFileSync(SECRETS_FILE, `${JSON.stringify(completed, null, 2)}\n`, { mode: 0o600 });
  console.log(`已生成随机密钥并写入 ${path.relative(process.cwd(), SECRETS_FILE)}（请与数据库一同备份）`);
  return completed.PII_KEY;
}

/** Terminal columns of a text: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => c + " ".repeat(widths[i]! - displayWidth(c))).join("  ").trimEnd();
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

function printAccounts(accounts: DemoAccount[]): void {
  console.log("\n演示账号（所有账号密码相同）：");
  printTable(["登录名", "角色", "密码", "范围"], accounts.map((a) => [a.login, a.roleLabel, a.password, a.scopeName]));
}

function printLetters(letters: DemoLetter[]): void {
  if (letters.length === 0) return;
  console.log("\n尚未激活的演示毕业生（在 /activate 用以下信息激活；每次运行 setup 都会重新签发激活码）：");
  printTable(["姓名", "身份证号", "手机号", "激活码", "有效期至"], letters.map((l) => [l.name, l.idNumber, l.mobile, l.code, l.expiresOn]));
}

/**
 * The steps that go through the application's services after the rows are loaded (they
 * read DATABASE_URL, set here to the loaded database): the 2025 training-fund statement,
 * settled in part (prisma/demo/settlement.ts), and the demo enterprise's worker-training
 * claims in every state of 2026 (prisma/demo/worker-training.ts).
 */
async function runDemoServices(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.PII_KEY ??= identityNumberKey();
  const { settleDemoFund } = await import("./demo/settlement");
  const { fileDemoWorkerTrainingClaims } = await import("./demo/worker-training");
  const settled = await settleDemoFund();
  const workerTraining = await fileDemoWorkerTrainingClaims();
  const { prisma } = await import("../app/utils/db.server");
  await prisma.$disconnect();
  return { settled, workerTraining };
}

async function main(): Promise<void> {
  const options = parseOptions();
  let db: DemoStore;
  try {
    db = await openDemoStore(options.databaseUrl);
  } catch (error) {
    fail((error as Error).message);
  }
  try {
    if (!(await db.isMigrated())) fail(`数据库 ${db.label} 尚未迁移：请先运行 npm run db:migrate`);
    if (!options.reset && (await db.hasDemoData())) {
      console.log("演示数据已存在，跳过生成");
      printAccounts(await readDemoAccounts(db));
      printLetters(await issueDemoActivationLetters(db, identityNumberKey()));
      return;
    }
    const started = process.hrtime.bigint();
    console.log(`生成演示数据：规模 ${options.scale}，种子 ${options.seed}，数据库 ${db.label}${options.reset ? "（先清空全部数据）" : ""}`);
    const { accounts } = await db.load({ scale: options.scale, seed: options.seed, piiKey: identityNumberKey(), reset: options.reset });
    const { settled, workerTraining } = await runDemoServices(options.databaseUrl);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log("\n各表行数：");
    printTable(["表", "行数"], (await db.countRows()).map(([table, count]) => [table, String(count)]));
    console.log(`培训经费结算演示：2025 年度对账单，${settled.payments} 笔付款，${settled.spending} 笔专款支出`);
    console.log(`职工技能提升补贴演示：${workerTraining.claims} 笔申请（2026 年），其中 ${workerTraining.paid} 笔已发放`);
    console.log(`\n用时 ${seconds.toFixed(1)} 秒，数据库 ${await db.size()}`);
    printAccounts(accounts);
    printLetters(await issueDemoActivationLetters(db, identityNumberKey()));
  } finally {
    await db.close();
  }
}

await main();
