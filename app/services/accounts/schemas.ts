import { z } from "zod";
import { checkMobilePhone, normalizeMobilePhone } from "~/domain/ids/mobile-phone";
import { requiredText } from "~/utils/forms";

/** Form pieces shared by the account pages (registration, invitations, passwords). */

export const loginField = requiredText("用户名", 32).pipe(
  z.string().regex(/^[A-Za-z0-9_.@-]{3,32}$/, { error: "用户名为 3–32 位字母、数字或 _ . @ -" }),
);

export const mobileField = requiredText("手机号", 20).transform((s, ctx) => {
  const check = checkMobilePhone(s);
  if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
  return normalizeMobilePhone(s);
});

/** A new password typed twice; the §9 rules are checked by the service, which knows the login. */
export const newPasswordFields = {
  password: requiredText("新密码", 128),
  confirm: requiredText("确认密码", 128),
};
export const samePassword = <T extends { password: string; confirm: string }>(v: T) => v.password === v.confirm;
export const SAME_PASSWORD_ISSUE = { path: ["confirm"], error: "两次输入的密码不一致" };
