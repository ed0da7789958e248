import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * Product §9 / issue 15 item 5: the existing notifications also go through the message
 * sender where the recipient's phone is known. With a gateway configured (a local HTTP
 * server here), the message row is written in the notifying transaction and sent by
 * the worker's job after the commit, once however often the job runs.
 */
const gateway = await vi.hoisted(async () => {
  const { createServer } = await import("node:http");
  const received: { body: { mobile: string; text: string; kind: string } }[] = [];
  const state = { status: 200, received };
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ body: JSON.parse(raw) });
      res.statusCode = state.status;
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  process.env.MESSAGE_GATEWAY_URL = `http://127.0.0.1:${port}/sms`;
  process.env.REDIS_PREFIX = `pb-test-msg-${process.pid}-${Date.now()}`;
  return { server, state };
});

import { Worker } from "bullmq";
import { DELIVER_MESSAGES_JOB, deliverPendingMessages, recordMessages } from "~/services/accounts/messages.server";
import { notify, notifyingTransaction } from "~/services/labour/notifications.server";
import { prisma } from "~/utils/db.server";
import { closeBackgroundQueues, queueOptions, QUEUES, redisConnection } from "~/utils/queue.server";
import { buildRegistry, createAccount, createGraduate } from "./fixtures";

let registry: Awaited<ReturnType<typeof buildRegistry>>;
let graduate: Awaited<ReturnType<typeof createGraduate>>;
const DRAFT = { kind: "application", title: "您收到「电工」的录用通知", body: "到岗日期 2027-01-04，月薪 ¥4,500", link: "/graduate/applications/1" };

beforeAll(async () => {
  registry = await buildRegistry();
  graduate = await createGraduate(registry.college.id, "李华");
  await createAccount("msg-graduate", "graduate", { graduateId: graduate.id });
  // An enterprise HR account with a mobile, and one without: only the first gets a message.
  const hr = await createAccount("msg-hr", "enterprise", { enterpriseId: registry.enterprise.id });
  await prisma.account.update({ where: { id: hr.id }, data: { mobile: "13811110000" } });
  await createAccount("msg-hr-2", "enterprise", { enterpriseId: registry.enterprise.id });
});

afterAll(async () => {
  await closeBackgroundQueues();
  await new Promise<void>((resolve) => gateway.server.close(() => resolve()));
});

const messagesTo = (mobile: string) => prisma.outboxMessage.findMany({ where: { mobile, kind: "notification" }, orderBy: { id: "asc" } });

describe("notifications through the message sender", () => {
  it("writes the message in the notifying transaction and sends nothing before the commit", async () => {
    const before = gateway.state.received.length;
    await prisma.$transaction(async (tx) => {
      await notify(tx, { graduateId: graduate.id }, DRAFT);
      const inside = await tx.outboxMessage.findMany({ where: { mobile: graduate.phone } });
      expect(inside).toMatchObject([{ kind: "notification", status: "pending", graduateId: graduate.id, collegeId: registry.college.id }]);
      expect(inside[0]!.body).toContain("您收到「电工」的录用通知");
      // Nothing reaches the gateway while the transaction is open.
      expect(gateway.state.received.length).toBe(before);
    });
    expect(await prisma.notification.count({ where: { title: DRAFT.title } })).toBe(1);

    await expect(deliverPendingMessages()).resolves.toEqual({ sent: 1, failed: 0 });
    expect(gateway.state.received.at(-1)!.body).toEqual({ mobile: graduate.phone, text: expect.stringContaining("到岗日期 2027-01-04"), kind: "notification" });
    const [row] = await messagesTo(graduate.phone);
    expect(row).toMatchObject({ status: "sent" });
    expect(row!.body).not.toContain("到岗日期");
  });

  it("sends each message once however often or concurrently the job runs", async () => {
    await prisma.$transaction((tx) => notify(tx, { enterpriseId: registry.enterprise.id }, { ...DRAFT, title: "张三申请了「电工」" }));
    const before = gateway.state.received.length;
    const runs = await Promise.all([deliverPendingMessages(), deliverPendingMessages(), deliverPendingMessages()]);
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(1);
    await expect(deliverPendingMessages()).resolves.toEqual({ sent: 0, failed: 0 });
    // Two HR accounts were notified in the app; only the one with a mobile got a message.
    expect(await prisma.notification.count({ where: { title: "张三申请了「电工」" } })).toBe(2);
    expect(gateway.state.received.slice(before).map((r) => r.body.mobile)).toEqual(["13811110000"]);
  });

  it("writes no message when the notifying transaction rolls back", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await notify(tx, { graduateId: graduate.id }, { ...DRAFT, title: "回滚的通知" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await prisma.outboxMessage.count({ where: { body: { contains: "回滚的通知" } } })).toBe(0);
    await expect(deliverPendingMessages()).resolves.toEqual({ sent: 0, failed: 0 });
  });

  it("keeps a message the gateway refused readable in the outbox and logs neither text nor number", async () => {
    gateway.state.status = 503;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await prisma.$transaction((tx) => notify(tx, { graduateId: graduate.id }, { ...DRAFT, title: "验证码 K7Q2-9XPM 的通知" }));
      await expect(deliverPendingMessages()).resolves.toEqual({ sent: 0, failed: 1 });
      const row = (await messagesTo(graduate.phone)).at(-1)!;
      expect(row).toMatchObject({ status: "failed", error: "短信网关返回 HTTP 503" });
      expect(row.body).toContain("K7Q2-9XPM");
      const logged = warn.mock.calls.flat().join(" ");
      expect(logged).toContain("503");
      expect(logged).not.toContain("K7Q2-9XPM");
      expect(logged).not.toContain(graduate.phone);
    } finally {
      warn.mockRestore();
      gateway.state.status = 200;
    }
  });

  it("keeps messages for the operators, not the gateway, when no gateway is configured", async () => {
    await prisma.$transaction((tx) => recordMessages(tx, [{ kind: "notification", mobile: "13900009999", body: "【园校通】通知" }], null));
    expect(await messagesTo("13900009999")).toMatchObject([{ status: "queued", body: "【园校通】通知" }]);
    await expect(deliverPendingMessages()).resolves.toEqual({ sent: 0, failed: 0 });
  });

  it("has the worker's job send them after the commit of a notifying transaction", async () => {
    const connection = redisConnection({ forWorker: true });
    const worker = new Worker(QUEUES.messages, async (job) => {
      if (job.name === DELIVER_MESSAGES_JOB) return deliverPendingMessages();
    }, { ...queueOptions(connection), concurrency: 1 });
    try {
      await notifyingTransaction((tx) => notify(tx, { graduateId: graduate.id }, { ...DRAFT, title: "由后台任务发送的通知" }));
      await vi.waitFor(() => {
        expect(gateway.state.received.map((r) => r.body.text).join("\n")).toContain("由后台任务发送的通知");
      }, { timeout: 10_000, interval: 100 });
      await vi.waitFor(async () => expect((await messagesTo(graduate.phone)).at(-1)!.status).toBe("sent"), { timeout: 5_000 });
    } finally {
      await worker.close();
      const keys = await connection.keys(`${process.env.REDIS_PREFIX}:*`);
      if (keys.length) await connection.del(...keys);
      connection.disconnect();
    }
  });
});
