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
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_form";
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

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
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "_form");
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}
