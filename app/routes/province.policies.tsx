import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { parseYuanToFen, formatYuan } from "~/domain/money";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/field";
import { PolicyPage, VersionForm } from "~/components/policy-settings";
import { BarChart } from "~/components/subsidy";
import { SCHOOL_LEVELS } from "~/domain/constants";
import { SubsidyPolicySchema } from "~/domain/subsidy/policy";
import { createSubsidyPolicyVersion, listSubsidyPolicies, subsidyTotals } from "~/services/subsidy/policies.server";
import { requireForm } from "~/utils/csrf.server";
import { calendarDayField } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { fieldErrorsOf } from "~/utils/forms";
import { refusal } from "~/utils/action-result.server";
import { settingsRefused } from "~/services/policy/forms.server";
import { chinaDate, chinaMinute } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "补贴政策 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["province"]);
    const [versions, totals] = await Promise.all([listSubsidyPolicies({ principal }), subsidyTotals({ principal })]);
    return json({ versions, totals });
  });
}

const yuanToFen = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,7}(\.\d{1,2})?$/, { error: `${label}须为不超过两位小数的非负数（元）` })
    .transform((text) => parseYuanToFen(text)!);
const wholeNumber = (label: string) => z.string().trim().regex(/^\d{1,3}$/, { error: `${label}须为非负整数` }).transform(Number);

const FormSchema = z.object({
  effectiveFrom: calendarDayField("施行日期"),
  note: z.string().trim().max(200, { error: "说明不能超过 200 个字符" }),
  eligibleSchoolLevels: z.array(z.enum(SCHOOL_LEVELS)).min(1, { error: "至少选择一个可享受补贴的办学层次" }),
  graduationWindowYears: wholeNumber("毕业年限"),
  minContractMonths: wholeNumber("劳动合同最短月数"),
  minInsuredMonths: wholeNumber("社保最短月数"),
  livingFenPerMonth: yuanToFen("生活补贴月标准"),
  livingMaxMonths: wholeNumber("生活补贴最多月数"),
  noticeWorkingDays: wholeNumber("公示工作日数"),
  ...Object.fromEntries(SCHOOL_LEVELS.map((l) => [`tuition_${l}`, z.string().trim().optional()])),
});

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["province"]);
    const raw = { ...Object.fromEntries(form), eligibleSchoolLevels: form.getAll("eligibleSchoolLevels") };
    const parsed = FormSchema.safeParse(raw);
    if (!parsed.success) return settingsRefused(fieldErrorsOf(parsed.error.issues), 400);
    const fieldErrors: Record<string, string> = {};
    const d = parsed.data;
    const tuitionFen: Record<string, number> = {};
    for (const level of d.eligibleSchoolLevels) {
      const amount = yuanToFen(`${level}学费补贴`).safeParse(form.get(`tuition_${level}`) ?? "");
      if (!amount.success) fieldErrors[`tuition_${level}`] = amount.error.issues[0]?.message ?? `请填写${level}学费补贴`;
      else tuitionFen[level] = amount.data;
    }
    const policy = SubsidyPolicySchema.safeParse({
      eligibleSchoolLevels: d.eligibleSchoolLevels,
      graduationWindowYears: d.graduationWindowYears,
      minContractMonths: d.minContractMonths,
      minInsuredMonths: d.minInsuredMonths,
      tuitionFen,
      livingFenPerMonth: d.livingFenPerMonth,
      livingMaxMonths: d.livingMaxMonths,
      noticeWorkingDays: d.noticeWorkingDays,
    });
    if (!policy.success) {
      const inputOf = (path: readonly PropertyKey[]) => (path[0] === "tuitionFen" ? `tuition_${String(path[1])}` : String(path[0] ?? "_form"));
      Object.assign(fieldErrors, { ...fieldErrorsOf(policy.error.issues, inputOf), ...fieldErrors });
    }
    if (Object.keys(fieldErrors).length > 0 || !policy.success) return settingsRefused(fieldErrors, 400);
    try {
      const created = await createSubsidyPolicyVersion({ principal, effectiveFrom: d.effectiveFrom, policy: policy.data, note: d.note || null });
      return redirectWithFlash(request, `已发布第 ${created.version} 版，${d.effectiveFrom} 起施行`);
    } catch (error) {
      const refused = refusal(error, { when: (e) => e.status === 409, at: "_form" });
      if (refused) return settingsRefused(refused.fieldErrors, refused.status);
      throw error;
    }
  });
}

const yuan = (fen: number | undefined) => (fen === undefined ? "" : (fen / 100).toFixed(2).replace(/\.00$/, ""));

