import { createCookie, redirect } from "@remix-run/node";
import { cookieOptions, randomToken } from "./session.server";

/**
 * What a form post did, told on the page it leads to: the action redirects with a
 * one-minute signed cookie, the root loader reads it once (and clears it), the layout
 * shows it at the top of the page and moves the focus there (components/flash.tsx).
 */
export type Flash = { id: string; message: string; kind: "success" | "error" };

let cookie: ReturnType<typeof createCookie> | undefined;
const flashCookie = () => (cookie ??= createCookie("pb_flash", cookieOptions(60)));

/** Redirects to `to` (default: back to the page the form was on) with a message for the person. */
export async function redirectWithFlash(
  request: Request,
  message: string,
  { to, kind = "success", headers }: { to?: string; kind?: Flash["kind"]; headers?: HeadersInit } = {},
) {
  const flash: Flash = { id: randomToken(6), message, kind };
  const out = new Headers(headers);
  out.append("Set-Cookie", await flashCookie().serialize(flash));
  return redirect(to ?? samePage(request), { headers: out });
}

/** The address a form was posted from, without Remix's `index` and `_data` markers. */
export function samePage(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.delete("_data");
  const search = url.searchParams.toString();
  return `${url.pathname}${search ? `?${search}` : ""}`;
}

/** The message waiting for this request, and the header that clears it. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; clear: string | null }> {
  const value = (await flashCookie().parse(request.headers.get("Cookie"))) as Partial<Flash> | null;
  if (!value || typeof value.message !== "string") return { flash: null, clear: null };
  const flash: Flash = { id: String(value.id ?? ""), message: value.message.slice(0, 300), kind: value.kind === "error" ? "error" : "success" };
  return { flash, clear: await flashCookie().serialize("", { maxAge: 0 }) };
}
