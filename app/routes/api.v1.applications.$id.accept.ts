import type { ActionFunctionArgs } from "@remix-run/node";
import { lifecycleCall, requirePost } from "~/services/labour/api.server";
import { idParam } from "~/utils/params.server";
import { answerOffer } from "~/services/labour/offers.server";
import { requirePrincipal } from "~/utils/principal.server";

/** POST /api/v1/applications/{id}/accept — the graduate's answer to the offer; the other open applications and allocation choices are withdrawn. */
export async function action({ request, params }: ActionFunctionArgs) {
  return lifecycleCall(async () => {
    const principal = await requirePrincipal(request, ["graduate"]);
    requirePost(request);
    const applicationId = idParam(params.id, "申请");
    const { status, withdrawn } = await answerOffer({ principal, applicationId, answer: "accept" });
    return { id: applicationId, status, withdrawn };
  });
}
