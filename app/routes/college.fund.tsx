import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PaymentTable } from "~/components/fund-settlement";
import { decideFromForm, listFundPayments } from "~/services/fund/settlement.server";
import { requireForm } from "~/utils/csrf.server";
import { redirectWithFlash } from "~/utils/flash.server";
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
    const [statement, payments] = await Promise.all([
      listFundAllocations({ principal, ...query }),
      listFundPayments({ principal, year: query.year }),
    ]);
    return json({ query, years: statementYears(), payments, ...statement });
  });
}

/** The college confirms that a payment arrived (it becomes a receipt of its ledger) or disputes it. */
export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["college"]);
    const outcome = await decideFromForm(principal, form);
    return redirectWithFlash(request, outcome.message, { kind: outcome.ok ? "success" : "error" });
  });
}

export default function CollegeFundPage() {
  const { query, years, run, rows, count, totalFen, page, payments } = useLoaderData<typeof loader>();
  const pending = payments.filter((p) => p.status === "pending");
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">企业培训经费 · 院校分成</p>
        <h1>培训经费收入</h1>
        <p className="muted">对接园区的企业按工资总额提取培训经费，其中院校分成按当年本校毕业生在该企业的就业人数分配给本校。</p>
        <p>
          <Link to="/college/ledger">专款专用台账 →</Link>
        </p>
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
      <section className="stack">
        <h2>待确认到账的付款（{pending.length}）</h2>
        <p className="muted">确认到账后计入本校专款专用台账的收入；金额或凭证不符时提出异议，企业将收到通知。</p>
        <PaymentTable rows={pending} decide empty="没有待确认的付款" />
      </section>
      <section className="stack">
        <h2>{query.year} 年度付款记录</h2>
        <PaymentTable rows={payments.filter((p) => p.status !== "pending")} empty="尚无已确认或有异议的付款" />
      </section>
    </div>
  );
}
