import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

type Flash = { id: string; message: string; kind: "success" | "error" };

/**
 * The message of the last form post (utils/flash.server.ts), at the top of the page it
 * led to. The focus moves to it so that a screen reader reads what happened. Told
 * once: the root's data is not read again on every navigation (and must not be, or a
 * prefetch would swallow the message), so it hides itself on the next page.
 */
export function FlashMessage({ flash }: { flash: Flash | null | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  const { key } = useLocation();
  const [shownAt, setShownAt] = useState<{ id: string; key: string } | null>(null);
  const id = flash?.id;
  // A new message is pinned to the page it arrived on (state derived during render).
  if (id && shownAt?.id !== id) setShownAt({ id, key });
  useEffect(() => {
    if (id) ref.current?.focus();
  }, [id]);
  if (!flash || (shownAt?.id === flash.id && shownAt.key !== key)) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={flash.kind === "error" ? "alert" : "status"}
      className={`notice flash${flash.kind === "error" ? " notice-error" : ""}`}
      data-flash={flash.id}
    >
      {flash.kind === "error" ? "未完成：" : "✓ "}
      {flash.message}
    </div>
  );
}
