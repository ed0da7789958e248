import type { ActionFunctionArgs } from "@remix-run/node";
import { isoDate } from "~/domain/subsidy/calendar";
import { lifecycleCall, OfferBodySchema } from "~/services/labour/api.server";
import { idParam } from "~/utils/params.server";
import { makeOffer } from "~/services/labour/offers.server";
import { readJsonBody } from "~/utils/json-body.server";
import { requirePrincipal } from "~/utils/principal.server";

/** POST /api/v1/applications/{id}/offer {startDate, monthlyWageFen, contractMonths, replyBy} — the enterprise makes its offer. */
export async function action({ request, params }: ActionFunctionArgs) {
  return lifecycleCall(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const applicationId = idParam(params.id, "申请");
    const input = await readJsonBody(request, OfferBodySchema);
    const { replyBy } = await makeOffer({ principal, applicationId, input });
    return { id: applicationId, status: "offered", replyBy: isoDate(replyBy) };
  });
}
