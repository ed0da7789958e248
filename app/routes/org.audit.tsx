import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ListTable } from "~/components/list-controls";
import { ACCOUNT_EVENT_LABELS } from "~/domain/constants";
import { listAccountEvents } from "~/services/accounts/members.server";
import { withErrors } from "~/utils/errors.server";
import { requirePrincipal } from "~/utils/principal.server";
import { chinaMinute } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "账号日志 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["park", "college", "enterprise", "bureau", "province"]);
    const page = Math.max(1, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1);
    return json(await listAccountEvents({ principal, page }), { headers: { "Cache-Control": "no-store" } });
  });
}

const person = (p: { displayName: string; login: string } | null) => (p ? `${p.displayName}（${p.login}）` : "—");

export default function AccountAuditPage() {
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>账号日志</h1>
      <p className="muted">本单位账号的每一次创建、邀请、激活、身份变更、密码重置和停用，按时间倒序；仅管理员可见。</p>
      <ListTable headings={["时间", "事件", "账号", "操作人", "说明"]} rows={rows} empty="暂无记录" pager={{ total, page, pageSize }}>
        {(e) => (
          <tr key={e.id}>
            <td>{chinaMinute(e.createdAt)}</td>
            <td>{ACCOUNT_EVENT_LABELS[e.kind as keyof typeof ACCOUNT_EVENT_LABELS] ?? e.kind}</td>
            <td>{person(e.account)}</td>
            <td>{person(e.actor)}</td>
            <td className="wrap">{e.detail ?? "—"}</td>
          </tr>
        )}
      </ListTable>
    </div>
  );
}
