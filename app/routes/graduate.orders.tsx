import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ApplyButton } from "~/components/apply-button";
import { FacetedSearchForm, GraduateSearchTabs, SearchOutcome, SearchPager, SearchProblemNotice, pageOfResults, type SearchProblem } from "~/components/faceted-search";
import { Highlighted, matchRuns } from "~/components/highlighted";
import { chinaDate } from "~/domain/china-time";
import { formatYuan } from "~/domain/money";
import { EMPTY_ORDER_SEARCH, ORDER_SORT_LABELS, ORDER_SORTS, orderSearchParams, type OrderSearchQuery } from "~/domain/search/order-query";
import { QUERY_MAX_LENGTH } from "~/domain/search/search-query";
import { applyTo, APPLIED } from "~/services/labour/applications.server";
import { myActiveApplications } from "~/services/search/job-search.server";
import { readOrderSearch, searchOrders, type OrderFacet, type OrderHit } from "~/services/search/order-search.server";
import { attempt } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idField, parseFields } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "订单培训 · 园校通" }];

/**
 * 订单培训 for graduates: recruiting orders found through the orders index with the job
 * search's filters, facet counts, highlighting, paging and suggestions. Orders that
 * recruit are public to every graduate (product.md); applying is the graduate's own.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["graduate"]);
    const url = new URL(request.url);
    let query: OrderSearchQuery = EMPTY_ORDER_SEARCH;
    let problem: SearchProblem | null = null;
    try {
      query = await readOrderSearch(url.searchParams);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      problem = { field: error.field ?? null, message: error.message };
    }
    const result = await searchOrders({ query });
    const applied = await myActiveApplications({ principal, to: "orderId", ids: result.hits.map((h) => h.id) });
    return json(
      {
        query,
        rawQ: (url.searchParams.get("q") ?? "").slice(0, QUERY_MAX_LENGTH * 2),
        result: pageOfResults(problem ? { ...result, hits: [], totalHits: 0, totalPages: 0, showingInstead: null } : result, orderCard),
        problem,
        applied,
      },
      { status: problem ? 400 : 200 },
    );
  });
}

function orderCard(hit: OrderHit) {
  return {
    id: hit.id,
    title: matchRuns(hit.highlights.title),
    employer: matchRuns(hit.highlights.enterpriseName),
    major: matchRuns(hit.highlights.majorName),
    park: hit.parkName,
    wage: `${formatYuan(hit.wageFen)}/月`,
    startsOn: chinaDate(hit.startDate),
    levelLabel: hit.levelLabel,
    placesLeft: hit.placesLeft,
    skills: hit.skillTags.join("、"),
  };
}

const ApplySchema = z.object({ orderId: idField });

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["graduate"]);
    const parsed = parseFields(ApplySchema, form);
    if (!parsed.ok) throw new AppError({ message: "请选择要申请的订单" });
    const result = await attempt(() => applyTo({ principal, target: { orderId: parsed.data.orderId } }));
    if (!result.ok) return result.response;
    return redirectWithFlash(request, APPLIED);
  });
}

const FACET_LABELS: Record<OrderFacet, string> = {
  city: "城市",
  park: "园区",
  category: "专业大类",
  class: "专业类",
  level: "技能等级要求",
};

export default function OrdersPage() {
  const { query, rawQ, result, problem, applied } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const link = (change: Partial<OrderSearchQuery>) => {
    const params = orderSearchParams(query, change).toString();
    return params ? `/graduate/orders?${params}` : "/graduate/orders";
  };
  return (
    <div className="stack job-search">
      <header className="page-head">
        <h1>订单培训</h1>
        <p className="muted">企业与院校合办的订单班：报名后由院校培训，结业后到企业就业。可按城市、园区、专业、技能等级和月薪筛选。</p>
      </header>
      <GraduateSearchTabs current="orders" />
      <SearchProblemNotice problem={problem} clearTo="/graduate/orders" />
      <FacetedSearchForm
        label="订单搜索"
        path="/graduate/orders"
        q={problem?.field === "q" ? rawQ : query.q}
        placeholder="订单、企业、专业或技能，如 新能源汽车、焊接"
        facets={(Object.keys(FACET_LABELS) as OrderFacet[]).map((key) => ({ name: key, label: FACET_LABELS[key], options: result.facets[key], chosen: query[key] }))}
        wageMin={query.wageMin}
        wageMax={query.wageMax}
        sort={query.sort}
        sorts={ORDER_SORTS.map((s) => ({ value: s, label: ORDER_SORT_LABELS[s] }))}
        problem={problem}
      />
      <section aria-labelledby="results-heading" className="results">
        <SearchOutcome noun="订单" q={query.q} page={query.page} result={{ ...result, hitsOnPage: result.hits.length }} problem={problem} link={link} />
        <ol className="job-list">
          {result.hits.map((hit) => (
            <li key={hit.id} className="panel job order">
              <h3>
                <Link to={`/orders/${hit.id}`}>
                  <Highlighted runs={hit.title} />
                </Link>
              </h3>
              <p className="job-employer">
                <Highlighted runs={hit.employer} /> · {hit.park}
              </p>
              <p className="job-wage">{hit.wage}</p>
              <p className="job-meta muted">
                专业 <Highlighted runs={hit.major} /> · {hit.startsOn} 开始
              </p>
              <p className="job-tags">
                <span className="chip">技能要求：{hit.levelLabel}</span>
                <span className="chip">剩余名额 {hit.placesLeft}</span>
                {hit.skills ? <span className="chip">技能：{hit.skills}</span> : null}
              </p>
              <ApplyButton kind="orderId" id={hit.id} application={applied[hit.id] ?? null} busy={busy || hit.placesLeft === 0} />
            </li>
          ))}
        </ol>
        <SearchPager page={query.page} perPage={query.perPage} totalHits={result.totalHits} totalPages={result.totalPages} hitsOnPage={result.hits.length} />
      </section>
    </div>
  );
}
