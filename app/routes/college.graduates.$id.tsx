import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { GraduateRecord } from "~/components/graduate-record";
import { FormError } from "~/components/labour";
import { activationStatus, reissueActivationCode } from "~/services/accounts/activation.server";
import { getGraduate } from "~/services/labour/graduates.server";
import { confirmSeparation } from "~/services/labour/separations.server";
import { attempt } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.graduate.name ?? "毕业生"} · 园校通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["college"]);
    const graduateId = idParam(params.id, "毕业生");
    const [graduate, activation] = await Promise.all([getGraduate({ principal, graduateId }), activationStatus({ principal, graduateId })]);
    return json({ graduate, activation }, { headers: { "Cache-Control": "no-store" } });
  });
}

/** Re-issues the graduate's activation code: shown once here, and sent to the graduate's mobile. */
export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["college"]);
    if (form.get("intent") === "confirm_end") {
      const ended = await attempt(() => confirmSeparation({ principal, placementId: idParam(form.get("placementId"), "就业记录") }));
      if (!ended.ok) return ended.response;
      return redirectWithFlash(request, `已代为确认离职（${ended.data.endedOn}，${ended.data.endReason}）`);
    }
    const result = await attempt(() => reissueActivationCode({ principal, graduateId: idParam(params.id, "毕业生") }));
    if (!result.ok) return result.response;
    const { letter, delivery } = result.data;
    return json(
      { ok: true as const, code: letter.code, expiresAt: letter.expiresAt.toISOString(), delivery: delivery.status, formError: null },
      { headers: { "Cache-Control": "no-store" } },
    );
  });
}

const DELIVERY_TEXT = { queued: "已放入消息发件箱，待工作人员转交", sent: "已通过短信发送到毕业生手机", failed: "短信网关未能发送，已留在消息发件箱" } as const;

export default function CollegeGraduatePage() {
  const { graduate, activation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <p>
        <Link to="/college/graduates">← 毕业生名册</Link>
      </p>
      <h1>{graduate.name}</h1>
      <section className="panel stack" aria-labelledby="account-heading">
        <h2 id="account-heading">平台账号</h2>
        {activation.account ? (
          <p>
            已激活，登录名 {activation.account.login}
            {activation.account.active ? null : "（已停用）"}
          </p>
        ) : (
          <>
            <p>
              尚未激活。{activation.codeExpiresAt ? `当前激活码有效期至 ${chinaDate(activation.codeExpiresAt)}。` : "尚未签发激活码。"}
            </p>
            <Form method="post">
              <CsrfInput />
              <button type="submit" className="button" disabled={busy}>
                重新签发激活码
              </button>
            </Form>
          </>
        )}
        {result?.ok && "code" in result ? (
          <p className="notice" role="status">
            新激活码 <strong className="code">{result.code}</strong>，有效期至 {chinaDate(result.expiresAt)}；原激活码已作废。
            {DELIVERY_TEXT[result.delivery]}。
          </p>
        ) : (
          <FormError message={result?.formError} />
        )}
      </section>
      <GraduateRecord
        graduate={graduate}
        separationAction={(placementId) => (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="placementId" value={placementId} />
            <button type="submit" name="intent" value="confirm_end" className="button" disabled={busy}>
              代为确认离职（用人单位 10 个工作日未答复）
            </button>
          </Form>
        )}
      />
    </div>
  );
}
