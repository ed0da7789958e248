/**
 * The embedded engine: SQLite FTS5 in a file of its own beside the database, so the
 * worker writes what the web process reads (docs/decisions/030-search-engine.md).
 * Chinese is indexed as overlapping character pairs, Latin words whole; typos are
 * found against the index's own vocabulary; filters, facets and sorting are SQL over
 * a table of each document's filterable values.
 */
import Database from "better-sqlite3";
import { allowedTypos, highlight, indexTerms, tokenize, typoDistance, type Token } from "./text";
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
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

type Layout = {
  docs: string;
  values: string;
  fts: string;
  vocab: string;
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
    scalars,
    lists,
  };
}

/** What the tables of an index look like; a change rebuilds them empty. */
/** One page of (id, bm25) rows in the engine's relevance order (best score first, then newest id); sorts `rows` in place. */
function topByRelevance(rows: [number, number][], offset: number, limit: number): number[] {
  const byRelevance = (a: [number, number], b: [number, number]) => a[1] - b[1] || b[0] - a[0];
  return rows.sort(byRelevance).slice(offset, offset + limit).map((row) => row[0]);
}

function signatureOf(index: IndexDeclaration): string {
  return JSON.stringify({ s: index.searchable.map((a) => a.field), f: index.filterable, o: index.sortable, c: index.combinedFilters ?? [], v: 1 });
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

type Expansion = { expression: string; needles: string[] };
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
    const insertDoc = this.db.prepare(
      `INSERT OR REPLACE INTO ${quote(layout.docs)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
    const searchable = index.searchable.map((a) => a.field);
    const insertText = this.db.prepare(
      `INSERT INTO ${quote(layout.fts)} (rowid, ${searchable.map(quote).join(", ")}) VALUES (?, ${searchable.map(() => "?").join(", ")})`,
    );
    const deleteText = this.db.prepare(`DELETE FROM ${quote(layout.fts)} WHERE rowid = ?`);
    const deleteValues = this.db.prepare(`DELETE FROM ${quote(layout.values)} WHERE id = ?`);
    const insertValue = this.db.prepare(`INSERT OR IGNORE INTO ${quote(layout.values)} (attr, value, id) VALUES (?, ?, ?)`);
    const existing = this.db.prepare(`SELECT 1 FROM ${quote(layout.docs)} WHERE id = ?`).pluck();
    this.db.transaction(() => {
      for (const doc of documents) {
        // A new document has nothing to replace: skipping the deletes halves a rebuild.
        if (existing.get(doc.id) !== undefined) {
          deleteText.run(doc.id);
          deleteValues.run(doc.id);
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
      this.db.prepare(`DELETE FROM ${quote(layout.fts)} WHERE rowid = ?`),
      this.db.prepare(`DELETE FROM ${quote(layout.values)} WHERE id = ?`),
      this.db.prepare(`DELETE FROM ${quote(layout.docs)} WHERE id = ?`),
    ];
    this.db.transaction(() => {
      for (const id of ids) for (const statement of statements) statement.run(id);
      this.bumpVersion(index);
    })();
  }

  async clear(index: IndexDeclaration): Promise<void> {
    const layout = this.prepare(index);
    this.db.transaction(() => {
      this.db.exec(`DELETE FROM ${quote(layout.docs)}; DELETE FROM ${quote(layout.values)};`);
      this.db.prepare(`INSERT INTO ${quote(layout.fts)} (${quote(layout.fts)}) VALUES ('delete-all')`).run();
      this.bumpVersion(index);
    })();
  }

  async count(index: IndexDeclaration): Promise<number> {
    const layout = this.prepare(index);
    return (this.db.prepare(`SELECT count(*) AS n FROM ${quote(layout.docs)}`).get() as { n: number }).n;
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

    const params: (string | number)[] = [];
    const where: string[] = [];
    let from = `${quote(layout.docs)} d`;
    let score = "0";
    /** The id column of the rows found: the documents' table's, or the full-text index's own rowid. */
    let id = "d.id";
    if (expansion) {
      const weights = index.searchable.map((a) => a.weight).join(", ");
      // CROSS JOIN keeps the full-text match as the outer loop: the planner would
      // otherwise walk a filter's index and rerun the MATCH for every row.
      // Without filters or a sort column the documents' table is not needed to find or rank.
      const needsDocs = (request.filters?.length ?? 0) > 0 || request.sort !== undefined;
      from = needsDocs ? `${quote(layout.fts)} f CROSS JOIN ${quote(layout.docs)} d ON d.id = f.rowid` : `${quote(layout.fts)} f`;
      if (!needsDocs) id = "f.rowid";
      where.push(`${quote(layout.fts)} MATCH ?`);
      params.push(expansion.expression);
      score = `bm25(${quote(layout.fts)}, ${weights})`;
    }
    for (const filter of request.filters ?? []) where.push(this.filterClause(index, layout, filter, params));
    const base = `FROM ${from}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;

    const facets: SearchResult["facets"] = {};
    const offset = (page - 1) * hitsPerPage;
    let totalHits: number;
    let pageIds: number[] | null = null;
    if (request.facets?.length) {
      const everything = where.length === 0;
      let ids: number[] | null = null;
      if (!everything && expansion && !request.sort) {
        // Ranked by relevance: one pass gives the ids for the facets and the scores for
        // the page, instead of running the full-text match a second time to rank it.
        const scored = this.db.prepare(`SELECT ${id}, ${score} AS score ${base}`).raw().all(...params) as [number, number][];
        ids = scored.map((row) => row[0]);
        pageIds = topByRelevance(scored, offset, hitsPerPage);
      } else if (!everything) {
        ids = this.db.prepare(`SELECT ${id} ${base}`).pluck().all(...params) as number[];
      }
      const counted = this.countFacets(index, layout, request.facets, ids);
      totalHits = counted.matched;
      Object.assign(facets, counted.facets);
      // Without relevance to rank by, the page comes from the ids at hand.
      if (ids && !expansion) pageIds = this.pageOf(index, layout, ids, request.sort, offset, hitsPerPage);
    } else {
      totalHits = this.db.prepare(`SELECT count(*) ${base}`).pluck().get(...params) as number;
    }

    const tieBreak = expansion ? `score, ${id} DESC` : "d.id DESC";
    const order = request.sort
      ? `${this.sortColumn(index, request.sort.field)} ${request.sort.direction === "asc" ? "ASC" : "DESC"}, ${tieBreak}`
      : tieBreak;
    pageIds ??= this.db
      .prepare(`SELECT ${id}, ${score} AS score ${base} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...params, hitsPerPage, offset) as number[];
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

  async ping(): Promise<void> {
    this.db.prepare("SELECT count(*) FROM search_meta").get();
  }

  async close(): Promise<void> {
    this.db.close();
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
      const searchable = index.searchable.map((a) => quote(a.field)).join(", ");
      this.db.transaction(() => {
        this.db.exec(`
          DROP TABLE IF EXISTS ${quote(layout.vocab)};
          DROP TABLE IF EXISTS ${quote(layout.fts)};
          DROP TABLE IF EXISTS ${quote(layout.values)};
          DROP TABLE IF EXISTS ${quote(layout.docs)};
          CREATE TABLE ${quote(layout.docs)} (id INTEGER PRIMARY KEY, body TEXT NOT NULL${layout.scalars.map((c) => `, ${quote(c)}`).join("")});
          CREATE TABLE ${quote(layout.values)} (attr TEXT NOT NULL, value TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (attr, value, id)) WITHOUT ROWID;
          CREATE INDEX ${quote(`${layout.values}_id`)} ON ${quote(layout.values)} (id);
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
    this.db.prepare("UPDATE search_meta SET version = version + 1 WHERE name = ?").run(index.name);
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

  /** The FTS5 expression for a query (every word required), and the strings to highlight. */
  private expand(index: IndexDeclaration, layout: Layout, q: string): Expansion | null {
    const tokens = tokenize(q);
    if (tokens.length === 0) return null;
    const synonymGroups = index.synonyms.map((group) => group.map((term) => tokenize(term)));
    const needles: string[] = [];
    const parts = tokens.map((token) => {
      const alternatives = [this.tokenExpression(token)];
      needles.push(token.text);
      if (token.kind === "word" && /[a-z]/.test(token.text)) {
        const typos = allowedTypos(token.text, index.typos);
        if (typos > 0) {
          for (const word of this.vocabulary(index, layout)) {
            if (word.startsWith(token.text)) continue;
            if (typoDistance(token.text, word, typos) <= typos) {
              alternatives.push(`"${word}"`);
              needles.push(word);
            }
          }
        }
      }
      for (const group of synonymGroups) {
        if (!group.some((term) => term.length === 1 && term[0]!.text === token.text)) continue;
        for (const term of group) {
          if (term.length === 1 && term[0]!.text === token.text) continue;
          alternatives.push(`(${term.map((t) => this.tokenExpression(t)).join(" AND ")})`);
          needles.push(...term.map((t) => t.text));
        }
      }
      return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(" OR ")})`;
    });
    return { expression: parts.join(" AND "), needles };
  }

  private tokenExpression(token: Token): string {
    const chars = Array.from(token.text);
    if (token.kind === "word" || chars.length === 1) return `"${token.text}"*`;
    return `"${chars
      .slice(0, -1)
      .map((c, i) => c + chars[i + 1]!)
      .join(" ")}"`;
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
    const filterable = Object.keys(index.filterable);
    const scalars = filterable.filter((f) => !layout.lists.includes(f));
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
    return this.db.prepare("SELECT version FROM search_meta WHERE name = ?").pluck().get(index.name) as number;
  }

}
