import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useEffect } from "react";

const EVERY_MS = 60_000;

/**
 * The header's bell with the number of unread notifications. The root loader gives the
 * first number; the bell then reads /notifications/unread itself after each navigation,
 * when the window gets the focus back and once a minute, so a notification that arrived
 * meanwhile shows without a form post (issue 20).
 */
export function UnreadBell({ initial }: { initial: number }) {
  const fetcher = useFetcher<{ unread: number }>({ key: "unread-count" });
  const { pathname } = useLocation();
  const { load } = fetcher;
  useEffect(() => {
    load("/notifications/unread");
  }, [pathname, load]);
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === "visible") load("/notifications/unread");
    };
    const timer = window.setInterval(refresh, EVERY_MS);
    window.addEventListener("focus", refresh);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("focus", refresh);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [load]);
  const unread = typeof fetcher.data?.unread === "number" ? fetcher.data.unread : initial;
  return (
    <Link to="/notifications" className="bell" aria-label={`消息通知，${unread} 条未读`}>
      通知{unread > 0 ? <span className="bell-count">{unread}</span> : null}
    </Link>
  );
}
