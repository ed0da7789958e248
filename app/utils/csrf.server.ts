import { createCookie } from "@remix-run/node";
import { timingSafeEqual } from "node:crypto";
import type { Role } from "~/domain/constants";
import { CSRF_FIELD } from "~/components/csrf-input";
import { AppError } from "./errors.server";
import { requirePrincipal, type Principal } from "./principal.server";
import { prisma } from "./db.server";
import { cookieOptions, randomToken, readSessionId, SESSION_DAYS } from "./session.server";

/**
 * Form posts: every form echoes a CSRF token (docs/decisions/003-sessions-and-authorisation.md,
 * ADR 007). Signed in, the token is the session's own, stored with it: it is bound to
 * the session and a new one comes with every sign-in. Before sign-in (login,
 * activation, registration) it is a per-browser token in a signed cookie (double
 * submit), replaced at sign-in. Every action reads its form through `requireForm`
 * (or `requireAnonymousForm` for those anonymous forms).
 */

let csrfCookie: ReturnType<typeof createCookie> | undefined;
const cookie = () => (csrfCookie ??= createCookie("pb_csrf", cookieOptions(SESSION_DAYS * 86_400)));

async function sessionToken(request: Request): Promise<string | null> {
  const id = await readSessionId(request);
  if (!id) return null;
  const session = await prisma.session.findUnique({ where: { id }, select: { csrfToken: true, expiresAt: true } });
  return session && session.expiresAt.getTime() > Date.now() ? session.csrfToken : null;
}

async function browserToken(request: Request): Promise<string | null> {
  const existing = (await cookie().parse(request.headers.get("Cookie"))) as string | null;
  return typeof existing === "string" && existing.length >= 20 ? existing : null;
}

/** The token forms must echo, and the Set-Cookie header when a browser token had to be issued. */
export async function readOrIssueCsrfToken(request: Request): Promise<{ token: string; setCookie?: string }> {
  const bound = await sessionToken(request);
  if (bound) return { token: bound };
  const existing = await browserToken(request);
  if (existing) return { token: existing };
  const token = randomToken();
  return { token, setCookie: await cookie().serialize(token) };
}

/** A new browser token, set at sign-in so that the one seen before it is worth nothing after. */
export function rotateBrowserCsrfToken(): Promise<string> {
  return cookie().serialize(randomToken());
}

/** Refuses a form post whose token is not the session's (signed in) or the browser's (anonymous). */
export async function verifyCsrf(request: Request, form: FormData): Promise<void> {
  const expected = (await sessionToken(request)) ?? (await browserToken(request));
  const given = form.get(CSRF_FIELD);
  if (typeof expected !== "string" || typeof given !== "string" || !sameToken(expected, given)) {
    throw new AppError({
      message: "表单已失效或来源不明，请刷新页面后重新提交",
      status: 403,
      code: "csrf_failed",
    });
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * For actions: the caller (as requirePrincipal) and the submitted form, whose CSRF
 * token has been checked. Token-authenticated API calls carry no cookie and need none.
 */
export async function requireForm(
  request: Request,
  roles?: readonly Role[],
): Promise<{ principal: Principal; form: FormData }> {
  const principal = await requirePrincipal(request, roles);
  const form = await readForm(request);
  if (principal.via === "session") await verifyCsrf(request, form);
  return { principal, form };
}

/** Reads a form body for an anonymous form (login), with its CSRF token checked. */
export async function requireAnonymousForm(request: Request): Promise<FormData> {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  return form;
}

async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch (cause) {
    throw new AppError({ message: "无法读取提交的表单", status: 400, code: "bad_form", cause });
  }
}
