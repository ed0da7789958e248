import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/field";
import { PolicyTabs, VersionHistory, VersionForm } from "~/components/policy-settings";
import { chinaDate } from "~/domain/china-time";
import { DEFAULT_LABOUR_POLICY, LABOUR_POLICY_KIND, LabourPolicySchema } from "~/domain/labour/offer";
import { formatYuan, parseYuanToFen } from "~/domain/money";
import { dateOf } from "~/domain/subsidy/calendar";
import { createPolicyVersion, listPolicyVersions, policyDataOn } from "~/services/policy/versions.server";
import { refusal } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { calendarDayField, fieldErrorsOf } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "最低工资标准 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    await requirePrincipal(request, ["province"]);
    const today = chinaDate(new Date());
    const [versions, current] = await Promise.all([
      listPolicyVersions(LABOUR_POLICY_KIND, LabourPolicySchema),
      policyDataOn(LABOUR_POLICY_KIND, LabourPolicySchema, dateOf(today), DEFAULT_LABOUR_POLICY),
    ]);
    return json({ today, versions, current: current.data, inForceId: versions.find((v) => v.version === current.version)?.id ?? null });
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
    if (!parsed.success) return json({ ok: false as const, fieldErrors: fieldErrorsOf(parsed.error.issues), message: "" }, { status: 400 });
    const policy = LabourPolicySchema.safeParse({ minimumMonthlyWageFen: parsed.data.minimumMonthlyWage });
    if (!policy.success) return json({ ok: false as const, fieldErrors: { minimumMonthlyWage: "月最低工资超出范围" }, message: "" }, { status: 400 });
    try {
      const created = await createPolicyVersion({ principal, kind: LABOUR_POLICY_KIND, effectiveFrom: parsed.data.effectiveFrom, data: policy.data, note: parsed.data.note || null });
      return json({ ok: true as const, fieldErrors: {} as Record<string, string>, message: `已发布最低工资标准第 ${created.version} 版，${parsed.data.effectiveFrom} 起施行` });
    } catch (error) {
      const refused = refusal(error, { when: (e) => e.status === 409, at: "_form" });
      if (refused) return json({ ok: false as const, fieldErrors: refused.fieldErrors, message: "" }, { status: refused.status });
      throw error;
    }
  });
}

export default function WageSettingsPage() {
  const { today, versions, current, inForceId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  return (
    <div className="stack">
      <header className="page-head">
        <h1>最低工资标准</h1>
        <p className="muted">录用通知、订单的月薪不得低于录用当天施行的最低工资标准。按版本发布、按施行日期生效，历史版本保留不变。</p>
      </header>
      <PolicyTabs />
      <VersionHistory title="标准版本" versions={versions} inForceId={inForceId} describe={(v) => (v.data ? `月最低工资 ${formatYuan(v.data.minimumMonthlyWageFen)}` : "内容无效")} />
      <VersionForm title="发布新版本" notice={result?.ok ? result.message : null} formError={errors._form} versionCount={versions.length}>
          <div className="sub-form-grid">
            <Field label="施行日期" name="effectiveFrom" type="date" required defaultValue={today} error={errors.effectiveFrom} />
            <Field label="月最低工资（元）" name="minimumMonthlyWage" inputMode="decimal" defaultValue={(current.minimumMonthlyWageFen / 100).toFixed(2).replace(/\.00$/, "")} error={errors.minimumMonthlyWage} />
          </div>
          <Field label="说明" name="note" maxLength={200} error={errors.note} />
      </VersionForm>
    </div>
  );
}
