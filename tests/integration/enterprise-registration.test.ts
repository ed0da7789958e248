import { beforeAll, describe, expect, it } from "vitest";
import { creditCodeCheckChar } from "~/domain/ids/credit-code";
import {
  EnterpriseRegistrationSchema,
  registerEnterprise,
  reviewEnterpriseRegistration,
} from "~/services/accounts/enterprise-registration.server";
import { prisma } from "~/utils/db.server";
import { principalOfAccount, type Principal } from "~/utils/principal.server";
import { authenticate } from "~/utils/session.server";
import { buildRegistry, createAccount, refusal } from "./fixtures";

let registry: Awaited<ReturnType<typeof buildRegistry>>;
let park: Principal;
let otherPark: Principal;
let serial = 0;

function creditCode(): string {
  serial += 1;
  const first17 = `91360100MA${String(serial).padStart(7, "0")}`;
  return first17 + creditCodeCheckChar(first17);
}

function form(overrides: Record<string, string> = {}) {
  const parsed = EnterpriseRegistrationSchema.safeParse({
    name: "江西赣锋测试材料有限公司",
    creditCode: creditCode(),
    parkId: String(registry.park.id),
    headcount: "120",
    contactName: "刘洋",
    contactPhone: "13870000001",
    login: `ganfeng${serial}`,
    password: "Ganfeng-Li-2026",
    confirm: "Ganfeng-Li-2026",
    ...overrides,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}


beforeAll(async () => {
  registry = await buildRegistry();
  park = (await principalOfAccount((await createAccount("reg-park", "park", { parkId: registry.park.id })).id))!;
  otherPark = (await principalOfAccount((await createAccount("reg-park-2", "park", { parkId: registry.otherPark.id })).id))!;
});

describe("enterprise registration", () => {
  it("refuses a credit code with a wrong check character in Chinese", () => {
    const code = creditCode();
    const wrong = code.slice(0, 17) + (code.endsWith("0") ? "1" : "0");
    const parsed = EnterpriseRegistrationSchema.safeParse({ creditCode: wrong });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.find((i) => i.path[0] === "creditCode")!.message).toMatch(/校验|信用代码/);
  });

  it("lets the park approve: the enterprise joins its registry and the contact signs in as its admin", async () => {
    const input = form();
    const id = await registerEnterprise(input);
    await expect(authenticate(input.login, input.password, null)).rejects.toThrow();
    expect((await refusal(reviewEnterpriseRegistration({ principal: otherPark, registrationId: id, decision: "approve" }))).status).toBe(404);
    const { enterpriseId } = (await reviewEnterpriseRegistration({ principal: park, registrationId: id, decision: "approve" })) as { enterpriseId: number };
    const enterprise = await prisma.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } });
    expect(enterprise).toMatchObject({ creditCode: input.creditCode, parkId: registry.park.id, headcount: 120 });
    const accountId = await authenticate(input.login, input.password, null);
    const account = await prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(account).toMatchObject({ role: "enterprise", enterpriseId, orgRole: "admin" });
    const kinds = (await prisma.accountEvent.findMany({ where: { enterpriseId } })).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["registration_approved", "created"]));
    expect((await refusal(reviewEnterpriseRegistration({ principal: park, registrationId: id, decision: "reject", reason: "重复" }))).status).toBe(409);
  });

  it("needs a reason to reject, and sends it to the contact", async () => {
    const input = form({ contactPhone: "13870000002" });
    const id = await registerEnterprise(input);
    expect((await refusal(reviewEnterpriseRegistration({ principal: park, registrationId: id, decision: "reject", reason: " " }))).field).toBe("reason");
    await reviewEnterpriseRegistration({ principal: park, registrationId: id, decision: "reject", reason: "营业执照地址不在本园区" });
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { mobile: "13870000002" } });
    expect(message.body).toContain("营业执照地址不在本园区");
    expect(await prisma.enterprise.count({ where: { creditCode: input.creditCode } })).toBe(0);
  });

  it("refuses an enterprise already on the platform, a second pending request and a taken login", async () => {
    expect((await refusal(registerEnterprise(form({ creditCode: registry.enterprise.creditCode })))).field).toBe("creditCode");
    const input = form();
    await registerEnterprise(input);
    expect((await refusal(registerEnterprise({ ...form(), creditCode: input.creditCode }))).code).toBe("already_pending");
    expect((await refusal(registerEnterprise({ ...form(), login: input.login }))).field).toBe("login");
    expect((await refusal(registerEnterprise({ ...form(), login: "reg-park" }))).field).toBe("login");
  });

  it("refuses a password equal to the login or from the common list", async () => {
    const input = form();
    expect((await refusal(registerEnterprise({ ...input, password: input.login }))).field).toBe("password");
    expect((await refusal(registerEnterprise({ ...input, password: "qwertyuiop" }))).field).toBe("password");
  });
});
