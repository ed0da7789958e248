import type { IdCheck } from "./identity-number";
import { PROVINCE_PREFIXES } from "../geo/divisions";

/**
 * 学校标识码: 10 digits with no check digit: a 2-digit school type, a 2-digit
 * province, a 6-digit serial. Types seen in this province's registries: 36 中职
 * schools, 41 普通高校 (higher vocational and vocational bachelor).
 */
export const SCHOOL_TYPE_PREFIXES: Readonly<Record<string, string>> = {
  "36": "中等职业学校",
  "41": "普通高等学校",
};

export function checkSchoolCode(raw: string): IdCheck {
  const code = raw.trim();
  if (!/^\d{10}$/.test(code)) {
    return { ok: false, reason: "学校标识码应为10位数字" };
  }
  if (!(code.slice(0, 2) in SCHOOL_TYPE_PREFIXES)) {
    return { ok: false, reason: "学校标识码前2位学校类型应为36（中职）或41（高校）" };
  }
  if (!PROVINCE_PREFIXES.has(code.slice(2, 4))) {
    return { ok: false, reason: "学校标识码第3–4位省份代码不存在" };
  }
  return { ok: true };
}
