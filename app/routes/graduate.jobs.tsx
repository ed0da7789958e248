import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useSubmitOnChoice } from "~/components/submit-on-choice";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { Highlighted, matchRuns } from "~/components/highlighted";
import { ApplicationStatusBadge, FormError, skillLevelText } from "~/components/labour";
import { Pager } from "~/components/list-controls";
import { SelectField } from "~/components/select-field";
import { remainingPlaces } from "~/domain/labour/order-status";
import { formatWholeYuan, formatYuan } from "~/domain/money";
import {
  EMPTY_JOB_SEARCH,
  JOB_SORT_LABELS,
  JOB_SORTS,
  jobSearchParams,
  MAX_PAGE,
  POSTED_SINCE_DAYS,
  POSTED_SINCE_LABELS,
  QUERY_MAX_LENGTH,
  type JobSearchQuery,
} from "~/domain/search/job-query";
import {
  myActiveApplications,
  readJobSearch,
  searchJobs,
  type FacetOption,
  type JobFacet,
  type JobHit,
  type JobSearchResponse,
} from "~/services/search/job-search.server";
import type { SearchSuggestion } from "~/services/search/suggestions.server";
import { applyTo } from "~/services/labour/applications.server";
import { listRecruitingOrders } from "~/services/labour/postings.server";
import {
  deleteSavedSearch,
  listSavedSearches,
  recentSearchAlerts,
  saveJobSearch,
} from "~/services/search/saved-searches.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { attempt, refusal } from "~/utils/action-result.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { parseFields, requiredText, idField } from "~/utils/forms";
import { majorText } from "~/domain/catalogue/majors";
import { chinaDate } from "~/domain/china-time";
import { redirectWithFlash } from "~/utils/flash.server";
import { APPLIED } from "~/services/labour/applications.server";

export const meta: MetaFunction = () => [{ title: "找工作 · 园校通" }];

type Problem = { field: string | null; message: string };

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["graduate"]);
    const url = new URL(request.url);
    const [saved, alerts] = await Promise.all([listSavedSearches({ principal }), recentSearchAlerts({ principal })]);
    if (url.searchParams.get("kind") === "order") {
      const q = (url.searchParams.get("q") ?? "").trim().slice(0, 40);
      const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
      const orders = await listRecruitingOrders({ principal, q, page });
      return json({ kind: "order" as const, orders, q, search: null, saved, alerts });
    }
    let query: JobSearchQuery = EMPTY_JOB_SEARCH;
    let problem: Problem | null = null;
    try {
      query = await readJobSearch(url.searchParams, { strict: false });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      problem = { field: error.field ?? null, message: error.message };
    }
    const result = await searchJobs({ query });
    const applied = await myActiveApplications({ principal, jobIds: result.hits.map((h) => h.id) });
    const search = {
      query,
      rawQ: (url.searchParams.get("q") ?? "").slice(0, QUERY_MAX_LENGTH * 2),
      result: pageOfResults(problem ? { ...result, hits: [], totalHits: 0, totalPages: 0 } : result),
      problem,
      applied,
    };
    return json({ kind: "job" as const, orders: null, q: query.q, search, saved, alerts }, { status: problem ? 400 : 200 });
  });
}

const SaveSchema = z.object({ intent: z.literal("save"), name: requiredText("搜索名称", 30), search: z.string().max(2_000) });
const DeleteSchema = z.object({ intent: z.literal("delete"), id: idField });
const ApplySchema = z.union([
  z.object({ jobId: idField }),
  z.object({ orderId: idField }),
]);

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["graduate"]);
    if (form.get("jobId") || form.get("orderId")) {
      const parsed = ApplySchema.safeParse(form.get("jobId") ? { jobId: form.get("jobId") } : { orderId: form.get("orderId") });
      if (!parsed.success) throw new AppError({ message: "请选择要申请的岗位或订单" });
      const result = await attempt(() => applyTo({ principal, target: parsed.data }));
      if (!result.ok) return result.response;
      return redirectWithFlash(request, APPLIED);
    }
    if (form.get("intent") === "delete") {
      const parsed = parseFields(DeleteSchema, form);
      if (!parsed.ok) throw new AppError({ message: "搜索编号无效" });
      await deleteSavedSearch({ principal, id: parsed.data.id });
      return redirectWithFlash(request, "已删除保存的搜索");
    }
    const parsed = parseFields(SaveSchema, form);
    if (!parsed.ok) {
      return json({ ok: false as const, formError: null, fieldErrors: parsed.fieldErrors }, { status: 400 });
    }
    try {
      const query = await readJobSearch(new URLSearchParams(parsed.data.search), { strict: false });
      await saveJobSearch({ principal, name: parsed.data.name, query });
    } catch (error) {
      const refused = refusal(error, { when: (e) => e.status === 400, at: "name" });
      if (!refused) throw error;
      return json({ ok: false as const, formError: null, fieldErrors: refused.fieldErrors }, { status: 400 });
    }
    return redirectWithFlash(request, `已保存搜索「${parsed.data.name}」，之后发布的符合条件的新岗位会提醒您`);
  });
}

