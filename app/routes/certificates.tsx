import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CertificateBadge } from "~/components/certificates";
import { CsrfInput } from "~/components/csrf-input";
import { skillLevelText } from "~/components/labour";
import { Pager, SortHeader } from "~/components/list-controls";
import { chinaDate } from "~/domain/china-time";
import { CERTIFICATE_SORTS, listCertificates, VERIFIER_ROLES, VerificationSchema, verifyCertificate } from "~/services/labour/certificates.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idField, parseFields } from "~/utils/forms";
import { parseListQuery } from "~/utils/list-query";
import { requirePrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "证书核验 · 园校通" }];

/** 证书核验: a college verifies its graduates' certificates, a bureau those of the graduates whose claims it reviews (ADR 165). */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, VERIFIER_ROLES);
    const url = new URL(request.url);
    const state = url.searchParams.get("state") === "verified" ? "verified" : "unverified";
    const query = parseListQuery(url, { sorts: CERTIFICATE_SORTS, defaultSort: state === "verified" ? "verifiedAt" : "issuedAt", defaultDirection: "desc" });
    const q = (url.searchParams.get("q") ?? "").trim().slice(0, 30);
    const certificates = await listCertificates({ principal, query, state, q });
    return json({ certificates, state, q, role: principal.role });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, VERIFIER_ROLES);
    const id = idField.safeParse(form.get("certificateId"));
    const parsed = parseFields(VerificationSchema, form);
    if (!id.success) return invalid({ _form: "请选择要核验的证书" });
    if (!parsed.ok) return json({ ok: false as const, formError: "请检查标出的字段", fieldErrors: parsed.fieldErrors, certificateId: id.data }, { status: 400 });
    const done = await attempt(() => verifyCertificate({ principal, certificateId: id.data, input: parsed.data }));
    if (!done.ok) return done.response;
    return redirectWithFlash(request, `已核验 ${done.data.graduate.name} 的证书「${done.data.name}」（${done.data.issuingBody}，编号 ${done.data.certificateNo}）`);
  });
}

export default function CertificatesPage() {
  const { certificates, state, q, role } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failedId = result && "certificateId" in result ? result.certificateId : null;
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <div className="stack">
      <header className="page-head">
        <h1>证书核验</h1>
        <p className="muted">
          {role === "college" ? "本校毕业生" : "本局审核补贴的毕业生"}
          自行登记的职业技能等级证书，核对原件或证书查询系统后填写发证机构和证书编号。未核验的证书在岗位匹配中按一半计分，也不能用于高级工及以上订单；核验有误时，毕业生所在院校或核验的人社局可说明原因后更正或撤销，每次更正和撤销都留档。
        </p>
      </header>
      <nav className="actions" aria-label="核验状态">
        <Link to="?state=unverified" className={state === "unverified" ? "button button-primary" : "button"} aria-current={state === "unverified" ? "page" : undefined}>
          待核验
        </Link>
        <Link to="?state=verified" className={state === "verified" ? "button button-primary" : "button"} aria-current={state === "verified" ? "page" : undefined}>
          已核验
        </Link>
      </nav>
      <Form method="get" className="filters panel">
        <input type="hidden" name="state" value={state} />
        <div className="field">
          <label htmlFor="q">毕业生或证书名称</label>
          <input id="q" name="q" defaultValue={q} maxLength={30} />
        </div>
        <button type="submit" className="button">
          筛选
        </button>
      </Form>
      {result && !result.ok && result.formError && failedId === null ? (
        <p className="field-error" role="alert">
          {result.formError}
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">毕业生</th>
              <th scope="col">院校</th>
              <th scope="col">证书</th>
              <SortHeader label="等级" sortKey="level" current={certificates} />
              <SortHeader label="发证日期" sortKey="issuedAt" current={certificates} />
              <th scope="col">{state === "verified" ? "核验结果" : "核验"}</th>
            </tr>
          </thead>
          <tbody>
            {certificates.rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted">
                  {state === "verified" ? "暂无已核验的证书" : "没有待核验的证书"}
                </td>
              </tr>
            ) : (
              certificates.rows.map((c) => {
                const own = failedId === c.id ? errors : {};
                return (
                  <tr key={c.id}>
                    <td>
                      {c.graduate.name} <code>{c.graduate.idNumberMasked}</code>
                    </td>
                    <td>{c.graduate.college.name}</td>
                    <td>{c.name}</td>
                    <td>{skillLevelText(c.level)}</td>
                    <td>{chinaDate(c.issuedAt)}</td>
                    <td>
                      {c.verifiedAt ? (
                        <div className="certificate-result">
                          <div>
                            <CertificateBadge certificate={c} />
                          </div>
                          <div className="muted">核验人 {c.verifiedBy?.displayName ?? "—"}</div>
                          <div>
                            <Link to={`/certificates/${c.id}`}>核验记录 · 更正或撤销</Link>
                          </div>
                        </div>
                      ) : (
                        <Form method="post" className="actions" aria-label={`核验 ${c.graduate.name} 的证书 ${c.name}`}>
                          <CsrfInput />
                          <input type="hidden" name="certificateId" value={c.id} />
                          <label>
                            发证机构
                            <input name="issuingBody" required maxLength={60} aria-invalid={own.issuingBody ? true : undefined} />
                          </label>
                          <label>
                            证书编号
                            <input name="certificateNo" required maxLength={40} aria-invalid={own.certificateNo ? true : undefined} />
                          </label>
                          <button type="submit" className="button button-primary" disabled={busy}>
                            核验
                          </button>
                          {c.revision > 0 ? <Link to={`/certificates/${c.id}`}>核验已撤销 · 记录</Link> : null}
                          {failedId === c.id && result && !result.ok ? (
                            <span className="field-error" role="alert">
                              {Object.values(own).join("；") || result.formError}
                            </span>
                          ) : null}
                        </Form>
                      )}
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      <Pager total={certificates.total} page={certificates.page} pageSize={certificates.pageSize} />
    </div>
  );
}
