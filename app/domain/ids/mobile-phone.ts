import type { IdCheck } from "./identity-number";

/** Mainland mobile numbers: 11 digits starting 13–19; a +86 or 86 prefix and spaces or dashes are tolerated. */
export function normalizeMobilePhone(raw: string): string {
  return raw.replace(/[\s-]/g, "").replace(/^(\+?86)(?=1\d{10}$)/, "");
}

export function checkMobilePhone(raw: string): IdCheck {
  const phone = normalizeMobilePhone(raw);
  if (!/^1[3-9]\d{9}$/.test(phone)) {
    return { ok: false, reason: "手机号应为11位，以13–19开头" };
  }
  return { ok: true };
}
