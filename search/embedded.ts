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
function signatureOf(index: IndexDeclaration): string {
  return JSON.stringify({ s: index.searchable.map((a) => a.field), f: index.filterable, o: index.sortable, v: 1 });
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

export class EmbeddedSearchEngine implements SearchEngine {
  readonly kind = "embedded" as const;
  private readonly db: Database.Database;
  private readonly ready = new Set<string>();
  private readonly vocabularies = new Map<string, { version: number; words: string[] }>();

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
    this.db.transaction(() => {
      for (const doc of documents) {
        deleteText.run(doc.id);
        deleteValues.run(doc.id);
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
    const hitsPerPage = request.hitsPerPage ?? DEFAULT_HITS_PER_PAGE;
    const page = request.page ?? 1;
    const expansion = this.expand(index, layout, request.q);

    const params: (string | number)[] = [];
    const where: string[] = [];
    let from = `${quote(layout.docs)} d`;
    let score = "0";
    if (expansion) {
      const weights = index.searchable.map((a) => a.weight).join(", ");
      from = `${quote(layout.fts)} f JOIN ${quote(layout.docs)} d ON d.id = f.rowid`;
      where.push(`${quote(layout.fts)} MATCH ?`);
      params.push(expansion.expression);
      score = `bm25(${quote(layout.fts)}, ${weights})`;
    }
    for (const filter of request.filters ?? []) where.push(this.filterClause(index, layout, filter, params));
    const scope = (extra: string[] = []) => {
      const conditions = [...where, ...extra];
      return `FROM ${from}${conditions.length ? ` WHERE ${conditions.join(" AND ")}` : ""}`;
    };
    const base = scope();

    const totalHits = (this.db.prepare(`SELECT count(*) AS n ${base}`).get(...params) as { n: number }).n;

    const order = request.sort
      ? `${this.sortColumn(index, request.sort.field)} ${request.sort.direction === "asc" ? "ASC" : "DESC"}, score, d.id DESC`
      : "score, d.id DESC";
    const rows = this.db
      .prepare(`SELECT d.body AS body, ${score} AS score ${base} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, hitsPerPage, (page - 1) * hitsPerPage) as { body: string }[];

    const facets: SearchResult["facets"] = {};
    for (const field of request.facets ?? []) facets[field] = this.facet(index, layout, field, scope, params);

    const needles = expansion?.needles ?? [];
    const hits = rows.map((row) => {
      const document = JSON.parse(row.body) as SearchDocument;
      const highlights: Record<string, Highlighted> = {};
      for (const field of request.highlight ?? []) {
        const value = document[field];
        if (typeof value === "string") highlights[field] = highlight(value, needles);
      }
      return { document, highlights };
    });
    return { hits, totalHits, page, hitsPerPage, totalPages: Math.ceil(totalHits / hitsPerPage), facets };
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
    const { version } = this.db.prepare("SELECT version FROM search_meta WHERE name = ?").get(index.name) as {
      version: number;
    };
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
        return `d.id IN (SELECT id FROM ${quote(layout.values)} WHERE attr = ? AND value IN (${marks}))`;
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

  private facet(
    index: IndexDeclaration,
    layout: Layout,
    field: string,
    scope: (extra?: string[]) => string,
    params: (string | number)[],
  ): Record<string, number> {
    const kind = index.filterable[field];
    if (!kind) throw new Error(`${index.name}.${field} is not filterable`);
    const column = `d.${quote(field)}`;
    const rows = (
      kind === "string[]"
        ? this.db
            .prepare(
              `SELECT value AS v, count(*) AS n FROM ${quote(layout.values)} WHERE attr = ? AND id IN (SELECT d.id ${scope()}) GROUP BY value`,
            )
            .all(field, ...params)
        : this.db.prepare(`SELECT ${column} AS v, count(*) AS n ${scope([`${column} IS NOT NULL`])} GROUP BY v`).all(...params)
    ) as { v: string | number; n: number }[];
    const counts: Record<string, number> = {};
    for (const row of rows) counts[String(row.v)] = row.n;
    return counts;
  }
}
