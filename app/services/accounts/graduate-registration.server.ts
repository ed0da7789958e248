import { z } from "zod";
import { birthDateOfIdentityNumber, checkIdentityNumber, genderOfIdentityNumber, maskIdentityNumber } from "~/domain/ids/identity-number";
import { idField } from "~/services/registry/fields";
import { recordSearchChange, requestSearchDelivery } from "~/services/search/sync.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError, notFound } from "~/utils/errors.server";
import { graduationDateField, requiredText } from "~/utils/forms";
import { decryptIdNumber, encryptIdNumber, hashIdNumber } from "~/utils/pii.server";
import type { Principal } from "~/utils/principal.server";
import { requireActor } from "~/utils/scopes.server";
import { hashPassword } from "~/utils/session.server";
import { recordAccountEvent } from "./events.server";
import { assertPasswordAllowed } from "./members.server";
import { messageSender } from "./messages.server";
import { mobileField, newPasswordFields, SAME_PASSWORD_ISSUE, samePassword } from "./schemas";

export const GraduateRegistrationSchema = z
  .object({
    name: requiredText("姓名", 40),
    idNumber: requiredText("身份证号", 18).transform((s, ctx) => {
      const check = checkIdentityNumber(s);
      if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
      return s.trim().toUpperCase();
    }),
    mobile: mobileField,
    collegeId: idField("毕业院校"),
    majorCode: requiredText("专业", 6).pipe(z.string().regex(/^\d{6}$/, { error: "请选择专业" })),
    graduationDate: graduationDateField("毕业日期"),
    ...newPasswordFields,
  })
  .refine(samePassword, SAME_PASSWORD_ISSUE);
export type GraduateRegistrationInput = z.infer<typeof GraduateRegistrationSchema>;

/** The colleges and the major catalogue, for the public form. */
export async function registrationChoices() {
  const [colleges, majors] = await Promise.all([
    prisma.college.findMany({ orderBy: { nameSort: "asc" }, select: { id: true, name: true } }),
    prisma.major.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true, level: true } }),
  ]);
  return {
    colleges: colleges.map((c) => ({ value: String(c.id), label: c.name })),
    majors: majors.map((m) => ({ value: m.code, label: `${m.code} ${m.name}（${m.level}）` })),
  };
}

const PENDING = "您的注册申请正在等待学校确认，请勿重复提交";

/**
 * A graduate on no roster asks to join (§9): checked identity number, college, major and
 * graduation date. The college confirms from its queue before an account exists; the
 * login is the mobile.
 */
export async function registerGraduate(input: GraduateRegistrationInput): Promise<number> {
  assertPasswordAllowed(input.password, input.mobile);
  if (!(await prisma.major.findUnique({ where: { code: input.majorCode }, select: { code: true } }))) {
    throw new AppError({ field: "majorCode", message: "专业目录中没有这个专业代码" });
  }
  const college = await prisma.college.findUnique({ where: { id: input.collegeId }, select: { id: true } });
  if (!college) throw new AppError({ field: "collegeId", message: "请选择毕业院校" });
  const key = env().PII_KEY;
  const idNumberHash = hashIdNumber(input.idNumber, key);
  if (await prisma.graduate.findUnique({ where: { idNumberHash }, select: { id: true } })) {
    throw new AppError({ status: 409, code: "on_roster", field: "idNumber", message: "您已在学校的毕业生名册中，请向学校索取激活函，在“激活账号”页面激活" });
  }
  if (await prisma.graduateRegistration.findFirst({ where: { idNumberHash, status: "pending" }, select: { id: true } })) {
    throw new AppError({ status: 409, code: "already_pending", field: "idNumber", message: PENDING });
  }
  if (await prisma.account.findUnique({ where: { login: input.mobile }, select: { id: true } })) {
    throw new AppError({ status: 409, code: "login_taken", field: "mobile", message: "该手机号已被其他账号使用" });
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      const registration = await tx.graduateRegistration.create({
        data: {
          idNumberHash,
          idNumberCipher: encryptIdNumber(input.idNumber, key),
          idNumberMasked: maskIdentityNumber(input.idNumber),
          name: input.name,
          mobile: input.mobile,
          collegeId: input.collegeId,
          majorCode: input.majorCode,
          graduationDate: input.graduationDate,
          login: input.mobile,
          passwordHash,
        },
        select: { id: true },
      });
      await recordAccountEvent(tx, { kind: "registered", detail: `毕业生注册申请：${input.name}`, org: { role: "graduate", collegeId: input.collegeId } });
      return registration.id;
    });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "P2002") throw new AppError({ status: 409, code: "already_pending", field: "idNumber", message: PENDING });
    throw error;
  }
}

