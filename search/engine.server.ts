import path from "node:path";
import { env } from "~/utils/env.server";
import { singleton } from "~/utils/singleton.server";
import { EmbeddedSearchEngine } from "./embedded";
import { MeilisearchEngine } from "./meilisearch";
import type { SearchEngine } from "./types";

/**
 * The embedded engine's file: SEARCH_DB_FILE when set, else beside a SQLite database
 * (prisma/dev.db → prisma/dev.search.db). Another database needs SEARCH_DB_FILE.
 */
export function embeddedSearchFile(e: { DATABASE_URL: string; SEARCH_DB_FILE?: string }): string {
  if (e.SEARCH_DB_FILE) return path.resolve(e.SEARCH_DB_FILE);
  if (!e.DATABASE_URL.startsWith("file:")) {
    throw new Error("SEARCH_DB_FILE must name the embedded search engine's file when DATABASE_URL is not a SQLite file (or set MEILI_HOST)");
  }
  const file = path.resolve(e.DATABASE_URL.replace(/^file:/, ""));
  return `${file.replace(/\.db$/, "")}.search.db`;
}

/** The singleton name of the process's engine (a benchmark installs its own engine under it first). */
export const SEARCH_ENGINE = "search-engine";

/** The engine of this process: Meilisearch when MEILI_HOST is set, the embedded one otherwise. */
export function searchEngine(): SearchEngine {
  return singleton<SearchEngine>(SEARCH_ENGINE, () => {
    const e = env();
    return e.MEILI_HOST ? new MeilisearchEngine({ host: e.MEILI_HOST, apiKey: e.MEILI_API_KEY }) : new EmbeddedSearchEngine(embeddedSearchFile(e));
  });
}
