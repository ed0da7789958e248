import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { FormError } from "~/components/labour";
import { SelectField } from "~/components/select-field";
import { FIRST_ADMIN_KINDS, ORG_ROLE_LABELS, ORG_ROLES } from "~/domain/constants";
import { clearMemberThrottle, firstAdminChoices, inviteFirstAdmin, inviteMember, listMembers, setActive, setOrgRole } from "~/services/accounts/members.server";
import { issueResetLink, setTemporaryPassword } from "~/services/accounts/passwords.server";
import { mobileField } from "~/services/accounts/schemas";
import { attempt, invalid } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields, requiredText } from "~/utils/forms";
import { requirePrincipal } from "~/utils/principal.server";
import { chinaMinute } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "成员与账号 · 园校通" }];

const ORG_ROLES_OF_PAGE = ["park", "college", "enterprise", "bureau", "province"] as const;
const accountId = z.coerce.number().int().positive({ error: "请选择成员" });
const DELIVERY_TEXT = { queued: "已放入消息发件箱", sent: "已通过短信发送", failed: "短信未能发送，已留在消息发件箱" } as const;

const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), displayName: requiredText("姓名", 40), mobile: mobileField, orgRole: z.enum(ORG_ROLES, { error: "请选择身份" }) }),
  z.object({
    intent: z.literal("firstAdmin"),
    kind: z.enum(FIRST_ADMIN_KINDS, { error: "请选择单位类型" }),
    orgId: z.coerce.number().int().positive({ error: "请选择单位" }),
    displayName: requiredText("姓名", 40),
    mobile: mobileField,
  }),
  z.object({ intent: z.literal("role"), accountId, orgRole: z.enum(ORG_ROLES, { error: "请选择身份" }) }),
  z.object({ intent: z.literal("deactivate"), accountId }),
  z.object({ intent: z.literal("reactivate"), accountId }),
  z.object({ intent: z.literal("reset"), accountId }),
  z.object({ intent: z.literal("temporary"), accountId, password: requiredText("临时密码", 128) }),
  z.object({ intent: z.literal("unthrottle"), accountId }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ORG_ROLES_OF_PAGE);
    const [members, choices] = await Promise.all([listMembers({ principal }), principal.role === "province" ? firstAdminChoices() : null]);
    return json({ ...members, choices, me: principal.accountId }, { headers: { "Cache-Control": "no-store" } });
  });
}

type Done = { ok: true; message: string; link?: string };

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ORG_ROLES_OF_PAGE);
    const parsed = parseFields(IntentSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const input = parsed.data;
    const result = await attempt(async (): Promise<Done> => {
      switch (input.intent) {
        case "invite": {
          const sent = await inviteMember({ principal, input });
          return { ok: true, message: `已邀请 ${input.displayName}（${ORG_ROLE_LABELS[input.orgRole]}），链接 7 天内有效、仅能使用一次；${DELIVERY_TEXT[sent.delivery.status]}`, link: sent.path };
        }
        case "firstAdmin": {
          const sent = await inviteFirstAdmin({ principal, kind: input.kind, orgId: input.orgId, input });
          return { ok: true, message: `已邀请 ${input.displayName} 担任${sent.organisation}的管理员；${DELIVERY_TEXT[sent.delivery.status]}`, link: sent.path };
        }
        case "role": {
          const { displayName } = await setOrgRole({ principal, accountId: input.accountId, orgRole: input.orgRole });
          return { ok: true, message: `${displayName} 现为${ORG_ROLE_LABELS[input.orgRole]}` };
        }
        case "deactivate": {
          const { displayName } = await setActive({ principal, accountId: input.accountId, active: false });
          return { ok: true, message: `已停用 ${displayName}：其登录会话和 API 令牌已立即失效` };
        }
        case "reactivate": {
          const { displayName } = await setActive({ principal, accountId: input.accountId, active: true });
          return { ok: true, message: `已恢复 ${displayName} 的账号` };
        }
        case "reset": {
          const issued = await issueResetLink({ principal, accountId: input.accountId });
          const sent = issued.delivery ? DELIVERY_TEXT[issued.delivery.status] : "该成员未登记手机号，请把链接当面交给本人";
          return { ok: true, message: `已为 ${issued.displayName} 签发重置密码链接，24 小时内有效、仅能使用一次；${sent}`, link: issued.path };
        }
        case "temporary": {
          const { displayName } = await setTemporaryPassword({ principal, accountId: input.accountId, password: input.password });
          return { ok: true, message: `已为 ${displayName} 设置临时密码，其下次登录时必须修改` };
        }
        case "unthrottle": {
          const { displayName } = await clearMemberThrottle({ principal, accountId: input.accountId });
          return { ok: true, message: `已解除 ${displayName} 的登录限制` };
        }
      }
    });
    if (!result.ok) return result.response;
    // A one-time link (invitation, password reset) is shown on this page once and never
    // put in a cookie; every other change is told after the redirect (ADR 112).
    if (!result.data.link) return redirectWithFlash(request, result.data.message);
    return json(result.data, { headers: { "Cache-Control": "no-store" } });
  });
}

