import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CERTIFICATE_ACTION_LABELS, CertificateBadge } from "~/components/certificates";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { FormError, skillLevelText } from "~/components/labour";
import { chinaDate, chinaMinute } from "~/domain/china-time";
import {
  certificateWithHistory,
  correctVerification,
  CorrectionSchema,
  revokeVerification,
  RevocationSchema,
  VERIFIER_ROLES,
} from "~/services/labour/certificates.server";
import { attempt } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields } from "~/utils/forms";
import { idParam } from "~/utils/params.server";
import { requirePrincipal } from "~/utils/principal.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.certificate.name ?? "证书"}的核验记录 · 园校通` }];

/**
 * One certificate's verification record (ADR 167): its log, and — for the graduate's
 * college or the bureau that verified it — forms to correct the issuing body and number
 * or to revoke the verification, each with a reason.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, VERIFIER_ROLES);
    const certificate = await certificateWithHistory({ principal, certificateId: idParam(params.id, "证书") });
    return json({ certificate });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, VERIFIER_ROLES);
    const certificateId = idParam(params.id, "证书");
    const intent = form.get("intent") === "revoke" ? "revoke" : "correct";
    if (intent === "revoke") {
      const parsed = parseFields(RevocationSchema, form);
      if (!parsed.ok) return json({ ok: false as const, intent, formError: "请填写撤销原因", fieldErrors: parsed.fieldErrors }, { status: 400 });
      const done = await attempt(() => revokeVerification({ principal, certificateId, reason: parsed.data.reason }));
      if (!done.ok) return done.response;
      return redirectWithFlash(request, `已撤销 ${done.data.graduate.name} 的证书「${done.data.name}」的核验，该证书现按未核验计`);
    }
    const parsed = parseFields(CorrectionSchema, form);
    if (!parsed.ok) return json({ ok: false as const, intent, formError: "请检查标出的字段", fieldErrors: parsed.fieldErrors }, { status: 400 });
    const done = await attempt(() => correctVerification({ principal, certificateId, input: parsed.data }));
    if (!done.ok) return done.response;
    return redirectWithFlash(request, `已更正证书「${done.data.name}」：${done.data.issuingBody}，编号 ${done.data.certificateNo}`);
  });
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : "—");

export default function CertificateRecordPage() {
  const { certificate: c } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const failedIntent = failed && "intent" in failed ? failed.intent : null;
  const errors = failed?.fieldErrors ?? {};
  const correctErrors = failedIntent === "revoke" ? {} : errors;
  const revokeErrors = failedIntent === "revoke" ? errors : {};
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">
          <Link to="/certificates?state=verified">证书核验</Link>
        </p>
        <h1>
          {c.graduate.name} · {c.name}
        </h1>
      </header>
      <dl className="facts panel">
        <div>
          <dt>毕业生</dt>
          <dd>
            {c.graduate.name} <code>{c.graduate.idNumberMasked}</code>
          </dd>
        </div>
        <div>
          <dt>院校</dt>
          <dd>{c.graduate.college.name}</dd>
        </div>
        <div>
          <dt>等级</dt>
          <dd>{skillLevelText(c.level)}</dd>
        </div>
        <div>
          <dt>发证日期</dt>
          <dd>{chinaDate(c.issuedAt)}</dd>
        </div>
        <div>
          <dt>核验状态</dt>
          <dd>
            <CertificateBadge certificate={c} />
          </dd>
        </div>
        <div>
          <dt>核验人</dt>
          <dd>{c.verifiedAt ? (c.verifiedBy?.displayName ?? "—") : "—"}</dd>
        </div>
      </dl>
      {failed && !failedIntent ? <FormError message={failed.formError} /> : null}
      {c.mayCorrect ? (
        <div className="grid-2">
          <Form method="post" className="panel stack" aria-labelledby="correct-heading">
            <h2 id="correct-heading">更正发证机构或证书编号</h2>
            <CsrfInput />
            <input type="hidden" name="intent" value="correct" />
            <Field label="发证机构" name="issuingBody" defaultValue={c.issuingBody ?? ""} required maxLength={60} error={correctErrors.issuingBody} />
            <Field label="证书编号" name="certificateNo" defaultValue={c.certificateNo ?? ""} required maxLength={40} error={correctErrors.certificateNo} />
            <Field label="更正原因" name="reason" required maxLength={200} error={correctErrors.reason} />
            {failedIntent === "correct" ? <FormError message={correctErrors._form ?? (Object.keys(correctErrors).length ? null : failed?.formError)} /> : null}
            <p className="actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                保存更正
              </button>
            </p>
          </Form>
          <Form method="post" className="panel stack" aria-labelledby="revoke-heading">
            <h2 id="revoke-heading">撤销核验</h2>
            <p className="muted">撤销后该证书按未核验计：岗位匹配中按一半计分，不能再用于高级工及以上订单，院校或人社局可重新核验。</p>
            <CsrfInput />
            <input type="hidden" name="intent" value="revoke" />
            <Field label="撤销原因" name="reason" required maxLength={200} error={revokeErrors.reason} />
            {failedIntent === "revoke" ? <FormError message={revokeErrors._form ?? (Object.keys(revokeErrors).length ? null : failed?.formError)} /> : null}
            <p className="actions">
              <button type="submit" className="button" disabled={busy}>
                撤销核验
              </button>
            </p>
          </Form>
        </div>
      ) : c.verifiedAt ? (
        <p className="muted" role="note">
          只有毕业生所在院校或核验该证书的人社局可以更正或撤销核验。
        </p>
      ) : null}
      <section className="panel stack" aria-labelledby="log-heading">
        <h2 id="log-heading">核验记录</h2>
        {c.events.length === 0 ? (
          <p className="muted">暂无记录</p>
        ) : (
          <ol className="certificate-log">
            {c.events.map((e) => (
              <li key={e.id}>
                <span>
                  <strong>{CERTIFICATE_ACTION_LABELS[e.action] ?? e.action}</strong> · {chinaMinute(e.at)} · {e.actor?.displayName ?? "—"}
                </span>
                {e.detail.before ? (
                  <span className="muted">
                    原记录：{text(e.detail.before.issuingBody)}，编号 {text(e.detail.before.certificateNo)}
                  </span>
                ) : null}
                {e.detail.after ? (
                  <span className="muted">
                    {e.action === "verified" ? "核验为" : "更正为"}：{text(e.detail.after.issuingBody)}，编号 {text(e.detail.after.certificateNo)}
                  </span>
                ) : null}
                {e.reason ? <span>原因：{e.reason}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