/**
 * What the page shows of a search, and nothing else: the page's HTML shows it and
 * the loader data repeats it for hydration, so every field here is sent twice.
 * (The API's JobHit also carries each text plain beside its highlighted pieces,
 * the fen amounts and the facet counts apart.)
 */
function pageOfResults(result: JobSearchResponse) {
  return {
    suggestions: result.suggestions,
    totalHits: result.totalHits,
    totalPages: result.totalPages,
    hits: result.hits.map(jobCard),
    facets: Object.fromEntries(
      (Object.keys(result.facets) as JobFacet[]).map((key) => [key, facetChoices(result.facets[key])]),
    ) as Record<JobFacet, { value: string; label: string }[]>,
  };
}

function jobCard(hit: JobHit) {
  return {
    id: hit.id,
    title: matchRuns(hit.highlights.title),
    employer: matchRuns(hit.highlights.enterpriseName),
    description: matchRuns(hit.highlights.description),
    wage: `${formatWholeYuan(hit.wageMinFen)}–${formatWholeYuan(hit.wageMaxFen)} 元/月`,
    place: [hit.cityName, hit.parkName, hit.clusterName].filter(Boolean).join(" · "),
    levelLabel: hit.levelLabel,
    openings: hit.openings,
    postedOn: chinaDate(hit.postedAt),
  };
}

const FACET_LABELS: Record<JobFacet, string> = {
  city: "城市",
  park: "园区",
  cluster: "产业集群",
  category: "专业大类",
  class: "专业类",
  level: "技能等级要求",
};


function facetChoices(options: readonly FacetOption[]) {
  return options.map((o) => ({ value: o.value, label: `${o.label}（${o.count}）` }));
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = ReturnType<typeof useActionData<typeof action>>;

export default function JobsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const isOrders = data.kind === "order";
  return (
    <div className="stack job-search">
      <header className="page-head">
        <h1>找工作</h1>
        <p className="muted">搜索全省工业园区企业发布的岗位，可按城市、园区、产业集群、专业、技能等级和月薪筛选；也可以报名企业的订单培训。</p>
      </header>
      <nav className="actions" aria-label="类别">
        <Link to="/graduate/jobs" className={`button ${isOrders ? "" : "button-primary"}`}>
          园区岗位
        </Link>
        <Link to="?kind=order" className={`button ${isOrders ? "button-primary" : ""}`}>
          订单培训
        </Link>
      </nav>
      <FormError message={actionData?.formError} />
      {data.orders ? <OrderList orders={data.orders} q={data.q} busy={busy} /> : null}
      {data.search ? <JobSearch search={data.search} saved={data.saved} alerts={data.alerts} actionData={actionData} busy={busy} /> : null}
    </div>
  );
}

