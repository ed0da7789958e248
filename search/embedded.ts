/**
 * The embedded engine: SQLite FTS5 in a file of its own beside the database, so the
 * worker writes what the web process reads (docs/decisions/030-search-engine.md).
 * Chinese is indexed as overlapping character pairs, Latin words whole; typos are
 * found against the index's own vocabulary; filters, facets and sorting are SQL over
 * a table of each document's filterable values.
 */
import Database from "better-sqlite3";
import { parseQuery, type QueryPart } from "./query";
import { allowedTypos, bigrams, highlight, indexTerms, soundAlike, tokenize, typoDistance, type Token } from "./text";
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
const RANK_CACHE_SIZE = 32;
/** Prepared statements kept per engine: a search's SQL differs only by its filters, so few shapes recur. */
const STATEMENT_CACHE_SIZE = 256;
const SPELLING_CANDIDATES = 3;
/** Added to a sound-alike candidate's document count, so that it ranks above any other. */
const SOUND_ALIKE = 1e9;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

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
/** Per matching document: typos, proximity, attribute, exactness (lower is better). */
type RankFeatures = Map<number, [number, number, number, number]>;
type FacetValues = {
  version: number;
  /** Document id → its position in each column. */
  positions: Map<number, number>;
  columns: Map<string, (string | string[] | null)[]>;
  countsOfAll: Map<string, Record<string, number>>;
};

export class EmbeddedSearchEngine implements SearchEngine {
  readonly kind = "embedded" as const;
  private readonly db: Database.Database;
  private readonly ready = new Set<string>();
  private readonly vocabularies = new Map<string, { version: number; words: string[] }>();
  private readonly facetCache = new Map<string, FacetValues>();
  /** Ranking features of recent queries, by index version and terms: a page and its facet searches share them. */
  private readonly rankCache = new Map<string, RankFeatures>();
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
    const expansion = this.expand(index, layout, request.q);
    const text = expansion?.expression ? expansion : null;

