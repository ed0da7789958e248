import fs from "node:fs/promises";
import { UnrecoverableError } from "bullmq";
import { z } from "zod";
import { runImportJob } from "~/services/imports.server";
import { prisma } from "~/utils/db.server";

const PayloadSchema = z.object({ importJobId: z.number().int().positive(), filePath: z.string().min(1) });

/**
 * Runs a queued import. A retry after a finished import does nothing (runImportJob
 * leaves done and refused imports alone), and the file is removed only once the
 * import has reached its end.
 */
export async function processImport(payload: unknown): Promise<{ status: string }> {
  const parsed = PayloadSchema.safeParse(payload);
  if (!parsed.success) throw new UnrecoverableError(`bad import payload: ${parsed.error.message}`);
  const { importJobId, filePath } = parsed.data;
  const job = await prisma.importJob.findUnique({ where: { id: importJobId }, select: { status: true } });
  if (!job) throw new UnrecoverableError(`import ${importJobId} does not exist`);
  if (job.status !== "done" && job.status !== "refused") {
    await runImportJob({ importJobId, buffer: await fs.readFile(filePath) });
  }
  await fs.rm(filePath, { force: true });
  const after = await prisma.importJob.findUnique({ where: { id: importJobId }, select: { status: true } });
  return { status: after?.status ?? "missing" };
}
