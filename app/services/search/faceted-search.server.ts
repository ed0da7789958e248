/**
 * The page machinery every faceted search shares (the job search, the graduates' order
 * search): filter values checked against the registries, facet counts where a chosen
 * facet still counts its alternatives, labels, and what a search that found nothing
 * offers or shows instead. Each search says which index attribute each filter names.
 */
import { searchEngine } from "../../../search/engine.server";
import { ensureIndexBuilt } from "../../../search/sync.server";
import type { Filter, Highlighted, IndexDeclaration, SearchDocument, SearchRequest, SearchResult } from "../../../search/types";
import { SKILL_LEVEL_LABELS } from "~/domain/constants";
import type { FacetedQuery, FilterName } from "~/domain/search/search-query";
import { relatedSearches, spellingCorrection, type SearchSuggestion } from "~/services/search/suggestions.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";

export type FacetOption = { value: string; label: string; count: number; selected: boolean };

/** Names of everything a filter can name, to check values against and to label facets. */
async function readLabels() {
  const [cities, parks, clusters, categories, classes] = await Promise.all([
    prisma.city.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } }),
    prisma.park.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } }),
    prisma.cluster.findMany({ select: { id: true, name: true, park: { select: { name: true } } }, orderBy: { id: "asc" } }),
    prisma.majorCategory.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } }),
    prisma.majorClass.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } }),
  ]);
  const levels = new Map<string, string>([["0", "不限"], ...Object.entries(SKILL_LEVEL_LABELS)]);
  return {
    city: new Map(cities.map((c) => [c.code, c.name])),
    park: new Map(parks.map((p) => [String(p.id), p.name])),
    cluster: new Map(clusters.map((c) => [String(c.id), `${c.name}（${c.park.name}）`])),
    category: new Map(categories.map((c) => [c.code.slice(0, 2), c.name])),
    class: new Map(classes.map((c) => [c.code, c.name])),
    level: levels,
  } satisfies Record<FilterName, Map<string, string>>;
}
type Labels = Awaited<ReturnType<typeof readLabels>>;

/**
 * The facet labels change only when a registry does; every search would otherwise read
 * five tables. Kept for a minute per process, so a renamed park shows within a minute.
 */
const LABELS_TTL_MS = 60_000;
let labelsCache: { at: number; labels: Promise<Labels> } | null = null;
function loadLabels(): Promise<Labels> {
  const now = Date.now();
  if (!labelsCache || now - labelsCache.at > LABELS_TTL_MS) {
    const labels = readLabels();
    labels.catch(() => (labelsCache = null));
    labelsCache = { at: now, labels };
  }
  return labelsCache.labels;
}

const UNKNOWN_VALUE: Record<FilterName, string> = {
  city: "城市",
  park: "园区",
  cluster: "产业集群",
  category: "专业大类",
  class: "专业类",
  level: "技能等级",
};

/** Filters whose options are listed in code order (the others by count). */
const BY_CODE: readonly FilterName[] = ["city", "category", "level"];

/** A parsed query as a search reads it, or a 400 AppError naming the parameter. */
export async function checkedQuery<F extends FilterName, S extends string>(
  parsed: { ok: true; query: FacetedQuery<F, S> } | { ok: false; problem: { field: string; message: string } },
  filters: readonly F[],
): Promise<FacetedQuery<F, S>> {
  if (!parsed.ok) {
    throw new AppError({ message: parsed.problem.message, status: 400, code: "invalid_query", field: parsed.problem.field });
  }
  const labels = await loadLabels();
  for (const key of filters) {
    for (const value of parsed.query[key] as (string | number)[]) {
      if (!labels[key].has(String(value))) {
        throw new AppError({
          message: `没有找到${UNKNOWN_VALUE[key]}「${value}」，请从列表中选择`,
          status: 400,
          code: "unknown_filter_value",
          field: key,
        });
      }
    }
  }
  return parsed.query;
}

function facetOptions(key: FilterName, counts: Record<string, number>, chosen: readonly (string | number)[], labels: Labels): FacetOption[] {
  const selected = new Set(chosen.map(String));
  const values = new Set([...Object.keys(counts), ...selected]);
  const byCode = BY_CODE.includes(key);
  return [...values]
    .filter((value) => labels[key].has(value))
    .map((value) => ({ value, label: labels[key].get(value)!, count: counts[value] ?? 0, selected: selected.has(value) }))
    .sort((a, b) => (byCode ? a.value.localeCompare(b.value) : b.count - a.count || a.label.localeCompare(b.label, "zh")));
}

