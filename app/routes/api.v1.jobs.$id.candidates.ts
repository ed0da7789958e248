import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { candidatesForJob, readCandidateQuery } from "~/services/matching/matching.server";
import { requirePrincipal } from "~/utils/principal.server";
import { errorResponse } from "~/utils/errors.server";

/**
 * GET /api/v1/jobs/{id}/candidates — graduates who pass the job's hard constraints,
 * ranked by match score with each component and the missing skills. Parameters as
 * for orders: page, perPage, majorMatch, minScore, city=1, paired=1.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const principal = await requirePrincipal(request, ["enterprise", "park", "province"]);
    const jobId = idParam(params.id, "岗位");
    const query = readCandidateQuery(new URL(request.url).searchParams);
    const result = await candidatesForJob({ principal, jobId, ...query });
    return json({
      job: { id: result.job.id, title: result.job.title, majorClasses: result.job.majorClasses, skillLevelRequired: result.job.skillLevelRequired },
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
