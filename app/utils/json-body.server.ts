import type { z } from "zod";
import { AppError } from "./errors.server";
import { parseStrictJson } from "./strict-json";
import "./zod-locale";

/**
 * An API request's JSON body as written: numbers must be plain decimals (parseStrictJson:
 * `1e2` and `0x10` are a 400 naming the field), anything else unreadable a 400 `bad_json`.
 */
export async function readStrictJson(request: Request): Promise<unknown> {
  const read = parseStrictJson(await request.text());
  if (!read.ok) throw new AppError({ code: "bad_json", field: read.field, message: read.message });
  return read.value;
}

/**
 * An API request's JSON body, parsed with a Zod schema; the first problem becomes a
 * 400 naming its field by path ("candidates.3.majorCode").
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  { invalidCode = "invalid_body" }: { invalidCode?: string } = {},
): Promise<z.infer<S>> {
  if (request.method !== "POST") throw new AppError({ status: 405, code: "method_not_allowed", message: "请使用 POST" });
  const body = await readStrictJson(request);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError({ code: invalidCode, message: issue.message, field: issue.path.length > 0 ? issue.path.join(".") : undefined });
  }
  return parsed.data;
}
