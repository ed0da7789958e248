import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import type { Principal } from "~/utils/principal.server";
import { pageWindow, type Paged } from "~/utils/list-query";

type Db = Prisma.TransactionClient;

export type NotificationDraft = { kind: string; title: string; body: string; link?: string };

/** The accounts of the other party: a graduate's own account, an enterprise's or a college's staff. */
export type Recipients = { graduateId: number } | { enterpriseId: number } | { collegeId: number };

/** Writes one in-app notification per active account of the recipients, inside the caller's transaction. */
export async function notify(db: Db, to: Recipients, draft: NotificationDraft): Promise<number> {
  const accounts = await db.account.findMany({ where: { ...to, active: true }, select: { id: true } });
  if (accounts.length === 0) return 0;
  const result = await db.notification.createMany({
    data: accounts.map((a) => ({ accountId: a.id, kind: draft.kind, title: draft.title, body: draft.body, link: draft.link ?? null })),
  });
  return result.count;
}

export function countUnreadNotifications(principal: Principal): Promise<number> {
  return prisma.notification.count({ where: { accountId: principal.accountId, readAt: null } });
}

export async function listNotifications({ principal, page }: { principal: Principal; page: number }) {
  const pageSize = 20;
  const where = { accountId: principal.accountId };
  const [rows, total] = await Promise.all([
    prisma.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageWindow({ page, pageSize }),
      select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
    }),
    prisma.notification.count({ where }),
  ]);
  return { rows, total, page, pageSize, sort: "createdAt", direction: "desc" } satisfies Paged<(typeof rows)[number]>;
}

/** Marks the principal's notifications read: one, or all when no id is given. */
export async function markNotificationsRead({ principal, id }: { principal: Principal; id?: number }) {
  const { count } = await prisma.notification.updateMany({
    where: { accountId: principal.accountId, readAt: null, ...(id ? { id } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}
