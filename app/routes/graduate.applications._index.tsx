import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ApplicationStatusBadge, RelevanceBadge } from "~/components/labour";
import { Pager, SortHeader } from "~/components/list-controls";
import { APPLICATION_SORTS, listApplications } from "~/services/labour/applications.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "我的申请 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["graduate"]);
    const query = parseListQuery(new URL(request.url), { sorts: APPLICATION_SORTS, defaultSort: "updatedAt", defaultDirection: "desc" });
    return json({ applications: await listApplications({ principal, query }) });
  });
}

export default function MyApplicationsPage() {
  const { applications } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>我的申请</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">岗位 / 订单</th>
              <th scope="col">企业</th>
              <SortHeader label="状态" sortKey="status" current={applications} />
              <SortHeader label="投递日期" sortKey="createdAt" current={applications} />
              <SortHeader label="最近更新" sortKey="updatedAt" current={applications} />
            </tr>
          </thead>
          <tbody>
            {applications.rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  您还没有投递申请，<Link to="/graduate/jobs">去找工作</Link>
                </td>
              </tr>
            ) : (
              applications.rows.map((a) => {
                const target = a.job ?? a.order;
                return (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/graduate/applications/${a.id}`}>{target?.title}</Link>
                    </td>
                    <td>{target?.enterprise.name}</td>
                    <td>
                      <ApplicationStatusBadge status={a.status} /> {a.placement ? <RelevanceBadge relevant={a.placement.majorRelevant} /> : null}
                    </td>
                    <td>{chinaDate(a.createdAt)}</td>
                    <td>{chinaDate(a.updatedAt)}</td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      <Pager total={applications.total} page={applications.page} pageSize={applications.pageSize} />
    </div>
  );
}
