import { checkIdentityNumber } from "~/domain/ids/identity-number";
import { notifyAccounts, notifyingTransaction } from "~/services/labour/notifications.server";
import { checkMobilePhone, normalizeMobilePhone } from "~/domain/ids/mobile-phone";
import { CLIENT_POLICY, LOGIN_POLICY } from "~/domain/auth/sign-in-delay";
import { formatCode, isCodeShaped } from "~/domain/auth/one-time-code";
import { passwordProblem } from "~/domain/auth/password";
import type { Principal } from "~/utils/principal.server";
import { prisma, type Prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError, notFound } from "~/utils/errors.server";
import { requireActor } from "~/utils/scopes.server";
import { hashIdNumber } from "~/utils/pii.server";
import { ACTIVATION_CODE_DAYS, hashActivationCode as hashCode, newActivationCode as newCode } from "~/utils/one-time-code.server";
import { hashPassword } from "~/utils/session.server";
import { recordAccountEvent } from "./events.server";
import { messageSender, type DeliveryResult } from "./messages.server";
import { clearThrottles, recordFailures, refuseWhileDelayed, type ThrottleKey } from "./throttle.server";


/** A fresh code for one graduate; the earlier live code, if any, stops working. */
async function issueCode(tx: Prisma.TransactionClient, graduate: { id: number; collegeId: number }, actorId: number, now: Date) {
  await tx.activationCode.updateMany({ where: { graduateId: graduate.id, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  const code = newCode();
  const expiresAt = new Date(now.getTime() + ACTIVATION_CODE_DAYS * 86_400_000);
  await tx.activationCode.create({ data: { graduateId: graduate.id, codeHash: hashCode(code), expiresAt, createdById: actorId > 0 ? actorId : null } });
  await recordAccountEvent(tx, { kind: "code_issued", actorId, detail: `毕业生 #${graduate.id}`, org: { role: "graduate", collegeId: graduate.collegeId } });
  return { code: formatCode(code), expiresAt };
}

export type ActivationLetter = { graduateId: number; name: string; idNumberMasked: string; mobile: string; code: string; expiresAt: Date };

/**
 * Activation letters for a cohort: a new code for each of its graduates who has no
 * account yet (earlier letters of theirs stop working). Codes exist in clear only in
 * the letters returned here.
 */
export async function issueCohortLetters({ principal, cohortId }: { principal: Principal; cohortId: number }): Promise<ActivationLetter[]> {
  const collegeId = requireActor(principal, "college", "只有院校可以导出激活函");
  const cohort = await prisma.cohort.findFirst({ where: { id: cohortId, collegeId }, select: { id: true } });
  if (!cohort) throw notFound("培训班");
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    const graduates = await tx.graduate.findMany({
      where: { cohortId: cohort.id, account: null },
      orderBy: { id: "asc" },
      select: { id: true, name: true, idNumberMasked: true, phone: true, collegeId: true },
    });
    const letters: ActivationLetter[] = [];
    for (const g of graduates) {
      const { code, expiresAt } = await issueCode(tx, g, principal.accountId, now);
      letters.push({ graduateId: g.id, name: g.name, idNumberMasked: g.idNumberMasked, mobile: g.phone, code, expiresAt });
    }
    return letters;
  });
}

/** Re-issues one graduate's code: shown once to the college and sent to the graduate's mobile. */
export async function reissueActivationCode({ principal, graduateId }: { principal: Principal; graduateId: number }) {
  const collegeId = requireActor(principal, "college", "只有院校可以重新签发激活码");
  const graduate = await prisma.graduate.findFirst({
    where: { id: graduateId, collegeId },
    select: { id: true, name: true, idNumberMasked: true, phone: true, collegeId: true, account: { select: { id: true } } },
  });
  if (!graduate) throw notFound("毕业生");
  if (graduate.account) throw new AppError({ status: 409, code: "already_active", message: `${graduate.name} 已激活账号，无需激活码` });
  const { code, expiresAt } = await prisma.$transaction((tx) => issueCode(tx, graduate, principal.accountId, new Date()));
  const delivery: DeliveryResult = await messageSender().send({
    kind: "activation_code",
    mobile: graduate.phone,
    body: `【园校通】${graduate.name}您好，您的账号激活码为 ${code}，${ACTIVATION_CODE_DAYS} 天内有效。请在园校通“激活账号”页面使用。`,
    graduateId: graduate.id,
    collegeId: graduate.collegeId,
  });
  return { letter: { graduateId: graduate.id, name: graduate.name, idNumberMasked: graduate.idNumberMasked, mobile: graduate.phone, code, expiresAt }, delivery };
}

export type ActivationInput = { name: string; idNumber: string; mobile: string; code: string; password: string };

const MISMATCH = "姓名、身份证号、手机号或激活码不符，或激活码已失效。请核对激活函，或联系学校重新签发";

/**
 * A graduate on a roster activates an account: name, identity number, mobile and a
 * live code must all match. The code is used up in the same transaction that creates
 * the account; invitations that waited for the graduate arrive as notifications.
 * The login is the mobile number. Failures are throttled per graduate and per address.
 */
export async function activateGraduate({ input, clientAddress }: { input: ActivationInput; clientAddress: string | null }) {
  const idCheck = checkIdentityNumber(input.idNumber);
  if (!idCheck.ok) throw new AppError({ field: "idNumber", message: idCheck.reason });
  const phoneCheck = checkMobilePhone(input.mobile);
  if (!phoneCheck.ok) throw new AppError({ field: "mobile", message: phoneCheck.reason });
  if (!isCodeShaped(input.code)) throw new AppError({ field: "code", message: "激活码为 8 位字母和数字，见激活函" });
  const mobile = normalizeMobilePhone(input.mobile);
  const problem = passwordProblem(input.password, mobile);
  if (problem) throw new AppError({ field: "password", message: problem });

  const idHash = hashIdNumber(input.idNumber, env().PII_KEY);
  const keys: ThrottleKey[] = [
    { key: `activate:${idHash.slice(0, 32)}`, policy: LOGIN_POLICY },
    ...(clientAddress ? [{ key: `client:${clientAddress}`, policy: CLIENT_POLICY }] : []),
  ];
  await refuseWhileDelayed(keys);
  const now = new Date();
  const graduate = await prisma.graduate.findUnique({
    where: { idNumberHash: idHash },
    select: { id: true, name: true, phone: true, collegeId: true, account: { select: { id: true } } },
  });
  const live = graduate
    ? await prisma.activationCode.findFirst({ where: { graduateId: graduate.id, codeHash: hashCode(input.code), usedAt: null, revokedAt: null, expiresAt: { gt: now } } })
    : null;
  if (!graduate || !live || graduate.name !== input.name.trim() || normalizeMobilePhone(graduate.phone) !== mobile) {
    await recordFailures(keys);
    throw new AppError({ status: 400, code: "activation_mismatch", field: "code", message: MISMATCH });
  }
  if (graduate.account) throw new AppError({ status: 409, code: "already_active", message: "该毕业生已激活账号，请直接登录" });
  const passwordHash = await hashPassword(input.password);
  const result = await notifyingTransaction(async (tx) => {
    const used = await tx.activationCode.updateMany({ where: { id: live.id, usedAt: null, revokedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) throw new AppError({ status: 409, code: "activation_mismatch", field: "code", message: MISMATCH });
    const taken = await tx.account.findUnique({ where: { login: mobile }, select: { id: true } });
    if (taken) throw new AppError({ status: 409, code: "login_taken", field: "mobile", message: "该手机号已被其他账号用作用户名，请联系学校处理" });
    const account = await tx.account.create({
      data: { login: mobile, passwordHash, displayName: graduate.name, role: "graduate", graduateId: graduate.id, mobile },
      select: { id: true },
    });
    await recordAccountEvent(tx, { kind: "activated", accountId: account.id, actorId: account.id, org: { role: "graduate", collegeId: graduate.collegeId } });
    const invitations = await deliverWaitingInvitations(tx, graduate.id, account.id, now);
    return { accountId: account.id, login: mobile, invitations };
  });
  await clearThrottles([keys[0]!.key]);
  return result;
}

/** Invitations to apply that waited for the graduate become notifications of the new account. */
async function deliverWaitingInvitations(tx: Prisma.TransactionClient, graduateId: number, accountId: number, now: Date): Promise<number> {
  const waiting = await tx.pendingInvitation.findMany({ where: { graduateId, deliveredAt: null }, orderBy: { id: "asc" } });
  if (waiting.length === 0) return 0;
  await notifyAccounts(tx, waiting.map((w) => ({ accountId, kind: "invitation", title: w.title, body: w.body, link: w.link ?? undefined, createdAt: w.createdAt })));
  await tx.pendingInvitation.updateMany({ where: { id: { in: waiting.map((w) => w.id) } }, data: { deliveredAt: now } });
  return waiting.length;
}

/** Whether a graduate of the college has activated, and until when the live code is valid. */
export async function activationStatus({ principal, graduateId }: { principal: Principal; graduateId: number }) {
  const graduate = await prisma.graduate.findFirst({
    where: { id: graduateId, collegeId: principal.collegeId ?? -1 },
    select: {
      account: { select: { login: true, active: true } },
      activationCodes: { where: { usedAt: null, revokedAt: null }, select: { expiresAt: true } },
    },
  });
  if (!graduate) throw notFound("毕业生");
  return { account: graduate.account, codeExpiresAt: graduate.activationCodes[0]?.expiresAt ?? null };
}