export type FacetedSearch<F extends FilterName> = {
  index: IndexDeclaration;
  /** Filter name → the index attribute it filters and counts. */
  facets: Readonly<Record<F, string>>;
  q: string;
  chosen: Readonly<Record<F, readonly (string | number)[]>>;
  /** Filters besides the facets (wage, dates, status). */
  others: readonly Filter[];
  sort: SearchRequest["sort"];
  page: number;
  perPage: number;
  highlight: readonly string[];
  /** When nothing is found: offer other queries, and show the first spelling fix's results (not for alerts). */
  suggest: boolean;
};

/** A page of a faceted search as its service answers it (jobs, orders): hits of type H, facets F. */
export type FacetedSearchResponse<H, F extends string> = {
  /** When nothing is found: other queries that find something under the same filters (issue 17). */
  suggestions: SearchSuggestion[];
  /** The typed query found nothing anywhere: these are the results of this spelling fix instead. */
  showingInstead: string | null;
  totalHits: number;
  page: number;
  perPage: number;
  totalPages: number;
  hits: H[];
  facets: Record<F, FacetOption[]>;
};

export type FacetedResult<F extends FilterName> = {
  main: SearchResult;
  facets: Record<F, FacetOption[]>;
  /** When nothing is found: other queries that find something under the same filters (issue 17). */
  suggestions: SearchSuggestion[];
  /** The query whose results are shown instead of the typed one, which found nothing (a spelling fix). */
  showingInstead: string | null;
};

/** A faceted search's result as a page of the service's answer, each hit made by `toHit` from its document and highlights. */
export function facetedResponse<H, F extends FilterName>(
  found: FacetedResult<F>,
  toHit: (document: SearchDocument, highlights: Record<string, Highlighted>) => H,
): FacetedSearchResponse<H, F> {
  return {
    suggestions: found.suggestions,
    showingInstead: found.showingInstead,
    totalHits: found.main.totalHits,
    page: found.main.page,
    perPage: found.main.hitsPerPage,
    totalPages: found.main.totalPages,
    hits: found.main.hits.map((hit) => toHit(hit.document, hit.highlights)),
    facets: found.facets,
  };
}

/**
 * Runs a search with facet counts. A facet that is filtered on counts its values as if
 * its own filter were off, so the other choices stay visible.
 */
export async function runFacetedSearch<F extends FilterName>(search: FacetedSearch<F>): Promise<FacetedResult<F>> {
  const engine = searchEngine();
  const [labels] = await Promise.all([loadLabels(), ensureIndexBuilt(engine, search.index.name)]);
  const keys = Object.keys(search.facets) as F[];
  const facetFilter = (key: F): Filter | null => (search.chosen[key].length ? { field: search.facets[key], anyOf: search.chosen[key] } : null);
  const filtersWithout = (omit?: F) => [...keys.filter((k) => k !== omit).map(facetFilter).filter((f): f is Filter => f !== null), ...search.others];
  const filtered = keys.filter((key) => search.chosen[key].length > 0);
  const run = (q: string) =>
    Promise.all([
      engine.search(search.index, {
        q,
        highlight: search.highlight,
        filters: filtersWithout(),
        facets: keys.filter((key) => !filtered.includes(key)).map((key) => search.facets[key]),
        sort: search.sort,
        page: search.page,
        hitsPerPage: search.perPage,
      }),
      ...filtered.map((key) => engine.search(search.index, { q, filters: filtersWithout(key), facets: [search.facets[key]], hitsPerPage: 1 })),
    ]);
  let [main, ...alternatives] = await run(search.q);
  let suggestions: SearchSuggestion[] = [];
  let showingInstead: string | null = null;
  // The engine read a slip as the word meant (数空 → 数控): say so, as for a spelling fix below.
  if (main!.readAs && main!.totalHits > 0 && search.suggest) {
    showingInstead = main!.readAs;
    suggestions = await relatedSearches({ engine, index: search.index, q: search.q, filters: filtersWithout() });
  } else if (main!.totalHits === 0 && search.q && search.suggest) {
    suggestions = await relatedSearches({ engine, index: search.index, q: search.q, filters: filtersWithout() });
    showingInstead = await spellingCorrection({ engine, index: search.index, q: search.q, filters: filtersWithout(), suggestions });
    if (showingInstead) [main, ...alternatives] = await run(showingInstead);
  }
  const counts: Record<string, Record<string, number>> = { ...main!.facets };
  filtered.forEach((key, i) => (counts[search.facets[key]] = alternatives[i]!.facets[search.facets[key]] ?? {}));
  const facets = Object.fromEntries(
    keys.map((key) => [key, facetOptions(key, counts[search.facets[key]] ?? {}, search.chosen[key], labels)]),
  ) as Record<F, FacetOption[]>;
  return { main: main!, facets, suggestions, showingInstead };
}