    const params: (string | number)[] = [];
    const where: string[] = [];
    let from = `${quote(layout.docs)} d`;
    /** The id column of the rows found: the documents' table's, or the full-text index's own rowid. */
    let id = "d.id";
    if (text) {
      // CROSS JOIN keeps the full-text match as the outer loop: the planner would
      // otherwise walk a filter's index and rerun the MATCH for every row.
      // Without filters the documents' table is not needed to find or rank.
      const needsDocs = (request.filters?.length ?? 0) > 0;
      from = needsDocs ? `${quote(layout.fts)} f CROSS JOIN ${quote(layout.docs)} d ON d.id = f.rowid` : `${quote(layout.fts)} f`;
      if (!needsDocs) id = "f.rowid";
      where.push(`${quote(layout.fts)} MATCH ?`);
      params.push(text.expression!);
    }
    if (expansion?.exclude) {
      where.push(`${id} NOT IN (SELECT rowid FROM ${quote(layout.fts)} WHERE ${quote(layout.fts)} MATCH ?)`);
      params.push(expansion.exclude);
    }
    for (const filter of request.filters ?? []) where.push(this.filterClause(index, layout, filter, params));
    const base = `FROM ${from}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;

    const facets: SearchResult["facets"] = {};
    const offset = (page - 1) * hitsPerPage;
    let totalHits: number;
    let pageIds: number[] | null = null;
    if (text) {
      // Meilisearch's ranking rules over every match: words (all required), typo,
      // proximity, attribute, sort, exactness; then bm25 and the newest id break ties.
      const weights = index.searchable.map((a) => a.weight).join(", ");
      const rows = this.statement(`SELECT ${id}, bm25(${quote(layout.fts)}, ${weights}) ${base}`, "raw").all(...params) as [number, number][];
      totalHits = rows.length;
      if (request.facets?.length) {
        Object.assign(facets, this.countFacets(index, layout, request.facets, rows.map((row) => row[0])).facets);
      }
      pageIds = this.rankedPage(index, layout, text, rows, request.sort, offset, hitsPerPage);
    } else if (request.facets?.length) {
      const everything = where.length === 0;
      const ids = everything ? null : (this.statement(`SELECT ${id} ${base}`, "pluck").all(...params) as number[]);
      const counted = this.countFacets(index, layout, request.facets, ids);
      totalHits = counted.matched;
      Object.assign(facets, counted.facets);
      if (ids) pageIds = this.pageOf(index, layout, ids, request.sort, offset, hitsPerPage);
    } else {
      totalHits = this.statement(`SELECT count(*) ${base}`, "pluck").get(...params) as number;
    }

    pageIds ??= this.statement(
      `SELECT ${id} ${base} ORDER BY ${request.sort ? `${this.sortColumn(index, request.sort.field)} ${request.sort.direction === "asc" ? "ASC" : "DESC"}, ` : ""}${id} DESC LIMIT ? OFFSET ?`,
      "pluck",
    ).all(...params, hitsPerPage, offset) as number[];
    const bodies = new Map(
      (
        this.db
          .prepare(`SELECT id, body FROM ${quote(layout.docs)} WHERE id IN (${pageIds.map(() => "?").join(", ")})`)
          .all(...pageIds) as { id: number; body: string }[]
      ).map((row) => [row.id, row.body]),
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
    return { hits, totalHits, page, hitsPerPage, totalPages: Math.ceil(totalHits / hitsPerPage), facets };
  }

  /**
   * One page of the matches (id, bm25) in the order of Meilisearch's ranking rules:
   * fewer typos, then closer words, then the better attribute (the order of
   * `searchable`: a title match above a description-only one), then the requested
   * sort, then exactness (an attribute equal to the query, whole words over prefixes);
   * bm25 and the newest id break what is left.
   */
  private rankedPage(
    index: IndexDeclaration,
    layout: Layout,
    expansion: Expansion,
    rows: [number, number][],
    sort: SearchRequest["sort"],
    offset: number,
    limit: number,
  ): number[] {
    const features = this.rankFeatures(index, layout, expansion);
    let sortKey: ((id: number) => number | null) | null = null;
    let direction = 1;
    if (sort) {
      this.sortColumn(index, sort.field);
      const values = this.facetValues(index, layout);
      const column = values.columns.get(sort.field);
      direction = sort.direction === "asc" ? 1 : -1;
      sortKey = (id) => {
        const raw = column?.[values.positions.get(id) ?? -1];
        return raw === null || raw === undefined ? null : Number(raw);
      };
    }
    const NONE: [number, number, number, number] = [9, 9, 99, 99];
    const keyed = rows.map(([id, bm25]) => ({ id, bm25, f: features.get(id) ?? NONE, s: sortKey ? sortKey(id) : null }));
    keyed.sort((a, b) => {
      for (let i = 0; i < 3; i += 1) if (a.f[i] !== b.f[i]) return a.f[i]! - b.f[i]!;
      if (sortKey && a.s !== b.s) {
        // Documents without the value come last, in either direction.
        if (a.s === null) return 1;
        if (b.s === null) return -1;
        return (a.s - b.s) * direction;
      }
      if (a.f[3] !== b.f[3]) return a.f[3] - b.f[3];
      return a.bm25 - b.bm25 || b.id - a.id;
    });
    return keyed.slice(offset, offset + limit).map((k) => k.id);
  }

  /** The ranking features of every document matching the query's terms (all filters aside), cached per index version. */
  private rankFeatures(index: IndexDeclaration, layout: Layout, expansion: Expansion): RankFeatures {
    const key = `${this.version(index)}\u0000${index.name}\u0000${expansion.expression}\u0000${expansion.exactText ?? ""}`;
    const cached = this.rankCache.get(key);
    if (cached) {
      this.rankCache.delete(key);
      this.rankCache.set(key, cached);
      return cached;
    }
    const fts = quote(layout.fts);
    const matching = this.statement(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?`, "pluck");
    const idsOf = (expression: string) => new Set(matching.all(expression) as number[]);
    const features: RankFeatures = new Map();
    for (const id of matching.all(expansion.expression!) as number[]) features.set(id, [0, 0, 0, 0]);
    const columns = index.searchable.map((a) => a.field);
    expansion.terms.forEach((term, t) => {
      // typo: the term matched only through a word a typo away.
      if (term.plain !== term.match) {
        const plain = idsOf(term.plain);
        for (const [id, f] of features) if (!plain.has(id)) f[0] += 1;
      }
      // proximity: how near this term and the next sit in one attribute.
      const next = expansion.terms[t + 1];
      if (next) {
        const close = idsOf(`NEAR(${term.phrase} ${next.phrase}, 2)`);
        const near = idsOf(`NEAR(${term.phrase} ${next.phrase}, 8)`);
        for (const [id, f] of features) f[1] += close.has(id) ? 0 : near.has(id) ? 1 : 2;
      }
      // attribute: the first searchable attribute holding the term.
      const best = new Map<number, number>();
      for (let c = 0; c < columns.length - 1 && best.size < features.size; c += 1) {
        for (const id of matching.all(`{${columns[c]}} : (${term.match})`) as number[]) {
          if (!best.has(id) && features.has(id)) best.set(id, c);
        }
      }
      // Within it, the word's position: at the attribute's start, or later (Meilisearch's wordPosition, coarsely).
      const atStart = new Set<number>();
      for (const c of new Set(best.values())) {
        for (const id of matching.all(`{${columns[c]}} : (${term.initial})`) as number[]) if (best.get(id) === c) atStart.add(id);
      }
      for (const [id, f] of features) {
        const c = best.get(id);
        f[2] += c === undefined ? 2 * (columns.length - 1) + 1 : 2 * c + (atStart.has(id) ? 0 : 1);
      }
      // exactness: the word whole, not a prefix of a longer one, a typo or a synonym.
      if (term.exact) {
        const exact = idsOf(term.exact);
        for (const [id, f] of features) if (!exact.has(id)) f[3] += 1;
      }
    });
    if (expansion.exactText) {
      const equal = this.statement(`SELECT id FROM ${quote(layout.exact)} WHERE value = ?`, "pluck").all(expansion.exactText) as number[];
      const bonus = new Set(equal);
      for (const [id, f] of features) if (!bonus.has(id)) f[3] += 64;
    }
    this.rankCache.set(key, features);
    while (this.rankCache.size > RANK_CACHE_SIZE) this.rankCache.delete(this.rankCache.keys().next().value!);
    return features;
  }

  async spellingCandidates(index: IndexDeclaration, word: string): Promise<string[]> {
    const layout = this.prepare(index);
    return this.db.transaction(() => {
      const [token, ...rest] = tokenize(word);
      if (!token || rest.length > 0) return [];
      const vocabulary = this.spellingVocabulary(index, layout);
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
        const count = this.statement(`SELECT count(*) FROM ${quote(layout.fts)} WHERE ${quote(layout.fts)} MATCH ?`, "pluck");
        const first = index.searchable[0]!.field;
        chars.forEach((original, i) => {
          // Characters that pair with both neighbours somewhere in the index.
          const after = i > 0 ? vocabulary.after.get(chars[i - 1]!) : undefined;
          const before = i < chars.length - 1 ? vocabulary.before.get(chars[i + 1]!) : undefined;
          const options = after && before ? [...after].filter((c) => before.has(c)) : [...(after ?? before ?? [])];
          for (const c of options) {
            if (c === original) continue;
            const candidate = [...chars.slice(0, i), c, ...chars.slice(i + 1)].join("");
            // Pairs also span two words (气保焊 holds 保焊): only a candidate some document
            // has in its first attribute (a job's title) is taken for a word.
            const docs = count.get(`{${first}} : ${tokenExpression({ kind: "han", text: candidate })}`) as number;
            // A character that sounds like the one typed is the likelier slip: it goes first.
            if (docs > 0) found.set(candidate, soundAlike(original, c) ? docs + SOUND_ALIKE : docs);
          }
        });
      }
      return [...found].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, SPELLING_CANDIDATES).map(([term]) => term);
    })();
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
  private vocabulary(index: IndexDeclaration, layout: Layout): string[] {
    const version = this.version(index);
    const cached = this.vocabularies.get(index.name);
    if (cached?.version === version) return cached.words;
    const words = (
      this.db.prepare(`SELECT term FROM ${quote(layout.vocab)} WHERE term GLOB '[a-z]*'`).all() as { term: string }[]
    ).map((r) => r.term);
    this.vocabularies.set(index.name, { version, words });
    return words;
  }

  /**
   * The FTS5 expressions of a query (search/query.ts: every word required, phrases,
   * exclusions) and the strings to highlight. Every token is a run of letters or digits
   * put in double quotes, so nothing typed reaches FTS5 as syntax.
   */
  /** The index's character pairs (by neighbour) and Latin words with their document counts, reread when the index changed. */
  private spellingVocabulary(index: IndexDeclaration, layout: Layout): SpellingVocabulary {
    const version = this.version(index);
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

  private expand(index: IndexDeclaration, layout: Layout, q: string): Expansion | null {
    const parts = parseQuery(q);
    if (parts.length === 0) return null;
    const synonymGroups = index.synonyms.map((group) => group.map((term) => tokenize(term)));
    const needles: string[] = [];
    const terms: Term[] = [];
    const excluded: string[] = [];
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
      needles.push(token.text);
      if (token.kind === "word" && /[a-z]/.test(token.text)) {
        const typos = allowedTypos(token.text, index.typos);
        if (typos > 0) {
          for (const word of this.vocabulary(index, layout)) {
            if (word.startsWith(token.text)) continue;
            if (typoDistance(token.text, word, typos) <= typos) {
              typoAlternatives.push(`"${word}"`);
              needles.push(word);
            }
          }
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
      const either = (list: string[]) => (list.length === 1 ? list[0]! : `(${list.join(" OR ")})`);
      const exact = token.kind === "word" ? wholeExpression(token) : null;
      const initial = either([...initials, ...typoAlternatives.map((a) => `^${a}`)]);
      terms.push({ match: either([...alternatives, ...typoAlternatives]), plain: either(alternatives), exact, phrase: own, initial });
    }
    return {
      terms,
      expression: terms.length ? terms.map((t) => t.match).join(" AND ") : null,
      exclude: excluded.length ? excluded.join(" OR ") : null,
      needles,
      exactText: excluded.length === 0 ? parts.map((p) => p.tokens.map((t) => t.text).join(" ")).join(" ") : null,
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
   * Facet counts over the matching ids (null: every document), from an in-memory copy
   * of every document's filterable values: a GROUP BY per facet over a large match set
   * costs far more in SQLite. The copy is reread when the index's version moved; the
   * counts over every document are kept with it.
   */
  private countFacets(
    index: IndexDeclaration,
    layout: Layout,
    fields: readonly string[],
    ids: readonly number[] | null,
  ): { matched: number; facets: SearchResult["facets"] } {
    const values = this.facetValues(index, layout);
    const facets: SearchResult["facets"] = {};
    const missing: string[] = [];
    for (const field of fields) {
      if (!index.filterable[field]) throw new Error(`${index.name}.${field} is not filterable`);
      const cached = ids === null ? values.countsOfAll.get(field) : undefined;
      if (cached) facets[field] = cached;
      else missing.push(field);
    }
    if (missing.length === 0) return { matched: values.positions.size, facets };
    const positions = ids === null ? [...values.positions.values()] : ids.map((id) => values.positions.get(id));
    const counters = missing.map(() => new Map<string, number>());
    const columns = missing.map((field) => values.columns.get(field)!);
    for (const position of positions) {
      if (position === undefined) continue;
      for (let f = 0; f < columns.length; f += 1) {
        const value = columns[f]![position];
        if (value === null || value === undefined) continue;
        const counter = counters[f]!;
        if (typeof value === "string") counter.set(value, (counter.get(value) ?? 0) + 1);
        else for (const v of value) counter.set(v, (counter.get(v) ?? 0) + 1);
      }
    }
    missing.forEach((field, f) => {
      facets[field] = Object.fromEntries(counters[f]!);
      if (ids === null) values.countsOfAll.set(field, facets[field]!);
    });
    return { matched: positions.length, facets };
  }

  private facetValues(index: IndexDeclaration, layout: Layout): FacetValues {
    const version = this.version(index);
    const cached = this.facetCache.get(index.name);
    if (cached?.version === version) return cached;
    // Filterable values for the facets, sortable ones for ordering matches by a sort.
    const scalars = layout.scalars;
    const filterable = [...layout.lists, ...scalars];
    const rows = this.db
      .prepare(`SELECT id${scalars.map((f) => `, ${quote(f)}`).join("")} FROM ${quote(layout.docs)}`)
      .raw()
      .all() as (number | string | null)[][];
    const positions = new Map<number, number>();
    const columns = new Map<string, (string | string[] | null)[]>(filterable.map((f) => [f, new Array(rows.length).fill(null)]));
    rows.forEach((row, position) => {
      positions.set(row[0] as number, position);
      scalars.forEach((field, i) => {
        const value = row[i + 1];
        columns.get(field)![position] = value === null || value === undefined ? null : String(value);
      });
    });
    const listRows = this.db.prepare(`SELECT attr, value, id FROM ${quote(layout.values)}`).raw().all() as [string, string, number][];
    for (const [attr, value, id] of listRows) {
      const column = columns.get(attr);
      const position = positions.get(id);
      if (!column || position === undefined) continue;
      const list = (column[position] as string[] | null) ?? [];
      list.push(value);
      column[position] = list;
    }
    const fresh: FacetValues = { version, positions, columns, countsOfAll: new Map() };
    this.facetCache.set(index.name, fresh);
    return fresh;
  }

  /** One page of the given ids in the requested order (newest id first when none), read from the in-memory values. */
  private pageOf(
    index: IndexDeclaration,
    layout: Layout,
    ids: readonly number[],
    sort: SearchRequest["sort"],
    offset: number,
    limit: number,
  ): number[] | null {
    if (!sort) return [...ids].sort((a, b) => b - a).slice(offset, offset + limit);
    this.sortColumn(index, sort.field);
    const values = this.facetValues(index, layout);
    const column = values.columns.get(sort.field);
    if (!column) return null;
    const direction = sort.direction === "asc" ? 1 : -1;
    const keyed = ids.map((id) => {
      const raw = column[values.positions.get(id) ?? -1];
      return { id, key: raw === null || raw === undefined ? null : Number(raw) };
    });
    keyed.sort((a, b) => {
      if (a.key === b.key) return b.id - a.id;
      if (a.key === null) return -direction;
      if (b.key === null) return direction;
      return (a.key - b.key) * direction;
    });
    return keyed.slice(offset, offset + limit).map((k) => k.id);
  }

  private version(index: IndexDeclaration): number {
    return this.statement("SELECT version FROM search_meta WHERE name = ?", "pluck").get(index.name) as number;
  }

}
