import type { ActionFunctionArgs } from "@remix-run/node";
import { EndBodySchema, lifecycleCall } from "~/services/labour/api.server";
import { idParam } from "~/utils/params.server";
import { endPlacement } from "~/services/labour/separations.server";
import { readJsonBody } from "~/utils/json-body.server";
import { requirePrincipal } from "~/utils/principal.server";

/** POST /api/v1/placements/{id}/end {endedOn, endReason} — the enterprise records a separation; the money effects come back. */
export async function action({ request, params }: ActionFunctionArgs) {
  return lifecycleCall(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const placementId = idParam(params.id, "就业记录");
    const input = await readJsonBody(request, EndBodySchema);
    return endPlacement({ principal, placementId, input });
  });
}
