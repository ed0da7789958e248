/**
 * The Meilisearch adapter, on the official client. Every write is a task that is
 * waited for, and a failed task is an error: a caller never believes a change
 * reached the index when it did not.
 */
import { Meilisearch, type Settings, type Task } from "meilisearch";
import { meilisearchQuery } from "./query";
import { foldLettersAndDigits, piecesFromMarkers } from "./text";
import type {
  Filter,
  Highlighted,
  IndexDeclaration,
  SearchDocument,
  SearchEngine,
  SearchRequest,
  SearchResult,
} from "./types";

const OPEN_MARK = "\u0001";
const CLOSE_MARK = "\u0002";
const TASK_TIMEOUT_MS = 120_000;
const DEFAULT_HITS_PER_PAGE = 20;

/** The Meilisearch settings of a declaration (search/settings.ts). */
export function meilisearchSettings(index: IndexDeclaration): Settings {
  const synonyms: Record<string, string[]> = {};
  for (const group of index.synonyms) {
    for (const term of group) {
      const others = group.filter((t) => t !== term);
      synonyms[term] = [...new Set([...(synonyms[term] ?? []), ...others])];
    }
  }
  return {
    searchableAttributes: index.searchable.map((a) => a.field),
    filterableAttributes: Object.keys(index.filterable),
    sortableAttributes: [...index.sortable],
    rankingRules: [...index.rankingRules],
    synonyms,
    typoTolerance: { minWordSizeForTypos: { oneTypo: index.typos.oneTypo, twoTypos: index.typos.twoTypos } },
    pagination: { maxTotalHits: 1_000_000 },
    faceting: { maxValuesPerFacet: 1_000 },
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
  };
}

/** A structured filter as Meilisearch filter syntax; values are quoted, never spliced raw. */
export function meilisearchFilter(filter: Filter): string {
  if ("anyOf" in filter) {
    if (filter.anyOf.length === 0) return `${filter.field} IN []`;
    const values = filter.anyOf.map((v) => (typeof v === "number" ? String(v) : JSON.stringify(v)));
    return `${filter.field} IN [${values.join(", ")}]`;
  }
  const parts: string[] = [];
  if (filter.min !== undefined) parts.push(`${filter.field} >= ${Number(filter.min)}`);
  if (filter.max !== undefined) parts.push(`${filter.field} <= ${Number(filter.max)}`);
  return parts.join(" AND ");
}

function succeeded(task: Task): void {
  if (task.status !== "succeeded") {
    throw new Error(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? ""}`);
  }
}

export class MeilisearchEngine implements SearchEngine {
  readonly kind = "meilisearch" as const;
  private readonly client: Meilisearch;
  private readonly indexPrefix: string;

  constructor(options: { host: string; apiKey?: string; indexPrefix?: string }) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
    this.indexPrefix = options.indexPrefix ?? "";
  }

  uid(index: IndexDeclaration): string {
    return `${this.indexPrefix}${index.name}`;
  }

  async applySettings(index: IndexDeclaration): Promise<void> {
    const created = await this.client.createIndex(this.uid(index), { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS });
    if (created.status !== "succeeded" && created.error?.code !== "index_already_exists") succeeded(created);
    succeeded(await this.index(index).updateSettings(meilisearchSettings(index)).waitTask({ timeout: TASK_TIMEOUT_MS }));
  }

  async upsert(index: IndexDeclaration, documents: readonly SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const folded = documents.map(
      (doc) =>
        Object.fromEntries(
          Object.entries(doc).map(([k, v]) => [k, typeof v === "string" ? foldLettersAndDigits(v) : v]),
        ) as SearchDocument,
    );
    succeeded(await this.index(index).addDocuments(folded, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS }));
  }

  async remove(index: IndexDeclaration, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    succeeded(await this.index(index).deleteDocuments([...ids]).waitTask({ timeout: TASK_TIMEOUT_MS }));
  }

  async clear(index: IndexDeclaration): Promise<void> {
    succeeded(await this.index(index).deleteAllDocuments().waitTask({ timeout: TASK_TIMEOUT_MS }));
  }

  async count(index: IndexDeclaration): Promise<number> {
    return (await this.index(index).getStats()).numberOfDocuments;
  }

  async search(index: IndexDeclaration, request: SearchRequest): Promise<SearchResult> {
    const hitsPerPage = request.hitsPerPage ?? DEFAULT_HITS_PER_PAGE;
    const page = request.page ?? 1;
    const highlight = [...(request.highlight ?? [])];
    const response = await this.index(index).search(meilisearchQuery(request.q) || null, {
      filter: (request.filters ?? []).map(meilisearchFilter).filter(Boolean),
      facets: [...(request.facets ?? [])],
      sort: request.sort ? [`${request.sort.field}:${request.sort.direction}`] : undefined,
      page,
      hitsPerPage,
      matchingStrategy: "all",
      attributesToHighlight: highlight,
      highlightPreTag: OPEN_MARK,
      highlightPostTag: CLOSE_MARK,
    });
    const hits = response.hits.map(({ _formatted, ...document }) => {
      const highlights: Record<string, Highlighted> = {};
      for (const field of highlight) {
        const value = (_formatted as Record<string, unknown> | undefined)?.[field];
        if (typeof value === "string") highlights[field] = piecesFromMarkers(value, OPEN_MARK, CLOSE_MARK);
      }
      return { document: document as SearchDocument, highlights };
    });
    const facets: SearchResult["facets"] = {};
    for (const field of request.facets ?? []) facets[field] = { ...(response.facetDistribution?.[field] ?? {}) };
    return { hits, totalHits: response.totalHits, page, hitsPerPage, totalPages: response.totalPages, facets };
  }

  /** Meilisearch has no API listing an index's words; the page offers related trades only. */
  async spellingCandidates(): Promise<string[]> {
    return [];
  }

  async ping(): Promise<void> {
    const { status } = await this.client.health();
    if (status !== "available") throw new Error(`Meilisearch is ${status}`);
  }

  async close(): Promise<void> {}

  /** Deletes the whole index (tests that made their own). */
  async dropIndex(index: IndexDeclaration): Promise<void> {
    succeeded(await this.client.deleteIndex(this.uid(index)).waitTask({ timeout: TASK_TIMEOUT_MS }));
  }

  private index(index: IndexDeclaration) {
    return this.client.index<SearchDocument>(this.uid(index));
  }
}
