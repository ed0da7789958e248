import { notFound } from "~/utils/errors.server";
import { errorResponse } from "~/utils/errors.server";

/** Any other path: the Chinese 404 page (or a JSON 404 under /api). */
export const loader = () => {
  throw errorResponse(notFound("页面"));
};

export default function NotFoundPage() {
  return null;
}
