import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { FormError } from "~/components/labour";
import { ORG_ROLE_LABELS } from "~/domain/constants";
import { acceptInvitation, invitationOffer } from "~/services/accounts/members.server";
import { loginField, newPasswordFields, SAME_PASSWORD_ISSUE, samePassword } from "~/services/accounts/schemas";
import { attempt, invalid } from "~/utils/action-result.server";
import { requireAnonymousForm, rotateBrowserCsrfToken } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields } from "~/utils/forms";
import { getPrincipal } from "~/utils/principal.server";
import { startSession } from "~/utils/session.server";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "接受邀请 · 园校通" }, { name: "referrer", content: "no-referrer" }];

const JoinSchema = z.object({ login: loginField, ...newPasswordFields }).refine(samePassword, SAME_PASSWORD_ISSUE);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const signedIn = (await getPrincipal(request)) !== null;
    const offer = await invitationOffer(params.token ?? "");
    return json({ signedIn, offer }, { headers: { "Cache-Control": "no-store" } });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const form = await requireAnonymousForm(request);
    const parsed = parseFields(JoinSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await attempt(() => acceptInvitation({ token: params.token ?? "", login: parsed.data.login, password: parsed.data.password }));
    if (!result.ok) return result.response;
    const headers = new Headers();
    headers.append("Set-Cookie", await startSession(result.data));
    headers.append("Set-Cookie", await rotateBrowserCsrfToken());
    return redirect("/home", { headers });
  });
}

export default function JoinPage() {
  const { offer, signedIn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (!offer) {
    return (
      <section className="panel narrow stack">
        <h1>邀请链接已失效</h1>
        <p>该邀请链接不存在、已被使用或已过期。请联系邀请您的单位管理员重新邀请。</p>
        <p>
          <Link to="/login">前往登录</Link>
        </p>
      </section>
    );
  }
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  return (
    <section className="panel narrow">
      <h1>加入{offer.organisation}</h1>
      <p className="muted">
        {offer.displayName}，{offer.organisation}邀请您以{ORG_ROLE_LABELS[offer.orgRole]}身份加入园校通（{chinaDate(offer.expiresAt)} 前有效）。请设置用户名和密码。
        {signedIn ? " 您当前已登录其他账号，接受邀请后将以新账号登录。" : null}
      </p>
      <Form method="post" noValidate className="stack">
        <CsrfInput />
        <Field label="用户名" name="login" maxLength={32} autoComplete="username" error={errors.login} />
        <Field label="密码" name="password" type="password" maxLength={128} autoComplete="new-password" error={errors.password} />
        <Field label="确认密码" name="confirm" type="password" maxLength={128} autoComplete="new-password" error={errors.confirm} />
        <p className="muted">密码至少 8 位，不能与用户名相同，也不能是常见密码。</p>
        <FormError message={result && Object.keys(errors).length === 0 ? result.formError : null} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "正在加入…" : "接受邀请并登录"}
        </button>
      </Form>
    </section>
  );
}
