/**
 * What a search that found nothing offers instead (issue 17): 「你是不是要找…」 from the
 * index's own vocabulary (a Chinese word with one character replaced, a Latin word a
 * typo or two away) and related trades (app/domain/catalogue/related-trades.ts). Each
 * is the whole query with one word replaced, and is offered only when that query finds
 * something under the same filters, so every suggestion is a link that returns results.
 * When the typed words are unknown to the whole index, the first spelling suggestion's
 * results are shown at once (spellingCorrection), as a search engine does for a slip.
 */
import { parseQuery, type QueryPart } from "../../../search/query";
import type { Filter, IndexDeclaration, SearchEngine } from "../../../search/types";
import { relatedTrades } from "~/domain/catalogue/related-trades";

export type SearchSuggestion = { q: string; kind: "spelling" | "related"; totalHits: number };

const MAX_SUGGESTIONS = 6;

/** The query as typed with one part replaced (quotes and minus kept on the others). */
function withReplaced(parts: readonly QueryPart[], replaced: QueryPart, by: string): string {
  return parts
    .map((part) => (part === replaced ? by : `${part.negated ? "-" : ""}${part.phrase ? `"${part.text}"` : part.text}`))
    .join(" ");
}

export async function relatedSearches({
  engine,
  index,
  q,
  filters,
}: {
  engine: SearchEngine;
  index: IndexDeclaration;
  q: string;
  filters: readonly Filter[];
}): Promise<SearchSuggestion[]> {
  const parts = parseQuery(q);
  // A trade's other names first: a word the catalogue knows is rarely a slip.
  const candidates: { q: string; kind: SearchSuggestion["kind"] }[] = [];
  const words = parts.filter((part) => !part.negated && !part.phrase);
  for (const part of words) {
    for (const word of relatedTrades(part.text)) candidates.push({ q: withReplaced(parts, part, word), kind: "related" });
  }
  for (const part of words) {
    if (relatedTrades(part.text).length > 0) continue;
    for (const word of await engine.spellingCandidates(index, part.text)) candidates.push({ q: withReplaced(parts, part, word), kind: "spelling" });
  }
  const suggestions: SearchSuggestion[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (suggestions.length >= MAX_SUGGESTIONS) break;
    if (seen.has(candidate.q)) continue;
    seen.add(candidate.q);
    const { totalHits } = await engine.search(index, { q: candidate.q, filters, hitsPerPage: 1 });
    if (totalHits > 0) suggestions.push({ ...candidate, totalHits });
  }
  return suggestions;
}

/**
 * The query whose results a search that found nothing shows instead: the first spelling
 * suggestion, only when the typed query finds nothing in the whole index either. When the
 * filters alone leave nothing, the words were right and only the suggestions are offered.
 */
export async function spellingCorrection({
  engine,
  index,
  q,
  filters,
  suggestions,
}: {
  engine: SearchEngine;
  index: IndexDeclaration;
  q: string;
  filters: readonly Filter[];
  suggestions: readonly SearchSuggestion[];
}): Promise<string | null> {
  const first = suggestions.find((s) => s.kind === "spelling");
  if (!first) return null;
  if (filters.length > 0) {
    // Words the index holds (not merely read as others, see SearchResult.readAs) were no slip.
    const whole = await engine.search(index, { q, hitsPerPage: 1 });
    if (whole.totalHits > 0 && !whole.readAs) return null;
  }
  return first.q;
}
