import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pager } from "~/components/list-controls";
import { PAGE_SIZE } from "~/utils/list-query";
import { AllocationTable, ExportLinks, StatementFilters, TotalsTable } from "~/components/fund";
import { formatYuan } from "~/domain/money";
import { fundTotals, listFundAllocations, readStatementQuery, statementYears } from "~/services/fund/training-fund.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "培训经费 · 园区 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["park"]);
    const query = readStatementQuery(new URL(request.url));
    const [park, colleges, statement] = await Promise.all([
      fundTotals({ principal, year: query.year, by: "park" }),
      fundTotals({ principal, year: query.year, by: "college" }),
      listFundAllocations({ principal, ...query }),
    ]);
    return json({ query, years: statementYears(), park: park.rows[0] ?? null, colleges: colleges.rows, ...statement });
  });
}

export default function ParkFundPage() {
  const { query, years, park, colleges, run, rows, count, page } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">企业培训经费 · 园区汇总</p>
        <h1>{park ? park.name : "园区"}培训经费</h1>
      </header>
      <StatementFilters years={years} year={query.year} q={query.q} sort={query.sort} searchLabel="企业或院校名称" />
      <ul className="kpis kpis-money" aria-label="园区合计">
        <li className="kpi">
          <span className="kpi-value">{park ? park.enterprises.toLocaleString("zh-CN") : 0}</span>
          <span className="kpi-label">已核算企业</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{formatYuan(park?.feeFen ?? 0)}</span>
          <span className="kpi-label">{query.year} 年培训经费</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{formatYuan(park?.shareFen ?? 0)}</span>
          <span className="kpi-label">划拨对口院校</span>
        </li>
      </ul>
      <section className="stack">
        <h2>各对口院校应收合计</h2>
        <TotalsTable rows={colleges} nameLabel="院校" parentLabel="学校标识码" showFee={false} />
        {colleges.length > 0 ? <ExportLinks table="colleges" /> : null}
      </section>
      <section className="stack">
        <h2>企业应付明细</h2>
        <AllocationTable
          rows={rows}
          show={{ enterprise: true, park: false, college: true }}
          empty={run ? "没有符合条件的记录" : `${query.year} 年度尚未完成核算`}
        />
        <Pager page={page} total={count} pageSize={PAGE_SIZE} />
        {count > 0 ? <ExportLinks table="allocations" /> : null}
      </section>
    </div>
  );
}
