import { beforeAll, describe, expect, it } from "vitest";
import { identityCheckChar } from "~/domain/ids/identity-number";
import { activateGraduate, issueCohortLetters, reissueActivationCode } from "~/services/accounts/activation.server";
import { inviteToApply } from "~/services/matching/matching.server";
import { principalOfAccount, type Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { encryptIdNumber, hashIdNumber } from "~/utils/pii.server";
import { authenticate } from "~/utils/session.server";
import { buildRegistry, createAccount, refusal } from "./fixtures";

let registry: Awaited<ReturnType<typeof buildRegistry>>;
let college: Principal;
let otherCollege: Principal;
let cohortId: number;
let serial = 100;

function idNumber(): string {
  serial += 1;
  const first17 = `36010220030501${String(serial).padStart(3, "0")}`;
  return first17 + identityCheckChar(first17);
}

async function rosterGraduate(name: string, phone: string) {
  const id = idNumber();
  const graduate = await prisma.graduate.create({
    data: {
      idNumberHash: hashIdNumber(id, env().PII_KEY),
      idNumberCipher: encryptIdNumber(id, env().PII_KEY),
      idNumberMasked: `${id.slice(0, 4)}**********${id.slice(-4)}`,
      name,
      gender: "F",
      birthDate: new Date("2003-05-01"),
      phone,
      collegeId: registry.college.id,
      cohortId,
      majorCode: "460103",
      schoolLevel: "高职",
      graduationDate: new Date("2026-06-30"),
      skillTags: "[]",
      preferredCities: "[]",
    },
  });
  return { graduate, id };
}


beforeAll(async () => {
  registry = await buildRegistry();
  college = (await principalOfAccount((await createAccount("act-college", "college", { collegeId: registry.college.id })).id))!;
  otherCollege = (await principalOfAccount((await createAccount("act-college-2", "college", { collegeId: registry.otherCollege.id })).id))!;
  const cohort = await prisma.cohort.create({
    data: { collegeId: registry.college.id, majorCode: "460103", level: "高职", size: 40, expectedGraduation: new Date("2026-06-30"), skillsTaught: "[]", targetSkillLevel: 4 },
  });
  cohortId = cohort.id;
});

describe("graduate activation", () => {
  it("activates a roster graduate from a letter, once, and the code is stored only hashed", async () => {
    const { graduate, id } = await rosterGraduate("李晓燕", "13970000001");
    const letters = await issueCohortLetters({ principal: college, cohortId });
    const letter = letters.find((l) => l.graduateId === graduate.id)!;
    expect(letter).toMatchObject({ name: "李晓燕", mobile: "13970000001" });
    expect(letter.idNumberMasked).not.toContain(id.slice(6, 14));
    const stored = await prisma.activationCode.findMany({ where: { graduateId: graduate.id } });
    expect(JSON.stringify(stored)).not.toContain(letter.code.replace("-", ""));

    const input = { name: "李晓燕", idNumber: id, mobile: "139 7000 0001", code: letter.code.toLowerCase(), password: "Hongdu-2026" };
    const { accountId, login } = await activateGraduate({ input, clientAddress: "192.0.2.10" });
    expect(login).toBe("13970000001");
    await expect(authenticate("13970000001", "Hongdu-2026", null)).resolves.toBe(accountId);
    const events = await prisma.accountEvent.findMany({ where: { accountId } });
    expect(events.map((e) => e.kind)).toContain("activated");

    const again = await refusal(activateGraduate({ input, clientAddress: "192.0.2.11" }));
    expect(again.code).toBe("activation_mismatch");
    expect(await prisma.account.count({ where: { graduateId: graduate.id } })).toBe(1);
  });

  it("refuses a wrong name, mobile or code with one message that does not say which", async () => {
    const { graduate, id } = await rosterGraduate("王建国", "13970000002");
    const { letter } = await reissueActivationCode({ principal: college, graduateId: graduate.id });
    const base = { name: "王建国", idNumber: id, mobile: "13970000002", code: letter.code, password: "Hongdu-2026" };
    const messages = new Set<string>();
    for (const wrong of [{ name: "王建" }, { mobile: "13970000009" }, { code: "ABCD-EFGH" }]) {
      const error = await refusal(activateGraduate({ input: { ...base, ...wrong }, clientAddress: null }));
      expect(error.code).toBe("activation_mismatch");
      messages.add(error.message);
    }
    expect(messages.size).toBe(1);
    expect(await prisma.account.count({ where: { graduateId: graduate.id } })).toBe(0);
  });

  it("makes an earlier code stop working when the college re-issues one, and refuses an expired code", async () => {
    const { graduate, id } = await rosterGraduate("赵敏", "13970000003");
    const first = await reissueActivationCode({ principal: college, graduateId: graduate.id });
    const second = await reissueActivationCode({ principal: college, graduateId: graduate.id });
    const base = { name: "赵敏", idNumber: id, mobile: "13970000003", password: "Hongdu-2026" };
    expect((await refusal(activateGraduate({ input: { ...base, code: first.letter.code }, clientAddress: null }))).code).toBe("activation_mismatch");
    await prisma.activationCode.updateMany({ where: { graduateId: graduate.id, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await refusal(activateGraduate({ input: { ...base, code: second.letter.code }, clientAddress: null }))).code).toBe("activation_mismatch");
    const outbox = await prisma.outboxMessage.findMany({ where: { graduateId: graduate.id } });
    expect(outbox).toHaveLength(2);
    expect(outbox[1]!.body).toContain(second.letter.code);
  });

  it("keeps one live code per graduate in the database itself", async () => {
    const { graduate } = await rosterGraduate("钱多多", "13970000004");
    await reissueActivationCode({ principal: college, graduateId: graduate.id });
    await expect(
      prisma.activationCode.create({ data: { graduateId: graduate.id, codeHash: "direct-insert", expiresAt: new Date(Date.now() + 86_400_000) } }),
    ).rejects.toThrow();
  });

  it("refuses another college's graduate and a password from the common list", async () => {
    const { graduate, id } = await rosterGraduate("孙悟", "13970000005");
    expect((await refusal(reissueActivationCode({ principal: otherCollege, graduateId: graduate.id }))).status).toBe(404);
    const { letter } = await reissueActivationCode({ principal: college, graduateId: graduate.id });
    const error = await refusal(
      activateGraduate({ input: { name: "孙悟", idNumber: id, mobile: "13970000005", code: letter.code, password: "woaini1314" }, clientAddress: null }),
    );
    expect(error.field).toBe("password");
  });

  it("slows down guessing codes for one graduate", async () => {
    const { graduate, id } = await rosterGraduate("周密", "13970000006");
    const { letter } = await reissueActivationCode({ principal: college, graduateId: graduate.id });
    const base = { name: "周密", idNumber: id, mobile: "13970000006", password: "Hongdu-2026" };
    for (let i = 0; i < 3; i++) await refusal(activateGraduate({ input: { ...base, code: "ABCD-EFGH" }, clientAddress: null }));
    const slowed = await refusal(activateGraduate({ input: { ...base, code: letter.code }, clientAddress: null }));
    expect(slowed.status).toBe(429);
    expect(slowed.message).toMatch(/请 \d+ 秒后再试/);
  });
});

describe("invitations wait for a graduate without an account", () => {
  it("records the invitation, tells the enterprise 待激活, and delivers it on activation", async () => {
    const { graduate, id } = await rosterGraduate("吴优", "13970000007");
    const enterprise = (await principalOfAccount(
      (await createAccount("act-enterprise", "enterprise", { enterpriseId: registry.enterprise.id })).id,
    ))!;
    const job = await prisma.job.create({
      data: {
        enterpriseId: registry.enterprise.id,
        parkId: registry.park.id,
        title: "数控车床操作工",
        description: "操作数控车床",
        majorClasses: "[]",
        cityCode: "360100",
        wageMinFen: 400_000,
        wageMaxFen: 600_000,
        openings: 3,
        status: "open",
      },
    });
    const sent = await inviteToApply({ principal: enterprise, graduateId: graduate.id, target: { jobId: job.id } });
    expect(sent.waiting).toBe(true);
    const { letter } = await reissueActivationCode({ principal: college, graduateId: graduate.id });
    const { accountId, invitations } = await activateGraduate({
      input: { name: "吴优", idNumber: id, mobile: "13970000007", code: letter.code, password: "Hongdu-2026" },
      clientAddress: null,
    });
    expect(invitations).toBe(1);
    const notes = await prisma.notification.findMany({ where: { accountId } });
    expect(notes.map((n) => n.title)).toEqual([`${registry.enterprise.name} 邀请您投递「数控车床操作工」`]);
  });
});
