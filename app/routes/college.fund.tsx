import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pager } from "~/components/list-controls";
import { PAGE_SIZE } from "~/utils/list-query";
import { AllocationTable, ExportLinks, StatementFilters } from "~/components/fund";
import { formatYuan } from "~/domain/money";
import { listFundAllocations, readStatementQuery, statementYears } from "~/services/fund/training-fund.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "培训经费收入 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["college"]);
    const query = readStatementQuery(new URL(request.url), { sort: "amount" });
    const statement = await listFundAllocations({ principal, ...query });
    return json({ query, years: statementYears(), ...statement });
  });
}

export default function CollegeFundPage() {
  const { query, years, run, rows, count, totalFen, page } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">企业培训经费 · 院校分成</p>
        <h1>培训经费收入</h1>
        <p className="muted">对接园区的企业按工资总额提取培训经费，其中院校分成按当年本校毕业生在该企业的就业人数分配给本校。</p>
      </header>
      <StatementFilters years={years} year={query.year} q={query.q} sort={query.sort} searchLabel="企业名称" />
      <ul className="kpis kpis-money" aria-label="收入合计">
        <li className="kpi">
          <span className="kpi-value">{formatYuan(totalFen)}</span>
          <span className="kpi-label">{query.year} 年应收合计</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{count.toLocaleString("zh-CN")}</span>
          <span className="kpi-label">付款企业</span>
        </li>
      </ul>
      <section className="stack">
        <h2>应收明细：来自哪些企业</h2>
        <AllocationTable
          rows={rows}
          show={{ enterprise: true, college: false }}
          empty={run ? "没有符合条件的收入记录" : `${query.year} 年度尚未完成核算`}
        />
        <Pager page={page} total={count} pageSize={PAGE_SIZE} />
        {count > 0 ? <ExportLinks table="allocations" /> : null}
      </section>
    </div>
  );
}
