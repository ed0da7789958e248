import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { GraduateRecord } from "~/components/graduate-record";
import { FormError, SelectField, skillLevelText, SkillLevelOptions } from "~/components/labour";
import { CITIES } from "~/domain/geo/divisions";
import { addCertificate, getGraduate, removeCertificate, updateOwnProfile } from "~/services/labour/graduates.server";
import { CertificateSchema, ProfileSchema } from "~/services/labour/schemas";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields, parseFieldsWithLists, idField } from "~/utils/forms";
import { chinaDate } from "~/domain/china-time";
import { CertificateBadge } from "~/components/certificates";

export const meta: MetaFunction = () => [{ title: "我的档案 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["graduate"]);
    return json({ graduate: await getGraduate({ principal, graduateId: principal.graduateId ?? -1 }) });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["graduate"]);
    const intent = form.get("intent");
    const done = (message: string) => redirectWithFlash(request, message);
    if (intent === "profile") {
      const parsed = parseFieldsWithLists(ProfileSchema, form, { lists: ["preferredCities"], checkboxes: ["willingToRelocate"] });
      if (!parsed.ok) return invalid(parsed.fieldErrors);
      await updateOwnProfile({ principal, input: parsed.data });
      return done("档案已保存");
    }
    if (intent === "add-certificate") {
      const parsed = parseFields(CertificateSchema, form);
      if (!parsed.ok) return invalid(parsed.fieldErrors);
      await addCertificate({ principal, input: parsed.data });
      return done("证书已添加");
    }
    const remove = z.object({ id: idField }).safeParse({ id: form.get("id") });
    if (intent !== "remove-certificate" || !remove.success) throw new AppError({ message: "无法识别的操作" });
    const removed = await attempt(() => removeCertificate({ principal, certificateId: remove.data.id }));
    if (!removed.ok) return removed.response;
    return done("证书已删除");
  });
}

export default function ProfilePage() {
  const { graduate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="stack">
      <h1>我的档案</h1>
      <FormError message={result?.formError} />
      <div className="grid-2">
        <Form method="post" className="panel stack">
          <h2>求职意向</h2>
          <CsrfInput />
          <input type="hidden" name="intent" value="profile" />
          <Field label="技能标签（用逗号或顿号分隔）" name="skillTags" defaultValue={graduate.skillTags.join("、")} error={errors.skillTags} />
          <fieldset className="field">
            <legend>意向城市</legend>
            <div className="actions">
              {CITIES.map((c) => (
                <label key={c.code}>
                  <input type="checkbox" name="preferredCities" value={c.code} defaultChecked={graduate.preferredCities.includes(c.code)} /> {c.name}
                </label>
              ))}
            </div>
            {errors.preferredCities ? <p className="field-error">{errors.preferredCities}</p> : null}
          </fieldset>
          <label>
            <input type="checkbox" name="willingToRelocate" defaultChecked={graduate.willingToRelocate} /> 愿意到意向城市以外的地方就业
          </label>
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              保存
            </button>
          </div>
        </Form>
        <section className="panel stack">
          <h2>职业技能等级证书</h2>
          <p className="muted">证书须由毕业院校或人社局核验；未核验的证书在岗位匹配中按一半计分，高级工及以上订单只接受已核验的证书；已核验的证书不能删除。</p>
          <ul className="rows">
            {graduate.certificates.map((c) => (
              <li key={c.id}>
                <span>
                  {c.name} · {skillLevelText(c.level)} · {chinaDate(c.issuedAt)}
                </span>
                <CertificateBadge certificate={c} />
                {c.verifiedAt ? null : c.revision > 0 ? (
                  <span className="muted">核验已撤销，请联系院校重新核验</span>
                ) : (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="remove-certificate" />
                    <input type="hidden" name="id" value={c.id} />
                    <button type="submit" className="button button-quiet">
                      删除
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
          <Form method="post" className="stack">
            <CsrfInput />
            <input type="hidden" name="intent" value="add-certificate" />
            <Field label="证书名称" name="name" placeholder="例如：数控车工" maxLength={60} required error={errors.name} />
            <SelectField label="等级" name="level" defaultValue="4" error={errors.level}>
              <SkillLevelOptions />
            </SelectField>
            <Field label="发证日期" name="issuedAt" type="date" required error={errors.issuedAt} />
            <div>
              <button type="submit" className="button">
                添加证书
              </button>
            </div>
          </Form>
        </section>
      </div>
      <GraduateRecord graduate={graduate} />
    </div>
  );
}
