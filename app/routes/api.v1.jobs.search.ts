import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { readJobSearch, searchJobs } from "~/services/search/job-search.server";
import { requirePrincipal } from "~/utils/principal.server";
import { errorResponse } from "~/utils/errors.server";

/**
 * GET /api/v1/jobs/search — the job search of /graduate/jobs as JSON: the same
 * parameters (q, city, park, cluster, category, class, level, wageMin, wageMax,
 * since, sort, page, perPage; filters may repeat), hits with highlighted pieces, and
 * facet counts. Job postings are public to every signed-in role. Unknown parameters
 * and values are a 400 naming the parameter. When nothing is found, `suggestions` lists
 * other queries that find something; when the words are found nowhere in the index,
 * `showingInstead` names the spelling fix whose hits are returned.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    await requirePrincipal(request);
    const query = await readJobSearch(new URL(request.url).searchParams, { strict: true });
    const result = await searchJobs({ query });
    return json({ query, ...result });
  } catch (error) {
    return errorResponse(error);
  }
}
