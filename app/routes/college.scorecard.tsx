import { type LoaderFunctionArgs, json } from "@remix-run/node";
import { loadOwnScorecard } from "~/services/assessment/views.server";
import { withErrors } from "~/utils/errors.server";

export { default, meta } from "./park.scorecard";

/** A college's own scorecard: the same page as a park's (park.scorecard.tsx), for the college role. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => json(await loadOwnScorecard(request, "college")));
}
