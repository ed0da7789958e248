import { prisma } from "~/utils/db.server";

/**
 * Versioned policy tables (product.md: "default" numbers are configuration with an
 * effective date). A new version is a new row; the version in force on a date is the
 * one with the latest effective date on or before it (the higher version number
 * when two start the same day). `data` is the row's JSON, for the caller to validate
 * with the Zod schema of its kind.
 */
export type PolicyInForce = {
  id: number;
  kind: string;
  version: number;
  effectiveFrom: Date;
  note: string | null;
  data: unknown;
};

export async function policyInForce({ kind, on }: { kind: string; on: Date }): Promise<PolicyInForce | null> {
  const row = await prisma.policyVersion.findFirst({
    where: { kind, effectiveFrom: { lte: on } },
    orderBy: [{ effectiveFrom: "desc" }, { version: "desc" }],
    select: { id: true, kind: true, version: true, effectiveFrom: true, note: true, data: true },
  });
  if (!row) return null;
  return { ...row, data: JSON.parse(row.data) as unknown };
}
