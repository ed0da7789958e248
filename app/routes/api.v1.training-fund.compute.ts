import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ROLES } from "~/domain/constants";
import { dryRunTrainingFund } from "~/services/fund/training-fund.server";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, errorResponse } from "~/utils/errors.server";
import { readStrictJson } from "~/utils/json-body.server";

/**
 * POST /api/v1/training-fund/compute — a dry run of the training-fund computation:
 * `{ payrollFen, rate?, shareRatio?, colleges: [{ code, placements }] }` →
 * `{ feeFen, shareFen, allocations: [{ code, amountFen }] }`. Nothing is stored.
 */
export async function action({ request }: ActionFunctionArgs) {
  try {
    await requirePrincipal(request, ROLES);
    if (request.method !== "POST") {
      throw new AppError({ status: 405, code: "method_not_allowed", message: "请使用 POST 方法" });
    }
    const body = await readStrictJson(request);
    const result = await dryRunTrainingFund({ body, on: new Date() });
    return json({
      feeFen: result.feeFen,
      shareFen: result.shareFen,
      allocations: result.allocations.map(({ code, amountFen }) => ({ code, amountFen })),
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function loader() {
  return errorResponse(new AppError({ status: 405, code: "method_not_allowed", message: "请使用 POST 方法" }));
}
