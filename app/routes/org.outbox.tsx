import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ListTable } from "~/components/list-controls";
import { MESSAGE_KIND_LABELS } from "~/domain/constants";
import { listOutbox } from "~/services/accounts/messages.server";
import { withErrors } from "~/utils/errors.server";
import { requirePrincipal } from "~/utils/principal.server";
import { chinaMinute } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "消息发件箱 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["province", "college"]);
    const page = Math.max(1, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1);
    return json({ ...(await listOutbox({ principal, page })), role: principal.role }, { headers: { "Cache-Control": "no-store" } });
  });
}

const STATUS_TEXT: Record<string, string> = {
  queued: "待转交",
  pending: "等待短信网关发送",
  sending: "正在由短信网关发送（长时间未变请核实是否送达）",
  sent: "已由短信网关发送",
  failed: "短信网关发送失败，待转交",
};

export default function OutboxPage() {
  const { rows, total, page, pageSize, role } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>消息发件箱</h1>
      <p className="muted">
        {role === "province" ? "平台发出的全部消息" : "发给本校毕业生的消息"}
        ：激活码、加入邀请、重置密码链接和通知。未配置短信网关时，消息留在这里，请工作人员核对身份后转交本人（电话、短信或当面）。
      </p>
      <ListTable headings={["时间", "类型", "手机号", "内容", "状态"]} rows={rows} empty="发件箱是空的" pager={{ total, page, pageSize }}>
        {(m) => (
          <tr key={m.id}>
            <td>{chinaMinute(m.createdAt)}</td>
            <td>{MESSAGE_KIND_LABELS[m.kind as keyof typeof MESSAGE_KIND_LABELS] ?? m.kind}</td>
            <td>{m.mobile}</td>
            <td className="wrap">{m.body}</td>
            <td>{STATUS_TEXT[m.status] ?? m.status}</td>
          </tr>
        )}
      </ListTable>
    </div>
  );
}
