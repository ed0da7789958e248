import { z } from "zod";
import { notFound } from "./errors.server";
import { recordId } from "./forms";

/** Digits only, as typed: "1e2", "0x10" and " 7" are not ids (Number() would read them). */
const IdText = z.string().regex(/^\d{1,16}$/).transform(Number).pipe(recordId);

/**
 * A record id from the URL or a form (a route parameter, a query value, a hidden
 * field), parsed by one Zod schema for every route: anything but a positive whole
 * number is a record that does not exist — 404 "<what>不存在或您无权查看", the same
 * answer as a record out of scope.
 */
export function idParam(raw: FormDataEntryValue | null | undefined, what = "记录"): number {
  const id = IdText.safeParse(raw ?? undefined);
  if (!id.success) throw notFound(what);
  return id.data;
}

/** An optional id (a filter, an optional choice): absent, empty or malformed is no id. */
export function optionalIdParam(raw: FormDataEntryValue | null | undefined): number | undefined {
  const id = IdText.safeParse(raw ?? undefined);
  return id.success ? id.data : undefined;
}
