import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { FormError } from "~/components/labour";
import { listGraduateRegistrations, reviewGraduateRegistration } from "~/services/accounts/graduate-registration.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";
import { chinaDate } from "~/domain/china-time";
import { ListTable } from "~/components/list-controls";

export const meta: MetaFunction = () => [{ title: "毕业生注册确认 · 园校通" }];

const ReviewSchema = z.object({
  registrationId: z.coerce.number().int().positive({ error: "请选择申请" }),
  decision: z.enum(["confirm", "reject"], { error: "请选择确认或不予确认" }),
  reason: z.string().trim().max(200, { error: "原因不能超过 200 个字符" }).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["college"]);
    return json(await listGraduateRegistrations({ principal }), { headers: { "Cache-Control": "no-store" } });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["college"]);
    const parsed = parseFields(ReviewSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await attempt(() => reviewGraduateRegistration({ principal, ...parsed.data }));
    if (!result.ok) return result.response;
    const { confirmed, name } = result.data;
    return redirectWithFlash(request, confirmed ? `已确认 ${name}，已加入本校名册并开通账号` : `已不予确认 ${name}，原因已发给申请人`);
  });
}

const STATUS_TEXT: Record<string, string> = { confirmed: "已确认", rejected: "不予确认" };

export default function CollegeRegistrationsPage() {
  const { pending, decided } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <h1>毕业生注册确认</h1>
      <p className="muted">不在名册上、自行注册并选择本校的毕业生。确认后加入本校毕业生名册并开通账号，才能投递岗位。</p>
      <FormError message={result?.formError} />
      <ListTable headings={["姓名", "身份证号", "手机号", "专业", "毕业日期", "处理"]} rows={pending} empty="没有待确认的注册">
        {(r) => (
          <tr key={r.id}>
            <td>{r.name}</td>
            <td>{r.idNumberMasked}</td>
            <td>{r.mobile}</td>
            <td>
              {r.majorCode} {r.majorName}
            </td>
            <td>{chinaDate(r.graduationDate)}</td>
            <td>
              <div className="actions">
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="registrationId" value={r.id} />
                  <button type="submit" name="decision" value="confirm" className="button button-primary" disabled={busy}>
                    确认
                  </button>
                </Form>
                <Form method="post" className="actions">
                  <CsrfInput />
                  <input type="hidden" name="registrationId" value={r.id} />
                  <input name="reason" maxLength={200} aria-label={`不予确认 ${r.name} 的原因`} placeholder="原因" />
                  <button type="submit" name="decision" value="reject" className="button" disabled={busy}>
                    不予确认
                  </button>
                </Form>
              </div>
            </td>
          </tr>
        )}
      </ListTable>
      {decided.length > 0 ? (
        <section className="panel">
          <h2>最近处理</h2>
          <ul className="rows">
            {decided.map((r) => (
              <li key={r.id}>
                {r.name}：{STATUS_TEXT[r.status] ?? r.status}
                {r.reason ? `（${r.reason}）` : ""} · {chinaDate(r.reviewedAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
