import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { httpGatewaySender, listOutbox, outboxSender } from "~/services/accounts/messages.server";
import { principalOfAccount } from "~/utils/principal.server";
import { buildRegistry, createAccount } from "./fixtures";
import { prisma } from "~/utils/db.server";

type Received = { headers: IncomingMessage["headers"]; body: unknown };
let server: Server;
let gatewayUrl: string;
const received: Received[] = [];
let answerStatus = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(raw) });
      res.statusCode = answerStatus;
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const CODE_MESSAGE = { kind: "activation_code" as const, mobile: "13912345678", body: "您的园校通激活码：K7Q2-9XPM，7 天内有效。" };

describe("message sender", () => {
  it("keeps a message in the outbox by default, readable by the operators", async () => {
    await expect(outboxSender.send(CODE_MESSAGE)).resolves.toEqual({ status: "queued" });
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { mobile: "13912345678" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ status: "queued", body: CODE_MESSAGE.body, kind: "activation_code" });
  });

  it("posts to the configured HTTP gateway with its token and keeps no text of the code", async () => {
    answerStatus = 200;
    const sender = httpGatewaySender({ url: gatewayUrl, token: "gw-secret" });
    await expect(sender.send({ ...CODE_MESSAGE, mobile: "13900000001" })).resolves.toEqual({ status: "sent" });
    expect(received.at(-1)).toMatchObject({
      headers: { authorization: "Bearer gw-secret" },
      body: { mobile: "13900000001", text: CODE_MESSAGE.body, kind: "activation_code" },
    });
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { mobile: "13900000001" } });
    expect(row.status).toBe("sent");
    expect(row.body).not.toContain("K7Q2-9XPM");
  });

  it("keeps a message the gateway refused in the outbox and logs no code", async () => {
    answerStatus = 503;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const sender = httpGatewaySender({ url: gatewayUrl });
    await expect(sender.send({ ...CODE_MESSAGE, mobile: "13900000002" })).resolves.toEqual({ status: "failed" });
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { mobile: "13900000002" } });
    expect(row).toMatchObject({ status: "failed", body: CODE_MESSAGE.body, error: "短信网关返回 HTTP 503" });
    const logged = warn.mock.calls.flat().join(" ");
    expect(logged).toContain("503");
    expect(logged).not.toContain("K7Q2-9XPM");
    expect(logged).not.toContain("13900000002");
    warn.mockRestore();
  });

  it("keeps the message when the gateway cannot be reached", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const sender = httpGatewaySender({ url: "http://127.0.0.1:9/sms", timeoutMs: 2_000 });
    await expect(sender.send({ ...CODE_MESSAGE, mobile: "13900000003" })).resolves.toEqual({ status: "failed" });
    expect(warn.mock.calls.flat().join(" ")).not.toContain("K7Q2-9XPM");
    warn.mockRestore();
  });
});

describe("the outbox page", () => {
  it("shows the province every message and a college only its graduates'", async () => {
    const registry = await buildRegistry();
    await outboxSender.send({ ...CODE_MESSAGE, mobile: "13900000010", collegeId: registry.college.id });
    await outboxSender.send({ ...CODE_MESSAGE, mobile: "13900000011", collegeId: registry.otherCollege.id });
    const college = (await principalOfAccount((await createAccount("outbox-college", "college", { collegeId: registry.college.id })).id))!;
    const province = (await principalOfAccount((await createAccount("outbox-province", "province")).id))!;
    const graduate = (await principalOfAccount((await createAccount("outbox-graduate", "graduate")).id))!;
    expect((await listOutbox({ principal: college, page: 1 })).rows.map((r) => r.mobile)).toEqual(["13900000010"]);
    expect((await listOutbox({ principal: province, page: 1 })).total).toBeGreaterThanOrEqual(5);
    await expect(listOutbox({ principal: graduate, page: 1 })).rejects.toMatchObject({ status: 403 });
  });
});
