import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { chinaMinute } from "~/domain/china-time";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { AllocationTable, ExportLinks, StatementFilters } from "~/components/fund";
import { fenToYuanText, parseYuanToFen, formatYuan } from "~/domain/money";
import { type PayrollParts, PAYROLL_PART_LABELS, PAYROLL_PARTS } from "~/domain/fund/payroll";
import {
  declarePayroll,
  enterpriseFundStatement,
  readStatementQuery,
  statementYears,
} from "~/services/fund/training-fund.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors, notFound } from "~/utils/errors.server";
import { parseFields, strictInteger } from "~/utils/forms";
import { refusal } from "~/utils/action-result.server";

export const meta: MetaFunction = () => [{ title: "工资总额申报 · 园校通" }];

const yuan = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .transform((text, ctx) => {
      const fen = parseYuanToFen(text);
      if (fen === null) {
        ctx.addIssue({ code: "custom", message: `${label}应为不小于 0、最多两位小数的金额（元）` });
        return z.NEVER;
      }
      return fen;
    });

const DeclareSchema = z.object({
  year: z
    .preprocess(strictInteger, z.number({ error: "请选择年度" }).int({ error: "请选择年度" }).min(2000, { error: "年度不能早于 2000 年" }))
    .refine((y) => y <= new Date().getUTCFullYear(), { error: "不能申报尚未开始的年度" }),
  payroll: yuan("工资总额"),
  ...Object.fromEntries(PAYROLL_PARTS.map((p) => [`part_${p}`, yuan(PAYROLL_PART_LABELS[p]).optional()])),
});

function enterpriseOf(principal: { enterpriseId: number | null }): number {
  if (!principal.enterpriseId) throw notFound("企业");
  return principal.enterpriseId;
}

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const query = readStatementQuery(new URL(request.url));
    const statement = await enterpriseFundStatement({ principal, enterpriseId: enterpriseOf(principal), year: query.year });
    return json({ year: query.year, years: statementYears(), ...statement });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["enterprise"]);
    for (const key of [...form.keys()]) if (key.startsWith("part_") && form.get(key) === "") form.delete(key);
    const parsed = parseFields(DeclareSchema, form);
    if (!parsed.ok) return json({ fieldErrors: parsed.fieldErrors, declared: null }, { status: 400 });
    const data = parsed.data as Record<string, unknown> & { year: number; payroll: number };
    const parts: PayrollParts = {};
    for (const p of PAYROLL_PARTS) {
      const value = data[`part_${p}`];
      if (typeof value === "number") parts[p] = value;
    }
    try {
      const declared = await declarePayroll({
        principal,
        enterpriseId: enterpriseOf(principal),
        year: data.year,
        payrollFen: data.payroll,
        parts,
      });
      return json({ fieldErrors: null, declared: { year: data.year, version: declared.version } });
    } catch (error) {
      const refused = refusal(error, { when: (e) => Boolean(e.field) });
      if (refused) return json({ fieldErrors: refused.fieldErrors, declared: null }, { status: refused.status });
      throw error;
    }
  });
}


