/**
 * A faceted search as a person asks for it in a URL (the job search, the graduates'
 * order search): the words, list filters named by facet, a monthly wage range, a sort
 * and a page. One parser and one canonical query string for every such search; each
 * search declares its facets and sorts (job-query.ts, order-query.ts). Pure.
 */
import { z } from "zod";

/** Posted within the last N days. */
export const POSTED_SINCE_DAYS = [1, 3, 7, 30] as const;
export type PostedSince = (typeof POSTED_SINCE_DAYS)[number];
export const POSTED_SINCE_LABELS: Record<PostedSince, string> = {
  1: "24 小时内",
  3: "3 天内",
  7: "7 天内",
  30: "30 天内",
};

export const QUERY_MAX_LENGTH = 100;
export const MAX_PAGE = 500;
export const MAX_PER_PAGE = 50;
export const DEFAULT_PER_PAGE = 20;
const MAX_WAGE_YUAN = 1_000_000;
const MAX_VALUES_PER_FILTER = 20;

/**
 * Characters of SQL and filter syntax that no search needs. Double quotes (a phrase)
 * and a leading minus (without) are query syntax both engines read the same way
 * (search/query.ts).
 */
const SYNTAX = /[=<>;'`\\{}[\]|]|--|\/\*|\*\//;
const TEXT = /[\p{L}\p{N}]/u;

const code = (digits: number, label: string) =>
  z.string().regex(new RegExp(`^\\d{${digits}}$`), { error: `${label}代码应为 ${digits} 位数字` });
const id = (label: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, { error: `${label}编号应为正整数` })
    .transform(Number)
    .refine((n) => n > 0, { error: `${label}编号应为正整数` });
const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,12}$/, { error: `${label}应为整数` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `${label}应在 ${min} 到 ${max} 之间` });

/** How each list filter's values are written in a URL; a search picks the ones it offers. */
export const FILTER_VALUES = {
  city: code(6, "城市"),
  park: id("园区"),
  cluster: id("产业集群"),
  category: code(2, "专业大类"),
  class: code(4, "专业类"),
  level: z
    .string()
    .regex(/^[0-5]$/, { error: "技能等级应为 0（不限）到 5 之间的整数" })
    .transform(Number),
} satisfies Record<string, z.ZodType<string | number>>;
export type FilterName = keyof typeof FILTER_VALUES;

/** One kind of search: its list filters (in the form's order), its sorts (the first is the default), whether it filters by posting date. */
export type SearchSpec<F extends FilterName, S extends string> = {
  filters: readonly F[];
  sorts: readonly S[];
  /** The refusal of an unknown sort, naming the sorts in words. */
  sortMessage: string;
  since: boolean;
};

type FilterValue<F extends FilterName> = z.output<(typeof FILTER_VALUES)[F]>;
export type FacetedQuery<F extends FilterName, S extends string> = {
  q: string;
  /** Monthly wage in yuan the posting should reach. */
  wageMin?: number;
  /** Monthly wage in yuan the posting should start within. */
  wageMax?: number;
  since?: PostedSince;
  sort: S;
  page: number;
  perPage: number;
} & { [K in F]: FilterValue<K>[] };

export type QueryProblem = { field: string; message: string };
export type ParsedQuery<Q> = { ok: true; query: Q } | { ok: false; problem: QueryProblem };

const SINGLE_FIELDS = ["q", "wageMin", "wageMax", "since", "sort", "page", "perPage"] as const;

/** Every parameter a search of this kind reads. */
export function queryFields(spec: SearchSpec<FilterName, string>): string[] {
  return [...SINGLE_FIELDS.filter((f) => f !== "since" || spec.since), ...spec.filters];
}

/**
 * Parses search parameters. Empty values count as absent (a form's 「全部」 option).
 * With `strict`, a parameter this search does not know is refused (the API).
 */
