import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { PolicyPage, VersionHistory, VersionForm } from "~/components/policy-settings";
import { chinaDate } from "~/domain/china-time";
import { MATCHING_POLICY_KIND, MatchingPolicySchema, type MatchingPolicy } from "~/domain/matching/score";
import { matchingPolicyOn, previewOrderRanking, recentOrdersForPreview } from "~/services/matching/matching.server";
import { listPolicyVersions } from "~/services/policy/versions.server";
import { publishSettingsVersion, settingsRefused } from "~/services/policy/forms.server";
import { requireForm } from "~/utils/csrf.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { calendarDayField, fieldErrorsOf } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "匹配权重 · 园校通" }];

const WEIGHTS = [
  ["major", "专业"],
  ["skills", "技能"],
  ["certificate", "证书等级"],
  ["location", "地点"],
  ["pairing", "园校对接"],
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    await requirePrincipal(request, ["province"]);
    const [versions, current, orders] = await Promise.all([
      listPolicyVersions(MATCHING_POLICY_KIND, MatchingPolicySchema),
      matchingPolicyOn(new Date()),
      recentOrdersForPreview(),
    ]);
    return json({ today: chinaDate(new Date()), versions, current: current.policy, inForceId: versions.find((v) => v.version === current.version)?.id ?? null, orders });
  });
}

function readPolicy(form: FormData, base: MatchingPolicy) {
  const weights: Record<string, number> = {};
  const fieldErrors: Record<string, string> = {};
  for (const [key, label] of WEIGHTS) {
    const text = String(form.get(`w_${key}`) ?? "").trim();
    if (!/^\d{1,4}(\.\d{1,2})?$/.test(text)) fieldErrors[`w_${key}`] = `${label}权重应为 0–1000 的数`;
    else weights[key] = Number(text);
  }
  const parsed = MatchingPolicySchema.safeParse({ ...base, weights });
  if (!parsed.success) Object.assign(fieldErrors, fieldErrorsOf(parsed.error.issues, (path) => `w_${String(path[1] ?? path[0])}`));
  return Object.keys(fieldErrors).length > 0 || !parsed.success ? { policy: null, fieldErrors } : { policy: parsed.data, fieldErrors };
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["province"]);
    const { policy: base } = await matchingPolicyOn(new Date());
    const { policy, fieldErrors } = readPolicy(form, base);
    if (!policy) return settingsRefused(fieldErrors, 400, { preview: null });
    if (form.get("intent") === "preview") {
      const orderId = Number(form.get("orderId"));
      if (!Number.isInteger(orderId) || orderId <= 0) return settingsRefused({ orderId: "请选择用于预览的订单" }, 400, { preview: null });
      try {
        const preview = await previewOrderRanking({ principal, orderId, proposed: policy });
        return json({ ok: true as const, fieldErrors: {}, message: "", preview });
      } catch (error) {
        if (error instanceof AppError) return settingsRefused({ orderId: error.message }, error.status, { preview: null });
        return settingsRefused({ orderId: "检索服务暂不可用，无法预览候选人" }, 503, { preview: null });
      }
    }
    const date = calendarDayField("施行日期").safeParse(form.get("effectiveFrom") ?? "");
    if (!date.success) return settingsRefused({ effectiveFrom: date.error.issues[0]?.message ?? "请填写施行日期" }, 400, { preview: null });
    return publishSettingsVersion({
      principal, kind: MATCHING_POLICY_KIND, effectiveFrom: date.data, data: policy, note: String(form.get("note") ?? "").trim().slice(0, 200),
      told: (version) => `已发布匹配权重第 ${version} 版，${date.data} 起施行`,
      extra: { preview: null },
    });
  });
}

export default function MatchingSettingsPage() {
  const { today, versions, current, inForceId, orders } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  const preview = result?.preview ?? null;
  return (
    <PolicyPage title="匹配权重" lead="候选人匹配分由专业、技能、证书等级、地点、园校对接五项按权重相加。按版本发布、按施行日期生效，历史版本保留不变；发布前可选一个订单预览候选人排序的变化。">
      <VersionHistory
        title="权重版本"
        versions={versions}
        inForceId={inForceId}
        describe={(v) => (v.data ? WEIGHTS.map(([k, label]) => `${label} ${v.data!.weights[k]}`).join("、") : "内容无效")}
      />
      <VersionForm
        title="调整权重"
        notice={result?.ok ? result.message : null}
        formError={errors._form}
        versionCount={versions.length}
        actions={
          <div className="actions">
            <button type="submit" name="intent" value="preview" className="button" disabled={busy}>预览候选人变化</button>{" "}
            <button type="submit" name="intent" value="publish" className="button button-primary" disabled={busy}>发布新版本</button>
          </div>
        }
      >
          <div className="sub-form-grid">
            {WEIGHTS.map(([key, label]) => (
              <Field key={key} label={`${label}权重`} name={`w_${key}`} inputMode="decimal" defaultValue={current.weights[key]} error={errors[`w_${key}`]} />
            ))}
          </div>
          <div className="field">
            <label htmlFor="preview-order">预览用订单</label>
            <select id="preview-order" name="orderId" defaultValue={orders[0]?.id}>
              {orders.map((o) => (
                <option key={o.id} value={o.id}>
                  #{o.id} {o.title}（{o.enterprise.name}）
                </option>
              ))}
            </select>
            {errors.orderId ? <p className="field-error" role="alert">{errors.orderId}</p> : null}
          </div>
          <div className="sub-form-grid">
            <Field label="施行日期（发布时填写）" name="effectiveFrom" type="date" defaultValue={today} error={errors.effectiveFrom} />
            <Field label="说明" name="note" maxLength={200} />
          </div>
      </VersionForm>
      {preview ? (
        <section className="panel stack">
          <h2>预览：订单 #{preview.order.id} {preview.order.title} 的前 10 名候选人（尚未生效）</h2>
          <div className="grid-2">
            {(
              [
                ["现行权重", preview.current],
                ["新权重", preview.proposed],
              ] as const
            ).map(([title, rows]) => (
              <div key={title} className="table-wrap">
                <table>
                  <caption>{title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">名次</th>
                      <th scope="col">毕业生</th>
                      <th scope="col">院校</th>
                      <th scope="col">匹配分</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.length === 0 ? (
                      <tr><td colSpan={4} className="muted">没有符合条件的候选人</td></tr>
                    ) : (
                      rows.map((r, i) => (
                        <tr key={r.graduateId}>
                          <td>{i + 1}</td>
                          <td>{r.name}</td>
                          <td>{r.collegeName}</td>
                          <td>{r.score}</td>
                        </tr>
                      ))
                    )}
                  </tbody>
                </table>
              </div>
            ))}
          </div>
        </section>
      ) : null}
    </PolicyPage>
  );
}
