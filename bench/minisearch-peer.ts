/**
 * The peer the search benchmarks compare against (issue 22, item 6): MiniSearch 7.2
 * doing the engine's whole job for one request — the same character-pair tokens and
 * field weights (as bench/relevance.ts), every word required, the filters, the facet
 * counts over every match, the sort, one page and its highlights — in memory, in the
 * benchmark's own process. A ratio above 1 means our engine takes longer than it.
 * Not the same answers in every detail: no synonyms, and MiniSearch's own ranking.
 */
import MiniSearch from "minisearch";
import { INDEXES } from "../search/settings";
import { highlight, indexTerms, tokenize } from "../search/text";
import type { Filter, SearchDocument, SearchRequest } from "../search/types";

export type PeerResult = { totalHits: number; ids: number[]; facets: Record<string, Record<string, number>> };

const queryTerms = (q: string) =>
  tokenize(q).flatMap((t) => (t.kind === "word" ? [t.text] : Array.from(t.text).length < 2 ? [t.text] : indexTerms(t.text).split(" ").slice(0, -1)));

function passes(document: SearchDocument, filter: Filter): boolean {
  const value = document[filter.field];
  if ("anyOf" in filter) {
    const wanted = filter.anyOf.map(String);
    return Array.isArray(value) ? value.some((v) => wanted.includes(v)) : value !== null && value !== undefined && wanted.includes(String(value));
  }
  const n = Number(value);
  return (filter.min === undefined || n >= filter.min) && (filter.max === undefined || n <= filter.max);
}

export class MiniSearchPeer {
  private readonly index: MiniSearch<SearchDocument>;
  private readonly byId = new Map<number, SearchDocument>();

  constructor(documents: readonly SearchDocument[]) {
    const fields = INDEXES.jobs.searchable.map((a) => a.field);
    this.index = new MiniSearch<SearchDocument>({
      fields,
      tokenize: (text) => indexTerms(text).split(" ").filter(Boolean),
      processTerm: (t) => t,
      extractField: (document, field) => {
        const value = document[field];
        if (field === "id") return value;
        return Array.isArray(value) ? value.join(" ") : String(value ?? "");
      },
      searchOptions: {
        combineWith: "AND",
        tokenize: queryTerms,
        prefix: (t) => /^[a-z]/.test(t),
        fuzzy: (t) => (/^[a-z]{4,}$/.test(t) ? 1 : false),
        boost: Object.fromEntries(INDEXES.jobs.searchable.map((a) => [a.field, a.weight])),
      },
    });
    this.index.addAll(documents);
    for (const document of documents) this.byId.set(document.id, document);
  }

  search(request: SearchRequest): PeerResult {
    const filters = request.filters ?? [];
    const filter = (result: { id: number }) => filters.every((f) => passes(this.byId.get(result.id)!, f));
    const found = request.q.trim()
      ? this.index.search(request.q, { filter })
      : this.index.search(MiniSearch.wildcard, { filter });
    let matches = found.map((r) => this.byId.get(Number(r.id))!);
    const facets: PeerResult["facets"] = {};
    for (const field of request.facets ?? []) {
      const counts: Record<string, number> = {};
      for (const document of matches) {
        const value = document[field];
        for (const v of Array.isArray(value) ? value : value === null || value === undefined ? [] : [String(value)]) counts[v] = (counts[v] ?? 0) + 1;
      }
      facets[field] = counts;
    }
    if (request.sort) {
      const { field, direction } = request.sort;
      const sign = direction === "asc" ? 1 : -1;
      matches = [...matches].sort((a, b) => (Number(a[field]) - Number(b[field])) * sign || b.id - a.id);
    } else if (!request.q.trim()) matches = [...matches].sort((a, b) => b.id - a.id);
    const perPage = request.hitsPerPage ?? 20;
    const page = matches.slice(((request.page ?? 1) - 1) * perPage, (request.page ?? 1) * perPage);
    const needles = tokenize(request.q).map((t) => t.text);
    for (const document of page) for (const field of request.highlight ?? []) highlight(String(document[field] ?? ""), needles);
    return { totalHits: matches.length, ids: page.map((d) => d.id), facets };
  }
}
