import { createCookie } from "@remix-run/node";
import type { Role } from "~/domain/constants";
import { CSRF_FIELD } from "~/components/csrf-input";
import { AppError } from "./errors.server";
import { requirePrincipal, type Principal } from "./principal.server";
import { cookieOptions, randomToken, SESSION_DAYS } from "./session.server";

/**
 * Form posts: a per-browser CSRF token in a signed cookie, echoed by every form
 * (double submit, docs/decisions/003-sessions-and-authorisation.md). Every action
 * reads its form through `requireForm` (or `requireAnonymousForm` before sign-in).
 */

let csrfCookie: ReturnType<typeof createCookie> | undefined;
const cookie = () => (csrfCookie ??= createCookie("pb_csrf", cookieOptions(SESSION_DAYS * 86_400)));

/** The browser's CSRF token, and the Set-Cookie header when a new one had to be issued. */
export async function readOrIssueCsrfToken(request: Request): Promise<{ token: string; setCookie?: string }> {
  const existing = (await cookie().parse(request.headers.get("Cookie"))) as string | null;
  if (typeof existing === "string" && existing.length >= 20) return { token: existing };
  const token = randomToken();
  return { token, setCookie: await cookie().serialize(token) };
}

/** Refuses a form post whose token does not match the browser's cookie. */
export async function verifyCsrf(request: Request, form: FormData): Promise<void> {
  const expected = (await cookie().parse(request.headers.get("Cookie"))) as string | null;
  const given = form.get(CSRF_FIELD);
  if (typeof expected !== "string" || typeof given !== "string" || expected !== given) {
    throw new AppError({
      message: "表单已失效或来源不明，请刷新页面后重新提交",
      status: 403,
      code: "csrf_failed",
    });
  }
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
