import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { Field } from "~/components/field";
import { PolicyPage, VersionHistory, VersionForm } from "~/components/policy-settings";
import { formatScore, SubjectTabs } from "~/components/scorecard";
import {
  DEFAULT_INDICATOR_SETS,
  formatIndicatorValue,
  INDICATOR_IDS,
  INDICATORS,
  indicatorSetKind,
  IndicatorSetSchema,
  SUBJECT_LABELS,
  targetInputOf,
  type IndicatorItem,
  type IndicatorSet,
} from "~/domain/assessment/indicators";
import { chinaDate } from "~/domain/china-time";
import { dateOf } from "~/domain/subsidy/calendar";
import { indicatorSetOn, previewIndicatorSet, subjectOrError } from "~/services/assessment/scorecards.server";
import { listPolicyVersions } from "~/services/policy/versions.server";
import { publishSettingsVersion, settingsRefused } from "~/services/policy/forms.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { calendarDayField, fieldErrorsOf } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "考核指标 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    await requirePrincipal(request, ["province"]);
    const subject = subjectOrError(new URL(request.url).searchParams.get("subject") || "park");
    const today = chinaDate(new Date());
    const [versions, inForce] = await Promise.all([listPolicyVersions(indicatorSetKind(subject), IndicatorSetSchema), indicatorSetOn(subject, dateOf(today))]);
    const inForceRow = versions.find((v) => v.version === inForce.version) ?? null;
    return json({ subject, today, versions, inForce, inForceId: inForceRow?.id ?? null });
  });
}

/** The set typed in the form: an indicator with an empty or zero weight is not in it. Targets of rates are typed in percent. */
function readSet(form: FormData): { set: IndicatorSet | null; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const items: IndicatorItem[] = [];
  for (const id of INDICATOR_IDS) {
    const weightText = String(form.get(`weight_${id}`) ?? "").trim();
    if (weightText === "" || weightText === "0") continue;
    const weight = Number(weightText);
    if (!/^\d{1,3}$/.test(weightText) || weight > 100) {
      fieldErrors[`weight_${id}`] = `${INDICATORS[id].label}的权重应为 0–100 的整数`;
      continue;
    }
    const targetText = String(form.get(`target_${id}`) ?? "").trim();
    const typed = Number(targetText);
    if (targetText === "" || !Number.isFinite(typed) || typed <= 0) {
      fieldErrors[`target_${id}`] = `请填写${INDICATORS[id].label}的目标值（大于 0）`;
      continue;
    }
    const target = INDICATORS[id].unit === "bp" ? Math.round(typed * 100) : typed;
    const direction = form.get(`direction_${id}`) === "lower" ? "lower" : "higher";
    items.push({ indicator: id, weight, target, direction });
  }
  if (Object.keys(fieldErrors).length > 0) return { set: null, fieldErrors };
  const parsed = IndicatorSetSchema.safeParse({ items });
  if (!parsed.success) return { set: null, fieldErrors: { _form: parsed.error.issues[0]?.message ?? "指标体系无效" } };
  return { set: parsed.data, fieldErrors };
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["province"]);
    const subject = subjectOrError(String(form.get("subject") ?? ""));
    const { set, fieldErrors } = readSet(form);
    if (!set) return settingsRefused(fieldErrors, 400, { preview: null });
    if (form.get("intent") === "preview") {
      const preview = await previewIndicatorSet(subject, set);
      return json({ ok: true as const, fieldErrors: {}, message: preview ? "" : "尚无已发布的考核评分，无法预览", preview });
    }
    const dates = calendarDayField("施行日期").safeParse(form.get("effectiveFrom") ?? "");
    if (!dates.success) return settingsRefused(fieldErrorsOf(dates.error.issues, () => "effectiveFrom"), 400, { preview: null });
    return publishSettingsVersion({
      principal, kind: indicatorSetKind(subject), effectiveFrom: dates.data, data: set, note: String(form.get("note") ?? "").trim().slice(0, 200),
      told: (version) => `已发布${SUBJECT_LABELS[subject]}考核指标第 ${version} 版，${dates.data} 起施行（此后发布的考核评分按新版本计算）`,
      extra: { preview: null },
    });
  });
}