export function parseSearch<F extends FilterName, S extends string>(
  spec: SearchSpec<F, S>,
  params: URLSearchParams,
  options: { strict: boolean },
): ParsedQuery<FacetedQuery<F, S>> {
  const fail = (field: string, message: string) => ({ ok: false as const, problem: { field, message } });
  const known = queryFields(spec);
  if (options.strict) {
    for (const key of new Set(params.keys())) {
      if (!known.includes(key)) return fail(key, `不支持的参数「${key.slice(0, 30)}」`);
    }
  }
  const single = (key: string) => {
    const values = params.getAll(key).filter((v) => v.trim() !== "");
    return values.length > 1 ? null : (values[0]?.trim() ?? "");
  };
  for (const key of SINGLE_FIELDS) {
    if (known.includes(key) && single(key) === null) return fail(key, `参数「${key}」只能出现一次`);
  }

  const q = single("q") ?? "";
  if (q.length > QUERY_MAX_LENGTH) return fail("q", `搜索词最多 ${QUERY_MAX_LENGTH} 个字，请缩短后再搜索`);
  if (SYNTAX.test(q)) return fail("q", "搜索词不能包含 = < > ; 单引号、括号或注释符号，请只输入关键词（词组可加双引号，排除某词可在前面加减号）");
  if (q && !TEXT.test(q)) return fail("q", "搜索词需要包含文字或数字，不能只有标点符号");

  const lists: Record<string, (string | number)[]> = {};
  for (const key of spec.filters) {
    const values = params.getAll(key).map((v) => v.trim()).filter(Boolean);
    if (values.length > MAX_VALUES_PER_FILTER) return fail(key, `同一筛选条件最多选择 ${MAX_VALUES_PER_FILTER} 项`);
    const parsed: (string | number)[] = [];
    for (const value of values) {
      const result = FILTER_VALUES[key].safeParse(value);
      if (!result.success) return fail(key, result.error.issues[0]!.message);
      if (!parsed.includes(result.data)) parsed.push(result.data);
    }
    lists[key] = parsed;
  }

  const number = (key: string, label: string, min: number, max: number) => {
    const raw = single(key);
    if (!raw) return { ok: true as const, value: undefined };
    const result = wholeNumber(label, min, max).safeParse(raw);
    return result.success
      ? { ok: true as const, value: result.data }
      : { ok: false as const, message: result.error.issues[0]!.message };
  };
  const wageMin = number("wageMin", "最低月薪", 0, MAX_WAGE_YUAN);
  if (!wageMin.ok) return fail("wageMin", wageMin.message);
  const wageMax = number("wageMax", "最高月薪", 0, MAX_WAGE_YUAN);
  if (!wageMax.ok) return fail("wageMax", wageMax.message);
  if (wageMin.value !== undefined && wageMax.value !== undefined && wageMax.value < wageMin.value) {
    return fail("wageMax", "最高月薪不能低于最低月薪");
  }

  let since: PostedSince | undefined;
  const sinceRaw = spec.since ? single("since") : "";
  if (sinceRaw) {
    since = POSTED_SINCE_DAYS.find((d) => String(d) === sinceRaw);
    if (!since) return fail("since", `发布时间只能选 ${POSTED_SINCE_DAYS.join("、")} 天内`);
  }

  const sortRaw = single("sort") || spec.sorts[0];
  const sort = spec.sorts.find((s) => s === sortRaw);
  if (!sort) return fail("sort", spec.sortMessage);

  const page = number("page", "页码", 1, MAX_PAGE);
  if (!page.ok) return fail("page", page.message);
  const perPage = number("perPage", "每页条数", 1, MAX_PER_PAGE);
  if (!perPage.ok) return fail("perPage", perPage.message);

  return {
    ok: true,
    query: {
      q,
      ...lists,
      wageMin: wageMin.value,
      wageMax: wageMax.value,
      ...(spec.since ? { since } : {}),
      sort,
      page: page.value ?? 1,
      perPage: perPage.value ?? DEFAULT_PER_PAGE,
    } as FacetedQuery<F, S>,
  };
}

/** The canonical query string of a search: defaults left out, so equal searches give equal links. */
export function searchParamsOf<F extends FilterName, S extends string>(
  spec: SearchSpec<F, S>,
  query: FacetedQuery<F, S>,
  overrides: Partial<FacetedQuery<F, S>> = {},
): URLSearchParams {
  const merged = { ...query, ...overrides } as FacetedQuery<F, S>;
  const params = new URLSearchParams();
  if (merged.q) params.set("q", merged.q);
  for (const key of spec.filters) for (const value of merged[key] as (string | number)[]) params.append(key, String(value));
  if (merged.wageMin !== undefined) params.set("wageMin", String(merged.wageMin));
  if (merged.wageMax !== undefined) params.set("wageMax", String(merged.wageMax));
  if (spec.since && merged.since !== undefined) params.set("since", String(merged.since));
  if (merged.sort !== spec.sorts[0]) params.set("sort", merged.sort);
  if (merged.page !== 1) params.set("page", String(merged.page));
  if (merged.perPage !== DEFAULT_PER_PAGE) params.set("perPage", String(merged.perPage));
  return params;
}

/** An empty search of this kind: everything, default sort, first page. */
export function emptySearch<F extends FilterName, S extends string>(spec: SearchSpec<F, S>): FacetedQuery<F, S> {
  return {
    q: "",
    ...Object.fromEntries(spec.filters.map((f) => [f, []])),
    sort: spec.sorts[0]!,
    page: 1,
    perPage: DEFAULT_PER_PAGE,
  } as FacetedQuery<F, S>;
}
