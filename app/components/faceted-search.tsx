/**
 * The page pieces every faceted search shares (找工作, 订单培训): the search form whose
 * filters apply when chosen and still work without JavaScript, the problem notice,
 * the results heading with what a search that found nothing offers, and the pager.
 */
import type { ReactNode } from "react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { Pager } from "~/components/list-controls";
import { SelectField } from "~/components/select-field";
import { useSubmitOnChoice } from "~/components/submit-on-choice";
import { MAX_PAGE, QUERY_MAX_LENGTH } from "~/domain/search/search-query";
import type { FacetedSearchResponse, FacetOption } from "~/services/search/faceted-search.server";
import type { SearchSuggestion } from "~/services/search/suggestions.server";

export type SearchProblem = { field: string | null; message: string };

/** 园区岗位 · 订单培训: the graduate's two searches. */
export function GraduateSearchTabs({ current }: { current: "jobs" | "orders" }) {
  return (
    <nav className="actions" aria-label="类别">
      <Link to="/graduate/jobs" className={`button ${current === "jobs" ? "button-primary" : ""}`} aria-current={current === "jobs" ? "page" : undefined}>
        园区岗位
      </Link>
      <Link to="/graduate/orders" className={`button ${current === "orders" ? "button-primary" : ""}`} aria-current={current === "orders" ? "page" : undefined}>
        订单培训
      </Link>
    </nav>
  );
}

export function SearchProblemNotice({ problem, clearTo }: { problem: SearchProblem | null; clearTo: string }) {
  if (!problem) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{problem.message}</p>
      <Link to={clearTo}>清除条件重新搜索</Link>
    </div>
  );
}

/** A facet's options as the page sends them: the value and its label with the count. */
export function facetChoices(options: readonly FacetOption[]): { value: string; label: string }[] {
  return options.map((o) => ({ value: o.value, label: `${o.label}（${o.count}）` }));
}

/**
 * What a search page sends of a service's answer, once (the loader data repeats the HTML
 * for hydration): each hit as the page's card, each facet as its choices.
 */
export function pageOfResults<H, F extends string, C>(result: FacetedSearchResponse<H, F>, card: (hit: H) => C) {
  return {
    suggestions: result.suggestions,
    showingInstead: result.showingInstead,
    totalHits: result.totalHits,
    totalPages: result.totalPages,
    hits: result.hits.map(card),
    facets: Object.fromEntries((Object.keys(result.facets) as F[]).map((key) => [key, facetChoices(result.facets[key])])) as Record<F, { value: string; label: string }[]>,
  };
}

export type FacetSelect = { name: string; label: string; options: readonly { value: string; label: string }[]; chosen: readonly (string | number)[] };

/**
 * The search form: words, one select per facet (with its count), the monthly wage range,
 * any extra fields and the sort. A chosen select submits at once; typed fields wait for
 * the button or Enter; without JavaScript 「应用筛选」 does it all.
 */
