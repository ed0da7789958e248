import { json, type TypedResponse } from "@remix-run/node";
import { AppError } from "./errors.server";
import type { FieldErrors } from "./forms";

export type ActionFailure = { ok: false; formError: string; fieldErrors: FieldErrors };

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
    if (error instanceof AppError && (error.status === 400 || error.status === 409)) {
      const failure: ActionFailure = { ok: false, formError: error.message, fieldErrors: error.field ? { [error.field]: error.message } : {} };
      return { ok: false, response: json(failure, { status: error.status }) };
    }
    throw error;
  }
}

/** Field errors of a form that did not parse. */
export function invalid(fieldErrors: FieldErrors) {
  const failure: ActionFailure = { ok: false, formError: "请检查标出的字段", fieldErrors };
  return json(failure, { status: 400 });
}
