import fs from "node:fs";
import { createApiTokenForLogin } from "~/services/accounts/api-tokens.server";
import { importRegistryFile } from "~/services/registry/imports.server";
import { reconcileSubsidyClaims, RECONCILE_WINDOW_DAYS } from "~/services/subsidy/reconcile.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { searchEngine } from "../search/engine.server";
import { INDEXES } from "../search/settings";
import { reindex } from "../search/sync.server";
import { INDEX_NAMES, type IndexName } from "../search/types";

/**
 * The operators' command line: `npm run cli -- <command> [args]`.
 * Commands are added by the issues that need them (import, reindex, report, round).
 */
type Command = { usage: string; run: (args: string[]) => Promise<void> };

const COMMANDS: Record<string, Command> = {
  backup: {
    usage: "backup <文件>                  在线备份数据库到新文件（服务不必停止；SQLite 用在线备份，PostgreSQL 用 pg_dump）",
    async run([target]) {
      if (!target) throw new AppError({ message: "用法：backup <文件>" });
      const { backupDatabase } = await import("~/services/ops/backup.server");
      const outcome = await backupDatabase({ databaseUrl: env().DATABASE_URL, target });
      const size = `${(outcome.bytes / 1_048_576).toFixed(1)} MB`;
      const seconds = `用时 ${(outcome.ms / 1000).toFixed(1)} 秒`;
      console.log(
        outcome.provider === "postgresql"
          ? `已备份到 ${outcome.file}（pg_dump 自定义格式，${size}，${outcome.pages} 张表，${seconds}，pg_restore 校验通过）`
          : `已备份到 ${outcome.file}（${size}，${outcome.pages} 页，${seconds}，完整性检查通过）`,
      );
      console.log("另请备份 var/secrets.json（PII_KEY 丢失则身份证号无法解密）");
    },
  },
  restore: {
    usage: "restore <备份文件>             用备份替换数据库的内容（SQLite 文件或 PostgreSQL 经 pg_restore；先停止网站和后台进程；之后运行 search:reindex all）",
    async run([backup]) {
      if (!backup) throw new AppError({ message: "用法：restore <备份文件>" });
      const { restoreDatabase } = await import("~/services/ops/backup.server");
      const outcome = await restoreDatabase({ databaseUrl: env().DATABASE_URL, backup });
      console.log(`已从 ${backup} 恢复数据库 ${outcome.file}（用时 ${(outcome.ms / 1000).toFixed(1)} 秒）`);
      console.log("请运行 npm run cli -- search:reindex all 重建搜索索引，然后启动服务");
    },
  },
  check: {
    usage: "check                          检查就业记录的完整性（一人多岗、订单超录、关闭后录用、离职后未重新核定的补贴）；有问题时以非零状态退出",
    async run() {
      const { checkEmploymentIntegrity } = await import("~/services/labour/integrity.server");
      const findings = await checkEmploymentIntegrity();
      const broken = findings.filter((f) => f.ids.length > 0);
      for (const f of findings) {
        const sample = f.ids.slice(0, 20).join("、");
        console.log(`${f.ids.length === 0 ? "✓" : "✗"} ${f.label}：${f.ids.length}${f.ids.length > 0 ? `（编号 ${sample}${f.ids.length > 20 ? " 等" : ""}）` : ""}`);
      }
      if (broken.length > 0) throw new AppError({ message: `发现 ${broken.reduce((n, f) => n + f.ids.length, 0)} 处完整性问题` });
      console.log("就业记录完整性检查通过");
    },
  },
  "token create": {
    usage: "token create <login> [name]   为账号签发 API 令牌（只显示一次）",
    async run([login, ...name]) {
      if (!login) throw new AppError({ message: "请提供账号用户名：token create <login>" });
      const { token, record } = await createApiTokenForLogin({ login, name: name.join(" ") || "命令行签发" });
      console.log(`已为 ${login} 签发令牌「${record.name}」：\n${token}`);
    },
  },
  "subsidies reconcile": {
    usage: `subsidies reconcile [天数]         为近 N 天（默认 ${RECONCILE_WINDOW_DAYS}）已确认但尚无补贴申请的就业记录生成申请`,
    async run([days]) {
      const windowDays = days === undefined ? RECONCILE_WINDOW_DAYS : Number(days);
      if (!Number.isInteger(windowDays) || windowDays < 1) throw new AppError({ message: "天数须为正整数" });
      const result = await reconcileSubsidyClaims({ now: new Date(), windowDays });
      console.log(`核查就业记录 ${result.examined} 条，生成补贴申请 ${result.created} 项`);
      for (const p of result.problems) console.log(`  就业记录 ${p.placementId}：${p.message}`);
    },
  },
  import: {
    usage: "import <parks|enterprises|colleges|pairings|bases> <文件.csv|.xlsx>   导入名录（有错误行则整个文件不导入）",
    async run([kind, file]) {
      if (!kind || !file) throw new AppError({ message: "用法：import <kind> <file>" });
      if (!fs.existsSync(file)) throw new AppError({ message: `找不到文件 ${file}` });
      const started = Date.now();
      const outcome = await importRegistryFile({
        kind,
        fileName: file,
        buffer: fs.readFileSync(file),
        onProgress: async (done, total) => {
          process.stderr.write(`\r已校验 ${done} / ${total} 行`);
        },
      });
      process.stderr.write("\n");
      if (outcome.status === "refused") {
        for (const e of outcome.errors) console.error(`第 ${e.line} 行${e.field ? `［${e.field}］` : ""}：${e.reason}`);
        throw new AppError({ message: `文件有 ${outcome.errors.length} 处错误，未导入任何记录` });
      }
      console.log(`已导入 ${outcome.created} 条记录，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
    },
  },
  "search:settings": {
    usage: "search:settings               把 search/settings.ts 中的索引设置应用到搜索引擎（Meilisearch 或内置引擎）",
    async run() {
      const engine = searchEngine();
      for (const index of Object.values(INDEXES)) {
        await engine.applySettings(index);
        console.log(`已应用索引设置：${index.name}（${engine.kind}）`);
      }
      await engine.close();
    },
  },
  "search:reindex": {
    usage: `search:reindex <index|all>    从数据库重建索引（${INDEX_NAMES.join("、")}）`,
    async run([name]) {
      const names = name === "all" ? INDEX_NAMES : INDEX_NAMES.filter((n) => n === name);
      if (names.length === 0) throw new AppError({ message: `请指定索引：${INDEX_NAMES.join("、")} 或 all` });
      const engine = searchEngine();
      for (const index of names as readonly IndexName[]) {
        const started = Date.now();
        const { indexed } = await reindex({ engine, index });
        console.log(`已重建索引 ${index}：${indexed} 条，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒（${engine.kind}）`);
      }
      await engine.close();
    },
  },
  "report run": {
    usage: "report run <2026-09|2026-Q3|2026|latest>   在本进程中生成并发布该统计期（latest：上月和上季度）各维度的就业报表快照",
    async run([text]) {
      const { periodOrError, runPlacementReport } = await import("~/services/reports/placements.server");
      const { previousPeriod } = await import("~/domain/reports/placements");
      const { prisma } = await import("~/utils/db.server");
      const chinaToday = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const periods =
        text === "latest" ? [previousPeriod("month", chinaToday), previousPeriod("quarter", chinaToday)] : [periodOrError(text)];
      for (const period of periods) {
        const run = await prisma.reportRun.create({ data: { period: period.key, trigger: "demand", total: 8 } });
        const started = Date.now();
        const result = await runPlacementReport({
          runId: run.id,
          onProgress: (done, total) => void process.stderr.write(`\r已完成 ${done} / ${total}`),
        });
        process.stderr.write("\n");
        console.log(`已发布 ${period.label} 报表快照 ${result.written} 份（报表任务 #${run.id}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
      }
    },
  },
};

function usage(): string {
  return ["用法：npm run cli -- <命令>", ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const name = Object.keys(COMMANDS).find((key) => argv.join(" ").startsWith(key));
  if (!name) {
    console.error(usage());
    return 2;
  }
  try {
    await COMMANDS[name]!.run(argv.slice(name.split(" ").length));
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`错误：${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