export function FacetedSearchForm({
  label,
  path,
  q,
  placeholder,
  facets,
  wageMin,
  wageMax,
  extra,
  sort,
  sorts,
  problem,
}: {
  label: string;
  path: string;
  q: string;
  placeholder: string;
  facets: readonly FacetSelect[];
  wageMin?: number;
  wageMax?: number;
  extra?: ReactNode;
  sort: string;
  sorts: readonly { value: string; label: string }[];
  problem: SearchProblem | null;
}) {
  const navigation = useNavigation();
  const submitOnChoice = useSubmitOnChoice();
  const searching = navigation.state === "loading" && navigation.location.pathname === path;
  const errorFor = (field: string) => (problem?.field === field ? problem.message : undefined);
  const sortId = `${path.replace(/\W/g, "-")}-sort`;
  return (
    <Form method="get" action={path} className="panel search-form" role="search" aria-label={label} onChange={submitOnChoice}>
      <div className="search-bar">
        <Field label="关键词" name="q" type="search" defaultValue={q} placeholder={placeholder} maxLength={QUERY_MAX_LENGTH} error={errorFor("q")} />
        <button type="submit" className="button button-primary">
          {searching ? "搜索中…" : "搜索"}
        </button>
      </div>
      <div className="search-filters">
        {facets.map((facet) => (
          <SelectField
            key={facet.name}
            label={facet.label}
            name={facet.name}
            options={facet.options}
            defaultValue={facet.chosen[0] === undefined ? "" : String(facet.chosen[0])}
            error={errorFor(facet.name)}
          />
        ))}
        <Field label="最低月薪（元）" name="wageMin" type="number" min={0} step={500} inputMode="numeric" defaultValue={wageMin ?? ""} error={errorFor("wageMin")} />
        <Field label="最高月薪（元）" name="wageMax" type="number" min={0} step={500} inputMode="numeric" defaultValue={wageMax ?? ""} error={errorFor("wageMax")} />
        {extra}
        <div className="field">
          <label htmlFor={sortId}>排序</label>
          <select id={sortId} name="sort" defaultValue={sort}>
            {sorts.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="form-actions">
        <button type="submit" className="button button-primary">
          应用筛选
        </button>
        <Link to={path} className="button button-quiet">
          清除条件
        </Link>
      </p>
    </Form>
  );
}

/** 「你是不是要找…」 and related trades, each a link to a search that finds something. */
function Suggestions({ suggestions, link }: { suggestions: readonly SearchSuggestion[]; link: (q: string) => string }) {
  const spelling = suggestions.filter((s) => s.kind === "spelling");
  const related = suggestions.filter((s) => s.kind === "related");
  const item = (s: SearchSuggestion) => (
    <li key={s.q}>
      <Link to={link(s.q)}>{s.q}</Link> <span className="muted">（{s.totalHits.toLocaleString("zh-CN")} 个）</span>
    </li>
  );
  return (
    <>
      {spelling.length > 0 ? (
        <div className="suggestions">
          <p>你是不是要找：</p>
          <ul className="chips-list">{spelling.map(item)}</ul>
        </div>
      ) : null}
      {related.length > 0 ? (
        <div className="suggestions">
          <p>相关工种：</p>
          <ul className="chips-list">{related.map(item)}</ul>
        </div>
      ) : null}
    </>
  );
}

type Outcome = {
  totalHits: number;
  totalPages: number;
  hitsOnPage: number;
  suggestions: readonly SearchSuggestion[];
  showingInstead: string | null;
};

/**
 * The results heading (announced when it changes) and, above the list, what the person
 * should know: a page past the end, nothing found with what to try instead, or that a
 * slip was corrected (the typed words found nothing anywhere).
 */
export function SearchOutcome({
  noun,
  q,
  page,
  result,
  problem,
  link,
}: {
  /** What is searched for, counted: 岗位, 订单. */
  noun: string;
  q: string;
  page: number;
  result: Outcome;
  problem: SearchProblem | null;
  /** A link to this search with another query or page. */
  link: (change: { q?: string; page: number }) => string;
}) {
  const lastPage = Math.min(result.totalPages, MAX_PAGE);
  const others = result.suggestions.filter((s) => s.q !== result.showingInstead);
  return (
    <>
      <h2 id="results-heading" aria-live="polite">
        {problem ? "请修改搜索条件" : `共找到 ${result.totalHits.toLocaleString("zh-CN")} 个${noun}`}
      </h2>
      {!problem && result.showingInstead ? (
        <div className="panel showing-instead">
          <p>
            没有找到「{q}」的{noun}，以下是「<strong>{result.showingInstead}</strong>」的结果。
          </p>
          <Suggestions suggestions={others} link={(s) => link({ q: s, page: 1 })} />
        </div>
      ) : null}
      {!problem && result.hitsOnPage === 0 ? (
        <div className="panel">
          {result.totalHits > 0 ? (
            <p>
              没有第 {page} 页了，共 {lastPage} 页。<Link to={link({ page: 1 })}>回到第 1 页</Link>
            </p>
          ) : (
            <>
              <p>没有符合条件的{noun}。可以换个关键词，或减少筛选条件。</p>
              <Suggestions suggestions={result.suggestions} link={(s) => link({ q: s, page: 1 })} />
            </>
          )}
        </div>
      ) : null}
    </>
  );
}

/** The pager under a search's results: only when there is more than one page and this one has hits. */
export function SearchPager({ page, perPage, totalHits, totalPages, hitsOnPage }: { page: number; perPage: number; totalHits: number; totalPages: number; hitsOnPage: number }) {
  if (Math.min(totalPages, MAX_PAGE) <= 1 || hitsOnPage === 0) return null;
  return <Pager page={page} total={totalHits} pageSize={perPage} maxPages={MAX_PAGE} />;
}
