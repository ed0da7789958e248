/**
 * The one search interface of the application (docs/decisions/030-search-engine.md).
 * Two engines implement it: the Meilisearch adapter (MEILI_HOST set) and the embedded
 * SQLite FTS5 engine. Both pass search/contract.ts.
 */

/** How a filterable attribute is stored: one value, or a list of values (any may match). */
export type AttributeKind = "string" | "number" | "string[]";

export type SearchableAttribute = { field: string; weight: number };

/** One index, declared once (search/settings.ts) and applied to whichever engine serves. */
export type IndexDeclaration = {
  name: IndexName;
  /** In order of importance; the weight ranks matches in the embedded engine. */
  searchable: readonly SearchableAttribute[];
  filterable: Readonly<Record<string, AttributeKind>>;
  sortable: readonly string[];
  rankingRules: readonly string[];
  /** Groups of words that find each other (multi-way). */
  synonyms: readonly (readonly string[])[];
  /** Latin words shorter than this match exactly; longer ones tolerate one typo (two from twoTypos). */
  typos: { oneTypo: number; twoTypos: number };
  /**
   * Scalar filters that are queried together, most selective first: the embedded engine
   * keeps a compound index for each, so counting the matches reads the index alone.
   * Meilisearch needs no such hint.
   */
  combinedFilters?: readonly (readonly string[])[];
  /**
   * Words the embedded engine never reads as a slip of another word when no document
   * holds them (ADR 172): the names of trades, which the page offers related searches
   * for instead. Meilisearch reads no slips.
   */
  knownWords?: readonly string[];
};

export const INDEX_NAMES = ["jobs", "orders", "graduates", "cohorts"] as const;
export type IndexName = (typeof INDEX_NAMES)[number];

export type DocumentValue = string | number | boolean | null | string[];
export type SearchDocument = { id: number } & Record<string, DocumentValue>;

/** Structured filters: no filter syntax ever travels from a user to an engine. */
export type Filter =
  | { field: string; anyOf: readonly (string | number)[] }
  | { field: string; min?: number; max?: number };

export type SearchRequest = {
  q: string;
  filters?: readonly Filter[];
  facets?: readonly string[];
  /** Relevance when absent. */
  sort?: { field: string; direction: "asc" | "desc" };
  /** 1-based. */
  page?: number;
  hitsPerPage?: number;
  highlight?: readonly string[];
};

/** A highlighted text as plain pieces; `match` pieces are what the query found. */
export type Highlighted = { text: string; match: boolean }[];

export type SearchHit = {
  document: SearchDocument;
  highlights: Record<string, Highlighted>;
};

export type SearchResult = {
  hits: SearchHit[];
  totalHits: number;
  page: number;
  hitsPerPage: number;
  totalPages: number;
  /** attribute → value → number of matching documents (under all filters of the request). */
  facets: Record<string, Record<string, number>>;
  /**
   * The query as the engine read it when a Chinese word no document holds was taken for
   * the index's word one character away (数空 → 数控; embedded engine only, ADR 172).
   */
  readAs?: string;
};

export interface SearchEngine {
  readonly kind: "embedded" | "meilisearch";
  /** Creates the index or brings its settings up to the declaration. */
  applySettings(index: IndexDeclaration): Promise<void>;
  /** Adds documents, replacing any with the same id. */
  upsert(index: IndexDeclaration, documents: readonly SearchDocument[]): Promise<void>;
  remove(index: IndexDeclaration, ids: readonly number[]): Promise<void>;
  /** Removes every document (a reindex starts with it). */
  clear(index: IndexDeclaration): Promise<void>;
  count(index: IndexDeclaration): Promise<number>;
  search(index: IndexDeclaration, request: SearchRequest): Promise<SearchResult>;
  /**
   * Words of the index's own vocabulary a query word may have meant, most used first:
   * a Chinese word with one character replaced, a Latin word within the typo distance
   * (one more than searching allows). Meilisearch publishes no vocabulary: none there.
   */
  spellingCandidates(index: IndexDeclaration, word: string): Promise<string[]>;
  /** Throws unless the engine answers (GET /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
