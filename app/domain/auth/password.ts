import { COMMON_PASSWORDS } from "./common-passwords";

/** Password rules of §9: at least 8 characters, not the login, not a common password. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/** The Chinese reason a password is refused, or null when it may be used. */
export function passwordProblem(password: string, login: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`;
  const lower = password.toLowerCase();
  if (login && lower === login.trim().toLowerCase()) return "密码不能与用户名相同";
  if (COMMON_PASSWORDS.has(lower)) return "该密码过于常见，容易被猜中，请换一个";
  return null;
}
