/**
 * The embedded engine: SQLite FTS5 in a file of its own beside the database, so the
 * worker writes what the web process reads (docs/decisions/030-search-engine.md).
 * Chinese is indexed as overlapping character pairs, Latin words whole; typos are
 * found against the index's own vocabulary. FTS5 finds a query's matches and their
 * ranking features once (cached per query); filters, facets, sorting and the page are
 * loops over typed arrays of each document's filterable values held in memory
 * (search/columns.ts, docs/decisions/171-engine-data-structures.md). A search with
 * neither words nor facets stays SQL over the filters' indexes.
 */
import Database from "better-sqlite3";
import { compileFilter, countFacet, firstInOrder, NO_CODE, ValueStore, type CompiledFilter } from "./columns";
import { parseQuery, type QueryPart } from "./query";
import { allowedTypos, bigrams, foldForMatching, highlight, indexTerms, soundAlike, tokenize, typoDistance, type Token } from "./text";
import type {
  Filter,
  Highlighted,
  IndexDeclaration,
  SearchDocument,
  SearchEngine,
  SearchRequest,
  SearchResult,
} from "./types";

const DEFAULT_HITS_PER_PAGE = 20;
const MATCH_CACHE_SIZE = 32;
const TYPO_CACHE_SIZE = 256;
/** Prepared statements kept per engine: a search's SQL differs only by its filters, so few shapes recur. */
const STATEMENT_CACHE_SIZE = 256;
const SPELLING_CANDIDATES = 3;
/** Added to a sound-alike candidate's document count, so that it ranks above any other. */
const SOUND_ALIKE = 1e9;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Scored words, the highest score first, then in character order. */
function bestFirst(scored: Map<string, number>): string[] {
  return [...scored].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([word]) => word);
}

/** How a statement returns rows: objects, the first column alone, or arrays. Fixed per cached statement. */
type RowMode = "object" | "pluck" | "raw";

type Layout = {
  docs: string;
  values: string;
  fts: string;
  vocab: string;
  /** Short searchable values, normalised, for the exactness rule (an attribute equal to the query). */
  exact: string;
  /** Columns of docs holding one value each (filterable scalars and sortable attributes). */
  scalars: string[];
  /** Filterable attributes holding lists, kept one row per value in the values table. */
  lists: string[];
};

function quote(name: string): string {
  if (!FIELD_NAME.test(name)) throw new Error(`invalid attribute name ${name}`);
  return `"${name}"`;
}

function layoutOf(index: IndexDeclaration): Layout {
  const lists = Object.entries(index.filterable)
    .filter(([, kind]) => kind === "string[]")
    .map(([field]) => field);
  const scalars = [
    ...new Set([...Object.keys(index.filterable).filter((f) => !lists.includes(f)), ...index.sortable]),
  ];
  return {
    docs: `docs_${index.name}`,
    values: `values_${index.name}`,
    fts: `fts_${index.name}`,
    vocab: `vocab_${index.name}`,
    exact: `exact_${index.name}`,
    scalars,
    lists,
  };
}

/** What the tables of an index look like (and how text is folded into them); a change rebuilds them empty. */
function signatureOf(index: IndexDeclaration): string {
  return JSON.stringify({ s: index.searchable.map((a) => a.field), f: index.filterable, o: index.sortable, c: index.combinedFilters ?? [], v: 2 });
}

/** Values longer than this are never equal to a query: not kept for the exactness rule. */
const EXACT_MAX_LENGTH = 40;

/** A text as the exactness rule compares it: its words, folded, one space apart. */
function exactForm(text: string): string {
  return tokenize(text)
    .map((t) => t.text)
    .join(" ");
}

/** A word as FTS5 reads it: Latin words and single characters also as a prefix, Chinese as its phrase of pairs. */
function tokenExpression(token: Token): string {
  const chars = Array.from(token.text);
  if (token.kind === "word" || chars.length === 1) return `"${token.text}"*`;
  return `"${chars
    .slice(0, -1)
    .map((c, i) => c + chars[i + 1]!)
    .join(" ")}"`;
}

/** A word whole: a Latin word without prefix matching (an excluded word, exactness); Chinese as its pairs. */
function wholeExpression(token: Token): string {
  return token.kind === "word" ? `"${token.text}"` : tokenExpression(token);
}

/**
 * A quoted phrase: its tokens next to each other as the index holds them. Chinese runs
 * the phrase puts side by side are one run ("新能源 汽车" finds 新能源汽车); a run
 * followed by a word keeps its last character, as indexTerms writes it.
 */
function phraseExpression(part: QueryPart): string {
  const units: Token[] = [];
  for (const token of part.tokens) {
    const last = units[units.length - 1];
    if (last && last.kind === "han" && token.kind === "han") units[units.length - 1] = { kind: "han", text: last.text + token.text };
    else units.push(token);
  }
  const out: string[] = [];
  let prefix = false;
  units.forEach((unit, i) => {
    const isLast = i === units.length - 1;
    if (unit.kind === "word") out.push(unit.text);
    else {
      const chars = Array.from(unit.text);
      if (chars.length > 1) out.push(...bigrams(unit.text));
      if (!isLast || chars.length === 1) out.push(chars[chars.length - 1]!);
      if (isLast && chars.length === 1) prefix = true;
    }
  });
  return `"${out.join(" ")}"${prefix ? "*" : ""}`;
}

