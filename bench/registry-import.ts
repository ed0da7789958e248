import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";

type BenchFigure = { name: string; seconds: number; targetSeconds: number; detail: string };

/**
 * A province's 20,000 enterprises imported in one file, the way the import page runs
 * it (an ImportJob with progress, every row checked, one transaction), from CSV and
 * from XLSX, on a fresh database of its own (not the shared province database, which
 * already holds a province's enterprises) with 100 parks imported first.
 */
const ENTERPRISES = 20_000;
const TARGET_SECONDS = 60;
const DATA_DIR = path.resolve("bench/.data");
const DB_FILE = path.join(DATA_DIR, "registry-import.db");

async function measureInOwnDatabase(): Promise<BenchFigure[]> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(DB_FILE + suffix, { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${DB_FILE}`, BENCH_CHILD: "1" };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  const output = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const last = output.trim().split("\n").pop() ?? "[]";
  return JSON.parse(last) as BenchFigure[];
}

async function measureInChild(): Promise<BenchFigure[]> {
  const { prisma, ensureDatabaseReady } = await import("~/utils/db.server");
  const { runImportJob, importRegistryFile } = await import("~/services/registry/imports.server");
  const { hashPassword } = await import("~/utils/session.server");
  const { enterpriseRows, parkRows, seedGeography, toCsv } = await import("./registry-fixtures");
  await ensureDatabaseReady();
  await seedGeography(prisma);
  const parks = parkRows(100);
  await importRegistryFile({ kind: "parks", fileName: "parks.csv", buffer: Buffer.from(toCsv(parks)) });
  const account = await prisma.account.create({ data: { login: "bench", role: "province", displayName: "bench", passwordHash: await hashPassword("bench-password") } });
  const rows = enterpriseRows(ENTERPRISES, parks.slice(1).map((p) => p[0]!));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("企业");
  for (const row of rows) sheet.addRow(row);
  const files = [
    { format: "CSV", fileName: "enterprises.csv", buffer: Buffer.from(toCsv(rows)) },
    { format: "XLSX", fileName: "enterprises.xlsx", buffer: Buffer.from(await workbook.xlsx.writeBuffer()) },
  ];
  const figures: BenchFigure[] = [];
  for (const file of files) {
    await prisma.enterprise.deleteMany();
    const job = await prisma.importJob.create({ data: { kind: "enterprises", fileName: file.fileName, accountId: account.id } });
    const started = performance.now();
    await runImportJob({ importJobId: job.id, buffer: file.buffer });
    const seconds = (performance.now() - started) / 1000;
    const done = await prisma.importJob.findUniqueOrThrow({ where: { id: job.id } });
    const stored = await prisma.enterprise.count();
    if (done.status !== "done" || stored !== ENTERPRISES) throw new Error(`import ${file.format} ended ${done.status} with ${stored} rows`);
    figures.push({
      name: `导入 ${ENTERPRISES.toLocaleString("zh-CN")} 家企业（${file.format}，${(file.buffer.length / 1024 / 1024).toFixed(1)} MB）`,
      seconds,
      targetSeconds: TARGET_SECONDS,
      detail: `，${Math.round(ENTERPRISES / seconds).toLocaleString("zh-CN")} 行/秒`,
    });
  }
  await prisma.$disconnect();
  return figures;
}

if (process.env.BENCH_CHILD === "1") {
  console.log(JSON.stringify(await measureInChild()));
} else {
  for (const f of await measureInOwnDatabase()) {
    const verdict = f.seconds <= f.targetSeconds ? "达标" : "未达标";
    console.log(`${f.name}: ${f.seconds.toFixed(2)} s（目标 < ${f.targetSeconds} s，${verdict}）${f.detail}`);
  }
}
