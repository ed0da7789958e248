import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import type { MessageKind } from "~/domain/constants";
import type { Principal } from "~/utils/principal.server";
import { requireRole } from "~/utils/scopes.server";

/**
 * The message sender of §9: one-time codes, invitations and reset links for people.
 * By default every message waits in the outbox table, where the province's operators
 * (and, for its own graduates, the college) read it and hand it over, so an intranet
 * without an SMS gateway works. With MESSAGE_GATEWAY_URL set, messages go to an HTTP
 * gateway; the outbox then keeps only a line saying it was sent, never the text, and a
 * message the gateway refused stays readable in the outbox. No message text is logged:
 * it may hold a code.
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

/** POSTs `{ mobile, text, kind }` as JSON, with a bearer token when one is configured. */
export function httpGatewaySender(options: { url: string; token?: string; timeoutMs?: number }): MessageSender {
  return {
    async send(message) {
      let failure: string | null = null;
      try {
        const response = await fetch(options.url, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({ mobile: message.mobile, text: message.body, kind: message.kind }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        if (!response.ok) failure = `短信网关返回 HTTP ${response.status}`;
      } catch (error) {
        failure = `短信网关无法连接（${(error as Error).name}）`;
      }
      if (failure) {
        console.warn(`[messages] ${message.kind} not delivered by the gateway: ${failure}; kept in the outbox`);
        await prisma.outboxMessage.create({ data: { ...message, status: "failed", error: failure } });
        return { status: "failed" };
      }
      await prisma.outboxMessage.create({
        data: { ...message, body: "（已通过短信网关发送，内容不留存）", status: "sent", sentAt: new Date() },
      });
      return { status: "sent" };
    },
  };
}

/** The configured sender: the HTTP gateway when MESSAGE_GATEWAY_URL is set, else the outbox. */
export function messageSender(): MessageSender {
  const { MESSAGE_GATEWAY_URL, MESSAGE_GATEWAY_TOKEN } = env();
  return MESSAGE_GATEWAY_URL ? httpGatewaySender({ url: MESSAGE_GATEWAY_URL, token: MESSAGE_GATEWAY_TOKEN }) : outboxSender;
}

/**
 * The outbox as operators read it: the province every message, a college those for its
 * own graduates (activation codes and their notices). Newest first.
 */
export async function listOutbox({ principal, page }: { principal: Principal; page: number }) {
  requireRole(principal, ["province", "college"], "只有省园区办和院校可以查看消息发件箱");
  const where = principal.role === "province" ? {} : { collegeId: principal.collegeId ?? -1 };
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
