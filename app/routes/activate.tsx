import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { FormError } from "~/components/labour";
import { activateGraduate } from "~/services/accounts/activation.server";
import { requireAnonymousForm } from "~/utils/csrf.server";
import { getPrincipal } from "~/utils/principal.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { clientAddress } from "~/utils/client-address.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields, requiredText } from "~/utils/forms";
import { startSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "激活毕业生账号 · 园校通" }];

const ActivationSchema = z
  .object({
    name: requiredText("姓名", 40),
    idNumber: requiredText("身份证号", 18),
    mobile: requiredText("手机号", 20),
    code: requiredText("激活码", 20),
    password: requiredText("新密码", 128),
    confirm: requiredText("确认密码", 128),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: "两次输入的密码不一致" });

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getPrincipal(request)) return redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withErrors(async () => {
    const form = await requireAnonymousForm(request);
    const parsed = parseFields(ActivationSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await attempt(() => activateGraduate({ input: parsed.data, clientAddress: clientAddress(context) }));
    if (!result.ok) return result.response;
    const { accountId, invitations } = result.data;
    const to = invitations > 0 ? "/notifications?welcome=invitations" : "/home";
    return redirect(to, { headers: { "Set-Cookie": await startSession(accountId) } });
  });
}

export default function ActivatePage() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  return (
    <section className="panel narrow">
      <h1>激活毕业生账号</h1>
      <p className="muted">
        请按学校发给您的激活函填写。激活后用手机号登录，企业此前发给您的投递邀请会出现在“消息”中。不在学校名册上？请
        <Link to="/register/graduate">注册毕业生账号</Link>。
      </p>
      <Form method="post" noValidate className="stack">
        <CsrfInput />
        <Field label="姓名" name="name" autoComplete="name" maxLength={40} error={errors.name} />
        <Field label="身份证号" name="idNumber" maxLength={18} autoComplete="off" error={errors.idNumber} />
        <Field label="手机号" name="mobile" type="tel" autoComplete="tel" maxLength={20} error={errors.mobile} />
        <Field label="激活码" name="code" autoComplete="one-time-code" maxLength={20} placeholder="例如 K7Q2-9XPM" error={errors.code} />
        <Field label="新密码" name="password" type="password" autoComplete="new-password" maxLength={128} error={errors.password} />
        <Field label="确认密码" name="confirm" type="password" autoComplete="new-password" maxLength={128} error={errors.confirm} />
        <p className="muted">密码至少 8 位，不能与手机号相同，也不能是常见密码。</p>
        <FormError message={result && !result.fieldErrors?.code && !result.fieldErrors?.password ? result.formError : null} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "正在激活…" : "激活并登录"}
        </button>
      </Form>
    </section>
  );
}
