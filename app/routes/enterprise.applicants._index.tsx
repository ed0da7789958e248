import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ApplicationStatusBadge, RelevanceBadge, skillLevelText } from "~/components/labour";
import { ListTable } from "~/components/list-controls";
import { APPLICATION_STATUS_LABELS, APPLICATION_STATUSES } from "~/domain/constants";
import type { ApplicationStatus } from "~/domain/labour/application-status";
import { APPLICATION_SORTS, listApplications } from "~/services/labour/applications.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import { optionalIdParam } from "~/utils/params.server";
import { majorText } from "~/domain/catalogue/majors";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "应聘者 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const url = new URL(request.url);
    const query = parseListQuery(url, { sorts: APPLICATION_SORTS, defaultSort: "updatedAt", defaultDirection: "desc" });
    const statusParam = url.searchParams.get("status") ?? "";
    const status = (APPLICATION_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as ApplicationStatus) : undefined;
    const jobId = optionalIdParam(url.searchParams.get("jobId"));
    const orderId = optionalIdParam(url.searchParams.get("orderId"));
    const applications = await listApplications({ principal, query, status, jobId, orderId });
    return json({ applications, status: status ?? "", jobId: jobId ?? null, orderId: orderId ?? null });
  });
}

export default function ApplicantsPage() {
  const { applications, status, jobId, orderId } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>应聘者</h1>
      <Form method="get" className="filters panel">
        {jobId ? <input type="hidden" name="jobId" value={jobId} /> : null}
        {orderId ? <input type="hidden" name="orderId" value={orderId} /> : null}
        <div className="field">
          <label htmlFor="status">申请状态</label>
          <select id="status" name="status" defaultValue={status}>
            <option value="">全部</option>
            {APPLICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {APPLICATION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          筛选
        </button>
        {jobId || orderId ? <Link to="/enterprise/applicants">查看全部岗位和订单</Link> : null}
      </Form>
      <ListTable headings={["姓名", "岗位 / 订单", "院校", "专业", "技能等级", { label: "状态", sort: "status" }, { label: "投递日期", sort: "createdAt" }, { label: "更新", sort: "updatedAt" }]} rows={applications.rows} empty="暂无应聘者" sort={applications} pager={applications}>
        {(a) => (
          <tr key={a.id}>
            <td>
              <Link to={`/enterprise/applicants/${a.id}`}>{a.graduate.name}</Link>
            </td>
            <td>{(a.job ?? a.order)?.title}{a.order ? <span className="tag">订单</span> : null}</td>
            <td>{a.graduate.college.name}</td>
            <td>
              {majorText(a.graduate.majorCode)} · {a.graduate.schoolLevel}
            </td>
            <td>{skillLevelText(a.graduate.skillLevel)}</td>
            <td>
              <ApplicationStatusBadge status={a.status} /> {a.placement ? <RelevanceBadge relevant={a.placement.majorRelevant} /> : null}
            </td>
            <td>{chinaDate(a.createdAt)}</td>
            <td>{chinaDate(a.updatedAt)}</td>
          </tr>
        )}
      </ListTable>
    </div>
  );
}