function OrderList({ orders, q, busy }: { orders: NonNullable<LoaderData["orders"]>; q: string; busy: boolean }) {
  return (
    <>
      <Form method="get" className="filters panel">
        <input type="hidden" name="kind" value="order" />
        <div className="field">
          <label htmlFor="order-q">名称或企业</label>
          <input id="order-q" name="q" defaultValue={q} maxLength={40} />
        </div>
        <button type="submit" className="button">
          搜索
        </button>
      </Form>
      {orders.total === 0 ? <p className="muted panel">没有符合条件的订单</p> : null}
      <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
        {orders.rows.map((o) => (
          <li key={o.id} className="panel stack">
            <h2>
              <Link to={`/orders/${o.id}`}>{o.title}</Link>
            </h2>
            <p className="muted">
              {o.enterprise.name} · {o.enterprise.park.name} · {chinaDate(o.startDate)} 开始 · 剩余名额 {remainingPlaces(o)} / {o.quantity}
            </p>
            <p>
              <strong>{formatYuan(o.wageFen)}</strong>/月 · 专业 {majorText(o.majorCode)} · {skillLevelText(o.skillLevel)}
              {o.skillTags.length ? ` · 技能：${o.skillTags.join("、")}` : ""}
            </p>
            <Apply kind="orderId" id={o.id} application={o.myApplication} busy={busy || remainingPlaces(o) === 0} />
          </li>
        ))}
      </ul>
      <Pager total={orders.total} page={orders.page} pageSize={orders.pageSize} />
    </>
  );
}

