import { z } from "zod";
import { checkCreditCode } from "~/domain/ids/credit-code";
import { checkMobilePhone, normalizeMobilePhone } from "~/domain/ids/mobile-phone";
import { checkSchoolCode } from "~/domain/ids/school-code";
import { strictInteger, wholeNumberField } from "~/utils/forms";

/**
 * Zod pieces shared by the registries' schemas, with Chinese messages for the person filling the form or file.
 * Dates: calendarDateField / optionalCalendarDateField from ~/utils/forms (the one strict parser).
 */

export const idField = (label: string) =>
  z.preprocess(strictInteger, z.number({ error: `请选择${label}` }).int({ error: `请选择${label}` }).positive({ error: `请选择${label}` }));

export const intField = wholeNumberField;

/** Coordinates inside Jiangxi (with a margin), so a swapped or mistyped pair is caught. */
export const lngField = z.coerce
  .number({ error: "经度应为数字" })
  .min(113.4, { error: "经度应在江西省范围内（113.4–118.6）" })
  .max(118.6, { error: "经度应在江西省范围内（113.4–118.6）" });
export const latField = z.coerce
  .number({ error: "纬度应为数字" })
  .min(24.4, { error: "纬度应在江西省范围内（24.4–30.1）" })
  .max(30.1, { error: "纬度应在江西省范围内（24.4–30.1）" });

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
