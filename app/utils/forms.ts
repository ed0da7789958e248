import { z } from "zod";
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
