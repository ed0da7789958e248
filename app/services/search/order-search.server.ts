/**
 * The graduates' order search (订单培训): recruiting orders found through the orders
 * index with the job search's machinery (faceted-search.server.ts): filters, facet
 * counts, highlighting, paging, suggestions when nothing is found.
 */
import { INDEXES } from "../../../search/settings";
import type { Filter, Highlighted, SearchDocument, SearchRequest } from "../../../search/types";
import { SKILL_LEVEL_LABELS } from "~/domain/constants";
import { ORDER_RECRUITING_STATUSES } from "~/domain/labour/order-status";
import { ORDER_SEARCH, parseOrderSearch, type OrderSearchQuery } from "~/domain/search/order-query";
import { checkedQuery, facetedResponse, runFacetedSearch, type FacetedSearchResponse } from "~/services/search/faceted-search.server";

/** Each filter of the order search on one attribute of the orders index. */
export const ORDER_FACETS = {
  city: "cityCode",
  park: "parkId",
  category: "majorCategory",
  class: "majorClass",
  level: "skillLevel",
} as const;
export type OrderFacet = keyof typeof ORDER_FACETS;

export type OrderHit = {
  id: number;
  title: string;
  enterpriseName: string;
  parkName: string;
  majorName: string;
  skillTags: string[];
  skillLevel: number;
  levelLabel: string;
  wageFen: number;
  startDate: string;
  placesLeft: number;
  highlights: { title: Highlighted; enterpriseName: Highlighted; majorName: Highlighted };
};

export type OrderSearchResponse = FacetedSearchResponse<OrderHit, OrderFacet>;

/** Reads an order search from the page's URL; a bad value is a 400 AppError naming the parameter. */
export async function readOrderSearch(params: URLSearchParams): Promise<OrderSearchQuery> {
  return checkedQuery(parseOrderSearch(params), ORDER_SEARCH.filters);
}

function orderSort(query: OrderSearchQuery): SearchRequest["sort"] {
  if (query.sort === "wage") return { field: "wageFen", direction: "desc" };
  if (query.sort === "start") return { field: "startDate", direction: "asc" };
  if (query.sort === "newest" || !query.q) return { field: "createdAt", direction: "desc" };
  return undefined;
}

function toHit(document: SearchDocument, highlights: Record<string, Highlighted>): OrderHit {
  const text = (field: string) => String(document[field] ?? "");
  const pieces = (field: string) => highlights[field] ?? [{ text: text(field), match: false }];
  const skillLevel = Number(document.skillLevel ?? 0);
  return {
    id: document.id,
    title: text("title"),
    enterpriseName: text("enterpriseName"),
    parkName: text("parkName"),
    majorName: text("majorName"),
    skillTags: Array.isArray(document.skillTags) ? document.skillTags : [],
    skillLevel,
    levelLabel: skillLevel ? (SKILL_LEVEL_LABELS[skillLevel] ?? "") : "不限",
    wageFen: Number(document.wageFen),
    startDate: new Date(Number(document.startDate)).toISOString(),
    placesLeft: Math.max(0, Number(document.quantityOpen ?? 0)),
    highlights: { title: pieces("title"), enterpriseName: pieces("enterpriseName"), majorName: pieces("majorName") },
  };
}

/** Recruiting orders (open, contracted, in training) matching the search, with facet counts. */
export async function searchOrders({ query }: { query: OrderSearchQuery }): Promise<OrderSearchResponse> {
  const others: Filter[] = [{ field: "status", anyOf: ORDER_RECRUITING_STATUSES }];
  if (query.wageMin !== undefined) others.push({ field: "wageFen", min: query.wageMin * 100 });
  if (query.wageMax !== undefined) others.push({ field: "wageFen", max: query.wageMax * 100 });
  const found = await runFacetedSearch<OrderFacet>({
    index: INDEXES.orders,
    facets: ORDER_FACETS,
    q: query.q,
    chosen: query,
    others,
    sort: orderSort(query),
    page: query.page,
    perPage: query.perPage,
    highlight: ["title", "enterpriseName", "majorName"],
    suggest: true,
  });
  return facetedResponse(found, toHit);
}
