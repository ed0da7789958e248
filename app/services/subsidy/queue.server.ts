import { QUEUES } from "../../../jobs/queues";
import { webQueue } from "~/services/background.server";

export const CREATE_CLAIMS_JOB = "create-claims";

/**
 * Asks the worker to create the subsidy claims of a placement whose contract and
 * insurance months were just confirmed (免申即享). Called after the confirmation is
 * committed; a Redis outage does not undo the confirmation: the hourly
 * reconciliation creates the claims instead, so the failure is only logged.
 */
export async function enqueueClaimCreation({ placementId, confirmedAt }: { placementId: number; confirmedAt?: Date }) {
  try {
    await webQueue(QUEUES.subsidy).add(
      CREATE_CLAIMS_JOB,
      { placementId },
      { jobId: `claims-${placementId}-${(confirmedAt ?? new Date()).getTime()}` },
    );
    return true;
  } catch (error) {
    console.warn(`[subsidy] could not queue claim creation for placement ${placementId}; reconciliation will create it`, error);
    return false;
  }
}
