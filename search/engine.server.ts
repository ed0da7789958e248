import path from "node:path";
import { env } from "~/utils/env.server";
import { singleton } from "~/utils/singleton.server";
import { EmbeddedSearchEngine } from "./embedded";
import { MeilisearchEngine } from "./meilisearch";
import type { SearchEngine } from "./types";

/** The embedded engine's file, beside the database: prisma/dev.db → prisma/dev.search.db. */
export function embeddedSearchFile(databaseUrl: string): string {
  const file = path.resolve(databaseUrl.replace(/^file:/, ""));
  return `${file.replace(/\.db$/, "")}.search.db`;
}

/** The singleton name of the process's engine (a benchmark installs its own engine under it first). */
export const SEARCH_ENGINE = "search-engine";

/** The engine of this process: Meilisearch when MEILI_HOST is set, the embedded one otherwise. */
export function searchEngine(): SearchEngine {
  return singleton<SearchEngine>(SEARCH_ENGINE, () => {
    const { MEILI_HOST, MEILI_API_KEY, DATABASE_URL } = env();
    return MEILI_HOST ? new MeilisearchEngine({ host: MEILI_HOST, apiKey: MEILI_API_KEY }) : new EmbeddedSearchEngine(embeddedSearchFile(DATABASE_URL));
  });
}
