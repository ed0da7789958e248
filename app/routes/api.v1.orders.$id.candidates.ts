import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { candidatesBody, candidatesFromRequest } from "~/services/matching/forms.server";
import { errorResponse } from "~/utils/errors.server";

/**
 * GET /api/v1/orders/{id}/candidates — graduates who pass the order's hard
 * constraints, ranked by match score with each component and the missing skills.
 * Parameters: page, perPage, majorMatch (major|class|category|none), minScore, city=1, paired=1.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const result = await candidatesFromRequest({ request, roles: ["enterprise", "park", "province"], of: "order", id: params.id });
    return json({
      order: { id: result.order.id, title: result.order.title, majorCode: result.order.majorCode, skillTags: result.order.skillTags, skillLevel: result.order.skillLevel },
      ...candidatesBody(result),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
