import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Pager } from "~/components/list-controls";
import { listNotifications, markNotificationsRead } from "~/services/labour/notifications.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { optionalIdParam } from "~/utils/params.server";
import { chinaMinute } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "消息通知 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    const params = new URL(request.url).searchParams;
    const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
    return json({ notifications: await listNotifications({ principal, page }), welcome: params.get("welcome") === "invitations" });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request);
    const id = optionalIdParam(form.get("id"));
    const marked = await markNotificationsRead({ principal, id });
    return redirectWithFlash(request, id ? "已标为已读" : `已将 ${marked} 条通知标为已读`);
  });
}

export default function NotificationsPage() {
  const { notifications, welcome } = useLoaderData<typeof loader>();
  const unread = notifications.rows.some((n) => !n.readAt);
  return (
    <div className="stack">
      <div className="actions" style={{ justifyContent: "space-between" }}>
        <h1>消息通知</h1>
        {unread ? (
          <Form method="post">
            <CsrfInput />
            <button type="submit" className="button">
              全部标为已读
            </button>
          </Form>
        ) : null}
      </div>
      {welcome ? (
        <p className="notice" role="status">
          账号已激活。以下是您激活前企业发来的投递邀请。
        </p>
      ) : null}
      {notifications.rows.length === 0 ? <p className="muted panel">暂无通知</p> : null}
      <ul className="rows panel">
        {notifications.rows.map((n) => (
          <li key={n.id}>
            <span>
              {n.readAt ? null : <span className="badge badge-no">未读</span>} <strong>{n.link ? <Link to={`/notifications/${n.id}`}>{n.title}</Link> : n.title}</strong>
              <div className="muted">{n.body}</div>
            </span>
            <span className="actions">
              <span className="muted">{chinaMinute(n.createdAt)}</span>
              {n.readAt ? null : (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="button button-quiet">
                    已读
                  </button>
                </Form>
              )}
            </span>
          </li>
        ))}
      </ul>
      <Pager total={notifications.total} page={notifications.page} pageSize={notifications.pageSize} />
    </div>
  );
}
