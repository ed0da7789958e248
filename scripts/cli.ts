import { createApiTokenForLogin } from "~/services/api-tokens.server";
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
  "token create": {
    usage: "token create <login> [name]   为账号签发 API 令牌（只显示一次）",
    async run([login, ...name]) {
      if (!login) throw new AppError({ message: "请提供账号用户名：token create <login>" });
      const { token, record } = await createApiTokenForLogin({ login, name: name.join(" ") || "命令行签发" });
      console.log(`已为 ${login} 签发令牌「${record.name}」：\n${token}`);
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
