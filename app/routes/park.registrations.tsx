import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { FormError } from "~/components/labour";
import { listEnterpriseRegistrations, reviewEnterpriseRegistration } from "~/services/accounts/enterprise-registration.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";
import { chinaDate } from "~/domain/china-time";
import { ListTable } from "~/components/list-controls";

export const meta: MetaFunction = () => [{ title: "企业注册审核 · 园校通" }];

const ReviewSchema = z.object({
  registrationId: z.coerce.number().int().positive({ error: "请选择申请" }),
  decision: z.enum(["approve", "reject"], { error: "请选择通过或驳回" }),
  reason: z.string().trim().max(200, { error: "原因不能超过 200 个字符" }).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["park"]);
    return json(await listEnterpriseRegistrations({ principal }), { headers: { "Cache-Control": "no-store" } });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["park"]);
    const parsed = parseFields(ReviewSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await attempt(() => reviewEnterpriseRegistration({ principal, ...parsed.data }));
    if (!result.ok) return result.response;
    const { approved, name } = result.data;
    return redirectWithFlash(request, approved ? `已通过 ${name} 的注册，联系人现为该企业管理员` : `已驳回 ${name} 的注册，原因已发给联系人`);
  });
}

const STATUS_TEXT: Record<string, string> = { approved: "已通过", rejected: "已驳回" };

export default function ParkRegistrationsPage() {
  const { pending, decided } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <h1>企业注册审核</h1>
      <p className="muted">在本园区申请注册的企业。通过后企业登记进园区企业名录，联系人成为企业管理员；驳回需填写原因，会发送给联系人。</p>
      <FormError message={result?.formError} />
      <section className="panel stack" aria-labelledby="pending-heading">
        <h2 id="pending-heading">待审核（{pending.length}）</h2>
        {pending.length === 0 ? <p className="muted">没有待审核的申请</p> : null}
        {pending.map((r) => (
          <article key={r.id} className="stack">
            <h3>{r.name}</h3>
            <dl className="facts">
              <div>
                <dt>统一社会信用代码</dt>
                <dd>{r.creditCode}</dd>
              </div>
              <div>
                <dt>职工人数</dt>
                <dd>{r.headcount}</dd>
              </div>
              <div>
                <dt>联系人</dt>
                <dd>
                  {r.contactName}（{r.contactPhone}），用户名 {r.login}
                </dd>
              </div>
              <div>
                <dt>申请日期</dt>
                <dd>{chinaDate(r.createdAt)}</dd>
              </div>
            </dl>
            <div className="actions">
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="registrationId" value={r.id} />
                <button type="submit" name="decision" value="approve" className="button button-primary" disabled={busy}>
                  通过
                </button>
              </Form>
              <Form method="post" className="actions">
                <CsrfInput />
                <input type="hidden" name="registrationId" value={r.id} />
                <label>
                  驳回原因 <input name="reason" maxLength={200} aria-label={`驳回 ${r.name} 的原因`} />
                </label>
                <button type="submit" name="decision" value="reject" className="button" disabled={busy}>
                  驳回
                </button>
              </Form>
            </div>
          </article>
        ))}
      </section>
      <section className="panel" aria-labelledby="decided-heading">
        <h2 id="decided-heading">最近审核</h2>
        <ListTable headings={["企业", "信用代码", "结果", "原因", "审核日期"]} rows={decided} empty="还没有审核记录">
          {(r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td>{r.creditCode}</td>
              <td>{STATUS_TEXT[r.status] ?? r.status}</td>
              <td className="wrap">{r.reason ?? "—"}</td>
              <td>{chinaDate(r.reviewedAt)}</td>
            </tr>
          )}
        </ListTable>
      </section>
    </div>
  );
}
