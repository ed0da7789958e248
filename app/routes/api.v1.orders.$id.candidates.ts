import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { candidatesForOrder, readCandidateQuery } from "~/services/matching/matching.server";
import { requirePrincipal } from "~/utils/principal.server";
import { errorResponse } from "~/utils/errors.server";

/**
 * GET /api/v1/orders/{id}/candidates — graduates who pass the order's hard
 * constraints, ranked by match score with each component and the missing skills.
 * Parameters: page, perPage, majorMatch (major|class|category|none), minScore, city=1, paired=1.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const principal = await requirePrincipal(request, ["enterprise", "park", "province"]);
    const orderId = idParam(params.id, "订单");
    const query = readCandidateQuery(new URL(request.url).searchParams);
    const result = await candidatesForOrder({ principal, orderId, ...query });
    return json({
      order: { id: result.order.id, title: result.order.title, majorCode: result.order.majorCode, skillTags: result.order.skillTags, skillLevel: result.order.skillLevel },
      total: result.total,
      page: result.page,
      perPage: result.pageSize,
      excluded: result.excluded,
      policyVersion: result.policyVersion,
      candidates: result.rows,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
