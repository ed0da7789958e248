import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ROLE_LABELS } from "~/domain/constants";
import { requirePrincipal } from "~/utils/principal.server";
import { errorResponse } from "~/utils/errors.server";

/** GET /api/v1/me — who the bearer token (or session) belongs to, and their scope. */
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    const p = await requirePrincipal(request);
    return json({
      login: p.login,
      displayName: p.displayName,
      role: p.role,
      roleLabel: ROLE_LABELS[p.role],
      scope: { parkId: p.parkId, collegeId: p.collegeId, enterpriseId: p.enterpriseId, bureauId: p.bureauId, graduateId: p.graduateId },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
