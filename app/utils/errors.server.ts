import { json } from "@remix-run/node";

/**
 * The one error type of the application: a message for the person (Chinese), an
 * HTTP status, a machine-readable code, an optional field it concerns, and the
 * cause for the log.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;

  constructor(options: { message: string; status?: number; code?: string; field?: string; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = "AppError";
    this.status = options.status ?? 400;
    this.code = options.code ?? "bad_request";
    this.field = options.field;
  }
}

export const notFound = (what = "记录") =>
  new AppError({ message: `${what}不存在或您无权查看`, status: 404, code: "not_found" });
export const forbidden = (message = "您没有权限访问此页面") =>
  new AppError({ message, status: 403, code: "forbidden" });
/** The record changed under the person (another reviewer, a second tab): refresh and try again. */
export const conflict = (message: string, field?: string) =>
  new AppError({ message, status: 409, code: "conflict", field });
export const unauthorized = (message = "请先登录") =>
  new AppError({ message, status: 401, code: "unauthorized" });

export type ErrorBody = { error: { code: string; message: string; field?: string } };

/** Turns any thrown value into the response the client sees: the one place errors are mapped. */
export function errorResponse(error: unknown): Response {
  if (error instanceof Response) return error;
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, field: error.field } };
    return json(body, { status: error.status });
  }
  console.error(error);
  const body: ErrorBody = { error: { code: "internal", message: "服务器内部错误，请稍后重试" } };
  return json(body, { status: 500 });
}

/**
 * Runs a loader's or action's body so that AppErrors become responses (thrown, so Remix
 * renders the error boundary). Use it inside `export async function loader(args) { ... }`:
 * a module-level call such as `export const loader = handled(...)` would stay in the
 * browser bundle, where this module does not exist.
 */
export async function withErrors<R>(body: () => Promise<R>): Promise<R> {
  try {
    return await body();
  } catch (error) {
    throw errorResponse(error);
  }
}

/** The same as withErrors, as a wrapper: only for code that never reaches the browser bundle (API routes' helpers). */
export function handled<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  return (...args: A): Promise<R> => withErrors(() => fn(...args));
}
