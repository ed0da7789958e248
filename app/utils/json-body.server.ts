import type { z } from "zod";
import { AppError } from "./errors.server";
import "./zod-locale";

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
  let body: unknown;
  try {
    body = await request.json();
  } catch (cause) {
    throw new AppError({ code: "bad_json", field: "body", message: "请求体不是有效的 JSON", cause });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError({ code: invalidCode, message: issue.message, field: issue.path.length > 0 ? issue.path.join(".") : undefined });
  }
  return parsed.data;
}
