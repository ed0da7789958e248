import type { ActionFunctionArgs } from "@remix-run/node";
import { lifecycleCall, requirePost } from "~/services/labour/api.server";
import { idParam } from "~/utils/params.server";
import { hireApplicant } from "~/services/labour/applications.server";
import { requirePrincipal } from "~/utils/principal.server";

/** POST /api/v1/applications/{id}/hire — the enterprise hires on the accepted offer's terms; 201 with {placementId}. */
export async function action({ request, params }: ActionFunctionArgs) {
  return lifecycleCall(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    requirePost(request);
    const placement = await hireApplicant({ principal, applicationId: idParam(params.id, "申请") });
    return { placementId: placement.id };
  }, 201);
}
