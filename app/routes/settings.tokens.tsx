import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { chinaMinute } from "~/domain/china-time";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { createApiToken, listApiTokens, revokeApiToken } from "~/services/accounts/api-tokens.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields, requiredText, idField } from "~/utils/forms";
import { ListTable } from "~/components/list-controls";

export const meta: MetaFunction = () => [{ title: "API 令牌 · 园校通" }];

const CreateSchema = z.object({ intent: z.literal("create"), name: requiredText("令牌名称", 50) });
const RevokeSchema = z.object({ intent: z.literal("revoke"), id: idField });

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    const tokens = await listApiTokens({ accountId: principal.accountId });
    return json({ tokens });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request);
    if (form.get("intent") === "revoke") {
      const parsed = parseFields(RevokeSchema, form);
      if (!parsed.ok) throw new AppError({ message: "令牌编号无效" });
      await revokeApiToken({ accountId: principal.accountId, id: parsed.data.id });
      return redirectWithFlash(request, "令牌已吊销，使用它的请求将被拒绝");
    }
    const parsed = parseFields(CreateSchema, form);
    if (!parsed.ok) return json({ token: null, fieldErrors: parsed.fieldErrors }, { status: 400 });
    const { token } = await createApiToken({ accountId: principal.accountId, name: parsed.data.name });
    // The token is shown on this page once, never put in a cookie: no redirect here.
    return json({ token, fieldErrors: null });
  });
}


export default function TokensPage() {
  const { tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>API 令牌</h1>
      <p className="muted">
        令牌用于以您的身份调用 <code>/api/v1</code> 接口（请求头 <code>Authorization: Bearer 令牌</code>），权限与您的账号相同。
      </p>
      {result?.token ? (
        <div className="notice" role="status">
          <p>新令牌已生成，只显示这一次，请立即复制保存：</p>
          <code className="token">{result.token}</code>
        </div>
      ) : null}
      <Form method="post" className="panel inline-form">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <Field label="令牌名称" name="name" placeholder="例如：数据对接脚本" maxLength={50} error={result?.fieldErrors?.name} />
        <button type="submit" className="button button-primary">
          生成令牌
        </button>
      </Form>
      <ListTable headings={["名称", "前缀", "创建时间", "最近使用", "状态", "操作"]} rows={tokens} empty="还没有令牌">
        {(t) => (
          <tr key={t.id}>
            <td>{t.name}</td>
            <td>
              <code>{t.prefix}…</code>
            </td>
            <td>{chinaMinute(t.createdAt)}</td>
            <td>{chinaMinute(t.lastUsedAt)}</td>
            <td>{t.revokedAt ? "已吊销" : "有效"}</td>
            <td>
              {t.revokedAt ? null : (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="id" value={t.id} />
                  <button type="submit" className="button button-quiet">
                    吊销
                  </button>
                </Form>
              )}
            </td>
          </tr>
        )}
      </ListTable>
    </div>
  );
}
