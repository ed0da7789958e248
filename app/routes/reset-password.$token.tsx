import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { FormError } from "~/components/labour";
import { resetLinkHolder, resetPasswordWithToken } from "~/services/accounts/passwords.server";
import { newPasswordFields, SAME_PASSWORD_ISSUE, samePassword } from "~/services/accounts/schemas";
import { attempt, invalid } from "~/utils/action-result.server";
import { requireAnonymousForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields } from "~/utils/forms";
import { getPrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "重置密码 · 园校通" }, { name: "referrer", content: "no-referrer" }];

const ResetSchema = z.object(newPasswordFields).refine(samePassword, SAME_PASSWORD_ISSUE);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const signedIn = (await getPrincipal(request)) !== null;
    return json({ signedIn, holder: await resetLinkHolder(params.token ?? "") }, { headers: { "Cache-Control": "no-store" } });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const form = await requireAnonymousForm(request);
    const parsed = parseFields(ResetSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await attempt(() => resetPasswordWithToken({ token: params.token ?? "", password: parsed.data.password }));
    if (!result.ok) return result.response;
    return json({ ok: true as const, login: result.data.login });
  });
}

export default function ResetPasswordPage() {
  const { holder } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (result && "login" in result) {
    return (
      <section className="panel narrow stack">
        <h1>密码已重置</h1>
        <p className="notice" role="status">
          密码已重置，原有登录均已退出。请用用户名 {result.login} 和新密码登录。
        </p>
        <p>
          <Link to="/login">前往登录</Link>
        </p>
      </section>
    );
  }
  if (!holder) {
    return (
      <section className="panel narrow stack">
        <h1>重置链接已失效</h1>
        <p>该重置密码链接不存在、已被使用或已超过 24 小时。请联系本单位管理员重新签发。</p>
      </section>
    );
  }
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  return (
    <section className="panel narrow">
      <h1>重置密码</h1>
      <p className="muted">
        {holder.displayName}（用户名 {holder.login}），请设置新密码。链接仅能使用一次。
      </p>
      <Form method="post" noValidate className="stack">
        <CsrfInput />
        <Field label="新密码" name="password" type="password" maxLength={128} autoComplete="new-password" error={errors.password} />
        <Field label="确认密码" name="confirm" type="password" maxLength={128} autoComplete="new-password" error={errors.confirm} />
        <p className="muted">密码至少 8 位，不能与用户名相同，也不能是常见密码。</p>
        <FormError message={result && Object.keys(errors).length === 0 ? result.formError : null} />
        <button type="submit" className="button button-primary" disabled={busy}>
          设置新密码
        </button>
      </Form>
    </section>
  );
}
