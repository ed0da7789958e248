import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { chinaMinute } from "~/domain/china-time";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Pager } from "~/components/list-controls";
import { PAGE_SIZE } from "~/utils/list-query";
import { ExportLinks, ShareBars, StatementFilters, TotalsTable } from "~/components/fund";
import { FUND_RUN_STATUS_LABELS } from "~/domain/constants";
import { formatYuan } from "~/domain/money";
import {
  fundTotals,
  listFundRuns,
  readStatementQuery,
  requestFundRun,
  statementYears,
} from "~/services/fund/training-fund.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields } from "~/utils/forms";
import { refusal } from "~/utils/action-result.server";

export const meta: MetaFunction = () => [{ title: "培训经费 · 全省 · 园校通" }];

const RunSchema = z.object({
  year: z.coerce
    .number({ error: "请选择年度" })
    .int({ error: "请选择年度" })
    .min(2000, { error: "年度不能早于 2000 年" })
    .refine((y) => y <= new Date().getUTCFullYear(), { error: "不能核算尚未开始的年度" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["province"]);
    const query = readStatementQuery(new URL(request.url));
    const [runs, cities, parks] = await Promise.all([
      listFundRuns({ take: 5 }),
      fundTotals({ principal, year: query.year, by: "city" }),
      fundTotals({ principal, year: query.year, by: "park", q: query.q, page: query.page }),
    ]);
    return json({ query, years: statementYears(), runs, cities: cities.rows, citySum: cities.sum, parks });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["province"]);
    const parsed = parseFields(RunSchema, form);
    if (!parsed.ok) return json({ fieldErrors: parsed.fieldErrors, requested: null, deferred: false }, { status: 400 });
    try {
      const { deferred } = await requestFundRun({ principal, year: parsed.data.year });
      return json({ fieldErrors: null, requested: parsed.data.year, deferred });
    } catch (error) {
      const refused = refusal(error, { when: (e) => e.status < 500 && e.status !== 403, at: "year" });
      if (refused) return json({ fieldErrors: refused.fieldErrors, requested: null, deferred: false }, { status: refused.status });
      throw error;
    }
  });
}


export default function ProvinceFundPage() {
  const { query, years, runs, cities, citySum, parks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const active = runs.some((r) => r.status === "queued" || r.status === "running");
  // The totals' empty state agrees with the runs above: not run yet, running, or run with nothing to compute.
  const yearRun = runs.find((r) => r.year === query.year);
  const emptyText = !yearRun
    ? `${query.year} 年度尚未核算`
    : yearRun.status === "done" && yearRun.totalEnterprises === 0
      ? `${query.year} 年度已核算：没有企业申报工资总额，无应缴经费`
      : yearRun.status === "done"
        ? `${query.year} 年度已核算，没有符合条件的园区`
        : `${query.year} 年度${FUND_RUN_STATUS_LABELS[yearRun.status] ?? yearRun.status}，完成后显示结果`;

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1500);
    return () => clearInterval(timer);
  }, [active, revalidator]);

  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">企业培训经费 · 全省</p>
        <h1>培训经费年度核算</h1>
        <p className="muted">年度核算按各企业最新一版工资总额申报、当年生效的政策和园校对接关系，在后台为全省企业计算应划拨给对口院校的金额。</p>
      </header>

      <section className="panel stack">
        <h2>发起年度核算</h2>
        {result?.requested ? (
          <p className="notice" role="status">
            {result.deferred
              ? `已提交 ${result.requested} 年度核算。后台任务服务暂不可用，任务已记录，将在后台稍后处理。`
              : `已提交 ${result.requested} 年度核算，正在后台计算。`}
          </p>
        ) : null}
        <Form method="post" className="inline-form">
          <CsrfInput />
          <div className="field">
            <label htmlFor="run-year">核算年度</label>
            <select
              id="run-year"
              name="year"
              defaultValue={query.year}
              aria-invalid={result?.fieldErrors?.year ? true : undefined}
              aria-describedby={result?.fieldErrors?.year ? "run-year-error" : undefined}
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y} 年
                </option>
              ))}
            </select>
            {result?.fieldErrors?.year ? (
              <p className="field-error" id="run-year-error" role="alert">
                {result.fieldErrors.year}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            开始核算
          </button>
        </Form>
        <div className="table-wrap">
          <table>
            <caption className="muted">最近的核算</caption>
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col">政策版本</th>
                <th scope="col">状态</th>
                <th scope="col">进度</th>
                <th scope="col">开始</th>
                <th scope="col">完成</th>
              </tr>
            </thead>
            <tbody>
              {runs.length === 0 ? (
                <tr>
                  <td colSpan={6} className="muted">
                    尚未进行过核算
                  </td>
                </tr>
              ) : (
                runs.map((r) => (
                  <tr key={r.id}>
                    <td>{r.year}</td>
                    <td>第 {r.policyVersion.version} 版</td>
                    <td>
                      {FUND_RUN_STATUS_LABELS[r.status] ?? r.status}
                      {r.error ? <span className="field-error"> {r.error}</span> : null}
                    </td>
                    <td>
                      {r.status === "done" && r.totalEnterprises === 0 ? (
                        <span className="muted">没有企业申报该年度工资总额，无需核算</span>
                      ) : (
                        <>
                          <progress className="run-progress" value={r.doneEnterprises} max={Math.max(1, r.totalEnterprises)} aria-label={`第 ${r.year} 年核算进度`} />
                          <span className="muted">
                            {r.doneEnterprises.toLocaleString("zh-CN")} / {r.totalEnterprises.toLocaleString("zh-CN")} 家
                            {r.unpairedEnterprises > 0 ? `，${r.unpairedEnterprises} 家所在园区无对接院校，院校分成计入统筹资金池` : ""}
                          </span>
                        </>
                      )}
                    </td>
                    <td>{chinaMinute(r.startedAt)}</td>
                    <td>{chinaMinute(r.finishedAt)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <StatementFilters years={years} year={query.year} q={query.q} searchLabel="园区名称" />
      <ul className="kpis kpis-money" aria-label="全省合计">
        <li className="kpi">
          <span className="kpi-value">{citySum.enterprises.toLocaleString("zh-CN")}</span>
          <span className="kpi-label">{query.year} 年已核算企业</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{formatYuan(citySum.feeFen)}</span>
          <span className="kpi-label">培训经费</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{formatYuan(citySum.shareFen)}</span>
          <span className="kpi-label">划拨对口院校</span>
        </li>
      </ul>

      <section className="panel stack">
        <h2>各设区市合计</h2>
        <ShareBars rows={cities} title={`${query.year} 年各设区市院校分成`} />
        <TotalsTable rows={cities} nameLabel="设区市" empty={emptyText} />
        {cities.length > 0 ? <ExportLinks table="cities" /> : null}
      </section>

      <section className="stack">
        <h2>各园区合计</h2>
        <TotalsTable rows={parks.rows} nameLabel="园区" parentLabel="设区市" empty={emptyText} />
        <Pager page={parks.page} total={parks.count} pageSize={PAGE_SIZE} />
        {parks.count > 0 ? (
          <>
            <ExportLinks table="parks" />
            <ExportLinks table="allocations" only={["year"]} label="导出全省企业应付明细" />
          </>
        ) : null}
      </section>
    </div>
  );
}