export default function PoliciesPage() {
  const { versions, totals } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  const current = versions[0]?.policy;
  return (
    <PolicyPage title="补贴政策与发放情况" lead="补贴政策按版本管理：修改政策即发布新版本，历史版本保留不变；每笔申请适用其入职日期当天施行的版本。">
      <section className="panel stack">
        <h2>全省补贴发放情况</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">状态</th>
                <th scope="col">笔数</th>
                <th scope="col">学费补贴</th>
                <th scope="col">生活补贴</th>
              </tr>
            </thead>
            <tbody>
              {totals.statuses.map((s) => (
                <tr key={s.status}>
                  <td>{s.label}</td>
                  <td>{s.count}</td>
                  <td>{formatYuan(s.tuitionFen)}</td>
                  <td>{formatYuan(s.livingFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {totals.cities.length > 0 ? (
          <BarChart title="各设区市已批准补贴金额（含已发放）" rows={totals.cities.map((c) => ({ label: `${c.name}（${c.count} 笔）`, value: c.amountFen }))} />
        ) : (
          <p className="muted">尚无已批准的补贴。</p>
        )}
      </section>
      <section className="panel stack">
        <h2 id="policy-versions">政策版本</h2>
        {/* A wide table scrolls sideways; focusable so that a keyboard can scroll it too. */}
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="policy-versions">
          <table>
            <thead>
              <tr>
                <th scope="col">版本</th>
                <th scope="col">施行日期</th>
                <th scope="col">办学层次</th>
                <th scope="col">毕业年限</th>
                <th scope="col">合同/社保</th>
                <th scope="col">学费补贴</th>
                <th scope="col">生活补贴</th>
                <th scope="col">公示</th>
                <th scope="col">适用申请</th>
                <th scope="col">发布</th>
              </tr>
            </thead>
            <tbody>
              {versions.length === 0 ? (
                <tr><td colSpan={10} className="muted">尚无补贴政策</td></tr>
              ) : (
                versions.map((v) => (
                  <tr key={v.id}>
                    <td>第 {v.version} 版</td>
                    <td>{chinaDate(v.effectiveFrom)}</td>
                    {v.policy ? (
                      <>
                        <td>{v.policy.eligibleSchoolLevels.join("、")}</td>
                        <td>当年及前 {v.policy.graduationWindowYears} 年</td>
                        <td>≥{v.policy.minContractMonths} / ≥{v.policy.minInsuredMonths} 个月</td>
                        <td>{v.policy.eligibleSchoolLevels.map((l) => `${l} ${formatYuan(v.policy!.tuitionFen[l] ?? 0)}`).join("；")}</td>
                        <td>{formatYuan(v.policy.livingFenPerMonth)}/月，至多 {v.policy.livingMaxMonths} 个月</td>
                        <td>{v.policy.noticeWorkingDays} 个工作日</td>
                      </>
                    ) : (
                      <td colSpan={6} className="field-error">内容无效</td>
                    )}
                    <td>{v._count.claims}</td>
                    <td>
                      {chinaMinute(v.createdAt)} {v.createdBy?.displayName ?? ""}
                      {v.note ? <div className="muted">{v.note}</div> : null}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>
      <VersionForm title="发布新版本" formError={errors._form} versionCount={versions.length}>
          <div className="sub-form-grid">
            <Field label="施行日期" name="effectiveFrom" type="date" required error={errors.effectiveFrom} />
            <Field label="毕业年限（入职当年及前 N 年）" name="graduationWindowYears" inputMode="numeric" defaultValue={current?.graduationWindowYears} error={errors.graduationWindowYears} />
            <Field label="劳动合同最短月数" name="minContractMonths" inputMode="numeric" defaultValue={current?.minContractMonths} error={errors.minContractMonths} />
            <Field label="连续缴纳社保最短月数" name="minInsuredMonths" inputMode="numeric" defaultValue={current?.minInsuredMonths} error={errors.minInsuredMonths} />
            <Field label="生活补贴月标准（元）" name="livingFenPerMonth" inputMode="decimal" defaultValue={yuan(current?.livingFenPerMonth)} error={errors.livingFenPerMonth} />
            <Field label="生活补贴最多月数" name="livingMaxMonths" inputMode="numeric" defaultValue={current?.livingMaxMonths} error={errors.livingMaxMonths} />
            <Field label="公示工作日数" name="noticeWorkingDays" inputMode="numeric" defaultValue={current?.noticeWorkingDays} error={errors.noticeWorkingDays} />
          </div>
          <fieldset className="sub-form-grid">
            <legend>可享受补贴的办学层次与学费补贴（元）</legend>
            {SCHOOL_LEVELS.map((level) => (
              <div key={level} className="field">
                <label className="sub-check">
                  <input type="checkbox" name="eligibleSchoolLevels" value={level} defaultChecked={current?.eligibleSchoolLevels.includes(level) ?? false} />
                  {level}
                </label>
                <input name={`tuition_${level}`} aria-label={`${level}学费补贴（元）`} inputMode="decimal" defaultValue={yuan(current?.tuitionFen[level])} />
                {errors[`tuition_${level}`] ? <p className="field-error" role="alert">{errors[`tuition_${level}`]}</p> : null}
              </div>
            ))}
            {errors.eligibleSchoolLevels ? <p className="field-error" role="alert">{errors.eligibleSchoolLevels}</p> : null}
          </fieldset>
          <Field label="说明" name="note" maxLength={200} placeholder="例如：依据某某文件调整生活补贴标准" error={errors.note} />
      </VersionForm>
    </PolicyPage>
  );
}
