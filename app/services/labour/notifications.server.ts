import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import type { Principal } from "~/utils/principal.server";
import { notFound } from "~/utils/errors.server";
import { pageWindow, type Paged } from "~/utils/list-query";
import { recordMessages, requestMessageDelivery, type OutgoingMessage } from "~/services/accounts/messages.server";

type Db = Prisma.TransactionClient;

export type NotificationDraft = { kind: string; title: string; body: string; link?: string };

/** The accounts of the other party: a graduate's own account, an enterprise's or a college's staff. */
export type Recipients = { graduateId: number } | { enterpriseId: number } | { collegeId: number };

/**
 * Writes one in-app notification per active account of the recipients, inside the
 * caller's transaction; a recipient whose phone is known also gets it as a message
 * (product §9). Run the transaction with `notifyingTransaction` so the message is sent
 * after the commit.
 */
export async function notify(db: Db, to: Recipients, draft: NotificationDraft): Promise<number> {
  const accounts = await db.account.findMany({ where: { ...to, active: true }, select: { id: true } });
  return notifyAccounts(db, accounts.map((a) => ({ accountId: a.id, ...draft })));
}

export type AccountNotification = NotificationDraft & { accountId: number; createdAt?: Date };

/**
 * The one writer of notifications: the in-app rows and, for each recipient with a known
 * phone (the account's mobile, or a graduate's phone on the roster), the message of
 * kind "notification" (`recordMessages`: the outbox, or pending for the gateway).
 */
export async function notifyAccounts(db: Db, notifications: readonly AccountNotification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const result = await db.notification.createMany({
    data: notifications.map((n) => ({ accountId: n.accountId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, ...(n.createdAt ? { createdAt: n.createdAt } : {}) })),
  });
  const phones = await db.account.findMany({
    where: { id: { in: [...new Set(notifications.map((n) => n.accountId))] } },
    select: { id: true, mobile: true, graduate: { select: { id: true, phone: true, collegeId: true } } },
  });
  const byId = new Map(phones.map((a) => [a.id, a]));
  const messages: OutgoingMessage[] = [];
  for (const n of notifications) {
    const account = byId.get(n.accountId);
    const mobile = account?.mobile ?? account?.graduate?.phone;
    if (!mobile) continue;
    messages.push({ kind: "notification", mobile, body: `【园校通】${n.title}。${n.body}`, graduateId: account?.graduate?.id ?? null, collegeId: account?.graduate?.collegeId ?? null });
  }
  await recordMessages(db, messages);
  return result.count;
}

/**
 * `prisma.$transaction` for work that notifies: after the commit, asks the worker to
 * send the messages the notifications wrote (when a gateway is configured).
 */
export async function notifyingTransaction<T>(work: (tx: Db) => Promise<T>, options?: { timeout?: number }): Promise<T> {
  const result = await prisma.$transaction(work, options);
  await requestMessageDelivery();
  return result;
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

/** Opens a notification: marks it read and gives the address of its record (the list when it has none). */
export async function openNotification({ principal, id }: { principal: Principal; id: number }): Promise<string> {
  const found = await prisma.notification.findFirst({ where: { id, accountId: principal.accountId }, select: { link: true, readAt: true } });
  if (!found) throw notFound("通知");
  if (!found.readAt) await markNotificationsRead({ principal, id });
  return found.link && found.link.startsWith("/") && !found.link.startsWith("//") ? found.link : "/notifications";
}
