/**
 * The job search as a person asks for it (the page's URL, the API's query string,
 * a saved search): parsing with a clear Chinese message for each bad value, and the
 * canonical query string that reproduces a search. Pure.
 */
import { z } from "zod";

export const JOB_SORTS = ["relevance", "newest", "wage"] as const;
export type JobSort = (typeof JOB_SORTS)[number];
export const JOB_SORT_LABELS: Record<JobSort, string> = { relevance: "相关度", newest: "最新发布", wage: "月薪从高到低" };

/** Posted within the last N days. */
export const POSTED_SINCE_DAYS = [1, 3, 7, 30] as const;
export const POSTED_SINCE_LABELS: Record<(typeof POSTED_SINCE_DAYS)[number], string> = {
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

export type JobSearchQuery = {
  q: string;
  city: string[];
  park: number[];
  cluster: number[];
  category: string[];
  class: string[];
  level: number[];
  /** Monthly wage in yuan the job should reach (its upper bound at least this). */
  wageMin?: number;
  /** Monthly wage in yuan the job should start within (its lower bound at most this). */
  wageMax?: number;
  since?: (typeof POSTED_SINCE_DAYS)[number];
  sort: JobSort;
  page: number;
  perPage: number;
};

export type JobQueryProblem = { field: string; message: string };
export type JobQueryResult = { ok: true; query: JobSearchQuery } | { ok: false; problem: JobQueryProblem };

/**
 * Characters of SQL and filter syntax that no job search needs. Double quotes (a
 * phrase) and a leading minus (without) are query syntax both engines read the same
 * way (search/query.ts).
 */
const SYNTAX = /[=<>;'`\\{}[\]|]|--|\/\*|\*\//;
const TEXT = /[\p{L}\p{N}]/u;

const LIST_FIELDS = ["city", "park", "cluster", "category", "class", "level"] as const;
const SINGLE_FIELDS = ["q", "wageMin", "wageMax", "since", "sort", "page", "perPage"] as const;
export const JOB_QUERY_FIELDS: readonly string[] = [...SINGLE_FIELDS, ...LIST_FIELDS];

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

const ITEM: Record<(typeof LIST_FIELDS)[number], z.ZodType<string | number>> = {
  city: code(6, "城市"),
  park: id("园区"),
  cluster: id("产业集群"),
  category: code(2, "专业大类"),
  class: code(4, "专业类"),
  level: z
    .string()
    .regex(/^[0-5]$/, { error: "技能等级应为 0（不限）到 5 之间的整数" })
    .transform(Number),
};

const MAX_VALUES_PER_FILTER = 20;

/**
 * Parses search parameters. Empty values count as absent (a form's 「全部」 option).
 * With `strict`, a parameter this search does not know is refused (the API).
 */
export function parseJobSearch(params: URLSearchParams, options: { strict: boolean }): JobQueryResult {
  const fail = (field: string, message: string): JobQueryResult => ({ ok: false, problem: { field, message } });
  if (options.strict) {
    for (const key of new Set(params.keys())) {
      if (!JOB_QUERY_FIELDS.includes(key)) return fail(key, `不支持的参数「${key.slice(0, 30)}」`);
    }
  }
  const single = (key: string) => {
    const values = params.getAll(key).filter((v) => v.trim() !== "");
    return values.length > 1 ? null : (values[0]?.trim() ?? "");
  };
  for (const key of SINGLE_FIELDS) {
    if (single(key) === null) return fail(key, `参数「${key}」只能出现一次`);
  }

  const q = single("q") ?? "";
  if (q.length > QUERY_MAX_LENGTH) return fail("q", `搜索词最多 ${QUERY_MAX_LENGTH} 个字，请缩短后再搜索`);
  if (SYNTAX.test(q)) return fail("q", "搜索词不能包含 = < > ; 单引号、括号或注释符号，请只输入关键词（词组可加双引号，排除某词可在前面加减号）");
  if (q && !TEXT.test(q)) return fail("q", "搜索词需要包含文字或数字，不能只有标点符号");

  const lists: Record<string, (string | number)[]> = {};
  for (const key of LIST_FIELDS) {
    const values = params.getAll(key).map((v) => v.trim()).filter(Boolean);
    if (values.length > MAX_VALUES_PER_FILTER) return fail(key, `同一筛选条件最多选择 ${MAX_VALUES_PER_FILTER} 项`);
    const parsed: (string | number)[] = [];
    for (const value of values) {
      const result = ITEM[key].safeParse(value);
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

  const sinceRaw = single("since");
  let since: JobSearchQuery["since"];
  if (sinceRaw) {
    since = POSTED_SINCE_DAYS.find((d) => String(d) === sinceRaw);
    if (!since) return fail("since", `发布时间只能选 ${POSTED_SINCE_DAYS.join("、")} 天内`);
  }

  const sortRaw = single("sort") || "relevance";
  const sort = JOB_SORTS.find((s) => s === sortRaw);
  if (!sort) return fail("sort", "排序方式只能是 relevance（相关度）、newest（最新）或 wage（月薪）");

  const page = number("page", "页码", 1, MAX_PAGE);
  if (!page.ok) return fail("page", page.message);
  const perPage = number("perPage", "每页条数", 1, MAX_PER_PAGE);
  if (!perPage.ok) return fail("perPage", perPage.message);

  return {
    ok: true,
    query: {
      q,
      city: lists.city as string[],
      park: lists.park as number[],
      cluster: lists.cluster as number[],
      category: lists.category as string[],
      class: lists.class as string[],
      level: lists.level as number[],
      wageMin: wageMin.value,
      wageMax: wageMax.value,
      since,
      sort,
      page: page.value ?? 1,
      perPage: perPage.value ?? DEFAULT_PER_PAGE,
    },
  };
}

/** The canonical query string of a search: defaults left out, so equal searches give equal links. */
export function jobSearchParams(query: JobSearchQuery, overrides: Partial<JobSearchQuery> = {}): URLSearchParams {
  const merged = { ...query, ...overrides };
  const params = new URLSearchParams();
  if (merged.q) params.set("q", merged.q);
  for (const key of LIST_FIELDS) for (const value of merged[key]) params.append(key, String(value));
  if (merged.wageMin !== undefined) params.set("wageMin", String(merged.wageMin));
  if (merged.wageMax !== undefined) params.set("wageMax", String(merged.wageMax));
  if (merged.since !== undefined) params.set("since", String(merged.since));
  if (merged.sort !== "relevance") params.set("sort", merged.sort);
  if (merged.page !== 1) params.set("page", String(merged.page));
  if (merged.perPage !== DEFAULT_PER_PAGE) params.set("perPage", String(merged.perPage));
  return params;
}

/** An empty search: everything, by relevance, first page. */
export const EMPTY_JOB_SEARCH: JobSearchQuery = {
  q: "",
  city: [],
  park: [],
  cluster: [],
  category: [],
  class: [],
  level: [],
  sort: "relevance",
  page: 1,
  perPage: DEFAULT_PER_PAGE,
};
