import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/field";
import { PolicyPage, VersionHistory, VersionForm } from "~/components/policy-settings";
import { DEFAULT_LABOUR_POLICY, LABOUR_POLICY_KIND, LabourPolicySchema } from "~/domain/labour/offer";
import { formatYuan, parseYuanToFen } from "~/domain/money";
import { policySettingsOf, publishSettingsVersion, settingsRefused } from "~/services/policy/forms.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { calendarDayField, fieldErrorsOf } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "最低工资标准 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    await requirePrincipal(request, ["province"]);
    return json(await policySettingsOf(LABOUR_POLICY_KIND, LabourPolicySchema, DEFAULT_LABOUR_POLICY));
  });
}

const FormSchema = z.object({
  effectiveFrom: calendarDayField("施行日期"),
  minimumMonthlyWage: z
    .string()
    .trim()
    .regex(/^\d{1,6}(\.\d{1,2})?$/, { error: "月最低工资应为不超过两位小数的金额（元）" })
    .transform((text) => parseYuanToFen(text)!),
  note: z.string().trim().max(200, { error: "说明不能超过 200 个字符" }),
});

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["province"]);
    const parsed = FormSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return settingsRefused(fieldErrorsOf(parsed.error.issues), 400);
    const { effectiveFrom, note, minimumMonthlyWage } = parsed.data;
    const policy = LabourPolicySchema.safeParse({ minimumMonthlyWageFen: minimumMonthlyWage });
    if (!policy.success) return settingsRefused({ minimumMonthlyWage: "月最低工资超出范围" }, 400);
    return publishSettingsVersion({
      principal, kind: LABOUR_POLICY_KIND, effectiveFrom, data: policy.data, note,
      told: (version) => `已发布最低工资标准第 ${version} 版，${effectiveFrom} 起施行`,
    });
  });
}

export default function WageSettingsPage() {
  const { today, versions, current, inForceId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  return (
    <PolicyPage title="最低工资标准" lead="录用通知、订单的月薪不得低于录用当天施行的最低工资标准。按版本发布、按施行日期生效，历史版本保留不变。">
      <VersionHistory title="标准版本" versions={versions} inForceId={inForceId} describe={(v) => (v.data ? `月最低工资 ${formatYuan(v.data.minimumMonthlyWageFen)}` : "内容无效")} />
      <VersionForm title="发布新版本" notice={result?.ok ? result.message : null} formError={errors._form} versionCount={versions.length}>
          <div className="sub-form-grid">
            <Field label="施行日期" name="effectiveFrom" type="date" required defaultValue={today} error={errors.effectiveFrom} />
            <Field label="月最低工资（元）" name="minimumMonthlyWage" inputMode="decimal" defaultValue={(current.minimumMonthlyWageFen / 100).toFixed(2).replace(/\.00$/, "")} error={errors.minimumMonthlyWage} />
          </div>
          <Field label="说明" name="note" maxLength={200} error={errors.note} />
      </VersionForm>
    </PolicyPage>
  );
}
