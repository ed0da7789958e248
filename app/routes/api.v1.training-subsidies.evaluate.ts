import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { evaluateWorkerTrainingClaim, workerTrainingInputSchema } from "~/services/subsidy/worker-training.server";
import { requirePrincipal } from "~/utils/principal.server";
import { readJsonBody } from "~/utils/json-body.server";
import { AppError, errorResponse } from "~/utils/errors.server";


/**
 * POST /api/v1/training-subsidies/evaluate — a dry run of the worker-training subsidy rules
 * (product.md §12) for one of the calling enterprise's employees: every rule with pass or
 * fail and why, the amount, and whether a claim can be made now (every rule but the
 * certificate check, which the bureau does while reviewing). Nothing is stored.
 */
export async function action({ request }: ActionFunctionArgs) {
  try {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const input = await readJsonBody(request, workerTrainingInputSchema({ form: false }), { invalidCode: "invalid_claim" });
    const result = await evaluateWorkerTrainingClaim({ principal, input });
    return json({
      eligible: result.eligible,
      claimable: result.claimable,
      amountFen: result.amountFen,
      rules: result.rules.map(({ rule, passed, detail }) => ({ rule, passed, detail })),
      policyVersion: result.policyVersion,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  try {
    await requirePrincipal(request, ["enterprise"]);
    throw new AppError({ status: 405, code: "method_not_allowed", message: "请使用 POST 提交职工的培训和证书信息" });
  } catch (error) {
    return errorResponse(error);
  }
}
