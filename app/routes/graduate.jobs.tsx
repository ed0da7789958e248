import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ApplyButton } from "~/components/apply-button";
import { CsrfInput } from "~/components/csrf-input";
import { FacetedSearchForm, GraduateSearchTabs, SearchOutcome, SearchPager, SearchProblemNotice, pageOfResults, type SearchProblem } from "~/components/faceted-search";
import { Field } from "~/components/field";
import { Highlighted, matchRuns } from "~/components/highlighted";
import { FormError } from "~/components/labour";
import { SelectField } from "~/components/select-field";
import { formatWholeYuan } from "~/domain/money";
import {
  EMPTY_JOB_SEARCH,
  JOB_SORT_LABELS,
  JOB_SORTS,
  jobSearchParams,
  POSTED_SINCE_DAYS,
  POSTED_SINCE_LABELS,
  QUERY_MAX_LENGTH,
  type JobSearchQuery,
} from "~/domain/search/job-query";
import { myActiveApplications, readJobSearch, searchJobs, type JobFacet, type JobHit } from "~/services/search/job-search.server";
import { applyTo, APPLIED } from "~/services/labour/applications.server";
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
import { chinaDate } from "~/domain/china-time";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "找工作 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["graduate"]);
    const url = new URL(request.url);
    // The order search has its own page (/graduate/orders); old links keep working.
    if (url.searchParams.get("kind") === "order") {
      const q = url.searchParams.get("q");
      throw redirect(q ? `/graduate/orders?${new URLSearchParams({ q }).toString()}` : "/graduate/orders");
    }
    const [saved, alerts] = await Promise.all([listSavedSearches({ principal }), recentSearchAlerts({ principal })]);
    let query: JobSearchQuery = EMPTY_JOB_SEARCH;
    let problem: SearchProblem | null = null;
    try {
      query = await readJobSearch(url.searchParams, { strict: false });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      problem = { field: error.field ?? null, message: error.message };
    }
    const result = await searchJobs({ query });
    const applied = await myActiveApplications({ principal, to: "jobId", ids: result.hits.map((h) => h.id) });
    const search = {
      query,
      rawQ: (url.searchParams.get("q") ?? "").slice(0, QUERY_MAX_LENGTH * 2),
      result: pageOfResults(problem ? { ...result, hits: [], totalHits: 0, totalPages: 0, showingInstead: null } : result, jobCard),
      problem,
      applied,
    };
    return json({ search, saved, alerts }, { status: problem ? 400 : 200 });
  });
}

const SaveSchema = z.object({ intent: z.literal("save"), name: requiredText("搜索名称", 30), search: z.string().max(2_000) });
const DeleteSchema = z.object({ intent: z.literal("delete"), id: idField });
const ApplySchema = z.object({ jobId: idField });

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["graduate"]);
    if (form.get("jobId")) {
      const parsed = ApplySchema.safeParse({ jobId: form.get("jobId") });
      if (!parsed.success) throw new AppError({ message: "请选择要申请的岗位" });
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

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = ReturnType<typeof useActionData<typeof action>>;

export default function JobsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack job-search">
      <header className="page-head">
        <h1>找工作</h1>
        <p className="muted">搜索全省工业园区企业发布的岗位，可按城市、园区、产业集群、专业、技能等级和月薪筛选；也可以报名企业的订单培训。</p>
      </header>
      <GraduateSearchTabs current="jobs" />
      <FormError message={actionData?.formError} />
      <JobSearch search={data.search} saved={data.saved} alerts={data.alerts} actionData={actionData} busy={busy} />
    </div>
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
  const link = (overrides: Partial<JobSearchQuery>) => {
    const params = jobSearchParams(query, overrides).toString();
    return params ? `/graduate/jobs?${params}` : "/graduate/jobs";
  };
  const current = jobSearchParams(query, { page: 1 }).toString();

  return (
    <>
      <SearchProblemNotice problem={problem} clearTo="/graduate/jobs" />
      <FacetedSearchForm
        label="岗位搜索"
        path="/graduate/jobs"
        q={problem?.field === "q" ? rawQ : query.q}
        placeholder="岗位、企业或专业，如 数控、PLC、新能源汽车"
        facets={(Object.keys(FACET_LABELS) as JobFacet[]).map((key) => ({ name: key, label: FACET_LABELS[key], options: result.facets[key], chosen: query[key] }))}
        wageMin={query.wageMin}
        wageMax={query.wageMax}
        extra={
          <SelectField
            label="发布时间"
            name="since"
            allLabel="不限"
            options={POSTED_SINCE_DAYS.map((d) => ({ value: String(d), label: POSTED_SINCE_LABELS[d] }))}
            defaultValue={query.since ? String(query.since) : ""}
            error={problem?.field === "since" ? problem.message : undefined}
          />
        }
        sort={query.sort}
        sorts={JOB_SORTS.map((s) => ({ value: s, label: JOB_SORT_LABELS[s] }))}
        problem={problem}
      />

      <div className="search-layout">
        <section aria-labelledby="results-heading" className="results">
          <SearchOutcome
            noun="岗位"
            q={query.q}
            page={query.page}
            result={{ ...result, hitsOnPage: result.hits.length }}
            problem={problem}
            link={(change) => link(change)}
          />
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
                <ApplyButton kind="jobId" id={hit.id} application={applied[hit.id] ?? null} busy={busy} />
              </li>
            ))}
          </ol>
          <SearchPager page={query.page} perPage={query.perPage} totalHits={result.totalHits} totalPages={result.totalPages} hitsOnPage={result.hits.length} />
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
