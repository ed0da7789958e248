import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { FormError } from "~/components/labour";
import { changeOwnPassword } from "~/services/accounts/passwords.server";
import { newPasswordFields, SAME_PASSWORD_ISSUE, samePassword } from "~/services/accounts/schemas";
import { attempt, invalid } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields, requiredText } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";
import { readSessionId } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "修改密码 · 园校通" }];

const ChangeSchema = z.object({ current: requiredText("当前密码", 128), ...newPasswordFields }).refine(samePassword, SAME_PASSWORD_ISSUE);

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    return json({ required: principal.mustChangePassword ?? false, login: principal.login });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request);
    const parsed = parseFields(ChangeSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const currentSessionId = await readSessionId(request);
    const result = await attempt(() => changeOwnPassword({ principal, currentSessionId, current: parsed.data.current, password: parsed.data.password }));
    if (!result.ok) return result.response;
    return redirectWithFlash(request, "密码已修改，其他设备上的登录已退出");
  });
}

export default function PasswordPage() {
  const { required, login } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = result && "fieldErrors" in result ? result.fieldErrors : {};
  return (
    <section className="panel narrow">
      <h1>修改密码</h1>
      {required && !result ? (
        <p className="notice" role="status">
          您的密码由管理员设置，请先修改密码后再继续使用。
        </p>
      ) : null}
      <Form method="post" noValidate className="stack">
        <CsrfInput />
        <input type="hidden" name="username" value={login} autoComplete="username" />
        <Field label="当前密码" name="current" type="password" maxLength={128} autoComplete="current-password" error={errors.current} />
        <Field label="新密码" name="password" type="password" maxLength={128} autoComplete="new-password" error={errors.password} />
        <Field label="确认新密码" name="confirm" type="password" maxLength={128} autoComplete="new-password" error={errors.confirm} />
        <p className="muted">密码至少 8 位，不能与用户名相同，也不能是常见密码。</p>
        <FormError message={result && "formError" in result && Object.keys(errors).length === 0 ? result.formError : null} />
        <button type="submit" className="button button-primary" disabled={busy}>
          修改密码
        </button>
      </Form>
    </section>
  );
}
