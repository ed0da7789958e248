import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { RegistrationSubmitted } from "~/components/registration-submitted";
import { Field } from "~/components/field";
import { FormError } from "~/components/labour";
import { SelectField } from "~/components/select-field";
import { EnterpriseRegistrationSchema, parkChoices, registerEnterprise } from "~/services/accounts/enterprise-registration.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { requireAnonymousForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields } from "~/utils/forms";
import { getPrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "企业注册 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const signedIn = (await getPrincipal(request)) !== null;
    const parks = await parkChoices();
    return json({ signedIn, parks: parks.map((p) => ({ value: String(p.id), label: p.name })) });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const form = await requireAnonymousForm(request);
    const parsed = parseFields(EnterpriseRegistrationSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await attempt(() => registerEnterprise(parsed.data));
    if (!result.ok) return result.response;
    return json({ ok: true as const, name: parsed.data.name, login: parsed.data.login });
  });
}

export default function RegisterEnterprisePage() {
  const { parks, signedIn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (result && "name" in result) {
    return <RegistrationSubmitted>{result.name}的注册申请已提交，等待所在园区审核。审核通过后，用用户名 {result.login} 和您设置的密码登录，您即为本企业的管理员。</RegistrationSubmitted>;
  }
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  return (
    <section className="panel narrow">
      <h1>企业注册</h1>
      <p className="muted">
        园区企业在此申请加入园校通。所在园区审核通过后，联系人的账号成为本企业的管理员，可再邀请同事加入。
        {signedIn ? " 您已登录，提交的是另一家企业的申请。" : null}
      </p>
      <Form method="post" noValidate className="stack">
        <CsrfInput />
        <Field label="企业名称" name="name" maxLength={80} error={errors.name} />
        <Field label="统一社会信用代码" name="creditCode" maxLength={18} autoComplete="off" error={errors.creditCode} />
        <SelectField label="所在园区" name="parkId" options={parks} allLabel="请选择园区" error={errors.parkId} />
        <Field label="职工人数" name="headcount" type="number" min={0} inputMode="numeric" error={errors.headcount} />
        <Field label="联系人姓名" name="contactName" maxLength={40} autoComplete="name" error={errors.contactName} />
        <Field label="联系人手机号" name="contactPhone" type="tel" maxLength={20} autoComplete="tel" error={errors.contactPhone} />
        <Field label="用户名" name="login" maxLength={32} autoComplete="username" error={errors.login} />
        <Field label="密码" name="password" type="password" maxLength={128} autoComplete="new-password" error={errors.password} />
        <Field label="确认密码" name="confirm" type="password" maxLength={128} autoComplete="new-password" error={errors.confirm} />
        <p className="muted">密码至少 8 位，不能与用户名相同，也不能是常见密码。</p>
        <FormError message={result && "formError" in result && Object.keys(errors).length === 0 ? result.formError : null} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "正在提交…" : "提交注册申请"}
        </button>
      </Form>
    </section>
  );
}
