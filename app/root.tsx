import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRevalidator,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { FlashMessage } from "~/components/flash";
import { UnreadBell } from "~/components/unread-count";
import { useNonce } from "~/components/nonce";
import { TableCardLabels } from "~/components/table-cards";
import { ROLE_LABELS } from "~/domain/constants";
import stylesheet from "~/styles/app.css";
import { countUnreadNotifications } from "~/services/labour/notifications.server";
import { readOrIssueCsrfToken } from "~/utils/csrf.server";
import { readFlash } from "~/utils/flash.server";
import { getPrincipal } from "~/utils/principal.server";
import { navigationOf } from "~/utils/navigation";
import { isCityBureau } from "~/services/subsidy/city.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
];

export const meta: MetaFunction = () => [{ title: "园校通 · 江西省园校对接服务平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [principal, csrf, { flash, clear }] = await Promise.all([getPrincipal(request), readOrIssueCsrfToken(request), readFlash(request)]);
  const user = principal
    ? {
        displayName: principal.displayName,
        role: principal.role,
        roleLabel: ROLE_LABELS[principal.role],
        unread: await countUnreadNotifications(principal),
      }
    : null;
  const nav = principal ? navigationOf(principal.role, { cityBureau: await isCityBureau(principal) }) : [];
  const headers = new Headers();
  if (csrf.setCookie) headers.append("Set-Cookie", csrf.setCookie);
  if (clear) headers.append("Set-Cookie", clear);
  return json({ user, nav, csrfToken: csrf.token, flash }, { headers });
}

export type RootLoaderData = typeof loader;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  return (
    <>
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      <header className="topbar">
        <Link to={user ? "/home" : "/"} className="brand">
          <span className="brand-mark" aria-hidden="true">园</span>
          <span>
            园校通<small>江西省园校对接服务平台</small>
          </span>
        </Link>
        {user ? (
          <div className="account">
            <UnreadBell initial={user.unread} />
            <span className="account-name" title={user.displayName}>
              <span className="account-display">{user.displayName}</span>
              <span className="role-badge">{user.roleLabel}</span>
            </span>
            <Form method="post" action="/logout">
              <CsrfInput />
              <button type="submit" className="button button-quiet">
                退出登录
              </button>
            </Form>
          </div>
        ) : (
          <Link to="/login" className="button">
            登录
          </Link>
        )}
      </header>
      {user && data.nav.length > 0 ? (
        <nav className="mainnav" aria-label="主导航">
          <ul>
            {data.nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} prefetch="intent">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="main" className="content">
        <FlashMessage flash={data?.flash} />
        {children}
      </main>
      <footer className="footer">江西省工业园区与职业院校对接服务平台 · 园校通 ParkBridge</footer>
      <TableCardLabels />
    </>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  // A page restored from the back-forward cache shows what is true now, not what was
  // true when it was left (after apply → leave → Back the job says 已申请).
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) revalidator.revalidate();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, [revalidator]);
  // Marks the page as interactive once React has hydrated it (browser tests wait for it).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

const STATUS_TEXT: Record<number, { title: string; hint: string }> = {
  400: { title: "请求有误", hint: "提交的内容无法处理，请检查后重试。" },
  401: { title: "请先登录", hint: "此页面需要登录后访问。" },
  403: { title: "无权访问", hint: "您的账号没有访问此页面的权限。如需开通，请联系本单位管理员。" },
  404: { title: "页面不存在", hint: "您访问的页面不存在，或者您无权查看该记录。" },
  405: { title: "不支持该请求方式", hint: "此地址不接受这种请求方式，请从页面上的按钮或链接操作。" },
  429: { title: "操作过于频繁", hint: "请稍后再试。" },
  500: { title: "服务器出错了", hint: "我们已记录此问题，请稍后重试。" },
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const detail =
    isRouteErrorResponse(error) && typeof error.data === "object" && error.data?.error?.message
      ? String(error.data.error.message)
      : null;
  // A client error without its own words (409, 413, 422 …) is a request problem, never 服务器出错了.
  const text = STATUS_TEXT[status] ?? (status >= 400 && status < 500 ? STATUS_TEXT[400]! : STATUS_TEXT[500]!);
  return (
    <Shell>
      <section className="panel error-page" role="alert">
        <p className="error-code">{status}</p>
        <h1>{text.title}</h1>
        <p>{detail ?? text.hint}</p>
        <p>
          <Link to="/home" className="button">
            返回首页
          </Link>
        </p>
      </section>
    </Shell>
  );
}
