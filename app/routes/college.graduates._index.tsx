import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RelevanceBadge } from "~/components/labour";
import { ListTable } from "~/components/list-controls";
import { cohortChoices } from "~/services/labour/cohorts.server";
import { GRADUATE_SORTS, listGraduates } from "~/services/labour/graduates.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";
import { majorText } from "~/domain/catalogue/majors";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "毕业生名册 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["college"]);
    const url = new URL(request.url);
    const query = parseListQuery(url, { sorts: GRADUATE_SORTS, defaultSort: "name", defaultDirection: "asc" });
    const statusParam = url.searchParams.get("status");
    const status = statusParam === "placed" || statusParam === "available" ? statusParam : undefined;
    const q = (url.searchParams.get("q") ?? "").trim().slice(0, 30);
    const cohortId = Number(url.searchParams.get("cohortId")) || undefined;
    const [graduates, choices] = await Promise.all([listGraduates({ principal, query, status, q, cohortId }), cohortChoices({ principal })]);
    const cohorts = choices.cohorts.map((c) => ({ id: c.id, label: `${majorText(c.majorCode)} · ${chinaDate(c.expectedGraduation)} 毕业` }));
    return json({ graduates, status: status ?? "", q, cohortId: cohortId ? String(cohortId) : "", cohorts });
  });
}

export default function CollegeGraduatesPage() {
  const { graduates, status, q, cohortId, cohorts } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="actions" style={{ justifyContent: "space-between" }}>
        <h1>毕业生名册</h1>
        <Link to="/college/graduates/import" className="button button-primary">
          导入名册
        </Link>
      </div>
      <Form method="get" className="filters panel">
        <div className="field">
          <label htmlFor="q">姓名或专业代码</label>
          <input id="q" name="q" defaultValue={q} maxLength={30} />
        </div>
        <div className="field">
          <label htmlFor="status">就业状态</label>
          <select id="status" name="status" defaultValue={status}>
            <option value="">全部</option>
            <option value="available">求职中</option>
            <option value="placed">已就业</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="cohortId">培训班</label>
          <select id="cohortId" name="cohortId" defaultValue={cohortId}>
            <option value="">全部</option>
            {cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          筛选
        </button>
      </Form>
      <ListTable headings={[{ label: "姓名", sort: "name" }, "身份证号", { label: "专业", sort: "majorCode" }, "层次", { label: "毕业日期", sort: "graduationDate" }, { label: "状态", sort: "status" }, "就业单位", "对口", "申请数"]} rows={graduates.rows} empty="没有符合条件的毕业生" sort={graduates} pager={graduates}>
        {(g) => {
          const placement = g.placements[0];
          return (
            <tr key={g.id}>
              <td>
                <Link to={`/college/graduates/${g.id}`}>{g.name}</Link>
              </td>
              <td>
                <code>{g.idNumberMasked}</code>
              </td>
              <td>{majorText(g.majorCode)}</td>
              <td>{g.schoolLevel}</td>
              <td>{chinaDate(g.graduationDate)}</td>
              <td>{g.status === "placed" ? "已就业" : "求职中"}</td>
              <td>{placement?.enterprise.name ?? "—"}</td>
              <td>{placement ? <RelevanceBadge relevant={placement.majorRelevant} /> : "—"}</td>
              <td>{g._count.applications}</td>
            </tr>
          );
        }}
      </ListTable>
    </div>
  );
}