export default function IndicatorSettingsPage() {
  const { subject, today, versions, inForce, inForceId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  const id = useId();
  const current = new Map(inForce.set.items.map((i) => [i.indicator, i]));
  const preview = result && "preview" in result ? result.preview : null;
  return (
    <PolicyPage title="考核指标体系" lead="园区、院校、设区市各有一套考核指标（权重、目标、方向），按版本发布、按施行日期生效，历史版本保留不变。每期考核评分使用该期最后一天施行的版本。修改前可先预览：按最近一期已发布的数据，新权重会得出的分数和名次。">
      <SubjectTabs current={subject} base="/province/settings/indicators" period="" />
      <VersionHistory
        title={`${SUBJECT_LABELS[subject]}指标体系的版本`}
        versions={versions}
        inForceId={inForceId}
        describe={(v) => (v.data ? v.data.items.map((i) => `${INDICATORS[i.indicator].label} ${i.weight}`).join("、") : "内容无效")}
      />
      <VersionForm
        title={`调整${SUBJECT_LABELS[subject]}指标（现行：${inForce.version ? `第 ${inForce.version} 版` : "默认版本"}）`}
        headingId={`${id}-edit`}
        notice={result?.ok ? result.message : null}
        formError={errors._form}
        versionCount={versions.length}
        actions={
          <div className="actions">
            <button type="submit" name="intent" value="preview" className="button" disabled={busy}>预览评分变化</button>{" "}
            <button type="submit" name="intent" value="publish" className="button button-primary" disabled={busy}>发布新版本</button>
          </div>
        }
      >
          <input type="hidden" name="subject" value={subject} />
          <div className="table-wrap">
            <table>
              <caption>权重为 0 或留空的指标不参与考核；比率类目标按百分数填写</caption>
              <thead>
                <tr>
                  <th scope="col">指标</th>
                  <th scope="col">权重</th>
                  <th scope="col">目标</th>
                  <th scope="col">方向</th>
                  <th scope="col">口径</th>
                </tr>
              </thead>
              <tbody>
                {INDICATOR_IDS.map((indicator) => {
                  const def = INDICATORS[indicator];
                  const item = current.get(indicator);
                  const fallback = DEFAULT_INDICATOR_SETS[subject].items.find((i) => i.indicator === indicator) ?? DEFAULT_INDICATOR_SETS.park.items.find((i) => i.indicator === indicator);
                  return (
                    <tr key={indicator}>
                      <th scope="row">{def.label}</th>
                      <td>
                        <input name={`weight_${indicator}`} aria-label={`${def.label}权重`} inputMode="numeric" size={4} defaultValue={item?.weight ?? 0} aria-invalid={errors[`weight_${indicator}`] ? true : undefined} />
                        {errors[`weight_${indicator}`] ? <p className="field-error" role="alert">{errors[`weight_${indicator}`]}</p> : null}
                      </td>
                      <td>
                        <input
                          name={`target_${indicator}`}
                          aria-label={`${def.label}目标${def.unit === "bp" ? "（%）" : def.unit === "days" ? "（天）" : "（人）"}`}
                          inputMode="decimal"
                          size={6}
                          defaultValue={targetInputOf(def.unit, item?.target ?? fallback?.target ?? 1)}
                        />
                        {def.unit === "bp" ? " %" : def.unit === "days" ? " 天" : " 人"}
                        {errors[`target_${indicator}`] ? <p className="field-error" role="alert">{errors[`target_${indicator}`]}</p> : null}
                      </td>
                      <td>
                        <select name={`direction_${indicator}`} aria-label={`${def.label}方向`} defaultValue={item?.direction ?? def.direction}>
                          <option value="higher">越高越好</option>
                          <option value="lower">越低越好</option>
                        </select>
                      </td>
                      <td className="muted">{def.definition}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="sub-form-grid">
            <Field label="施行日期（发布时填写）" name="effectiveFrom" type="date" defaultValue={today} error={errors.effectiveFrom} />
            <Field label="说明" name="note" maxLength={200} />
          </div>
      </VersionForm>
      {result?.ok && !result.preview && result.message && !result.message.startsWith("已发布") ? <p className="notice" role="status">{result.message}</p> : null}
      {preview ? (
        <section className="panel stack" aria-labelledby={`${id}-preview`}>
          <h2 id={`${id}-preview`}>预览：按{preview.period.label}已发布数据计算（尚未生效）</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{SUBJECT_LABELS[subject]}</th>
                  <th scope="col">现得分</th>
                  <th scope="col">新得分</th>
                  <th scope="col">现名次</th>
                  <th scope="col">新名次</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.name}</th>
                    <td>{formatScore(r.scoreBefore)}</td>
                    <td>{formatScore(r.score)}</td>
                    <td>{r.rankBefore ?? "不排名"}</td>
                    <td>{r.rank ?? "不排名"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <p className="muted">比率的目标按百分数填写，例如 60 表示 {formatIndicatorValue("bp", 6000)}。</p>
    </PolicyPage>
  );
}
