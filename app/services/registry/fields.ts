import { z } from "zod";
import { checkCreditCode } from "~/domain/ids/credit-code";
import { checkMobilePhone, normalizeMobilePhone } from "~/domain/ids/mobile-phone";
import { checkSchoolCode } from "~/domain/ids/school-code";

/** Zod pieces shared by the registries' schemas, with Chinese messages for the person filling the form or file. */

export const idField = (label: string) =>
  z.coerce.number({ error: `请选择${label}` }).int({ error: `请选择${label}` }).positive({ error: `请选择${label}` });

export const intField = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label}应为整数` })
    .int({ error: `${label}应为整数` })
    .min(min, { error: `${label}不能小于 ${min}` })
    .max(max, { error: `${label}不能大于 ${max}` });

/** Coordinates inside Jiangxi (with a margin), so a swapped or mistyped pair is caught. */
export const lngField = z.coerce
  .number({ error: "经度应为数字" })
  .min(113.4, { error: "经度应在江西省范围内（113.4–118.6）" })
  .max(118.6, { error: "经度应在江西省范围内（113.4–118.6）" });
export const latField = z.coerce
  .number({ error: "纬度应为数字" })
  .min(24.4, { error: "纬度应在江西省范围内（24.4–30.1）" })
  .max(30.1, { error: "纬度应在江西省范围内（24.4–30.1）" });

const DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

/** A calendar date as UTC midnight; 2026-09-01, 2026/9/1 and 2026年9月1日 are all accepted. */
export function parseCalendarDate(raw: string): Date | null {
  const m = DATE.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

export const dateField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .transform((s, ctx) => {
      const date = parseCalendarDate(s);
      if (!date) ctx.addIssue({ code: "custom", message: `${label}应为日期，如 2026-09-01` });
      return date ?? new Date(0);
    });

export const optionalDateField = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((s, ctx) => {
      if (!s) return null;
      const date = parseCalendarDate(s);
      if (!date) ctx.addIssue({ code: "custom", message: `${label}应为日期，如 2026-09-01` });
      return date;
    });

/** An enumerated value given as its code or its Chinese label (国家级 or national). */
export function enumField<const V extends string>(label: string, values: readonly V[], labels?: Record<V, string>) {
  const byLabel = new Map<string, V>(values.map((v) => [labels?.[v] ?? v, v]));
  return z
    .string({ error: `请选择${label}` })
    .trim()
    .transform((s) => byLabel.get(s) ?? s)
    .pipe(z.enum(values as unknown as [V, ...V[]], { error: `${label}应为：${values.map((v) => labels?.[v] ?? v).join("、")}` }));
}

export const creditCodeField = z
  .string({ error: "请填写统一社会信用代码" })
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const check = checkCreditCode(code);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
  });

export const schoolCodeField = z
  .string({ error: "请填写学校标识码" })
  .trim()
  .superRefine((code, ctx) => {
    const check = checkSchoolCode(code);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
  });

export const optionalPhoneField = z
  .string()
  .trim()
  .optional()
  .transform((s, ctx) => {
    if (!s) return null;
    const check = checkMobilePhone(s);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
    return normalizeMobilePhone(s);
  });

/** A list field: several form values, or one cell separated by 、 , ; (see splitCellList). */
export const textListField = (label: string, max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : v ? [v] : []).flatMap((s) => s.split(/[、,，;；\n]/)).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(30, { error: `每项${label}不超过 30 个字符` })).max(max, { error: `${label}最多 ${max} 项` }));

export const idListField = (label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : v ? [v] : []).filter(Boolean).map(Number))
    .pipe(z.array(z.number().int().positive({ error: `${label}无效` })));