export default function PayrollPage() {
  const { year, years, versions, policy, estimate, run, rows, stale } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const latest = versions.at(-1);
  const allocatedFen = rows.reduce((sum, r) => sum + r.amountFen, 0);
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">企业职工教育培训经费</p>
        <h1>工资总额申报与培训经费</h1>
        <p className="muted">
          {policy
            ? `按 ${year} 年生效的政策（第 ${policy.version} 版）：培训经费 = 工资总额 × ${policy.ratePercent}，其中 ${policy.shareRatioPercent} 划拨给园区对口院校，按当年各院校毕业生在本企业的就业人数分配。`
            : `${year} 年尚无生效的培训经费政策。`}
        </p>
      </header>
      <StatementFilters years={years} year={year} />
      <ul className="kpis kpis-money" aria-label="本年度培训经费">
        <li className="kpi">
          <span className="kpi-value">{latest ? formatYuan(latest.payrollFen) : "未申报"}</span>
          <span className="kpi-label">{year} 年工资总额{latest ? `（第 ${latest.version} 版）` : ""}</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{estimate ? formatYuan(estimate.feeFen) : "—"}</span>
          <span className="kpi-label">应提取培训经费</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{estimate ? formatYuan(estimate.shareFen) : "—"}</span>
          <span className="kpi-label">应划拨院校分成</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{run ? formatYuan(allocatedFen) : "待核算"}</span>
          <span className="kpi-label">年度核算已分配</span>
        </li>
      </ul>

      <section className="panel screen-only">
        <h2>{latest ? `更正 ${year} 年度申报` : `申报 ${year} 年度工资总额`}</h2>
        <p className="muted">更正会生成新版本，原申报保留，并显示与上一版的调整额。</p>
        {result?.declared ? (
          <p className="notice" role="status" tabIndex={-1} ref={(el) => el?.focus()}>
            已保存 {result.declared.year} 年度申报第 {result.declared.version} 版。
          </p>
        ) : null}
        <Form method="post" className="stack" key={`${year}-${versions.length}`}>
          <CsrfInput />
          <input type="hidden" name="year" value={year} />
          <Field
            label="工资总额（元）"
            name="payroll"
            inputMode="decimal"
            defaultValue={latest ? fenToYuanText(latest.payrollFen) : ""}
            placeholder="例如 12345678.91"
            error={result?.fieldErrors?.payroll ?? result?.fieldErrors?.year}
          />
          <details>
            <summary>填写工资总额组成（选填，合计须等于工资总额）</summary>
            <div className="parts-grid">
              {PAYROLL_PARTS.map((p) => (
                <Field
                  key={p}
                  label={`${PAYROLL_PART_LABELS[p]}（元）`}
                  name={`part_${p}`}
                  inputMode="decimal"
                  defaultValue={latest?.parts[p] !== undefined ? fenToYuanText(latest.parts[p]!) : ""}
                  error={result?.fieldErrors?.[`part_${p}`]}
                />
              ))}
            </div>
          </details>
          <p>
            <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
              {latest ? "提交更正" : "提交申报"}
            </button>
          </p>
        </Form>
      </section>

      <section className="stack">
        <h2>申报记录</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">版本</th>
                <th scope="col">提交时间</th>
                <th scope="col">提交人</th>
                <th scope="col" className="num">
                  工资总额
                </th>
                <th scope="col" className="num">
                  较上一版调整
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    {year} 年度尚未申报
                  </td>
                </tr>
              ) : (
                [...versions].reverse().map((v) => (
                  <tr key={v.id}>
                    <td>第 {v.version} 版</td>
                    <td>{chinaMinute(v.createdAt)}</td>
                    <td>{v.declaredBy ?? "—"}</td>
                    <td className="num">{formatYuan(v.payrollFen)}</td>
                    <td className={`num ${v.adjustmentFen && v.adjustmentFen > 0 ? "adjust-up" : "adjust-down"}`}>
                      {v.adjustmentFen === null ? "首次申报" : `${v.adjustmentFen > 0 ? "+" : ""}${formatYuan(v.adjustmentFen)}`}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section className="stack">
        <h2>应付明细：划拨给对口院校</h2>
        {stale ? (
          <p className="notice">年度核算使用的是更正前的申报，省园区办重新核算后将按最新申报计算。</p>
        ) : null}
        <AllocationTable
          rows={rows}
          show={{ enterprise: false, college: true }}
          empty={run ? "本企业当年没有需要划拨的对口院校（未申报或所在园区当年无对接院校）" : `${year} 年度尚未完成核算`}
        />
        {rows.length > 0 ? <ExportLinks table="allocations" /> : null}
      </section>
    </div>
  );
}
