import { beforeAll, describe, expect, it } from "vitest";
import { identityCheckChar } from "~/domain/ids/identity-number";
import { GraduateRegistrationSchema, registerGraduate, reviewGraduateRegistration } from "~/services/accounts/graduate-registration.server";
import { prisma } from "~/utils/db.server";
import { principalOfAccount, type Principal } from "~/utils/principal.server";
import { authenticate } from "~/utils/session.server";
import { buildRegistry, createAccount, refusal } from "./fixtures";

let registry: Awaited<ReturnType<typeof buildRegistry>>;
let college: Principal;
let otherCollege: Principal;
let serial = 500;

function form(overrides: Record<string, string> = {}) {
  serial += 1;
  const first17 = `36010220040301${String(serial).padStart(3, "0")}`;
  const parsed = GraduateRegistrationSchema.safeParse({
    name: "胡晓梅",
    idNumber: first17 + identityCheckChar(first17),
    mobile: `1377000${String(serial).padStart(4, "0")}`,
    collegeId: String(registry.college.id),
    majorCode: "460103",
    graduationDate: "2026-06-30",
    password: "Hu-xiaomei-26",
    confirm: "Hu-xiaomei-26",
    ...overrides,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}


beforeAll(async () => {
  registry = await buildRegistry();
  await prisma.majorCategory.upsert({ where: { code: "46" }, create: { code: "46", name: "装备制造大类", level: "高职" }, update: {} });
  await prisma.majorClass.upsert({ where: { code: "4601" }, create: { code: "4601", name: "机械设计制造类", categoryCode: "46" }, update: {} });
  await prisma.major.upsert({ where: { code: "460103" }, create: { code: "460103", name: "数控技术", classCode: "4601", level: "高职" }, update: {} });
  college = (await principalOfAccount((await createAccount("greg-college", "college", { collegeId: registry.college.id })).id))!;
  otherCollege = (await principalOfAccount((await createAccount("greg-college-2", "college", { collegeId: registry.otherCollege.id })).id))!;
});

describe("graduate registration", () => {
  it("refuses a wrong identity number in Chinese", () => {
    const first17 = "36010220040301500";
    const wrong = identityCheckChar(first17) === "1" ? "2" : "1";
    const parsed = GraduateRegistrationSchema.safeParse({ idNumber: first17 + wrong });
    const issue = parsed.error!.issues.find((i) => i.path[0] === "idNumber");
    expect(issue?.message).toMatch(/身份证号/);
  });

  it("waits for the college: no account until it confirms, then the graduate is on its roster and signs in", async () => {
    const input = form();
    const id = await registerGraduate(input);
    await expect(authenticate(input.mobile, input.password, null)).rejects.toThrow("用户名或密码错误");
    expect((await refusal(reviewGraduateRegistration({ principal: otherCollege, registrationId: id, decision: "confirm" }))).status).toBe(404);
    const { graduateId } = (await reviewGraduateRegistration({ principal: college, registrationId: id, decision: "confirm" })) as { graduateId: number };
    const graduate = await prisma.graduate.findUniqueOrThrow({ where: { id: graduateId } });
    expect(graduate).toMatchObject({ name: "胡晓梅", collegeId: registry.college.id, majorCode: "460103", phone: input.mobile, gender: "M" });
    expect(graduate.idNumberMasked).not.toContain(input.idNumber.slice(6, 14));
    const accountId = await authenticate(input.mobile, input.password, null);
    expect(await prisma.account.findUniqueOrThrow({ where: { id: accountId } })).toMatchObject({ role: "graduate", graduateId });
  });

  it("refuses a second pending request, and someone already on a roster", async () => {
    const input = form();
    await registerGraduate(input);
    expect((await refusal(registerGraduate({ ...input, mobile: "13770009999" }))).code).toBe("already_pending");
    const confirmed = form();
    const id = await registerGraduate(confirmed);
    await reviewGraduateRegistration({ principal: college, registrationId: id, decision: "confirm" });
    expect((await refusal(registerGraduate({ ...confirmed, mobile: "13770009998" }))).code).toBe("on_roster");
  });

  it("needs a reason not to confirm, and tells the applicant", async () => {
    const input = form();
    const id = await registerGraduate(input);
    expect((await refusal(reviewGraduateRegistration({ principal: college, registrationId: id, decision: "reject" }))).field).toBe("reason");
    await reviewGraduateRegistration({ principal: college, registrationId: id, decision: "reject", reason: "本校无此学生" });
    expect((await prisma.outboxMessage.findFirstOrThrow({ where: { mobile: input.mobile } })).body).toContain("本校无此学生");
    expect(await prisma.graduate.count({ where: { phone: input.mobile } })).toBe(0);
  });
});
