import { json } from "@remix-run/node";
import type { z } from "zod";
import { chinaDate } from "~/domain/china-time";
import { dateOf } from "~/domain/subsidy/calendar";
import { refusal } from "~/utils/action-result.server";
import type { FieldErrors } from "~/utils/forms";
import type { Principal } from "~/utils/principal.server";
import { createPolicyVersion, listPolicyVersions, policyDataOn } from "./versions.server";

/**
 * The province's policy pages (fund, wage, holidays, indicators, matching, subsidy):
 * what a page shows of a kind's versions, and the one answer of a publish form —
 * `{ ok, fieldErrors, message }` plus what the page adds (`extra`, e.g. a preview).
 */

type Extra = Record<string, unknown>;

/** The form did not go through: the messages beside their fields, no notice. */
export function settingsRefused<E extends Extra = Record<never, never>>(fieldErrors: FieldErrors, status: number, extra?: E) {
  return json({ ok: false as const, fieldErrors, message: "", ...(extra as E) }, { status });
}

/**
 * Publishes a new version of `kind`; the notice `told` gives its number. Another
 * administrator's version saved at the same moment (409) comes back as the form's own
 * message; anything else is thrown on, to the error boundary.
 */
export async function publishSettingsVersion<E extends Extra = Record<never, never>>({ principal, kind, effectiveFrom, data, note, told, extra }: {
  principal: Principal;
  kind: string;
  effectiveFrom: string;
  data: unknown;
  note: string;
  told: (version: number) => string;
  extra?: E;
}) {
  try {
    const created = await createPolicyVersion({ principal, kind, effectiveFrom, data, note: note || null });
    return json({ ok: true as const, fieldErrors: {} as FieldErrors, message: told(created.version), ...(extra as E) });
  } catch (error) {
    const refused = refusal(error, { when: (e) => e.status === 409, at: "_form" });
    if (refused) return settingsRefused(refused.fieldErrors, refused.status, extra);
    throw error;
  }
}

/** A kind's versions, newest first, the document in force today (or the default) and which row that is. */
export async function policySettingsOf<S extends z.ZodType>(kind: string, schema: S, fallback: z.infer<S>) {
  const today = chinaDate(new Date());
  const [versions, current] = await Promise.all([listPolicyVersions(kind, schema), policyDataOn(kind, schema, dateOf(today), fallback)]);
  return { today, versions, current: current.data, inForceId: versions.find((v) => v.version === current.version)?.id ?? null };
}
