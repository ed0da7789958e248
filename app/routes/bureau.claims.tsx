import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Pager, SortHeader } from "~/components/list-controls";
import { ClaimStatus, kindLabel } from "~/components/subsidy";
import { CLAIM_STATUS_LABELS, FUNDING_SOURCES } from "~/domain/constants";
import { formatYuan } from "~/domain/money";
import { CLAIM_KIND_LABELS, SUBSIDY_KINDS } from "~/domain/subsidy/policy";
import { WORKER_TRAINING_KIND } from "~/domain/subsidy/worker-training";
import { QUEUE_SORTS, QUEUE_STATUSES } from "~/domain/subsidy/claim-status";
import { approveClaims, listReviewQueue } from "~/services/subsidy/review.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseListQuery } from "~/utils/list-query";
import { idField } from "~/utils/forms";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "补贴审核 · 园校通" }];

const FilterSchema = z.object({
  status: z.enum([...QUEUE_STATUSES, "all"]).catch("pending_review"),
  kind: z.enum([...SUBSIDY_KINDS, WORKER_TRAINING_KIND]).optional().catch(undefined),
  origin: z.enum(["automatic", "graduate", "enterprise"]).optional().catch(undefined),
  q: z.string().trim().max(50).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["bureau"]);
    const url = new URL(request.url);
    const filter = FilterSchema.parse(Object.fromEntries(url.searchParams));
    const query = parseListQuery(url, { sorts: QUEUE_SORTS, defaultSort: "createdAt", defaultDirection: "asc" });
    const list = await listReviewQueue({
      principal,
      filter: { ...filter, status: filter.status === "all" ? undefined : filter.status, q: filter.q || undefined },
      query,
    });
    return json({ ...list, filter, sources: FUNDING_SOURCES });
  });
}

const ApproveSchema = z.object({
  source: z.enum(Object.keys(FUNDING_SOURCES) as [string, ...string[]], { error: "请选择资金来源" }),
  claimIds: z.array(idField).min(1, { error: "请至少勾选一项申请" }).max(500, { error: "一次最多批准 500 项" }),
});

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["bureau"]);
    const parsed = ApproveSchema.safeParse({ source: form.get("source"), claimIds: form.getAll("claimId") });
    if (!parsed.success) {
      return json({ ok: false as const, message: parsed.error.issues[0]?.message ?? "提交的内容无效", failures: [] }, { status: 400 });
    }
    const outcome = await approveClaims({ principal, claimIds: parsed.data.claimIds, source: parsed.data.source });
    const message = `已批准 ${outcome.done.length} 项${outcome.failed.length ? `，${outcome.failed.length} 项未能批准` : ""}`;
    // All approved: told after the redirect (ADR 112); refusals stay on the page, each with its reason.
    if (outcome.failed.length === 0) return redirectWithFlash(request, message);
    return json({ ok: false as const, message, failures: outcome.failed }, { status: 409 });
  });
}

export default function ReviewQueuePage() {
  const { rows, total, totalFen, page, pageSize, sort, direction, filter, sources } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const selectable = filter.status === "pending_review";
  return (
    <div className="stack">
      <header className="page-head">
        <h1>补贴审核</h1>
        <p className="muted">
          本辖区园区企业就业毕业生的补贴申请和企业职工技能提升补贴申请（产业集群企业优先）。共 {total} 项，合计 {formatYuan(totalFen)}。
        </p>
      </header>
      <Form method="get" className="panel sub-filters" aria-label="筛选">
        <div className="field">
          <label htmlFor="f-status">状态</label>
          <select id="f-status" name="status" defaultValue={filter.status}>
            {QUEUE_STATUSES.map((s) => (
              <option key={s} value={s}>{CLAIM_STATUS_LABELS[s]}</option>
            ))}
            <option value="all">全部</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-kind">补贴类型</label>
          <select id="f-kind" name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">全部</option>
            {[...SUBSIDY_KINDS, WORKER_TRAINING_KIND].map((k) => (
              <option key={k} value={k}>{CLAIM_KIND_LABELS[k]}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-origin">来源</label>
          <select id="f-origin" name="origin" defaultValue={filter.origin ?? ""}>
            <option value="">全部</option>
            <option value="automatic">免申即享</option>
            <option value="graduate">本人申请</option>
            <option value="enterprise">企业申请（职工培训）</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-q">姓名</label>
          <input id="f-q" name="q" defaultValue={filter.q ?? ""} maxLength={50} />
        </div>
        <input type="hidden" name="sort" value={sort} />
        <button type="submit" className="button">筛选</button>
      </Form>
      {result ? (
        <div className="panel" role="alert">
          <p className="field-error">{result.message}</p>
          {result.failures.length > 0 ? (
            <ul>
              {result.failures.map((f) => (
                <li key={f.claimId}>
                  <Link to={`/subsidies/claims/${f.claimId}`}>申请 #{f.claimId}</Link>：{f.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <Form method="post" className="stack">
        <CsrfInput />
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {selectable ? <th scope="col">选择</th> : null}
                <SortHeader label="姓名" sortKey="name" current={{ sort, direction }} />
                <th scope="col">身份证号</th>
                <th scope="col">补贴</th>
                <SortHeader label="金额" sortKey="amountFen" current={{ sort, direction }} />
                <th scope="col">院校 / 证书</th>
                <th scope="col">单位</th>
                <th scope="col">状态</th>
                <SortHeader label="生成时间" sortKey="createdAt" current={{ sort, direction }} />
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={9} className="muted">没有符合条件的申请</td>
                </tr>
              ) : (
                rows.map((r) => (
                  <tr key={r.id}>
                    {selectable ? (
                      <td>
                        <input type="checkbox" name="claimId" value={r.id} aria-label={`选择 ${r.subject.name} 的${kindLabel(r.kind)}`} />
                      </td>
                    ) : null}
                    <td>
                      <Link to={`/subsidies/claims/${r.id}`}>{r.subject.name}</Link>
                    </td>
                    <td>{r.subject.idNumberMasked}</td>
                    <td>
                      {kindLabel(r.kind)}
                      {r.origin === "graduate" ? <span className="muted">（本人申请）</span> : null}
                      {r.origin === "enterprise" ? <span className="muted">（企业申请）</span> : null}
                      {r.reviewFirst ? <span className="sub-status">产业集群企业 · 优先</span> : null}
                    </td>
                    <td>{formatYuan(r.amountFen)}</td>
                    <td>{r.subject.background}</td>
                    <td>{r.subject.enterpriseName}</td>
                    <td>
                      <ClaimStatus status={r.status} />
                    </td>
                    <td>{chinaDate(r.createdAt)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        {selectable && rows.length > 0 ? (
          <div className="panel sub-actions">
            <div className="field">
              <label htmlFor="bulk-source">资金来源</label>
              <select id="bulk-source" name="source" defaultValue="employment_subsidy">
                {Object.entries(sources).map(([value, label]) => (
                  <option key={value} value={value}>{label}</option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-primary" disabled={busy}>
              批量批准所选
            </button>
          </div>
        ) : null}
      </Form>
      <Pager total={total} page={page} pageSize={pageSize} />
    </div>
  );
}
