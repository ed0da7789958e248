/**
 * A local HTTP server that answers like Meilisearch 1.15 for what this project sends,
 * records every request, and checks each one against Meilisearch's OpenAPI description
 * and filter grammar. A request that does not conform is answered 400 the way
 * Meilisearch answers a bad request, so the adapter fails where the real server would.
 *
 * Answers are plausible, not canned: writes become tasks (enqueued → processing →
 * succeeded, or failed with Meilisearch's error codes) that the client polls; searches
 * parse the filter with the documented grammar and evaluate it, rank text matches with
 * the embedded engine configured from the settings the adapter sent (searchable
 * attributes, synonyms, typo thresholds, sortable attributes; its ranking follows
 * Meilisearch's rules with the query syntax), then count facets, page and highlight
 * as Meilisearch does. Every answer is itself checked against the description.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EmbeddedSearchEngine } from "../embedded";
import type { IndexDeclaration, IndexName, SearchDocument } from "../types";
import { evaluateFilter, filterFields, FilterSyntaxError, parseFilterParameter } from "./filter-grammar";
import { OpenApiDescription } from "./openapi";

export type RecordedRequest = {
  method: string;
  path: string;
  query: string;
  body: unknown;
  operationId: string | null;
  /** Where the request breaks the description or the filter grammar (empty when it conforms). */
  errors: string[];
  status: number;
};

type TaskKind = "indexCreation" | "indexDeletion" | "settingsUpdate" | "documentAdditionOrUpdate" | "documentDeletion";
type MeiliError = { message: string; code: string; type: "invalid_request" | "internal" | "auth" | "system"; link: string };
type Task = {
  uid: number;
  indexUid: string;
  type: TaskKind;
  status: "enqueued" | "processing" | "succeeded" | "failed";
  details: Record<string, unknown> | null;
  error: MeiliError | null;
  enqueuedAt: string;
  polls: number;
  run: () => Promise<Record<string, unknown> | void>;
};
type Settings = {
  searchableAttributes?: string[] | null;
  filterableAttributes?: string[] | null;
  sortableAttributes?: string[] | null;
  rankingRules?: string[] | null;
  synonyms?: Record<string, string[]> | null;
  typoTolerance?: { minWordSizeForTypos?: { oneTypo?: number | null; twoTypos?: number | null } | null } | null;
};
type Index = { uid: string; primaryKey: string | null; settings: Settings; docs: Map<string, SearchDocument>; declaration: IndexDeclaration; createdAt: string };

function meiliError(code: string, message: string, type: MeiliError["type"] = "invalid_request"): MeiliError {
  return { message, code, type, link: `https://docs.meilisearch.com/errors#${code}` };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: MeiliError,
  ) {
    super(body.message);
  }
}

export class FakeMeilisearch {
  readonly requests: RecordedRequest[] = [];
  /** Answers of the fake that the description would not accept (must stay empty). */
  readonly answerErrors: string[] = [];
  readonly openapi = new OpenApiDescription();
  private server: Server | null = null;
  private readonly indexes = new Map<string, Index>();
  private readonly tasks = new Map<number, Task>();
  private nextTask = 0;
  private generation = 0;
  private readonly dir = mkdtempSync(path.join(tmpdir(), "fake-meili-"));
  private readonly engine = new EmbeddedSearchEngine(path.join(this.dir, "text.db"));

