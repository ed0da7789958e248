import type { MetaFunction } from "@remix-run/node";
import { notFound } from "~/utils/errors.server";
import { errorResponse } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "页面不存在 · 园校通" }];

/** Any other path: the Chinese 404 page (or a JSON 404 under /api). */
export const loader = () => {
  throw errorResponse(notFound("页面"));
};

export default function NotFoundPage() {
  return null;
}
