import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { RegistrationSubmitted } from "~/components/registration-submitted";
import { Field } from "~/components/field";
import { FormError } from "~/components/labour";
import { SelectField } from "~/components/select-field";
import { GraduateRegistrationSchema, registerGraduate, registrationChoices } from "~/services/accounts/graduate-registration.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { requireAnonymousForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields } from "~/utils/forms";
import { getPrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "毕业生注册 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const signedIn = (await getPrincipal(request)) !== null;
    return json({ signedIn, ...(await registrationChoices()) });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const form = await requireAnonymousForm(request);
    const parsed = parseFields(GraduateRegistrationSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await attempt(() => registerGraduate(parsed.data));
    if (!result.ok) return result.response;
    return json({ ok: true as const, mobile: parsed.data.mobile });
  });
}

export default function RegisterGraduatePage() {
  const { colleges, majors } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (result && "mobile" in result) {
    return <RegistrationSubmitted>注册申请已提交，等待学校确认。确认后用手机号 {result.mobile} 和您设置的密码登录；确认前不能投递岗位。</RegistrationSubmitted>;
  }
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  return (
    <section className="panel narrow">
      <h1>毕业生注册</h1>
      <p className="muted">
        不在学校毕业生名册上的毕业生在此注册，由所选学校确认后开通账号。已收到学校激活函的，请直接 <Link to="/activate">激活账号</Link>。
      </p>
      <Form method="post" noValidate className="stack">
        <CsrfInput />
        <Field label="姓名" name="name" maxLength={40} autoComplete="name" error={errors.name} />
        <Field label="身份证号" name="idNumber" maxLength={18} autoComplete="off" error={errors.idNumber} />
        <Field label="手机号" name="mobile" type="tel" maxLength={20} autoComplete="tel" error={errors.mobile} />
        <SelectField label="毕业院校" name="collegeId" options={colleges} allLabel="请选择院校" error={errors.collegeId} />
        <SelectField label="专业" name="majorCode" options={majors} allLabel="请选择专业" error={errors.majorCode} />
        <Field label="毕业日期" name="graduationDate" type="date" error={errors.graduationDate} />
        <Field label="密码" name="password" type="password" maxLength={128} autoComplete="new-password" error={errors.password} />
        <Field label="确认密码" name="confirm" type="password" maxLength={128} autoComplete="new-password" error={errors.confirm} />
        <p className="muted">登录名为手机号。密码至少 8 位，不能与手机号相同，也不能是常见密码。</p>
        <FormError message={result && "formError" in result && Object.keys(errors).length === 0 ? result.formError : null} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "正在提交…" : "提交注册申请"}
        </button>
      </Form>
    </section>
  );
}
