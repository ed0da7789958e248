import type { z } from "zod";
import { dateOf } from "~/domain/subsidy/calendar";
import { Prisma } from "~/generated/prisma/client";
import type { Principal } from "~/utils/principal.server";
import { requireRole } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { conflict } from "~/utils/errors.server";
import { policyInForce } from "~/utils/policy.server";

/**
 * Versioned policies of any kind (PolicyVersion): every version is a new row with its
 * effective date; nothing is updated or removed in place (this module only inserts, and
 * the database refuses UPDATE and DELETE of a PolicyVersion row on SQLite and PostgreSQL:
 * triggers "PolicyVersion_no_update" and "PolicyVersion_no_delete", ADR 130). Readers take the version in force
 * on the date of their computation (`policyInForce`).
 */

export type PolicyVersionRow<T> = {
  id: number;
  version: number;
  effectiveFrom: Date;
  note: string | null;
  createdAt: Date;
  createdBy: { displayName: string } | null;
  data: T | null;
};

/** Every version of a kind, newest first; `data` is null when the stored document no longer validates. */
export async function listPolicyVersions<S extends z.ZodType>(kind: string, schema: S): Promise<PolicyVersionRow<z.infer<S>>[]> {
  const rows = await prisma.policyVersion.findMany({
    where: { kind },
    orderBy: [{ version: "desc" }],
    select: { id: true, version: true, effectiveFrom: true, data: true, note: true, createdAt: true, createdBy: { select: { displayName: true } } },
  });
  return rows.map((row) => {
    const parsed = schema.safeParse(JSON.parse(row.data));
    return { ...row, data: parsed.success ? (parsed.data as z.infer<S>) : null };
  });
}

/** The document of a kind in force on a day (validated), or the fallback when there is none. */
export async function policyDataOn<S extends z.ZodType>(kind: string, schema: S, on: Date, fallback: z.infer<S>) {
  const row = await policyInForce({ kind, on });
  if (!row) return { data: fallback, version: null as number | null, effectiveFrom: null as Date | null };
  const parsed = schema.safeParse(row.data);
  return { data: parsed.success ? (parsed.data as z.infer<S>) : fallback, version: row.version, effectiveFrom: row.effectiveFrom };
}

/**
 * A new version of a kind, effective from a day. The version number is the next one;
 * two administrators saving at once cannot take the same number (unique kind +
 * version): the second is asked to try again.
 */
export async function createPolicyVersion({
  principal,
  kind,
  effectiveFrom,
  data,
  note,
  denied = "只有省园区办可以修改政策参数",
}: {
  principal: Principal;
  kind: string;
  effectiveFrom: string;
  data: unknown;
  note: string | null;
  denied?: string;
}) {
  requireRole(principal, ["province"], denied);
  const latest = await prisma.policyVersion.findFirst({ where: { kind }, orderBy: { version: "desc" }, select: { version: true } });
  try {
    return await prisma.policyVersion.create({
      data: { kind, version: (latest?.version ?? 0) + 1, effectiveFrom: dateOf(effectiveFrom), data: JSON.stringify(data), note, createdById: principal.accountId },
      select: { id: true, version: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw conflict("其他管理员刚刚保存了新版本，请刷新后重试");
    }
    throw error;
  }
}
