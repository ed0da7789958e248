import { z } from "zod";
import { notFound } from "./errors.server";

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * A record id from the URL (a route parameter or a query value), parsed by one Zod
 * schema for every route: anything but a positive whole number is a page that does
 * not exist — 404 "<what>不存在或您无权查看", the same answer as a record out of scope.
 */
export function idParam(raw: string | null | undefined, what = "记录"): number {
  const id = IdSchema.safeParse(raw ?? undefined);
  if (!id.success) throw notFound(what);
  return id.data;
}
