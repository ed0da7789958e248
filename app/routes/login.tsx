import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { safeRedirect } from "~/domain/auth/safe-redirect";
import { Field } from "~/components/field";
import { passwordChangeRequired } from "~/services/accounts/passwords.server";
import { clientAddress } from "~/utils/client-address.server";
import { requireAnonymousForm, rotateBrowserCsrfToken } from "~/utils/csrf.server";
import { getPrincipal, PASSWORD_PAGE } from "~/utils/principal.server";
import { authenticate, readDevice, rememberDevice, startSession } from "~/utils/session.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields, requiredText } from "~/utils/forms";
import { refusal } from "~/utils/action-result.server";

export const meta: MetaFunction = () => [{ title: "登录 · 园校通" }];

const LoginSchema = z.object({
  login: requiredText("用户名", 64),
  password: requiredText("密码", 128),
  redirectTo: z.string().max(500).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getPrincipal(request)) return redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withErrors(async () => {
    const form = await requireAnonymousForm(request);
    const parsed = parseFields(LoginSchema, form);
    if (!parsed.ok) return json({ fieldErrors: parsed.fieldErrors }, { status: 400 });
    const { login, password, redirectTo } = parsed.data;
    const device = await readDevice(request);
    try {
      const accountId = await authenticate(login, password, clientAddress(context), device);
      const headers = new Headers();
      headers.append("Set-Cookie", await startSession(accountId));
      headers.append("Set-Cookie", await rememberDevice(device, login));
      headers.append("Set-Cookie", await rotateBrowserCsrfToken());
      const mustChange = await passwordChangeRequired(accountId);
      return redirect(mustChange ? `${PASSWORD_PAGE}?required=1` : safeRedirect(redirectTo), { headers });
    } catch (error) {
      const refused = refusal(error, { when: (e) => ["bad_credentials", "throttled", "deactivated"].includes(e.code), at: "password" });
      if (refused) return json({ fieldErrors: refused.fieldErrors }, { status: refused.status });
      throw error;
    }
  });
}

export default function LoginPage() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  return (
    <section className="panel narrow">
      <h1>登录园校通</h1>
      <p className="muted">院校、企业、人社局、园区及省园区办工作人员和毕业生使用本单位分配的账号登录。</p>
      <Form method="post" noValidate className="stack">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field label="用户名" name="login" autoComplete="username" error={errors.login} maxLength={64} />
        <Field
          label="密码"
          name="password"
          type="password"
          autoComplete="current-password"
          error={errors.password}
          maxLength={128}
        />
        <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "正在登录…" : "登录"}
        </button>
      </Form>
      <p className="muted">
        毕业生凭学校发放的激活函 <Link to="/activate">激活账号</Link>，不在名册上的可 <Link to="/register/graduate">注册</Link>；企业可{" "}
        <Link to="/register/enterprise">注册加入</Link>。
      </p>
    </section>
  );
}
