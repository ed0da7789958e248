import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { parseYuanToFen, formatYuan } from "~/domain/money";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { BarChart } from "~/components/subsidy";
import { FUNDING_SOURCES } from "~/domain/constants";
import { currentYear, getBureauBudget, setBudgetAllocation } from "~/services/subsidy/budget.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields } from "~/utils/forms";
import { refusal } from "~/utils/action-result.server";

export const meta: MetaFunction = () => [{ title: "年度预算 · 园校通" }];

const YearSchema = z.coerce.number().int().min(2000).max(2100);

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["bureau"]);
    const year = YearSchema.catch(currentYear()).parse(new URL(request.url).searchParams.get("year") ?? undefined);
    return json({ budget: await getBureauBudget({ principal, year }), sources: FUNDING_SOURCES });
  });
}

/** Yuan as typed (up to two decimals), turned into whole fen without floating point. */
const YuanSchema = z
  .string({ error: "请填写金额" })
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, { error: "金额须为不超过两位小数的非负数（元）" })
  .transform((text) => parseYuanToFen(text)!);

const AllocationSchema = z.object({
  year: z.coerce.number({ error: "年度无效" }).int({ error: "年度无效" }).min(2000, { error: "年度无效" }).max(2100, { error: "年度无效" }),
  source: z.enum(Object.keys(FUNDING_SOURCES) as [string, ...string[]], { error: "请选择资金来源" }),
  amountYuan: YuanSchema,
});

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["bureau"]);
    const parsed = parseFields(AllocationSchema, form);
    if (!parsed.ok) return json({ ok: false as const, fieldErrors: parsed.fieldErrors, message: "" }, { status: 400 });
    try {
      await setBudgetAllocation({ principal, year: parsed.data.year, source: parsed.data.source, amountFen: parsed.data.amountYuan });
    } catch (error) {
      const refused = refusal(error, { when: (e) => e.status < 500 });
      if (refused) return json({ ok: false as const, fieldErrors: refused.fieldErrors, message: "" }, { status: refused.status });
      throw error;
    }
    return redirectWithFlash(request, `已保存 ${parsed.data.year} 年度「${FUNDING_SOURCES[parsed.data.source]}」预算`);
  });
}

export default function BudgetPage() {
  const { budget, sources } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">{budget.bureauName}</p>
        <h1>{budget.year} 年度补贴预算</h1>
        {budget.years.length > 1 ? (
          <p>
            其他年度：
            {budget.years
              .filter((y) => y !== budget.year)
              .map((y) => (
                <Link key={y} to={`?year=${y}`} className="button button-quiet">{y}</Link>
              ))}
          </p>
        ) : null}
      </header>
      <ul className="kpis" aria-label="预算概况">
        <li className="kpi"><span className="kpi-value">{formatYuan(budget.total.amountFen)}</span><span className="kpi-label">年度预算</span></li>
        <li className="kpi"><span className="kpi-value">{formatYuan(budget.total.reservedFen)}</span><span className="kpi-label">已使用（已批准占用）</span></li>
        <li className="kpi"><span className="kpi-value">{formatYuan(budget.total.leftFen)}</span><span className="kpi-label">剩余</span></li>
        <li className="kpi"><span className="kpi-value">{formatYuan(budget.total.paidFen)}</span><span className="kpi-label">已发放</span></li>
      </ul>
      {budget.rows.length > 0 ? (
        <section className="panel">
          <BarChart
            title="各资金来源：已使用 / 预算"
            rows={budget.rows.map((r) => ({ label: r.label, value: r.amountFen, part: r.reservedFen }))}
          />
        </section>
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">资金来源</th>
              <th scope="col">预算</th>
              <th scope="col">已使用</th>
              <th scope="col">剩余</th>
              <th scope="col">已发放</th>
            </tr>
          </thead>
          <tbody>
            {budget.rows.length === 0 ? (
              <tr><td colSpan={5} className="muted">本年度尚未下达预算</td></tr>
            ) : (
              budget.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.label}</td>
                  <td>{formatYuan(r.amountFen)}</td>
                  <td>{formatYuan(r.reservedFen)}</td>
                  <td>{formatYuan(r.leftFen)}</td>
                  <td>{formatYuan(r.paidFen)}（{r.paidCount} 笔）</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <section className="panel stack">
        <h2>下达或调整预算</h2>
        {errors._form ? <p className="field-error" role="alert">{errors._form}</p> : null}
        <Form method="post" className="sub-form-grid">
          <CsrfInput />
          <Field label="年度" name="year" inputMode="numeric" defaultValue={budget.year} error={errors.year} />
          <div className="field">
            <label htmlFor="alloc-source">资金来源</label>
            <select id="alloc-source" name="source" defaultValue="employment_subsidy">
              {Object.entries(sources).map(([value, label]) => (
                <option key={value} value={value}>{label}</option>
              ))}
            </select>
            {errors.source ? <p className="field-error" role="alert">{errors.source}</p> : null}
          </div>
          <Field label="预算金额（元）" name="amountYuan" inputMode="decimal" placeholder="例如 500000" error={errors.amountYuan} />
          <div className="field">
            <span aria-hidden="true">&nbsp;</span>
            <button type="submit" className="button button-primary" disabled={busy}>保存</button>
          </div>
        </Form>
        <p className="muted">预算金额不能低于该资金来源已批准占用的金额。</p>
      </section>
    </div>
  );
}