/** The college's queue: pending registrations naming it, then the latest decisions. */
export async function listGraduateRegistrations({ principal }: { principal: Principal }) {
  const collegeId = requireActor(principal, "college");
  const select = { id: true, name: true, idNumberMasked: true, mobile: true, majorCode: true, graduationDate: true, status: true, reason: true, createdAt: true, reviewedAt: true } as const;
  const [pending, decided] = await Promise.all([
    prisma.graduateRegistration.findMany({ where: { collegeId, status: "pending" }, orderBy: { id: "asc" }, select }),
    prisma.graduateRegistration.findMany({ where: { collegeId, status: { not: "pending" } }, orderBy: { reviewedAt: "desc" }, take: 20, select }),
  ]);
  const majors = await prisma.major.findMany({ where: { code: { in: pending.map((r) => r.majorCode) } }, select: { code: true, name: true } });
  const majorName = new Map(majors.map((m) => [m.code, m.name]));
  return { pending: pending.map((r) => ({ ...r, majorName: majorName.get(r.majorCode) ?? "" })), decided };
}

/** The college confirms (the graduate joins its roster with an account) or rejects with a reason. */
export async function reviewGraduateRegistration({ principal, registrationId, decision, reason }: { principal: Principal; registrationId: number; decision: "confirm" | "reject"; reason?: string }) {
  const collegeId = requireActor(principal, "college");
  const registration = await prisma.graduateRegistration.findFirst({ where: { id: registrationId, collegeId } });
  if (!registration) throw notFound("注册申请");
  if (registration.status !== "pending") throw new AppError({ status: 409, code: "already_decided", message: "该申请已处理过" });
  const now = new Date();
  if (decision === "reject") {
    const text = reason?.trim();
    if (!text) throw new AppError({ field: "reason", message: "不予确认时请填写原因，申请人会收到" });
    await prisma.$transaction(async (tx) => {
      const done = await tx.graduateRegistration.updateMany({ where: { id: registration.id, status: "pending" }, data: { status: "rejected", reason: text, reviewedById: principal.accountId, reviewedAt: now } });
      if (done.count !== 1) throw new AppError({ status: 409, code: "already_decided", message: "该申请已处理过" });
      await recordAccountEvent(tx, { kind: "registration_rejected", actorId: principal.accountId, detail: `${registration.name}：${text}`, org: { role: "graduate", collegeId } });
    });
    await messageSender().send({ kind: "notification", mobile: registration.mobile, body: `【园校通】${registration.name}，您的毕业生注册申请未获学校确认，原因：${text}。`, collegeId });
    return { confirmed: false as const, name: registration.name };
  }
  const college = await prisma.college.findUniqueOrThrow({ where: { id: collegeId }, select: { level: true } });
  const idNumber = decryptIdNumber(registration.idNumberCipher, env().PII_KEY);
  const graduateId = await prisma.$transaction(async (tx) => {
    const done = await tx.graduateRegistration.updateMany({ where: { id: registration.id, status: "pending" }, data: { status: "confirmed", reviewedById: principal.accountId, reviewedAt: now } });
    if (done.count !== 1) throw new AppError({ status: 409, code: "already_decided", message: "该申请已处理过" });
    if (await tx.graduate.findUnique({ where: { idNumberHash: registration.idNumberHash }, select: { id: true } })) {
      throw new AppError({ status: 409, code: "on_roster", message: "该毕业生已在名册中，请驳回本申请并请其用激活函激活" });
    }
    const graduate = await tx.graduate.create({
      data: {
        idNumberHash: registration.idNumberHash,
        idNumberCipher: registration.idNumberCipher,
        idNumberMasked: registration.idNumberMasked,
        name: registration.name,
        gender: genderOfIdentityNumber(idNumber),
        birthDate: birthDateOfIdentityNumber(idNumber)!,
        phone: registration.mobile,
        collegeId,
        majorCode: registration.majorCode,
        schoolLevel: college.level,
        graduationDate: registration.graduationDate,
        skillTags: "[]",
        preferredCities: "[]",
      },
      select: { id: true },
    });
    await tx.graduateRegistration.update({ where: { id: registration.id }, data: { graduateId: graduate.id } });
    const account = await tx.account.create({
      data: { login: registration.login, passwordHash: registration.passwordHash, displayName: registration.name, role: "graduate", graduateId: graduate.id, mobile: registration.mobile },
      select: { id: true },
    });
    await recordAccountEvent(tx, { kind: "registration_approved", accountId: account.id, actorId: principal.accountId, detail: registration.name, org: { role: "graduate", collegeId } });
    await recordSearchChange({ db: tx, index: "graduates", recordId: graduate.id, op: "upsert" });
    return graduate.id;
  });
  await requestSearchDelivery();
  await messageSender().send({ kind: "notification", mobile: registration.mobile, body: `【园校通】${registration.name}，学校已确认您的注册，请用手机号 ${registration.login} 和注册时设置的密码登录。`, graduateId, collegeId });
  return { confirmed: true as const, name: registration.name, graduateId };
}
