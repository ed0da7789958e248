/**
 * The graduates' order search (订单培训, /graduate/orders): a faceted search
 * (search-query.ts) over the orders index with these filters and sorts.
 */
import { emptySearch, parseSearch, searchParamsOf, type FacetedQuery, type ParsedQuery, type SearchSpec } from "./search-query";

export const ORDER_SORTS = ["relevance", "newest", "start", "wage"] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];
export const ORDER_SORT_LABELS: Record<OrderSort, string> = {
  relevance: "相关度",
  newest: "最新发布",
  start: "开班日期从近到远",
  wage: "月薪从高到低",
};

export const ORDER_SEARCH = {
  filters: ["city", "park", "category", "class", "level"],
  sorts: ORDER_SORTS,
  sortMessage: "排序方式只能是 relevance（相关度）、newest（最新）、start（开班日期）或 wage（月薪）",
  since: false,
} as const satisfies SearchSpec<"city" | "park" | "category" | "class" | "level", OrderSort>;

export type OrderSearchQuery = FacetedQuery<(typeof ORDER_SEARCH.filters)[number], OrderSort>;

export function parseOrderSearch(params: URLSearchParams): ParsedQuery<OrderSearchQuery> {
  return parseSearch(ORDER_SEARCH, params, { strict: false });
}

export function orderSearchParams(query: OrderSearchQuery, overrides: Partial<OrderSearchQuery> = {}): URLSearchParams {
  return searchParamsOf(ORDER_SEARCH, query, overrides);
}

export const EMPTY_ORDER_SEARCH: OrderSearchQuery = emptySearch(ORDER_SEARCH);
