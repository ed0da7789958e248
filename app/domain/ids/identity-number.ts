import { isKnownDivisionCode } from "../geo/divisions";

/** Outcome of an identifier check: the reason is Chinese, for the person who typed it. */
export type IdCheck = { ok: true } | { ok: false; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

/** GB 11643-1999 check character for the first 17 digits. */
export function identityCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function birthDateOfIdentityNumber(id: string): Date | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return date;
}

/**
 * Validates an 18-character citizen identity number: format, division code of
 * birth registration (historical codes included), a real birth date not in the
 * future and not before 1900, and the check character.
 */
export function checkIdentityNumber(raw: string, today: Date = new Date()): IdCheck {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, reason: "身份证号应为18位：17位数字加1位数字或X" };
  }
  if (!isKnownDivisionCode(id.slice(0, 6))) {
    return { ok: false, reason: `身份证号前6位行政区划代码 ${id.slice(0, 6)} 不存在` };
  }
  const birth = birthDateOfIdentityNumber(id);
  if (!birth || birth.getUTCFullYear() < 1900 || birth.getTime() > today.getTime()) {
    return { ok: false, reason: `身份证号中的出生日期 ${id.slice(6, 14)} 不是有效日期` };
  }
  if (identityCheckChar(id) !== id[17]) {
    return { ok: false, reason: "身份证号校验位不正确，请核对是否有输错的数字" };
  }
  return { ok: true };
}

/**
 * Shows the division prefix and the last four characters only: 3601**********123X. Only a
 * value of at least 15 characters (the two lawful lengths are 15 and 18) keeps them; a
 * shorter, malformed or cut-off one is masked whole, so that no input shows most of
 * itself (a 10-character value would otherwise show 8). Counted in code points, so a
 * character is never cut in half.
 */
export function maskIdentityNumber(id: string): string {
  const chars = Array.from(id);
  if (chars.length < 15) return "*".repeat(chars.length);
  return `${chars.slice(0, 4).join("")}${"*".repeat(chars.length - 8)}${chars.slice(-4).join("")}`;
}

/** Gender from the sequence number: odd is male. */
export function genderOfIdentityNumber(id: string): "M" | "F" {
  return Number(id[16]) % 2 === 1 ? "M" : "F";
}
