import { prisma, type Prisma } from "~/utils/db.server";
import { enqueueOrDefer, QUEUES } from "~/utils/queue.server";
import { env } from "~/utils/env.server";
import type { MessageKind } from "~/domain/constants";
import type { Principal } from "~/utils/principal.server";
import { outboxScope, requireRole } from "~/utils/scopes.server";

/**
 * The message sender of §9: one-time codes, invitations and reset links for people.
 * By default every message waits in the outbox table, where the province's operators
 * (and, for its own graduates, the college) read it and hand it over, so an intranet
 * without an SMS gateway works. With MESSAGE_GATEWAY_URL set, messages go to an HTTP
 * gateway; the outbox then keeps only a line saying it was sent, never the text, and a
 * message the gateway refused stays readable in the outbox. No message text is logged:
 * it may hold a code. In-app notifications also become messages where the recipient's
 * phone is known (`recordMessages` in the notifying transaction, then the worker's
 * `deliverPendingMessages` after the commit).
 */

export type OutgoingMessage = {
  kind: MessageKind;
  mobile: string;
  body: string;
  /** For the college's view of its own graduates' messages. */
  graduateId?: number | null;
  collegeId?: number | null;
};

export type DeliveryResult = { status: "queued" | "sent" | "failed" };

export interface MessageSender {
  send(message: OutgoingMessage): Promise<DeliveryResult>;
}

/** The default: the message waits in the outbox for an operator to hand over. */
export const outboxSender: MessageSender = {
  async send(message) {
    await prisma.outboxMessage.create({ data: { ...message, status: "queued" } });
    return { status: "queued" };
  },
};

export type Gateway = { url: string; token?: string; timeoutMs?: number };

/** What the outbox keeps of a message the gateway took: never its text, which may hold a code. */
const SENT_BODY = "（已通过短信网关发送，内容不留存）";

/**
 * POSTs `{ mobile, text, kind }` as JSON, with a bearer token when one is configured.
 * Null when the gateway took the message, else why not (in Chinese, for the outbox;
 * it names neither the number nor the text).
 */
async function postToGateway(gateway: Gateway, message: { kind: string; mobile: string; body: string }): Promise<string | null> {
  try {
    const response = await fetch(gateway.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(gateway.token ? { Authorization: `Bearer ${gateway.token}` } : {}),
      },
      body: JSON.stringify({ mobile: message.mobile, text: message.body, kind: message.kind }),
      signal: AbortSignal.timeout(gateway.timeoutMs ?? 10_000),
    });
    return response.ok ? null : `短信网关返回 HTTP ${response.status}`;
  } catch (error) {
    return `短信网关无法连接（${(error as Error).name}）`;
  }
}

function warnUndelivered(kind: string, failure: string) {
  console.warn(`[messages] ${kind} not delivered by the gateway: ${failure}; kept in the outbox`);
}

/** Sends at once through the HTTP gateway (codes and links, outside any transaction). */
export function httpGatewaySender(gateway: Gateway): MessageSender {
  return {
    async send(message) {
      const failure = await postToGateway(gateway, message);
      if (failure) {
        warnUndelivered(message.kind, failure);
        await prisma.outboxMessage.create({ data: { ...message, status: "failed", error: failure } });
        return { status: "failed" };
      }
      await prisma.outboxMessage.create({ data: { ...message, body: SENT_BODY, status: "sent", sentAt: new Date() } });
      return { status: "sent" };
    },
  };
}

/** The HTTP gateway the environment configures, if any. */
export function configuredGateway(): Gateway | null {
  const { MESSAGE_GATEWAY_URL, MESSAGE_GATEWAY_TOKEN } = env();
  return MESSAGE_GATEWAY_URL ? { url: MESSAGE_GATEWAY_URL, token: MESSAGE_GATEWAY_TOKEN } : null;
}