function scalarValue(value: unknown): string | number | null {
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  return null;
}

function searchableText(value: unknown): string {
  if (Array.isArray(value)) return value.join(" ");
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return "";
}

/** One required word or phrase of a query, as FTS5 expressions. */
type Term = {
  /** Everything that satisfies it: the word, its synonyms and the vocabulary's words a typo away. */
  match: string;
  /** The same without the typo alternatives (equal to match when there are none). */
  plain: string;
  /** The word itself, whole (no prefix, typo or synonym): Latin words, for the exactness rule; null for Chinese. */
  exact: string | null;
  /** The word as one phrase, for NEAR (proximity). */
  phrase: string;
  /** match, each alternative anchored at the start of an attribute (the word's position). */
  initial: string;
};
type Expansion = {
  terms: Term[];
  /** Every term required, or null when the query only excludes. */
  expression: string | null;
  /** Documents matching this are excluded (the query's `-word`s and `-"phrase"`s). */
  exclude: string | null;
  needles: string[];
  /** The whole query in exactForm, when it has no exclusions. */
  exactText: string | null;
  /** The query with each Chinese word no document holds replaced by the word it was read as, when there was one. */
  readAs: string | null;
};
type SpellingVocabulary = {
  version: number;
  /** Chinese character pairs → documents holding them. */
  pairs: Map<string, number>;
  /** Character → the characters that follow it in some pair (and precede it, below). */
  after: Map<string, Set<string>>;
  before: Map<string, Set<string>>;
  words: Map<string, number>;
};
/**
 * The documents matching a query's words (every filter aside) with their ranking
 * features, computed once per query and index version (ADR 171): arrays by match, in
 * the order of the positions.
 */
type QueryMatch = {
  /** Positions in the value store of the matching documents, ascending (so by id). */
  positions: Int32Array;
  /** Meilisearch's rules before sort — typo, proximity, attribute — as one number, lower first. */
  tiers: Float64Array;
  /** The rule after sort (exactness), lower first. */
  exactness: Int32Array;
};
/** Packs typo, proximity and attribute into one number that orders as the three in turn. */
const TYPO_UNIT = 2 ** 40;
const PROXIMITY_UNIT = 2 ** 20;

