import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { candidatesBody, candidatesFromRequest } from "~/services/matching/forms.server";
import { errorResponse } from "~/utils/errors.server";

/**
 * GET /api/v1/jobs/{id}/candidates — graduates who pass the job's hard constraints,
 * ranked by match score with each component and the missing skills. Parameters as
 * for orders: page, perPage, majorMatch, minScore, city=1, paired=1.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const result = await candidatesFromRequest({ request, roles: ["enterprise", "park", "province"], of: "job", id: params.id });
    return json({
      job: { id: result.job.id, title: result.job.title, majorClasses: result.job.majorClasses, skillLevelRequired: result.job.skillLevelRequired },
      ...candidatesBody(result),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