  get host(): string {
    const address = this.server?.address();
    if (!address || typeof address === "string") throw new Error("the fake Meilisearch is not listening");
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await this.engine.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The requests that broke the description or the grammar, one line each. */
  violations(): string[] {
    return this.requests.flatMap((r) => r.errors.map((e) => `${r.method} ${r.path}${r.query ? `?${r.query}` : ""}: ${e}`));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const record: RecordedRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams.toString(), body: undefined, operationId: null, errors: [], status: 0 };
    this.requests.push(record);
    let status: number;
    let body: unknown;
    try {
      if (text !== "") {
        if (!/^application\/json\b/.test(req.headers["content-type"] ?? "")) {
          throw new HttpError(415, meiliError("invalid_content_type", `The Content-Type \`${req.headers["content-type"]}\` is invalid.`));
        }
        try {
          record.body = JSON.parse(text);
        } catch {
          throw new HttpError(400, meiliError("malformed_payload", "The request body is not valid JSON."));
        }
      }
      const check = this.openapi.checkRequest({ method: record.method, path: record.path, query: url.searchParams, body: record.body });
      record.operationId = check.operationId;
      record.errors.push(...check.errors);
      if (check.operationId === null) throw new HttpError(404, meiliError("not_found", check.errors.join("; ")));
      if (check.errors.length) throw new HttpError(400, meiliError("bad_request", check.errors.join("; ")));
      [status, body] = await this.route(check.operationId, record.path, url.searchParams, record.body);
    } catch (error) {
      if (error instanceof FilterSyntaxError) {
        record.errors.push(`filter: ${error.message}`);
        [status, body] = [400, meiliError("invalid_search_filter", error.message)];
      } else if (error instanceof HttpError) {
        [status, body] = [error.status, error.body];
      } else {
        [status, body] = [500, meiliError("internal", String(error), "internal")];
      }
    }
    record.status = status;
    if (status < 500) {
      for (const e of this.openapi.checkResponse(record.method, record.path, status, body)) this.answerErrors.push(`${record.method} ${record.path} → ${status}: ${e}`);
    }
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private async route(operationId: string, pathname: string, query: URLSearchParams, body: unknown): Promise<[number, unknown]> {
    const uid = decodeURIComponent(pathname.split("/")[2] ?? "");
    switch (operationId) {
      case "get_task": {
        const task = this.tasks.get(Number(pathname.split("/")[2]));
        if (!task) throw new HttpError(404, meiliError("task_not_found", `Task \`${pathname.split("/")[2]}\` not found.`));
        return [200, await this.advance(task)];
      }
      case "create_index": {
        const request = body as { uid: string; primaryKey?: string | null };
        return this.enqueue(request.uid, "indexCreation", async () => {
          if (this.indexes.has(request.uid)) throw new HttpError(400, meiliError("index_already_exists", `Index \`${request.uid}\` already exists.`));
          await this.createIndex(request.uid, request.primaryKey ?? null);
          return { primaryKey: request.primaryKey ?? null };
        });
      }
      case "delete_index":
        return this.enqueue(uid, "indexDeletion", async () => {
          const index = this.require(uid);
          const deletedDocuments = index.docs.size;
          await this.engine.clear(index.declaration);
          this.indexes.delete(uid);
          return { deletedDocuments };
        });
      case "update_all":
        return this.enqueue(uid, "settingsUpdate", async () => {
          const index = this.indexes.get(uid) ?? (await this.createIndex(uid, null));
          index.settings = { ...index.settings, ...(body as Settings) };
          await this.reconfigure(index);
          return body as Record<string, unknown>;
        });
      case "replace_documents": {
        const documents = body as SearchDocument[];
        if (!Array.isArray(documents)) throw new HttpError(400, meiliError("malformed_payload", "The documents must be an array."));
        const primaryKey = query.get("primaryKey");
        return this.enqueue(uid, "documentAdditionOrUpdate", async () => {
          const index = this.indexes.get(uid) ?? (await this.createIndex(uid, primaryKey));
          const key = index.primaryKey ?? primaryKey ?? "id";
          for (const doc of documents) {
            const id = doc[key];
            if (typeof id !== "number" && typeof id !== "string") throw new HttpError(400, meiliError("missing_document_id", `Document doesn't have a \`${key}\` attribute.`));
            index.docs.set(String(id), doc);
          }
          await this.engine.upsert(index.declaration, documents);
          return { receivedDocuments: documents.length, indexedDocuments: documents.length };
        }, { receivedDocuments: documents.length, indexedDocuments: null });
      }
      case "delete_documents_batch": {
        const ids = body as (string | number)[];
        return this.enqueue(uid, "documentDeletion", async () => {
          const index = this.require(uid);
          let deleted = 0;
          for (const id of ids) if (index.docs.delete(String(id))) deleted++;
          await this.engine.remove(index.declaration, ids.map(Number));
          return { providedIds: ids.length, deletedDocuments: deleted };
        }, { providedIds: ids.length, deletedDocuments: null });
      }
      case "clear_all_documents":
        return this.enqueue(uid, "documentDeletion", async () => {
          const index = this.require(uid);
          const deleted = index.docs.size;
          index.docs.clear();
          await this.engine.clear(index.declaration);
          return { deletedDocuments: deleted };
        });
      case "get_index_stats": {
        const index = this.require(uid);
        const fieldDistribution: Record<string, number> = {};
        for (const doc of index.docs.values()) for (const field of Object.keys(doc)) fieldDistribution[field] = (fieldDistribution[field] ?? 0) + 1;
        const size = [...index.docs.values()].reduce((n, d) => n + JSON.stringify(d).length, 0);
        return [200, { numberOfDocuments: index.docs.size, rawDocumentDbSize: size, avgDocumentSize: index.docs.size ? Math.round(size / index.docs.size) : 0, isIndexing: false, fieldDistribution }];
      }
      case "search_with_post":
        return [200, await this.search(this.require(uid), body as SearchBody)];
      case "get_health":
        return [200, { status: "available" }];
      default:
        throw new HttpError(501, meiliError("not_implemented", `the conformance server does not answer ${operationId}`, "internal"));
    }
  }

  private async createIndex(uid: string, primaryKey: string | null): Promise<Index> {
    const now = new Date().toISOString();
    const index: Index = { uid, primaryKey, settings: {}, docs: new Map(), createdAt: now, declaration: this.declarationOf(uid, {}) };
    this.indexes.set(uid, index);
    await this.engine.applySettings(index.declaration);
    return index;
  }

  private require(uid: string): Index {
    const index = this.indexes.get(uid);
    if (!index) throw new HttpError(404, meiliError("index_not_found", `Index \`${uid}\` not found.`));
    return index;
  }

  /**
   * The embedded engine's declaration from Meilisearch settings: it ranks text only
   * (filters, sort and facets are evaluated here), so it needs the searchable
   * attributes in order, the synonyms and the typo thresholds, all as the adapter sent them.
   */
  private declarationOf(uid: string, settings: Settings): IndexDeclaration {
    const searchable = settings.searchableAttributes ?? ["title"];
    const synonyms = Object.entries(settings.synonyms ?? {}).map(([word, others]) => [word, ...others]);
    const sizes = settings.typoTolerance?.minWordSizeForTypos;
    return {
      // A new name for each configuration: the embedded engine keeps one table layout per name.
      name: `x${++this.generation}_${uid.replace(/[^A-Za-z0-9_]/g, "_")}` as IndexName,
      searchable: searchable.map((field, i) => ({ field, weight: searchable.length - i })),
      filterable: {},
      sortable: settings.sortableAttributes ?? [],
      rankingRules: settings.rankingRules ?? ["words", "typo", "proximity", "attribute", "sort", "exactness"],
      synonyms,
      // Meilisearch's defaults when the settings name none.
      typos: { oneTypo: sizes?.oneTypo ?? 5, twoTypos: sizes?.twoTypos ?? 9 },
    };
  }

  private async reconfigure(index: Index) {
    index.declaration = this.declarationOf(index.uid, index.settings);
    await this.engine.applySettings(index.declaration);
    await this.engine.upsert(index.declaration, [...index.docs.values()]);
  }

  /** Queues a task; it runs when first polled, as a real server processes its queue later. */
  private enqueue(indexUid: string, type: TaskKind, run: Task["run"], details: Record<string, unknown> | null = null): [number, unknown] {
    const task: Task = { uid: this.nextTask++, indexUid, type, status: "enqueued", details, error: null, enqueuedAt: new Date().toISOString(), polls: 0, run };
    this.tasks.set(task.uid, task);
    return [202, { taskUid: task.uid, indexUid, status: "enqueued", type, enqueuedAt: task.enqueuedAt }];
  }

  private async advance(task: Task) {
    task.polls++;
    if (task.status === "enqueued" && task.polls >= 1) {
      task.status = "processing";
    } else if (task.status === "processing") {
      try {
        const details = await task.run();
        task.details = details ? { ...task.details, ...details } : task.details;
        task.status = "succeeded";
      } catch (error) {
        task.status = "failed";
        task.error = error instanceof HttpError ? error.body : meiliError("internal", String(error), "internal");
      }
    }
    const finished = task.status === "succeeded" || task.status === "failed";
    return {
      uid: task.uid,
      batchUid: task.status === "enqueued" ? null : task.uid,
      indexUid: task.indexUid,
      status: task.status,
      type: task.type,
      canceledBy: null,
      details: task.details,
      error: task.error,
      duration: finished ? "PT0.001S" : null,
      enqueuedAt: task.enqueuedAt,
      ...(task.status !== "enqueued" ? { startedAt: task.enqueuedAt } : {}),
      ...(finished ? { finishedAt: new Date().toISOString() } : {}),
    };
  }

  private async search(index: Index, body: SearchBody) {
    const started = Date.now();
    const filterable = index.settings.filterableAttributes ?? [];
    const sortable = index.settings.sortableAttributes ?? [];
    const filter = parseFilterParameter(body.filter);
    for (const field of filterFields(filter)) {
      if (!filterable.includes(field)) {
        throw new HttpError(400, meiliError("invalid_search_filter", `Attribute \`${field}\` is not filterable. Available filterable attributes are: \`${filterable.join(", ")}\`.`));
      }
    }
    for (const field of body.facets ?? []) {
      if (!filterable.includes(field)) throw new HttpError(400, meiliError("invalid_search_facets", `Invalid facet distribution, attribute \`${field}\` is not filterable.`));
    }
    const sorts = (body.sort ?? []).map((s) => {
      const m = /^([^:]+):(asc|desc)$/.exec(s);
      if (!m) throw new HttpError(400, meiliError("invalid_search_sort", `Invalid syntax for the sort parameter: expected \`field:asc\` or \`field:desc\`, found \`${s}\`.`));
      if (!sortable.includes(m[1]!)) throw new HttpError(400, meiliError("invalid_search_sort", `Attribute \`${m[1]}\` is not sortable.`));
      return { field: m[1]!, desc: m[2] === "desc" };
    });
    if (body.page !== undefined && body.page !== null && body.page < 1) {
      throw new HttpError(400, meiliError("invalid_search_page", "Invalid value in parameter `page`: expected a positive integer."));
    }

    // Text: the embedded engine ranks, configured from the settings received; a
    // placeholder search (no q) keeps the order the documents were added in.
    // With text, `sort` is one of the ranking rules (after attribute, before exactness),
    // so the engine applies it inside the relevance tiers; without text it orders all.
    const q = (body.q ?? "").trim();
    const [firstSort] = sorts;
    const ranked = q
      ? await this.engine.search(index.declaration, {
          q,
          hitsPerPage: Math.max(1, index.docs.size),
          highlight: body.attributesToHighlight ?? [],
          sort: firstSort ? { field: firstSort.field, direction: firstSort.desc ? "desc" : "asc" } : undefined,
        })
      : null;
    const order = ranked ? ranked.hits.map((h) => String(h.document.id)) : [...index.docs.keys()];
    const highlights = new Map(ranked?.hits.map((h) => [String(h.document.id), h.highlights]) ?? []);
    let matches = order.map((id) => index.docs.get(id)!).filter((doc) => doc && evaluateFilter(filter, doc));
    if (sorts.length && !ranked) {
      const value = (doc: SearchDocument, field: string) => doc[field] as number | string;
      matches = [...matches].sort((a, b) => {
        for (const s of sorts) {
          const x = value(a, s.field);
          const y = value(b, s.field);
          if (x !== y) return (x < y ? -1 : 1) * (s.desc ? -1 : 1);
        }
        return 0;
      });
    }

    const facetDistribution: Record<string, Record<string, number>> = {};
    for (const field of body.facets ?? []) {
      const counts: Record<string, number> = {};
      for (const doc of matches) {
        const raw = doc[field];
        for (const v of Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]) counts[String(v)] = (counts[String(v)] ?? 0) + 1;
      }
      facetDistribution[field] = counts;
    }

    const hitsPerPage = body.hitsPerPage ?? 20;
    const page = body.page ?? 1;
    const slice = matches.slice((page - 1) * hitsPerPage, page * hitsPerPage);
    const pre = body.highlightPreTag ?? "<em>";
    const post = body.highlightPostTag ?? "</em>";
    const hits = slice.map((doc) => {
      const wanted = body.attributesToHighlight ?? [];
      if (wanted.length === 0) return { ...doc };
      const formatted: Record<string, unknown> = { ...doc };
      const marked = highlights.get(String(doc.id)) ?? {};
      for (const field of wanted.includes("*") ? Object.keys(doc) : wanted) {
        if (marked[field]) formatted[field] = marked[field]!.map((p) => (p.match ? `${pre}${p.text}${post}` : p.text)).join("");
      }
      return { ...doc, _formatted: formatted };
    });
    return {
      hits,
      query: body.q ?? "",
      processingTimeMs: Date.now() - started,
      hitsPerPage,
      page,
      totalPages: Math.ceil(matches.length / hitsPerPage),
      totalHits: matches.length,
      ...(body.facets ? { facetDistribution, facetStats: {} } : {}),
    };
  }
}

type SearchBody = {
  q?: string | null;
  filter?: unknown;
  facets?: string[] | null;
  sort?: string[] | null;
  page?: number | null;
  hitsPerPage?: number | null;
  attributesToHighlight?: string[] | null;
  highlightPreTag?: string;
  highlightPostTag?: string;
};