export class EmbeddedSearchEngine implements SearchEngine {
  readonly kind = "embedded" as const;
  private readonly db: Database.Database;
  private readonly ready = new Set<string>();
  private readonly vocabularies = new Map<string, { version: number; words: string[] }>();
  /** Each index's filterable and sortable values in memory, for the index version it was read at. */
  private readonly stores = new Map<string, ValueStore>();
  /** Matches and ranking features of recent queries, by index version and terms: a page and its facet searches share them. */
  private readonly matchCache = new Map<string, QueryMatch>();
  /** Vocabulary words a typo away from a query word, by index version and word. */
  private readonly typoCache = new Map<string, string[]>();
  private readonly spellingVocabularies = new Map<string, SpellingVocabulary>();
  /** Compiled statements by row mode and SQL, least recently used first. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 15000");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS search_meta (name TEXT PRIMARY KEY, signature TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 0)",
    );
  }

  async applySettings(index: IndexDeclaration): Promise<void> {
    this.prepare(index);
  }

  async upsert(index: IndexDeclaration, documents: readonly SearchDocument[]): Promise<void> {
    const layout = this.prepare(index);
    const columns = ["id", "body", ...layout.scalars];
    const insertDoc = this.statement(
      `INSERT OR REPLACE INTO ${quote(layout.docs)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
    const searchable = index.searchable.map((a) => a.field);
    const insertText = this.statement(
      `INSERT INTO ${quote(layout.fts)} (rowid, ${searchable.map(quote).join(", ")}) VALUES (?, ${searchable.map(() => "?").join(", ")})`,
    );
    const deleteText = this.statement(`DELETE FROM ${quote(layout.fts)} WHERE rowid = ?`);
    const deleteValues = this.statement(`DELETE FROM ${quote(layout.values)} WHERE id = ?`);
    const insertValue = this.statement(`INSERT OR IGNORE INTO ${quote(layout.values)} (attr, value, id) VALUES (?, ?, ?)`);
    const deleteExact = this.statement(`DELETE FROM ${quote(layout.exact)} WHERE id = ?`);
    const insertExact = this.statement(`INSERT OR IGNORE INTO ${quote(layout.exact)} (value, id) VALUES (?, ?)`);
    const existing = this.statement(`SELECT 1 FROM ${quote(layout.docs)} WHERE id = ?`, "pluck");
    this.db.transaction(() => {
      for (const doc of documents) {
        // A new document has nothing to replace: skipping the deletes halves a rebuild.
        if (existing.get(doc.id) !== undefined) {
          deleteText.run(doc.id);
          deleteValues.run(doc.id);
          deleteExact.run(doc.id);
        }
        for (const field of searchable) {
          const text = searchableText(doc[field]);
          if (text && text.length <= EXACT_MAX_LENGTH) {
            const form = exactForm(text);
            if (form) insertExact.run(form, doc.id);
          }
        }
        insertDoc.run(doc.id, JSON.stringify(doc), ...layout.scalars.map((f) => scalarValue(doc[f])));
        insertText.run(doc.id, ...searchable.map((f) => indexTerms(searchableText(doc[f]))));
        for (const field of layout.lists) {
          const values = doc[field];
          if (Array.isArray(values)) for (const v of values) insertValue.run(field, String(v), doc.id);
        }
      }
      this.bumpVersion(index);
    })();
  }

  async remove(index: IndexDeclaration, ids: readonly number[]): Promise<void> {
    const layout = this.prepare(index);
    const statements = [
      this.statement(`DELETE FROM ${quote(layout.fts)} WHERE rowid = ?`),
      this.statement(`DELETE FROM ${quote(layout.values)} WHERE id = ?`),
      this.statement(`DELETE FROM ${quote(layout.exact)} WHERE id = ?`),
      this.statement(`DELETE FROM ${quote(layout.docs)} WHERE id = ?`),
    ];
    this.db.transaction(() => {
      for (const id of ids) for (const statement of statements) statement.run(id);
      this.bumpVersion(index);
    })();
  }

  async clear(index: IndexDeclaration): Promise<void> {
    const layout = this.prepare(index);
    this.db.transaction(() => {
      this.db.exec(`DELETE FROM ${quote(layout.docs)}; DELETE FROM ${quote(layout.values)}; DELETE FROM ${quote(layout.exact)};`);
      this.statement(`INSERT INTO ${quote(layout.fts)} (${quote(layout.fts)}) VALUES ('delete-all')`).run();
      this.bumpVersion(index);
    })();
  }

  async count(index: IndexDeclaration): Promise<number> {
    const layout = this.prepare(index);
    return this.statement(`SELECT count(*) FROM ${quote(layout.docs)}`, "pluck").get() as number;
  }

  async search(index: IndexDeclaration, request: SearchRequest): Promise<SearchResult> {
    const layout = this.prepare(index);
    // One read transaction: every statement of a search sees the same snapshot of the index.
    return this.db.transaction(() => this.searchSnapshot(index, layout, request))();
  }

  private searchSnapshot(index: IndexDeclaration, layout: Layout, request: SearchRequest): SearchResult {
    const hitsPerPage = request.hitsPerPage ?? DEFAULT_HITS_PER_PAGE;
    const page = request.page ?? 1;
    const offset = (page - 1) * hitsPerPage;
    const version = this.version(index);
    const expansion = this.expand(index, layout, request.q, version);
    const text = expansion?.expression ? expansion : null;
    const filters = request.filters ?? [];
    for (const filter of filters) if (!index.filterable[filter.field]) throw new Error(`${index.name}.${filter.field} is not filterable`);
    for (const field of request.facets ?? []) if (!index.filterable[field]) throw new Error(`${index.name}.${field} is not filterable`);
    if (request.sort) this.sortColumn(index, request.sort.field);

    let totalHits: number;
    let facets: SearchResult["facets"] = {};
    let pageIds: number[];
    if (text || request.facets?.length) {
      ({ totalHits, facets, pageIds } = this.searchInMemory(index, layout, version, request, expansion, offset, hitsPerPage));
    } else {
      // Neither words nor facets (candidate retrieval, exclusions alone): SQL over the
      // filters' indexes reads only the page, without the whole index in memory.
      const params: (string | number)[] = [];
      const where: string[] = [];
      if (expansion?.exclude) {
        where.push(`d.id NOT IN (SELECT rowid FROM ${quote(layout.fts)} WHERE ${quote(layout.fts)} MATCH ?)`);
        params.push(expansion.exclude);
      }
      for (const filter of filters) where.push(this.filterClause(index, layout, filter, params));
      const base = `FROM ${quote(layout.docs)} d${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;
      totalHits = this.statement(`SELECT count(*) ${base}`, "pluck").get(...params) as number;
      pageIds = this.statement(
        `SELECT d.id ${base} ORDER BY ${request.sort ? `${this.sortColumn(index, request.sort.field)} ${request.sort.direction === "asc" ? "ASC" : "DESC"}, ` : ""}d.id DESC LIMIT ? OFFSET ?`,
        "pluck",
      ).all(...params, hitsPerPage, offset) as number[];
    }

    const bodies = new Map(
      (
        this.statement(`SELECT id, body FROM ${quote(layout.docs)} WHERE id IN (SELECT value FROM json_each(?))`, "raw").all(
          JSON.stringify(pageIds),
        ) as [number, string][]
      ).map(([id, body]) => [id, body]),
    );
    const needles = expansion?.needles ?? [];
    const hits = pageIds.map((id) => {
      const document = JSON.parse(bodies.get(id)!) as SearchDocument;
      const highlights: Record<string, Highlighted> = {};
      for (const field of request.highlight ?? []) {
        const value = document[field];
        if (typeof value === "string") highlights[field] = highlight(value, needles);
      }
      return { document, highlights };
    });
    return {
      hits,
      totalHits,
      page,
      hitsPerPage,
      totalPages: Math.ceil(totalHits / hitsPerPage),
      facets,
      ...(expansion?.readAs ? { readAs: expansion.readAs } : {}),
    };
  }

  /**
   * Words, filters, facets and one page from memory (ADR 171): the query's matches and
   * ranking features come from FTS5 once per query (cached), the filters are tests of
   * typed arrays over those matches (or over a filter's posting list when there are no
   * words), the facets are counted over what passed, and the page is the first few in
   * the order of Meilisearch's rules, kept in a bounded heap instead of sorting all.
   */
  private searchInMemory(
    index: IndexDeclaration,
    layout: Layout,
    version: number,
    request: SearchRequest,
    expansion: Expansion | null,
    offset: number,
    limit: number,
  ): { totalHits: number; facets: SearchResult["facets"]; pageIds: number[] } {
    const store = this.valueStore(index, layout, version);
    const text = expansion?.expression ? expansion : null;
    const match = text ? this.queryMatch(index, layout, store, text, version) : null;
    const compiled = (request.filters ?? []).map((filter) => compileFilter(store, store.columns.get(filter.field)!, filter));
    // A search without words walks the smallest filter's posting list instead of every document.
    let domain: Int32Array | null = match ? match.positions : null;
    let driver: CompiledFilter | null = null;
    if (!match) {
      for (const filter of compiled) if (filter.positions && (!driver || filter.bound < driver.bound)) driver = filter;
      if (driver) domain = driver.positions!();
    }
    const tests = compiled.filter((filter) => filter !== driver).map((filter) => filter.test);
    let excluded = 0;
    if (expansion?.exclude) {
      excluded = store.newMark();
      const fts = quote(layout.fts);
      for (const id of this.statement(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?`, "pluck").all(expansion.exclude) as number[]) {
        const position = store.positionOf(id);
        if (position !== NO_CODE) store.mark(position, excluded);
      }
    }
    // What passes: positions (for facets) and, with words, the match indices (for ranking).
    const positions = store.scratch;
    const items = match ? store.scratchItems : positions;
    const total = domain ? domain.length : store.size;
    let count = 0;
    for (let i = 0; i < total; i += 1) {
      const position = domain ? domain[i]! : i;
      if (excluded && store.isMarked(position, excluded)) continue;
      let passes = true;
      for (let t = 0; t < tests.length && passes; t += 1) passes = tests[t]!(position);
      if (!passes) continue;
      positions[count] = position;
      if (match) items[count] = i;
      count += 1;
    }

    const facets: SearchResult["facets"] = {};
    const everything = !match && !domain && tests.length === 0 && !excluded;
    for (const field of request.facets ?? []) {
      const column = store.columns.get(field)!;
      if (everything) facets[field] = column.countsOfAll ??= countFacet(column, positions, count);
      else facets[field] = countFacet(column, positions, count);
    }

    const numbers = request.sort ? store.columns.get(request.sort.field)?.numbers ?? null : null;
    const direction = request.sort?.direction === "asc" ? 1 : -1;
    let page: number[];
    if (match) {
      // typo, proximity, attribute; then the sort (documents without its value last); exactness; the newest.
      const { tiers, exactness } = match;
      const matched = match.positions;
      page = firstInOrder(items, count, offset + limit, (a, b) => {
        if (tiers[a] !== tiers[b]) return tiers[a]! - tiers[b]!;
        if (numbers) {
          const x = numbers[matched[a]!]!;
          const y = numbers[matched[b]!]!;
          if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) {
            if (Number.isNaN(x)) return 1;
            if (Number.isNaN(y)) return -1;
            return (x - y) * direction;
          }
        }
        return exactness[a]! - exactness[b]! || b - a;
      }).map((i) => matched[i]!);
    } else if (numbers) {
      // As SQL orders: a document without the value is below every value.
      page = firstInOrder(positions, count, offset + limit, (a, b) => {
        const x = numbers[a]!;
        const y = numbers[b]!;
        if (x === y || (Number.isNaN(x) && Number.isNaN(y))) return b - a;
        if (Number.isNaN(x)) return -direction;
        if (Number.isNaN(y)) return direction;
        return (x - y) * direction;
      });
    } else {
      // Positions ascend with ids: the newest are the last.
      page = [];
      for (let i = count - 1; i >= 0 && page.length < offset + limit; i -= 1) page.push(positions[i]!);
    }
    return { totalHits: count, facets, pageIds: page.slice(offset).map((position) => store.ids[position]!) };
  }

  /**
   * The documents matching the query's words and their ranking features, cached per
   * index version and terms (32 queries): the page's search and its facet searches share
   * them. Each rule is a set of further FTS5 queries whose answers are document ids:
   * typo (the word matched only through a vocabulary word a typo away), proximity (the
   * words within 2, or 8, tokens in one attribute), attribute (the first searchable
   * attribute holding the word, at its start or later), exactness (an attribute equal to
   * the query; Latin words whole rather than as a prefix or typo).
   */
  private queryMatch(index: IndexDeclaration, layout: Layout, store: ValueStore, expansion: Expansion, version: number): QueryMatch {
    const key = `${version}\u0000${index.name}\u0000${expansion.expression}\u0000${expansion.exactText ?? ""}`;
    const cached = this.matchCache.get(key);
    if (cached) {
      this.matchCache.delete(key);
      this.matchCache.set(key, cached);
      return cached;
    }
    const fts = quote(layout.fts);
    const matching = this.statement(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?`, "pluck");
    // FTS5 returns rowids in ascending order, and positions ascend with ids.
    const found: number[] = [];
    for (const id of matching.all(expansion.expression!) as number[]) {
      const position = store.positionOf(id);
      if (position !== NO_CODE) found.push(position);
    }
    const positions = Int32Array.from(found);
    const n = positions.length;
    const matched = store.newMark();
    positions.forEach((position, i) => {
      store.mark(position, matched);
      store.slots[position] = i;
    });
    /** The matches (by index) that another expression also finds. */
    const within = (expression: string, visit: (i: number) => void) => {
      for (const id of matching.all(expression) as number[]) {
        const position = store.positionOf(id);
        if (position !== NO_CODE && store.isMarked(position, matched)) visit(store.slots[position]!);
      }
    };
    const flags = (expression: string) => {
      const set = new Uint8Array(n);
      within(expression, (i) => (set[i] = 1));
      return set;
    };
    const typo = new Int32Array(n);
    const proximity = new Int32Array(n);
    const attribute = new Int32Array(n);
    const exactness = new Int32Array(n);
    const columns = index.searchable.map((a) => a.field);
    const unplaced = 2 * (columns.length - 1) + 1;
    expansion.terms.forEach((term, t) => {
      if (term.plain !== term.match) {
        const plain = flags(term.plain);
        for (let i = 0; i < n; i += 1) if (!plain[i]) typo[i] = typo[i]! + 1;
      }
      const next = expansion.terms[t + 1];
      if (next) {
        const close = flags(`NEAR(${term.phrase} ${next.phrase}, 2)`);
        const near = flags(`NEAR(${term.phrase} ${next.phrase}, 8)`);
        for (let i = 0; i < n; i += 1) proximity[i] = proximity[i]! + (close[i] ? 0 : near[i] ? 1 : 2);
      }
      // The first searchable attribute holding the term (the last one is what is left).
      const best = new Int8Array(n).fill(-1);
      let placed = 0;
      const used = new Set<number>();
      for (let c = 0; c < columns.length - 1 && placed < n; c += 1) {
        within(`{${columns[c]}} : (${term.match})`, (i) => {
          if (best[i] !== -1) return;
          best[i] = c;
          placed += 1;
          used.add(c);
        });
      }
      // Within it, the word's position: at the attribute's start, or later (Meilisearch's wordPosition, coarsely).
      const atStart = new Uint8Array(n);
      for (const c of used) within(`{${columns[c]}} : (${term.initial})`, (i) => best[i] === c && (atStart[i] = 1));
      for (let i = 0; i < n; i += 1) attribute[i] = attribute[i]! + (best[i] === -1 ? unplaced : 2 * best[i]! + (atStart[i] ? 0 : 1));
      if (term.exact) {
        const exact = flags(term.exact);
        for (let i = 0; i < n; i += 1) if (!exact[i]) exactness[i] = exactness[i]! + 1;
      }
    });
    if (expansion.exactText) {
      const equal = new Uint8Array(n);
      for (const id of this.statement(`SELECT id FROM ${quote(layout.exact)} WHERE value = ?`, "pluck").all(expansion.exactText) as number[]) {
        const position = store.positionOf(id);
        if (position !== NO_CODE && store.isMarked(position, matched)) equal[store.slots[position]!] = 1;
      }
      for (let i = 0; i < n; i += 1) if (!equal[i]) exactness[i] = exactness[i]! + 64;
    }
    const tiers = new Float64Array(n);
    for (let i = 0; i < n; i += 1) tiers[i] = typo[i]! * TYPO_UNIT + proximity[i]! * PROXIMITY_UNIT + attribute[i]!;
    const fresh: QueryMatch = { positions, tiers, exactness };
    this.matchCache.set(key, fresh);
    while (this.matchCache.size > MATCH_CACHE_SIZE) this.matchCache.delete(this.matchCache.keys().next().value!);
    return fresh;
  }

  async spellingCandidates(index: IndexDeclaration, word: string): Promise<string[]> {
    const layout = this.prepare(index);
    return this.db.transaction(() => {
      const [token, ...rest] = tokenize(word);
      if (!token || rest.length > 0) return [];
      const vocabulary = this.spellingVocabulary(index, layout, this.version(index));
      const found = new Map<string, number>();
      if (token.kind === "word") {
        if (token.text.length < 2) return [];
        const distance = Math.min(2, allowedTypos(token.text, index.typos) + 1);
        for (const [term, docs] of vocabulary.words) {
          if (term !== token.text && typoDistance(token.text, term, distance) <= distance) found.set(term, docs);
        }
      } else {
        const chars = Array.from(token.text);
        if (chars.length < 2) return [];
        for (const [candidate, score] of this.chineseNeighbours(index, layout, vocabulary, chars)) found.set(candidate, score);
      }
      return bestFirst(found).slice(0, SPELLING_CANDIDATES);
    })();
  }

  /**
   * The index's Chinese words one character away from a word, each scored by the titles
   * holding it, a character that sounds like the one typed above any other (the usual
   * slip of a pinyin input method): the replacing character pairs with both neighbours
   * somewhere in the index, and the new word is in some document's first attribute
   * (pairs also span two words: 气保焊 holds 保焊).
   */
  private chineseNeighbours(index: IndexDeclaration, layout: Layout, vocabulary: SpellingVocabulary, chars: readonly string[]): Map<string, number> {
    const found = new Map<string, number>();
    const count = this.statement(`SELECT count(*) FROM ${quote(layout.fts)} WHERE ${quote(layout.fts)} MATCH ?`, "pluck");
    const first = index.searchable[0]!.field;
    chars.forEach((original, i) => {
      const after = i > 0 ? vocabulary.after.get(chars[i - 1]!) : undefined;
      const before = i < chars.length - 1 ? vocabulary.before.get(chars[i + 1]!) : undefined;
      const options = after && before ? [...after].filter((c) => before.has(c)) : [...(after ?? before ?? [])];
      for (const c of options) {
        if (c === original) continue;
        const candidate = [...chars.slice(0, i), c, ...chars.slice(i + 1)].join("");
        const docs = count.get(`{${first}} : ${tokenExpression({ kind: "han", text: candidate })}`) as number;
        if (docs > 0) found.set(candidate, soundAlike(original, c) ? docs + SOUND_ALIKE : docs);
      }
    });
    return found;
  }

  /**
   * The word a Chinese query word was meant to be when no document holds it (nor any of
   * its synonyms): the index's best word one character away, as the page's first
   * spelling suggestion (ADR 172). Null when the word is in the index or nothing is near.
   * Once per index version and word.
   */
  private chineseSlip(index: IndexDeclaration, layout: Layout, version: number, word: string, match: string): string | null {
    const key = `${version}\u0000${index.name}\u0000han\u0000${word}`;
    let cached = this.typoCache.get(key);
    if (!cached) {
      const chars = Array.from(word);
      const fts = quote(layout.fts);
      const known =
        chars.length < 2 ||
        (index.knownWords ?? []).some((w) => foldForMatching(w).toLowerCase() === word) ||
        this.statement(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? LIMIT 1`, "pluck").get(match) !== undefined;
      cached = known ? [] : bestFirst(this.chineseNeighbours(index, layout, this.spellingVocabulary(index, layout, version), chars)).slice(0, 1);
      this.typoCache.set(key, cached);
      while (this.typoCache.size > TYPO_CACHE_SIZE) this.typoCache.delete(this.typoCache.keys().next().value!);
    }
    return cached[0] ?? null;
  }

  async ping(): Promise<void> {
    this.statement("SELECT count(*) FROM search_meta").get();
  }

  async close(): Promise<void> {
    this.statements.clear();
    this.db.close();
  }

  /**
   * The statement for this SQL, compiled once and reused: compiling costs more than
   * running most of a search's statements. The row mode is part of the key because
   * pluck() and raw() change the statement itself.
   */
  private statement(sql: string, mode: RowMode = "object"): Database.Statement {
    const key = `${mode}\u0000${sql}`;
    const cached = this.statements.get(key);
    if (cached) {
      this.statements.delete(key);
      this.statements.set(key, cached);
      return cached;
    }
    const compiled = this.db.prepare(sql);
    if (mode === "pluck") compiled.pluck();
    if (mode === "raw") compiled.raw();
    this.statements.set(key, compiled);
    while (this.statements.size > STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
    return compiled;
  }

  /** Creates the index's tables, or rebuilds them empty when the declaration changed shape. */
  private prepare(index: IndexDeclaration): Layout {
    const layout = layoutOf(index);
    if (this.ready.has(index.name)) return layout;
    const signature = signatureOf(index);
    const current = this.db.prepare("SELECT signature FROM search_meta WHERE name = ?").get(index.name) as
      | { signature: string }
      | undefined;
    if (current?.signature !== signature) {
      // Statements compiled against the old tables must not outlive them.
      this.statements.clear();
      const searchable = index.searchable.map((a) => quote(a.field)).join(", ");
      this.db.transaction(() => {
        this.db.exec(`
          DROP TABLE IF EXISTS ${quote(layout.vocab)};
          DROP TABLE IF EXISTS ${quote(layout.exact)};
          DROP TABLE IF EXISTS ${quote(layout.fts)};
          DROP TABLE IF EXISTS ${quote(layout.values)};
          DROP TABLE IF EXISTS ${quote(layout.docs)};
          CREATE TABLE ${quote(layout.docs)} (id INTEGER PRIMARY KEY, body TEXT NOT NULL${layout.scalars.map((c) => `, ${quote(c)}`).join("")});
          CREATE TABLE ${quote(layout.values)} (attr TEXT NOT NULL, value TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (attr, value, id)) WITHOUT ROWID;
          CREATE INDEX ${quote(`${layout.values}_id`)} ON ${quote(layout.values)} (id);
          CREATE TABLE ${quote(layout.exact)} (value TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (value, id)) WITHOUT ROWID;
          CREATE INDEX ${quote(`${layout.exact}_id`)} ON ${quote(layout.exact)} (id);
          CREATE VIRTUAL TABLE ${quote(layout.fts)} USING fts5(${searchable}, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
          CREATE VIRTUAL TABLE ${quote(layout.vocab)} USING fts5vocab(${quote(layout.fts)}, 'row');
        `);
        for (const column of layout.scalars) {
          this.db.exec(`CREATE INDEX ${quote(`${layout.docs}_${column}`)} ON ${quote(layout.docs)} (${quote(column)})`);
        }
        for (const columns of index.combinedFilters ?? []) {
          const unknown = columns.filter((column) => !layout.scalars.includes(column));
          if (unknown.length > 0) throw new Error(`${index.name}: combined filters must be scalar filterable fields (${unknown.join(", ")})`);
          this.db.exec(
            `CREATE INDEX ${quote(`${layout.docs}_${columns.join("_")}`)} ON ${quote(layout.docs)} (${columns.map(quote).join(", ")})`,
          );
        }
        this.db
          .prepare(
            "INSERT INTO search_meta (name, signature, version) VALUES (?, ?, 0) ON CONFLICT (name) DO UPDATE SET signature = excluded.signature, version = 0",
          )
          .run(index.name, signature);
      })();
    }
    this.ready.add(index.name);
    return layout;
  }

  private bumpVersion(index: IndexDeclaration) {
    this.statement("UPDATE search_meta SET version = version + 1 WHERE name = ?").run(index.name);
  }

  /** The index's Latin words, reread only when the index changed since the last search. */
  private vocabulary(index: IndexDeclaration, layout: Layout, version: number): string[] {
    const cached = this.vocabularies.get(index.name);
    if (cached?.version === version) return cached.words;
    const words = (
      // The range lets fts5vocab read the Latin part of the index alone (a GLOB alone reads all of it).
      this.db.prepare(`SELECT term FROM ${quote(layout.vocab)} WHERE term >= 'a' AND term < '{' AND term GLOB '[a-z]*'`).all() as { term: string }[]
    ).map((r) => r.term);
    this.vocabularies.set(index.name, { version, words });
    return words;
  }

  /** The index's character pairs (by neighbour) and Latin words with their document counts, reread when the index changed. */
  private spellingVocabulary(index: IndexDeclaration, layout: Layout, version: number): SpellingVocabulary {
    const cached = this.spellingVocabularies.get(index.name);
    if (cached?.version === version) return cached;
    const fresh: SpellingVocabulary = { version, pairs: new Map(), after: new Map(), before: new Map(), words: new Map() };
    const rows = this.db.prepare(`SELECT term, doc FROM ${quote(layout.vocab)}`).raw().all() as [string, number][];
    for (const [term, docs] of rows) {
      if (/^[a-z]/.test(term)) fresh.words.set(term, docs);
      const chars = Array.from(term);
      if (chars.length !== 2 || !/^\p{Script=Han}{2}$/u.test(term)) continue;
      fresh.pairs.set(term, docs);
      const [first, second] = chars as [string, string];
      if (!fresh.after.has(first)) fresh.after.set(first, new Set());
      fresh.after.get(first)!.add(second);
      if (!fresh.before.has(second)) fresh.before.set(second, new Set());
      fresh.before.get(second)!.add(first);
    }
    this.spellingVocabularies.set(index.name, fresh);
    return fresh;
  }

  /** The vocabulary's Latin words a typo away from a word (not those it begins), once per index version and word. */
  private typoWords(index: IndexDeclaration, layout: Layout, version: number, word: string): string[] {
    const key = `${version}\u0000${index.name}\u0000${word}`;
    const cached = this.typoCache.get(key);
    if (cached) return cached;
    const typos = allowedTypos(word, index.typos);
    const found = typos > 0 ? this.vocabulary(index, layout, version).filter((w) => !w.startsWith(word) && typoDistance(word, w, typos) <= typos) : [];
    this.typoCache.set(key, found);
    while (this.typoCache.size > TYPO_CACHE_SIZE) this.typoCache.delete(this.typoCache.keys().next().value!);
    return found;
  }

  /**
   * The FTS5 expressions of a query (search/query.ts: every word required, phrases,
   * exclusions) and the strings to highlight. Every token is a run of letters or digits
   * put in double quotes, so nothing typed reaches FTS5 as syntax.
   */
  private expand(index: IndexDeclaration, layout: Layout, q: string, version: number): Expansion | null {
    const parts = parseQuery(q);
    if (parts.length === 0) return null;
    const synonymGroups = index.synonyms.map((group) => group.map((term) => tokenize(term)));
    const needles: string[] = [];
    const terms: Term[] = [];
    const excluded: string[] = [];
    const readAs = new Map<QueryPart, string>();
    const either = (list: string[]) => (list.length === 1 ? list[0]! : `(${list.join(" OR ")})`);
    for (const part of parts) {
      if (part.negated) {
        excluded.push(part.phrase ? phraseExpression(part) : wholeExpression(part.tokens[0]!));
        continue;
      }
      if (part.phrase) {
        const phrase = phraseExpression(part);
        needles.push(...part.tokens.map((t) => t.text));
        terms.push({ match: phrase, plain: phrase, exact: null, phrase, initial: `^${phrase}` });
        continue;
      }
      const token = part.tokens[0]!;
      const own = tokenExpression(token);
      const alternatives = [own];
      const initials = [`^${own}`];
      const typoAlternatives: string[] = [];
      const typoInitials: string[] = [];
      needles.push(token.text);
      if (token.kind === "word" && /[a-z]/.test(token.text)) {
        for (const word of this.typoWords(index, layout, version, token.text)) {
          typoAlternatives.push(`"${word}"`);
          typoInitials.push(`^"${word}"`);
          needles.push(word);
        }
      }
      for (const group of synonymGroups) {
        if (!group.some((term) => term.length === 1 && term[0]!.text === token.text)) continue;
        for (const term of group) {
          if (term.length === 1 && term[0]!.text === token.text) continue;
          alternatives.push(`(${term.map((t) => tokenExpression(t)).join(" AND ")})`);
          initials.push(`(${term.map((t, i) => `${i === 0 ? "^" : ""}${tokenExpression(t)}`).join(" AND ")})`);
          needles.push(...term.map((t) => t.text));
        }
      }
      // A Chinese word no document holds is read as the index's word one character away (ADR 172).
      const slip = token.kind === "han" ? this.chineseSlip(index, layout, version, token.text, either(alternatives)) : null;
      if (slip) {
        typoAlternatives.push(tokenExpression({ kind: "han", text: slip }));
        typoInitials.push(`^${tokenExpression({ kind: "han", text: slip })}`);
        needles.push(slip);
        readAs.set(part, slip);
        // The word meant finds what it would find typed: its synonyms too.
        for (const group of synonymGroups) {
          if (!group.some((term) => term.length === 1 && term[0]!.text === slip)) continue;
          for (const term of group) {
            if (term.length === 1 && term[0]!.text === slip) continue;
            typoAlternatives.push(`(${term.map((t) => tokenExpression(t)).join(" AND ")})`);
            typoInitials.push(`(${term.map((t, i) => `${i === 0 ? "^" : ""}${tokenExpression(t)}`).join(" AND ")})`);
            needles.push(...term.map((t) => t.text));
          }
        }
      }
      const exact = token.kind === "word" ? wholeExpression(token) : null;
      const initial = either([...initials, ...typoInitials]);
      const phrase = slip ? tokenExpression({ kind: "han", text: slip }) : own;
      terms.push({ match: either([...alternatives, ...typoAlternatives]), plain: either(alternatives), exact, phrase, initial });
    }
    return {
      terms,
      expression: terms.length ? terms.map((t) => t.match).join(" AND ") : null,
      exclude: excluded.length ? excluded.join(" OR ") : null,
      needles,
      exactText: excluded.length === 0 ? parts.map((p) => p.tokens.map((t) => t.text).join(" ")).join(" ") : null,
      readAs: readAs.size
        ? parts.map((p) => readAs.get(p) ?? `${p.negated ? "-" : ""}${p.phrase ? `"${p.text}"` : p.text}`).join(" ")
        : null,
    };
  }

  private filterClause(index: IndexDeclaration, layout: Layout, filter: Filter, params: (string | number)[]): string {
    const kind = index.filterable[filter.field];
    if (!kind) throw new Error(`${index.name}.${filter.field} is not filterable`);
    if ("anyOf" in filter) {
      if (filter.anyOf.length === 0) return "0";
      const marks = filter.anyOf.map(() => "?").join(", ");
      if (kind === "string[]") {
        params.push(filter.field, ...filter.anyOf.map(String));
        return `EXISTS (SELECT 1 FROM ${quote(layout.values)} v WHERE v.attr = ? AND v.value IN (${marks}) AND v.id = d.id)`;
      }
      params.push(...filter.anyOf.map((v) => (kind === "number" ? Number(v) : String(v))));
      return `d.${quote(filter.field)} IN (${marks})`;
    }
    if (kind !== "number") throw new Error(`${index.name}.${filter.field} is not numeric`);
    const clauses: string[] = [];
    if (filter.min !== undefined) {
      clauses.push(`d.${quote(filter.field)} >= ?`);
      params.push(filter.min);
    }
    if (filter.max !== undefined) {
      clauses.push(`d.${quote(filter.field)} <= ?`);
      params.push(filter.max);
    }
    return clauses.length ? clauses.join(" AND ") : "1";
  }

  private sortColumn(index: IndexDeclaration, field: string): string {
    if (!index.sortable.includes(field)) throw new Error(`${index.name}.${field} is not sortable`);
    return `d.${quote(field)}`;
  }

  /**
   * The index's filterable and sortable values in memory (search/columns.ts), reread
   * when the index's version moved since it was read.
   */
  private valueStore(index: IndexDeclaration, layout: Layout, version: number): ValueStore {
    const cached = this.stores.get(index.name);
    if (cached?.version === version) return cached;
    const scalars = layout.scalars.map((field) => ({
      field,
      kind: index.filterable[field] ?? null,
      numeric: index.filterable[field] === "number" || index.sortable.includes(field),
    }));
    const lists = layout.lists.map((field) => ({ field, kind: index.filterable[field] ?? null, numeric: false }));
    const rows = this.db
      .prepare(`SELECT id${layout.scalars.map((f) => `, ${quote(f)}`).join("")} FROM ${quote(layout.docs)} ORDER BY id`)
      .raw()
      .all() as unknown[][];
    const listRows = this.db.prepare(`SELECT attr, value, id FROM ${quote(layout.values)}`).raw().all() as [string, string, number][];
    const fresh = new ValueStore(version, scalars, lists, rows, listRows);
    this.stores.set(index.name, fresh);
    return fresh;
  }

  private version(index: IndexDeclaration): number {
    return this.statement("SELECT version FROM search_meta WHERE name = ?", "pluck").get(index.name) as number;
  }

}
