import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/field";
import { PolicyPage, VersionHistory, VersionForm } from "~/components/policy-settings";
import { formatPercent, parseRatio } from "~/domain/fund/decimal";
import { DEFAULT_TRAINING_FUND_POLICY, fractionTextOfPercent, TRAINING_FUND_POLICY_KIND, TrainingFundPolicySchema, UNPAIRED_RULE_LABELS, UNPAIRED_RULES } from "~/domain/fund/policy";
import { policySettingsOf, publishSettingsVersion, settingsRefused } from "~/services/policy/forms.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { calendarDayField, fieldErrorsOf } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "培训经费政策 · 园校通" }];

const percentText = (fraction: string) => {
  const parsed = parseRatio(fraction);
  return parsed.ok ? formatPercent(parsed.value).replace(/%$/, "") : "";
};

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    await requirePrincipal(request, ["province"]);
    return json(await policySettingsOf(TRAINING_FUND_POLICY_KIND, TrainingFundPolicySchema, DEFAULT_TRAINING_FUND_POLICY));
  });
}

const percent = (label: string) =>
  z.string().trim().transform((text, ctx) => {
    const fraction = /^\d{1,3}(\.\d{1,6})?$/.test(text) ? fractionTextOfPercent(text) : null;
    if (fraction === null || !parseRatio(fraction).ok) {
      ctx.addIssue({ code: "custom", message: `${label}应为 0–100 之间的百分数，例如 2.5` });
      return z.NEVER;
    }
    return fraction;
  });

const FormSchema = z.object({
  effectiveFrom: calendarDayField("施行日期"),
  rate: percent("培训经费提取比例"),
  shareRatio: percent("院校分成比例"),
  dueMonths: z.string().trim().regex(/^\d{1,2}$/, { error: "应付期限应为整数月" }).transform(Number),
  unpairedRule: z.enum(UNPAIRED_RULES, { error: "请选择无对接院校时分成的处理方式" }),
  note: z.string().trim().max(200, { error: "说明不能超过 200 个字符" }),
});

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["province"]);
    const parsed = FormSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return settingsRefused(fieldErrorsOf(parsed.error.issues), 400);
    const { effectiveFrom, note, ...data } = parsed.data;
    const policy = TrainingFundPolicySchema.safeParse(data);
    if (!policy.success) return settingsRefused(fieldErrorsOf(policy.error.issues), 400);
    return publishSettingsVersion({
      principal, kind: TRAINING_FUND_POLICY_KIND, effectiveFrom, data: policy.data, note,
      told: (version) => `已发布培训经费政策第 ${version} 版，${effectiveFrom} 起施行`,
    });
  });
}

export default function FundSettingsPage() {
  const { today, versions, current, inForceId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  return (
    <PolicyPage title="培训经费政策" lead="提取比例、院校分成比例、分成应付期限和无对接院校时分成的去向，按版本发布、按施行日期生效，历史版本保留不变。年度核算使用该年最后一天施行的版本。">
      <VersionHistory
        title="政策版本"
        versions={versions}
        inForceId={inForceId}
        describe={(v) =>
          v.data
            ? `提取 ${percentText(v.data.rate)}%，院校分成 ${percentText(v.data.shareRatio)}%，对账单后 ${v.data.dueMonths} 个月内支付；无对接院校：${UNPAIRED_RULE_LABELS[v.data.unpairedRule]}`
            : "内容无效"
        }
      />
      <VersionForm title="发布新版本" notice={result?.ok ? result.message : null} formError={errors._form} versionCount={versions.length}>
          <div className="sub-form-grid">
            <Field label="施行日期" name="effectiveFrom" type="date" required defaultValue={today} error={errors.effectiveFrom} />
            <Field label="培训经费提取比例（%，占职工工资总额）" name="rate" inputMode="decimal" defaultValue={percentText(current.rate)} error={errors.rate} />
            <Field label="院校分成比例（%，占提取的培训经费）" name="shareRatio" inputMode="decimal" defaultValue={percentText(current.shareRatio)} error={errors.shareRatio} />
            <Field label="分成应付期限（对账单后月数）" name="dueMonths" inputMode="numeric" defaultValue={current.dueMonths} error={errors.dueMonths} />
          </div>
          <fieldset className="stack">
            <legend>园区无现行对接院校时，企业应付的院校分成</legend>
            {UNPAIRED_RULES.map((rule) => (
              <label key={rule} className="sub-check">
                <input type="radio" name="unpairedRule" value={rule} defaultChecked={current.unpairedRule === rule} /> {UNPAIRED_RULE_LABELS[rule]}
              </label>
            ))}
            {errors.unpairedRule ? <p className="field-error" role="alert">{errors.unpairedRule}</p> : null}
          </fieldset>
          <Field label="说明" name="note" maxLength={200} error={errors.note} />
      </VersionForm>
    </PolicyPage>
  );
}
