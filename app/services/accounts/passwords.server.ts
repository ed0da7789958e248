import bcrypt from "bcryptjs";
import { prisma } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors.server";
import type { Principal } from "~/utils/principal.server";
import { hashPassword, randomToken, sha256 } from "~/utils/session.server";
import { recordAccountEvent } from "./events.server";
import { assertPasswordAllowed, managedAccount } from "./members.server";
import { messageSender, type DeliveryResult } from "./messages.server";

/** A reset link an admin issues is valid for 24 hours and works once (§9). */
export const RESET_LINK_HOURS = 24;
export const RESET_PATH = "/reset-password";

export async function passwordChangeRequired(accountId: number): Promise<boolean> {
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { mustChangePassword: true } });
  return account?.mustChangePassword ?? false;
}

const orgOfAccount = { role: true, parkId: true, collegeId: true, enterpriseId: true, bureauId: true } as const;

/** Changes one's own password (the current one is asked for); other sessions of the account end. */
export async function changeOwnPassword({
  principal,
  currentSessionId,
  current,
  password,
}: {
  principal: Principal;
  currentSessionId: string | null;
  current: string;
  password: string;
}) {
  const account = await prisma.account.findUniqueOrThrow({
    where: { id: principal.accountId },
    select: { id: true, login: true, passwordHash: true, ...orgOfAccount },
  });
  if (!(await bcrypt.compare(current, account.passwordHash))) {
    throw new AppError({ field: "current", message: "当前密码不正确" });
  }
  assertPasswordAllowed(password, account.login);
  if (await bcrypt.compare(password, account.passwordHash)) throw new AppError({ field: "password", message: "新密码不能与当前密码相同" });
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await tx.account.update({ where: { id: account.id }, data: { passwordHash, mustChangePassword: false } });
    await tx.session.deleteMany({ where: { accountId: account.id, ...(currentSessionId ? { id: { not: currentSessionId } } : {}) } });
    await recordAccountEvent(tx, { kind: "password_changed", accountId: account.id, actorId: account.id, org: account });
  });
}

/**
 * An admin issues a one-time reset link for a member (24 h). The link is shown once to
 * the admin and sent to the member's mobile through the message sender; only its hash is kept.
 */
export async function issueResetLink({ principal, accountId }: { principal: Principal; accountId: number }): Promise<{ path: string; expiresAt: Date; delivery: DeliveryResult | null; displayName: string }> {
  const account = await managedAccount(principal, accountId);
  const token = randomToken();
  const expiresAt = new Date(Date.now() + RESET_LINK_HOURS * 3_600_000);
  await prisma.$transaction(async (tx) => {
    await tx.passwordResetToken.updateMany({ where: { accountId: account.id, usedAt: null }, data: { usedAt: new Date() } });
    await tx.passwordResetToken.create({ data: { accountId: account.id, tokenHash: sha256(token), expiresAt, createdById: principal.accountId } });
    await recordAccountEvent(tx, { kind: "reset_issued", accountId: account.id, actorId: principal.accountId, org: account });
  });
  const path = `${RESET_PATH}/${token}`;
  const delivery = account.mobile
    ? await messageSender().send({
        kind: "password_reset",
        mobile: account.mobile,
        body: `【园校通】${account.displayName}您好，管理员为您签发了重置密码链接，${RESET_LINK_HOURS} 小时内有效、仅能使用一次：${path}`,
        graduateId: account.graduateId,
        collegeId: account.collegeId,
      })
    : null;
  return { path, expiresAt, delivery, displayName: account.displayName };
}

async function liveResetToken(token: string) {
  const record = await prisma.passwordResetToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: { id: true, usedAt: true, expiresAt: true, account: { select: { id: true, login: true, displayName: true, active: true, ...orgOfAccount } } },
  });
  if (!record || record.usedAt || record.expiresAt.getTime() <= Date.now() || !record.account.active) return null;
  return record;
}

/** Who a reset link is for, or null when it is unknown, used or expired. */
export async function resetLinkHolder(token: string) {
  const record = await liveResetToken(token);
  return record ? { login: record.account.login, displayName: record.account.displayName } : null;
}

/** Sets the password chosen through a reset link; the link is used up and every session of the account ends. */
export async function resetPasswordWithToken({ token, password }: { token: string; password: string }) {
  const record = await liveResetToken(token);
  if (!record) throw notFound("重置密码链接（可能已使用或已过期）");
  assertPasswordAllowed(password, record.account.login);
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    const used = await tx.passwordResetToken.updateMany({ where: { id: record.id, usedAt: null }, data: { usedAt: new Date() } });
    if (used.count !== 1) throw notFound("重置密码链接（可能已使用或已过期）");
    await tx.account.update({ where: { id: record.account.id }, data: { passwordHash, mustChangePassword: false } });
    await tx.session.deleteMany({ where: { accountId: record.account.id } });
    await recordAccountEvent(tx, { kind: "password_reset", accountId: record.account.id, actorId: record.account.id, org: record.account });
  });
  return { login: record.account.login };
}

/** An admin sets a temporary password for a member, who must change it at the next sign-in. */
export async function setTemporaryPassword({ principal, accountId, password }: { principal: Principal; accountId: number; password: string }) {
  const account = await managedAccount(principal, accountId);
  assertPasswordAllowed(password, account.login);
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await tx.account.update({ where: { id: account.id }, data: { passwordHash, mustChangePassword: true } });
    await tx.session.deleteMany({ where: { accountId: account.id } });
    await recordAccountEvent(tx, { kind: "password_set_by_admin", accountId: account.id, actorId: principal.accountId, org: account });
  });
  return { displayName: account.displayName };
}
