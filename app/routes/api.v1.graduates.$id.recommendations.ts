import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { recommendationsForGraduate } from "~/services/matching/matching.server";
import { requirePrincipal } from "~/utils/principal.server";
import { errorResponse } from "~/utils/errors.server";

/**
 * GET /api/v1/graduates/{id}/recommendations — recruiting orders and open jobs for a
 * graduate, ranked by the same match score, with the components as reasons. The
 * graduate themselves, their college and the province may ask.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const principal = await requirePrincipal(request, ["graduate", "college", "province"]);
    const graduateId = idParam(params.id, "毕业生");
    const result = await recommendationsForGraduate({ principal, graduateId });
    return json({ graduateId: result.graduate.id, policyVersion: result.policyVersion, recommendations: result.recommendations });
  } catch (error) {
    return errorResponse(error);
  }
}
