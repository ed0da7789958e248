import type { ActionFunctionArgs } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { exportPaymentBatchCsv } from "~/services/subsidy/batches.server";
import { requireForm } from "~/utils/csrf.server";
import { errorResponse } from "~/utils/errors.server";

/**
 * POST /bureau/batches/:id/csv — the bank file of a batch, for the bureau that
 * reviewed it. A form post (with its CSRF token), not a link: the first export
 * changes the batch's status and is logged on every claim.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  try {
    const { principal } = await requireForm(request, ["bureau"]);
    const id = idParam(params.batchId, "支付批次");
    const { fileName, csv } = await exportPaymentBatchCsv({ principal, batchId: id });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="batch-${id}.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