/** The configured sender: the HTTP gateway when MESSAGE_GATEWAY_URL is set, else the outbox. */
export function messageSender(): MessageSender {
  const gateway = configuredGateway();
  return gateway ? httpGatewaySender(gateway) : outboxSender;
}

// ───── Notifications as messages: written in the caller's transaction, sent after it ─────

type OutboxWriter = Pick<Prisma.TransactionClient, "outboxMessage">;

/**
 * Writes messages inside the caller's transaction (the in-app notifications that a
 * recipient with a known phone also gets as a message), so the message exists exactly
 * when the notification does. Without a gateway they wait in the outbox for the
 * operators ("queued"); with one they wait ("pending") for `deliverPendingMessages`,
 * which the worker runs after the commit: nothing talks to the gateway while a
 * transaction is open.
 */
export async function recordMessages(db: OutboxWriter, messages: readonly OutgoingMessage[], gateway = configuredGateway()): Promise<void> {
  if (messages.length === 0) return;
  const status = gateway ? "pending" : "queued";
  await db.outboxMessage.createMany({ data: messages.map((m) => ({ ...m, status })) });
}

/** The worker's job that sends pending messages; one waits or runs at a time. */
export const DELIVER_MESSAGES_JOB = "deliver-messages";

/**
 * Asks the worker to send the pending messages now (call it after the commit). Nothing
 * to do without a gateway. Never throws: the messages are already in the outbox, and
 * the worker's schedule (every 30 s) sends them once Redis is back.
 */
export async function requestMessageDelivery(gateway = configuredGateway()): Promise<void> {
  if (!gateway) return;
  await enqueueOrDefer({ queue: QUEUES.messages, name: DELIVER_MESSAGES_JOB, data: {}, coalesce: DELIVER_MESSAGES_JOB, recordedElsewhere: true });
}

/**
 * Sends the pending messages through the gateway, oldest first. Each row is claimed
 * ("pending" → "sending") by a conditional update before the gateway is called, so a
 * retried or doubled run never sends one twice; the outcome then replaces the claim
 * ("sent" without the text, or "failed" with the text kept for the operators). A run
 * that dies between claim and outcome leaves the row "sending", text kept, for an
 * operator to check: a message is sent at most once.
 */
export async function deliverPendingMessages({ gateway = configuredGateway(), batchSize = 50 }: { gateway?: Gateway | null; batchSize?: number } = {}) {
  let sent = 0;
  let failed = 0;
  if (!gateway) return { sent, failed };
  let afterId = 0;
  for (;;) {
    const rows = await prisma.outboxMessage.findMany({
      where: { status: "pending", id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, kind: true, mobile: true, body: true },
    });
    if (rows.length === 0) return { sent, failed };
    for (const row of rows) {
      afterId = row.id;
      const claimed = await prisma.outboxMessage.updateMany({ where: { id: row.id, status: "pending" }, data: { status: "sending" } });
      if (claimed.count !== 1) continue;
      const failure = await postToGateway(gateway, row);
      if (failure) {
        warnUndelivered(row.kind, failure);
        await prisma.outboxMessage.update({ where: { id: row.id }, data: { status: "failed", error: failure } });
        failed += 1;
      } else {
        await prisma.outboxMessage.update({ where: { id: row.id }, data: { status: "sent", body: SENT_BODY, sentAt: new Date() } });
        sent += 1;
      }
    }
  }
}

/**
 * The outbox as operators read it: the province every message, a college those for its
 * own graduates (activation codes and their notices). Newest first.
 */
export async function listOutbox({ principal, page }: { principal: Principal; page: number }) {
  requireRole(principal, ["province", "college"], "只有省园区办和院校可以查看消息发件箱");
  const where = outboxScope(principal);
  const pageSize = 30;
  const [rows, total] = await Promise.all([
    prisma.outboxMessage.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, kind: true, mobile: true, body: true, status: true, error: true, createdAt: true },
    }),
    prisma.outboxMessage.count({ where }),
  ]);
  return { rows, total, page, pageSize };
}
