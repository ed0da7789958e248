import type { ActionFunctionArgs } from "@remix-run/node";
import { ApplyBodySchema, lifecycleCall } from "~/services/labour/api.server";
import { applyTo } from "~/services/labour/applications.server";
import { readJsonBody } from "~/utils/json-body.server";
import { requirePrincipal } from "~/utils/principal.server";

/** POST /api/v1/applications {jobId} | {orderId} — the graduate applies; 201 with the application. */
export async function action({ request }: ActionFunctionArgs) {
  return lifecycleCall(async () => {
    const principal = await requirePrincipal(request, ["graduate"]);
    const target = await readJsonBody(request, ApplyBodySchema);
    const application = await applyTo({ principal, target });
    return { id: application.id, status: application.status, jobId: application.jobId, orderId: application.orderId };
  }, 201);
}