function Apply({ kind, id, application, busy }: { kind: "jobId" | "orderId"; id: number; application: { id: number; status: string } | null; busy: boolean }) {
  if (application) {
    return (
      <p className="actions">
        已申请 <ApplicationStatusBadge status={application.status} /> <Link to={`/graduate/applications/${application.id}`}>查看进度</Link>
      </p>
    );
  }
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name={kind} value={id} />
      <button type="submit" className="button button-primary" disabled={busy}>
        申请
      </button>
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

function JobSearch({
  search,
  saved,
  alerts,
  actionData,
  busy,
}: {
  search: NonNullable<LoaderData["search"]>;
  saved: LoaderData["saved"];
  alerts: LoaderData["alerts"];
  actionData: ActionData;
  busy: boolean;
}) {
  const { query, rawQ, result, problem, applied } = search;
  const navigation = useNavigation();
  const submitOnChoice = useSubmitOnChoice();
  const searching = navigation.state === "loading" && navigation.location.pathname === "/graduate/jobs";
  const link = (overrides: Partial<JobSearchQuery>) => {
    const params = jobSearchParams(query, overrides).toString();
    return params ? `/graduate/jobs?${params}` : "/graduate/jobs";
  };
  const current = jobSearchParams(query, { page: 1 }).toString();
  const lastPage = Math.min(result.totalPages, MAX_PAGE);
  const errorFor = (field: string) => (problem?.field === field ? problem.message : undefined);

  return (
    <>
      {problem ? (
        <div className="notice notice-error" role="alert">
          <p>{problem.message}</p>
          <Link to="/graduate/jobs">清除条件重新搜索</Link>
        </div>
      ) : null}

      <Form method="get" className="panel search-form" role="search" aria-label="岗位搜索" onChange={submitOnChoice}>
        <div className="search-bar">
          <Field
            label="关键词"
            name="q"
            type="search"
            defaultValue={problem?.field === "q" ? rawQ : query.q}
            placeholder="岗位、企业或专业，如 数控、PLC、新能源汽车"
            maxLength={QUERY_MAX_LENGTH}
            error={errorFor("q")}
          />
          <button type="submit" className="button button-primary">
            {searching ? "搜索中…" : "搜索"}
          </button>
        </div>
        <div className="search-filters">
          {(Object.keys(FACET_LABELS) as JobFacet[]).map((key) => (
            <SelectField
              key={key}
              label={FACET_LABELS[key]}
              name={key}
              options={result.facets[key]}
              defaultValue={query[key][0] === undefined ? "" : String(query[key][0])}
              error={errorFor(key)}
            />
          ))}
          <Field
            label="最低月薪（元）"
            name="wageMin"
            type="number"
            min={0}
            step={500}
            inputMode="numeric"
            defaultValue={query.wageMin ?? ""}
            error={errorFor("wageMin")}
          />
          <Field
            label="最高月薪（元）"
            name="wageMax"
            type="number"
            min={0}
            step={500}
            inputMode="numeric"
            defaultValue={query.wageMax ?? ""}
            error={errorFor("wageMax")}
          />
          <SelectField
            label="发布时间"
            name="since"
            allLabel="不限"
            options={POSTED_SINCE_DAYS.map((d) => ({ value: String(d), label: POSTED_SINCE_LABELS[d] }))}
            defaultValue={query.since ? String(query.since) : ""}
            error={errorFor("since")}
          />
          <div className="field">
            <label htmlFor="job-sort">排序</label>
            <select id="job-sort" name="sort" defaultValue={query.sort}>
              {JOB_SORTS.map((s) => (
                <option key={s} value={s}>
                  {JOB_SORT_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="form-actions">
          <button type="submit" className="button button-primary">
            应用筛选
          </button>
          <Link to="/graduate/jobs" className="button button-quiet">
            清除条件
          </Link>
        </p>
      </Form>

      <div className="search-layout">
        <section aria-labelledby="results-heading" className="results">
          <h2 id="results-heading" aria-live="polite">
            {problem ? "请修改搜索条件" : `共找到 ${result.totalHits.toLocaleString("zh-CN")} 个岗位`}
          </h2>
          {!problem && result.hits.length === 0 ? (
            <div className="panel">
              {result.totalHits > 0 ? (
                <p>
                  没有第 {query.page} 页了，共 {lastPage} 页。<Link to={link({ page: 1 })}>回到第 1 页</Link>
                </p>
              ) : (
                <>
                  <p>没有符合条件的岗位。可以换个关键词，或减少筛选条件。</p>
                  <Suggestions suggestions={result.suggestions} link={(q) => link({ q, page: 1 })} />
                </>
              )}
            </div>
          ) : null}
          <ol className="job-list">
            {result.hits.map((hit) => (
              <li key={hit.id} className="panel job">
                <h3>
                  <Link to={`/jobs/${hit.id}`}>
                    <Highlighted runs={hit.title} />
                  </Link>
                </h3>
                <p className="job-employer">
                  <Highlighted runs={hit.employer} />
                </p>
                <p className="job-wage">{hit.wage}</p>
                <p className="job-meta muted">{hit.place}</p>
                <p className="job-tags">
                  <span className="chip">技能要求：{hit.levelLabel}</span>
                  <span className="chip">招 {hit.openings} 人</span>
                  <span className="chip">发布于 {hit.postedOn}</span>
                </p>
                <p className="job-description">
                  <Highlighted runs={hit.description} />
                </p>
                <Apply kind="jobId" id={hit.id} application={applied[hit.id] ?? null} busy={busy} />
              </li>
            ))}
          </ol>
          {lastPage > 1 && result.hits.length > 0 ? (
            <Pager page={query.page} total={result.totalHits} pageSize={query.perPage} maxPages={MAX_PAGE} />
          ) : null}
        </section>

        <aside className="panel saved-searches" aria-labelledby="saved-heading">
          <h2 id="saved-heading">保存的搜索</h2>
          <p className="muted">保存当前条件，有新岗位符合时会在这里提醒您。</p>
          <Form method="post" action={current ? `/graduate/jobs?${current}` : "/graduate/jobs"} className="stack">
            <CsrfInput />
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="search" value={current} />
            <Field
              label="名称"
              name="name"
              maxLength={30}
              defaultValue={query.q || "我的搜索"}
              error={actionData?.fieldErrors?.name ?? undefined}
            />
            <button type="submit" className="button" disabled={Boolean(problem)}>
              保存当前搜索
            </button>
          </Form>
          {saved.length > 0 ? (
            <ul className="rows saved-list">
              {saved.map((s) => (
                <li key={s.id}>
                  {s.link !== null ? <Link to={s.link ? `/graduate/jobs?${s.link}` : "/graduate/jobs"}>{s.name}</Link> : <span>{s.name}</span>}
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="id" value={s.id} />
                    <button type="submit" className="button button-quiet" aria-label={`删除「${s.name}」`}>
                      删除
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">还没有保存的搜索。</p>
          )}
          <h3>新岗位提醒</h3>
          {alerts.length > 0 ? (
            <ul className="rows alerts">
              {alerts.map((a) => (
                <li key={a.id}>
                  <span>
                    {a.link ? <Link to={a.link}>{a.title}</Link> : a.title}
                    <br />
                    <small className="muted">{a.body}</small>
                  </span>
                  <small className="muted">{chinaDate(a.createdAt)}</small>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">暂无提醒。</p>
          )}
        </aside>
      </div>
    </>
  );
}
