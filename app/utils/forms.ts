import { z } from "zod";
import { checkCalendarDate, checkGraduationDate } from "~/domain/calendar-date";
import { chinaDate } from "~/domain/china-time";
import { dateOf } from "~/domain/subsidy/calendar";
import "./zod-locale";

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/** Validates form fields with a Zod schema; the first message per field is kept, for display beside it. */
export function parseFields<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.infer<S>> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string") values[key] = value;
  }
  return validateFields(schema, values);
}

/** Validates already collected values (several for a multiple choice) the same way. */
export function validateFields<S extends z.ZodType>(schema: S, values: Record<string, unknown>): FormResult<z.infer<S>> {
  const result = schema.safeParse(values);
  return result.success ? { ok: true, data: result.data } : { ok: false, fieldErrors: fieldErrorsOf(result.error.issues) };
}

/**
 * The one path from validation issues to form data: the first message for each form
 * field (the issue's first path segment, so an array's items report on their field),
 * or "_form" for an issue about the whole form. `key` renames a field where the form's
 * input is named otherwise.
 */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[], key: (path: readonly PropertyKey[]) => string = (path) => String(path[0] ?? "_form")): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of issues) fieldErrors[key(issue.path)] ??= issue.message;
  return fieldErrors;
}

/** A record id in a form or query (hidden fields, checkboxes of records): a positive whole number. */
export const recordId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idField = z.coerce.number().pipe(recordId);

/** A required, trimmed text field with a Chinese label for its messages. */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字符` });
}

/**
 * As parseFields, for forms with repeated fields (checkbox groups, multiple selects)
 * read as arrays and single checkboxes read as booleans.
 */
export function parseFieldsWithLists<S extends z.ZodType>(
  schema: S,
  form: FormData,
  options: { lists?: readonly string[]; checkboxes?: readonly string[] },
): FormResult<z.infer<S>> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !options.lists?.includes(key)) values[key] = value;
  }
  for (const key of options.lists ?? []) values[key] = form.getAll(key).filter((v): v is string => typeof v === "string");
  for (const key of options.checkboxes ?? []) values[key] = form.has(key);
  return validateFields(schema, values);
}

/**
 * A date field read by the one strict parser (checkCalendarDate): "YYYY-MM-DD" out, or
 * the parser's Chinese reason on the field. Forms and file imports also take the Excel
 * spellings (2026/9/1, 2026年9月1日); `iso` (the JSON API) only YYYY-MM-DD.
 */
export const calendarDayField = (label: string, { iso = false }: { iso?: boolean } = {}) =>
  z.string({ error: iso ? `请提供${label}（YYYY-MM-DD）` : `请填写${label}` }).transform((s, ctx) => {
    if (!iso && s.trim() === "") {
      ctx.addIssue({ code: "custom", message: `请填写${label}` });
      return z.NEVER;
    }
    const check = checkCalendarDate(s, label, { iso });
    if (check.ok) return check.date;
    ctx.addIssue({ code: "custom", message: check.reason });
    return z.NEVER;
  });

/** The same as the UTC-midnight instant stored in the database. */
export const calendarDateField = (label: string, options?: { iso?: boolean }) => calendarDayField(label, options).transform(dateOf);

/** An optional date: empty is null. */
export const optionalCalendarDateField = (label: string) =>
  z
    .string()
    .optional()
    .transform((s) => s?.trim() || null)
    .pipe(calendarDateField(label).nullable());

/** A (expected) graduation date: a real day within five years either side of today in China (product.md §10). */
export const graduationDateField = (label: string) =>
  calendarDayField(label)
    .superRefine((day, ctx) => {
      const check = checkGraduationDate(day, chinaDate(new Date()), label);
      if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
    })
    .transform(dateOf);

/** Digits only, as typed: "1e2", "0x10", "1.0" and "" are not whole numbers in a form or file (Number() would read them). */
export const strictInteger = (value: unknown) =>
  typeof value === "string" ? (/^\s*-?\d{1,15}\s*$/.test(value) ? Number(value) : Number.NaN) : value;

/** A whole number typed into a form or file cell, between min and max. */
export const wholeNumberField = (label: string, min: number, max: number) =>
  z.preprocess(
    strictInteger,
    z
      .number({ error: `${label}应为整数` })
      .int({ error: `${label}应为整数` })
      .min(min, { error: `${label}不能小于 ${min}` })
      .max(max, { error: `${label}不能大于 ${max}` }),
  );
