import type { AccountEventKind } from "~/domain/constants";
import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";


type Db = Prisma.TransactionClient | typeof prisma;
type OrgColumns = { role?: string | null; parkId?: number | null; collegeId?: number | null; enterpriseId?: number | null; bureauId?: number | null };

/** Appends one event; the organisation columns are those of the account concerned. */
export async function recordAccountEvent(
  db: Db,
  event: { kind: AccountEventKind; accountId?: number | null; actorId?: number | null; detail?: string; org: OrgColumns },
): Promise<void> {
  const { org } = event;
  await db.accountEvent.create({
    data: {
      kind: event.kind,
      accountId: event.accountId ?? null,
      actorId: event.actorId && event.actorId > 0 ? event.actorId : null,
      detail: event.detail ?? null,
      role: org.role ?? null,
      parkId: org.parkId ?? null,
      collegeId: org.collegeId ?? null,
      enterpriseId: org.enterpriseId ?? null,
      bureauId: org.bureauId ?? null,
    },
  });
}
