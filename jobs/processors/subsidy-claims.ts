import { UnrecoverableError } from "bullmq";
import { z } from "zod";
import { createClaimsForPlacement } from "~/services/subsidy/claims.server";

const CreateClaimsJobSchema = z.object({ placementId: z.number().int().positive() });

/**
 * The "create-claims" job: the claims of one confirmed placement. Idempotent (the
 * unique placement + kind of a claim), so a retry after a crash creates nothing twice.
 * A payload that is not a placement id will never succeed and is not retried.
 */
export async function runCreateClaimsJob(data: unknown) {
  const parsed = CreateClaimsJobSchema.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`bad create-claims payload: ${parsed.error.message}`);
  return createClaimsForPlacement({ placementId: parsed.data.placementId, origin: "automatic" });
}