function MemberAction({ intent, id, label, busy, children }: { intent: string; id: number; label: string; busy: boolean; children?: React.ReactNode }) {
  return (
    <Form method="post" className="actions">
      <CsrfInput />
      <input type="hidden" name="accountId" value={id} />
      {children}
      <button type="submit" name="intent" value={intent} className="button button-quiet" disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

export default function MembersPage() {
  const { members, invitations, isAdmin, choices, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = result && "fieldErrors" in result ? result.fieldErrors : {};
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <div className="stack">
      <h1>成员与账号</h1>
      <p className="muted">本单位的账号。管理员可以邀请同事、设为管理员或工作人员、停用账号、签发重置密码链接，并解除登录限制。</p>
      {result && "message" in result ? (
        <div className="notice" role="status">
          <p>{result.message}</p>
          {result.link ? (
            <p>
              链接（仅显示这一次）：<code className="wrap">{origin + result.link}</code>
            </p>
          ) : null}
        </div>
      ) : (
        <FormError message={result && "formError" in result ? result.formError : null} />
      )}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">姓名</th>
              <th scope="col">用户名</th>
              <th scope="col">身份</th>
              <th scope="col">状态</th>
              <th scope="col">加入时间</th>
              {isAdmin ? <th scope="col">管理</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>{m.displayName}</td>
                <td>{m.login}</td>
                <td>{ORG_ROLE_LABELS[m.orgRole as keyof typeof ORG_ROLE_LABELS] ?? m.orgRole}</td>
                <td>
                  {m.active ? "在用" : "已停用"}
                  {m.mustChangePassword ? "，待修改临时密码" : ""}
                  {m.throttle ? `，最近连续登录失败 ${m.throttle.failures} 次，登录已被放慢` : ""}
                </td>
                <td>{chinaMinute(m.createdAt)}</td>
                {isAdmin ? (
                  <td>
                    <div className="actions">
                      {m.id === me ? (
                        <span className="muted">本人</span>
                      ) : (
                        <>
                          <MemberAction intent="role" id={m.id} label={m.orgRole === "admin" ? "设为工作人员" : "设为管理员"} busy={busy}>
                            <input type="hidden" name="orgRole" value={m.orgRole === "admin" ? "staff" : "admin"} />
                          </MemberAction>
                          {m.active ? (
                            <MemberAction intent="deactivate" id={m.id} label="停用" busy={busy} />
                          ) : (
                            <MemberAction intent="reactivate" id={m.id} label="恢复" busy={busy} />
                          )}
                          <MemberAction intent="reset" id={m.id} label="签发重置密码链接" busy={busy} />
                          <MemberAction intent="temporary" id={m.id} label="设临时密码" busy={busy}>
                            <input name="password" type="password" autoComplete="new-password" aria-label={`${m.displayName} 的临时密码`} maxLength={128} placeholder="临时密码" />
                          </MemberAction>
                        </>
                      )}
                      {m.throttle ? <MemberAction intent="unthrottle" id={m.id} label="解除登录限制" busy={busy} /> : null}
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isAdmin ? (
        <section className="panel stack" aria-labelledby="invite-heading">
          <h2 id="invite-heading">邀请同事</h2>
          <Form method="post" className="stack" noValidate>
            <CsrfInput />
            <div className="form-grid">
              <Field label="姓名" name="displayName" maxLength={40} error={errors.displayName} />
              <Field label="手机号" name="mobile" type="tel" maxLength={20} error={errors.mobile} />
              <SelectField
                label="身份"
                name="orgRole"
                options={ORG_ROLES.map((r) => ({ value: r, label: ORG_ROLE_LABELS[r] }))}
                defaultValue="staff"
                allLabel="请选择"
                error={errors.orgRole}
              />
            </div>
            <div>
              <button type="submit" name="intent" value="invite" className="button button-primary" disabled={busy}>
                生成邀请链接
              </button>
            </div>
          </Form>
          {invitations.length > 0 ? (
            <p className="muted">
              待接受的邀请：{invitations.map((i) => `${i.displayName}（${ORG_ROLE_LABELS[i.orgRole as keyof typeof ORG_ROLE_LABELS] ?? i.orgRole}，${chinaMinute(i.expiresAt)} 前有效）`).join("、")}
            </p>
          ) : null}
        </section>
      ) : (
        <p className="muted panel">您是本单位的工作人员；邀请同事、停用账号等请联系本单位管理员。</p>
      )}
      {choices && isAdmin ? <FirstAdminForm choices={choices} errors={errors} busy={busy} /> : null}
    </div>
  );
}

type Option = { value: string; label: string };

function FirstAdminForm({ choices, errors, busy }: { choices: { park: Option[]; college: Option[]; bureau: Option[] }; errors: Record<string, string>; busy: boolean }) {
  const groups = [
    { kind: "park", label: "园区", options: choices.park },
    { kind: "college", label: "院校", options: choices.college },
    { kind: "bureau", label: "人社局", options: choices.bureau },
  ] as const;
  return (
    <section className="panel stack" aria-labelledby="first-admin-heading">
      <h2 id="first-admin-heading">为单位创建首位管理员</h2>
      <p className="muted">先在“名录管理”中新建园区、院校或人社局，再在此邀请其首位管理员；企业由园区审核其注册申请。</p>
      {groups.map((g) => (
        <Form method="post" className="stack" noValidate key={g.kind}>
          <CsrfInput />
          <input type="hidden" name="kind" value={g.kind} />
          <div className="form-grid">
            <SelectField label={g.label} name="orgId" options={g.options} allLabel={`请选择${g.label}`} error={errors.orgId} />
            <Field label="管理员姓名" name="displayName" maxLength={40} />
            <Field label="手机号" name="mobile" type="tel" maxLength={20} />
          </div>
          <div>
            <button type="submit" name="intent" value="firstAdmin" className="button" disabled={busy}>
              邀请{g.label}管理员
            </button>
          </div>
        </Form>
      ))}
    </section>
  );
}
