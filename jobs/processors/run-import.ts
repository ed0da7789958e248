import { UnrecoverableError } from "bullmq";
import { z } from "zod";
import { runQueuedImport } from "~/services/registry/imports.server";

const PayloadSchema = z.object({ importJobId: z.number().int().positive(), filePath: z.string().min(1) });

/** The imports queue's "run-import" job (services/registry/imports.server.ts runQueuedImport). */
export async function processImport(payload: unknown): Promise<{ status: string }> {
  const parsed = PayloadSchema.safeParse(payload);
  if (!parsed.success) throw new UnrecoverableError(`bad import payload: ${parsed.error.message}`);
  const outcome = await runQueuedImport(parsed.data);
  if (!outcome) throw new UnrecoverableError(`import ${parsed.data.importJobId} does not exist`);
  return outcome;
}
