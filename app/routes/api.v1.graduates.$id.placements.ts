import type { LoaderFunctionArgs } from "@remix-run/node";
import { lifecycleCall } from "~/services/labour/api.server";
import { idParam } from "~/utils/params.server";
import { placementsOfGraduate } from "~/services/labour/placements.server";
import { requirePrincipal } from "~/utils/principal.server";

/** GET /api/v1/graduates/{id}/placements — the graduate's placements (active and ended) within the caller's scope. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return lifecycleCall(async () => {
    const principal = await requirePrincipal(request);
    return { placements: await placementsOfGraduate({ principal, graduateId: idParam(params.id, "毕业生") }) };
  });
}
