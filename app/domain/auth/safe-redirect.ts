/**
 * Where to go after signing in: only a path on this site. Anything a browser could read
 * as another host — `//host`, `/\host`, a backslash or control character anywhere
 * (browsers drop tabs and newlines and read `\` as `/`), an absolute URL — goes home.
 */
export const HOME_PATH = "/home";

const ORIGIN = "http://parkbridge.invalid";

export function safeRedirect(to: unknown, fallback: string = HOME_PATH): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 500) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
