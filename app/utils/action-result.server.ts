import { json, type TypedResponse } from "@remix-run/node";
import { AppError } from "./errors.server";
import type { FieldErrors } from "./forms";

export type ActionFailure = { ok: false; formError: string; fieldErrors: FieldErrors };

/** What a person can act on by changing the form: a 400 or a 409. */
const actionable = (error: AppError) => error.status === 400 || error.status === 409;

export type Refusal = { fieldErrors: FieldErrors; message: string; status: number };

/**
 * The one path from a refused service call to form data: the refusal's message beside
 * the field it names. Null when the error is not such a refusal (not an AppError, or
 * not one `when` accepts): the caller throws it on, to the error boundary.
 * - `at`: the field the message goes beside whatever the error names (a one-input form);
 * - `otherwise`: where a refusal that names no field goes, "_form" (the form's own
 *   message) by default, or nowhere (null).
 */
export function refusal(
  error: unknown,
  options: { when?: (error: AppError) => boolean; at?: string; otherwise?: string | null } = {},
): Refusal | null {
  if (!(error instanceof AppError) || !(options.when ?? actionable)(error)) return null;
  const field = options.at ?? error.field ?? (options.otherwise === undefined ? "_form" : options.otherwise);
  return { fieldErrors: field ? { [field]: error.message } : {}, message: error.message, status: error.status };
}

/**
 * Runs an action's service call; a refusal the person can act on (400, 409) comes
 * back as data for the form, shown beside the field it concerns. Anything else
 * (403, 404, failures) is thrown on, to the error boundary through `handled`.
 */
export async function attempt<T>(
  run: () => Promise<T>,
): Promise<{ ok: true; data: T } | { ok: false; response: TypedResponse<ActionFailure> }> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    const refused = refusal(error, { otherwise: null });
    if (!refused) throw error;
    const failure: ActionFailure = { ok: false, formError: refused.message, fieldErrors: refused.fieldErrors };
    return { ok: false, response: json(failure, { status: refused.status }) };
  }
}

/** Field errors of a form that did not parse. */
export function invalid(fieldErrors: FieldErrors) {
  const failure: ActionFailure = { ok: false, formError: "请检查标出的字段", fieldErrors };
  return json(failure, { status: 400 });
}
