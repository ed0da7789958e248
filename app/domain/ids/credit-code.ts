import type { IdCheck } from "./identity-number";

/** The 31 characters of GB 32100-2015, in value order (no I O S V Z). */
export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100 check character for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_CODE_CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Validates a unified social credit code (统一社会信用代码). */
export function checkCreditCode(raw: string): IdCheck {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) {
    return { ok: false, reason: "统一社会信用代码应为18位" };
  }
  for (const ch of code) {
    if (!CREDIT_CODE_CHARSET.includes(ch)) {
      return { ok: false, reason: `统一社会信用代码含有不允许的字符“${ch}”（不使用 I、O、S、V、Z）` };
    }
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return { ok: false, reason: "统一社会信用代码第3–8位应为行政区划代码" };
  }
  if (creditCodeCheckChar(code) !== code[17]) {
    return { ok: false, reason: "统一社会信用代码校验位不正确，请核对" };
  }
  return { ok: true };
}

/** Enterprises (企业) registered with market regulation start with 91. */
export function isEnterpriseCreditCode(code: string): boolean {
  return code.startsWith("91");
}
