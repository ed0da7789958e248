import { passwordProblem } from "~/domain/auth/password";
import { LOGIN_POLICY } from "~/domain/auth/sign-in-delay";
import { ORG_ROLE_LABELS, type AccountEventKind, type FirstAdminKind, type OrgRole } from "~/domain/constants";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { AppError, forbidden, notFound } from "~/utils/errors.server";
import { requireRole, hasRole } from "~/utils/scopes.server";
import type { Principal } from "~/utils/principal.server";
import { hashPassword, randomToken, sha256 } from "~/utils/session.server";
import { recordAccountEvent } from "./events.server";
import { messageSender } from "./messages.server";

/** An organisation an account belongs to: its role and the one id column of that role. */
export type Organisation = {
  role: "park" | "college" | "enterprise" | "bureau" | "province";
  parkId?: number | null;
  collegeId?: number | null;
  enterpriseId?: number | null;
  bureauId?: number | null;
};

/** The §9 password rules as a refusal on the password field. */
export function assertPasswordAllowed(password: string, login: string): void {
  const problem = passwordProblem(password, login);
  if (problem) throw new AppError({ field: "password", message: problem });
}

/** Creates an organisation's account (admin or staff) and logs it; a taken login is a field error. */
export async function createMemberAccount(
  tx: Prisma.TransactionClient,
  input: {
    org: Organisation;
    orgRole: "admin" | "staff";
    login: string;
    passwordHash: string;
    displayName: string;
    mobile?: string | null;
    actorId: number | null;
    event: AccountEventKind;
    detail?: string;
  },
): Promise<number> {
  if (await tx.account.findUnique({ where: { login: input.login }, select: { id: true } })) {
    throw new AppError({ status: 409, code: "login_taken", field: "login", message: "该用户名已被使用，请换一个" });
  }
  const { role, parkId = null, collegeId = null, enterpriseId = null, bureauId = null } = input.org;
  const account = await tx.account.create({
    data: {
      login: input.login,
      passwordHash: input.passwordHash,
      displayName: input.displayName,
      role,
      parkId,
      collegeId,
      enterpriseId,
      bureauId,
      orgRole: input.orgRole,
      mobile: input.mobile ?? null,
    },
    select: { id: true },
  });
  await recordAccountEvent(tx, {
    kind: input.event,
    accountId: account.id,
    actorId: input.actorId ?? account.id,
    detail: input.detail,
    org: input.org,
  });
  return account.id;
}

// ───── The organisation's members (/org/members) ─────

/** A staff invitation link is valid for 7 days and works once. */
export const INVITATION_DAYS = 7;
export const JOIN_PATH = "/join";

const ORG_ROLES_OF_ACCOUNTS = ["park", "college", "enterprise", "bureau", "province"] as const;

/** The organisation of an organisation's principal (graduates belong to none). */
export function organisationOf(p: Principal): Organisation {
  switch (p.role) {
    case "park":
      return { role: "park", parkId: p.parkId ?? -1 };
    case "college":
      return { role: "college", collegeId: p.collegeId ?? -1 };
    case "enterprise":
      return { role: "enterprise", enterpriseId: p.enterpriseId ?? -1 };
    case "bureau":
      return { role: "bureau", bureauId: p.bureauId ?? -1 };
    case "province":
      return { role: "province" };
    case "graduate":
      throw forbidden("毕业生账号不属于任何单位");
  }
}

function membersWhere(org: Organisation): Prisma.AccountWhereInput {
  // The province's Organisation names no id: its members are the province accounts.
  const { role, parkId, collegeId, enterpriseId, bureauId } = org;
  return { role, ...(parkId ? { parkId } : {}), ...(collegeId ? { collegeId } : {}), ...(enterpriseId ? { enterpriseId } : {}), ...(bureauId ? { bureauId } : {}) };
}

/** The principal must be an admin of its organisation (checked against the database, not the session). */
export async function requireOrgAdmin(p: Principal): Promise<Organisation> {
  const org = organisationOf(p);
  const me = await prisma.account.findUnique({ where: { id: p.accountId }, select: { orgRole: true } });
  if (me?.orgRole !== "admin") throw forbidden("只有本单位管理员可以管理成员");
  return org;
}

/** A member of the admin's own organisation (the province's admins also manage every organisation's first admins). */
export async function managedAccount(p: Principal, accountId: number) {
  const org = await requireOrgAdmin(p);
  const where: Prisma.AccountWhereInput = hasRole(p, "province") ? { role: { in: [...ORG_ROLES_OF_ACCOUNTS] } } : membersWhere(org);
  const account = await prisma.account.findFirst({
    where: { id: accountId, ...where },
    select: { id: true, login: true, displayName: true, mobile: true, orgRole: true, active: true, role: true, parkId: true, collegeId: true, enterpriseId: true, bureauId: true, graduateId: true },
  });
  if (!account) throw notFound("成员");
  return account;
}

export async function listMembers({ principal }: { principal: Principal }) {
  const org = organisationOf(principal);
  const me = await prisma.account.findUnique({ where: { id: principal.accountId }, select: { orgRole: true } });
  const members = await prisma.account.findMany({
    where: membersWhere(org),
    orderBy: [{ orgRole: "asc" }, { id: "asc" }],
    select: { id: true, login: true, displayName: true, mobile: true, orgRole: true, active: true, mustChangePassword: true, createdAt: true },
  });
  // Failures within the throttle's memory, once past the free ones: the admin sees them even between delays.
  const throttles = await prisma.loginThrottle.findMany({
    where: {
      key: { in: members.map((m) => `login:${m.login.toLowerCase()}`) },
      failures: { gte: LOGIN_POLICY.freeFailures },
      windowStart: { gt: new Date(Date.now() - LOGIN_POLICY.resetMs) },
    },
  });
  const slowed = new Map(throttles.map((t) => [t.key, t]));
  const invitations = await prisma.memberInvitation.findMany({
    where: { role: org.role, parkId: org.parkId ?? null, collegeId: org.collegeId ?? null, enterpriseId: org.enterpriseId ?? null, bureauId: org.bureauId ?? null, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { id: "desc" },
    select: { id: true, displayName: true, mobile: true, orgRole: true, expiresAt: true },
  });
  return {
    isAdmin: me?.orgRole === "admin",
    members: members.map((m) => {
      const t = slowed.get(`login:${m.login.toLowerCase()}`);
      return { ...m, throttle: t ? { failures: t.failures, until: t.lockedUntil } : null };
    }),
    invitations,
  };
}

export type InvitationInput = { displayName: string; mobile: string; orgRole: OrgRole };

async function createInvitation(tx: Prisma.TransactionClient, org: Organisation, input: InvitationInput, actorId: number) {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  await tx.memberInvitation.create({
    data: {
      tokenHash: sha256(token),
      role: org.role,
      orgRole: input.orgRole,
      parkId: org.parkId ?? null,
      collegeId: org.collegeId ?? null,
      enterpriseId: org.enterpriseId ?? null,
      bureauId: org.bureauId ?? null,
      displayName: input.displayName,
      mobile: input.mobile,
      expiresAt,
      createdById: actorId > 0 ? actorId : null,
    },
  });
  await recordAccountEvent(tx, { kind: "invited", actorId, detail: `${input.displayName}（${ORG_ROLE_LABELS[input.orgRole]}）`, org });
  return { path: `${JOIN_PATH}/${token}`, expiresAt };
}

async function sendInvitation(orgName: string, input: InvitationInput, path: string) {
  return messageSender().send({
    kind: "invitation",
    mobile: input.mobile,
    body: `【园校通】${input.displayName}您好，${orgName}邀请您以${ORG_ROLE_LABELS[input.orgRole]}身份加入园校通，${INVITATION_DAYS} 天内有效、仅能使用一次：${path}`,
  });
}

async function organisationName(org: Organisation): Promise<string> {
  if (org.parkId) return (await prisma.park.findUnique({ where: { id: org.parkId }, select: { name: true } }))?.name ?? "";
  if (org.collegeId) return (await prisma.college.findUnique({ where: { id: org.collegeId }, select: { name: true } }))?.name ?? "";
  if (org.enterpriseId) return (await prisma.enterprise.findUnique({ where: { id: org.enterpriseId }, select: { name: true } }))?.name ?? "";
  if (org.bureauId) return (await prisma.bureau.findUnique({ where: { id: org.bureauId }, select: { name: true } }))?.name ?? "";
  return "省园区办";
}

/** An admin invites a member of its own organisation by an expiring one-time link. */
export async function inviteMember({ principal, input }: { principal: Principal; input: InvitationInput }) {
  const org = await requireOrgAdmin(principal);
  const link = await prisma.$transaction((tx) => createInvitation(tx, org, input, principal.accountId));
  const delivery = await sendInvitation(await organisationName(org), input, link.path);
  return { ...link, delivery };
}


/** The province invites the first admin of a park, college or bureau it created in the registries. */
export async function inviteFirstAdmin({ principal, kind, orgId, input }: { principal: Principal; kind: FirstAdminKind; orgId: number; input: Omit<InvitationInput, "orgRole"> }) {
  requireRole(principal, ["province"], "只有省园区办可以为单位创建首位管理员");
  await requireOrgAdmin(principal);
  const org: Organisation =
    kind === "park" ? { role: "park", parkId: orgId } : kind === "college" ? { role: "college", collegeId: orgId } : { role: "bureau", bureauId: orgId };
  const name = await organisationName(org);
  if (!name) throw new AppError({ field: "orgId", message: "请选择单位" });
  const full = { ...input, orgRole: "admin" as const };
  const link = await prisma.$transaction((tx) => createInvitation(tx, org, full, principal.accountId));
  const delivery = await sendInvitation(name, full, link.path);
  return { ...link, delivery, organisation: name };
}

/** The organisations the province can give a first admin, with whether they already have one. */
export async function firstAdminChoices() {
  const [parks, colleges, bureaus, admins] = await Promise.all([
    prisma.park.findMany({ orderBy: { nameSort: "asc" }, select: { id: true, name: true } }),
    prisma.college.findMany({ orderBy: { nameSort: "asc" }, select: { id: true, name: true } }),
    prisma.bureau.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.account.findMany({ where: { orgRole: "admin", active: true }, select: { parkId: true, collegeId: true, bureauId: true } }),
  ]);
  const has = (key: "parkId" | "collegeId" | "bureauId", id: number) => admins.some((a) => a[key] === id);
  return {
    park: parks.map((p) => ({ value: String(p.id), label: p.name + (has("parkId", p.id) ? "（已有管理员）" : "") })),
    college: colleges.map((c) => ({ value: String(c.id), label: c.name + (has("collegeId", c.id) ? "（已有管理员）" : "") })),
    bureau: bureaus.map((b) => ({ value: String(b.id), label: b.name + (has("bureauId", b.id) ? "（已有管理员）" : "") })),
  };
}

async function liveInvitation(token: string) {
  const invitation = await prisma.memberInvitation.findUnique({ where: { tokenHash: sha256(token) } });
  if (!invitation || invitation.usedAt || invitation.revokedAt || invitation.expiresAt.getTime() <= Date.now()) return null;
  return invitation;
}

/** What an invitation link offers, or null when it is unknown, used or expired. */
export async function invitationOffer(token: string) {
  const invitation = await liveInvitation(token);
  if (!invitation) return null;
  const org = invitation as Organisation;
  return { displayName: invitation.displayName, orgRole: invitation.orgRole as OrgRole, organisation: await organisationName(org), expiresAt: invitation.expiresAt };
}

/** Accepting an invitation: the person chooses a login and password; the link is used up. */
export async function acceptInvitation({ token, login, password }: { token: string; login: string; password: string }): Promise<number> {
  const invitation = await liveInvitation(token);
  if (!invitation) throw notFound("邀请链接（可能已使用或已过期）");
  assertPasswordAllowed(password, login);
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const used = await tx.memberInvitation.updateMany({ where: { id: invitation.id, usedAt: null }, data: { usedAt: new Date() } });
    if (used.count !== 1) throw notFound("邀请链接（可能已使用或已过期）");
    const accountId = await createMemberAccount(tx, {
      org: invitation as Organisation,
      orgRole: invitation.orgRole as OrgRole,
      login,
      passwordHash,
      displayName: invitation.displayName,
      mobile: invitation.mobile,
      actorId: null,
      event: "joined",
      detail: ORG_ROLE_LABELS[invitation.orgRole as OrgRole],
    });
    await tx.memberInvitation.update({ where: { id: invitation.id }, data: { accountId } });
    return accountId;
  });
}

async function assertAnotherAdminRemains(tx: Prisma.TransactionClient, account: { id: number } & Organisation) {
  const others = await tx.account.count({ where: { ...membersWhere(account), orgRole: "admin", active: true, id: { not: account.id } } });
  if (others === 0) throw new AppError({ status: 409, code: "last_admin", message: "单位至少要保留一名在用的管理员" });
}

/** Makes a member admin or staff; an organisation keeps at least one active admin. */
export async function setOrgRole({ principal, accountId, orgRole }: { principal: Principal; accountId: number; orgRole: OrgRole }) {
  const account = await managedAccount(principal, accountId);
  if (account.orgRole === orgRole) return { displayName: account.displayName };
  await prisma.$transaction(async (tx) => {
    if (orgRole === "staff") await assertAnotherAdminRemains(tx, account as typeof account & Organisation);
    await tx.account.update({ where: { id: account.id }, data: { orgRole } });
    await recordAccountEvent(tx, { kind: "role_changed", accountId: account.id, actorId: principal.accountId, detail: `${ORG_ROLE_LABELS[account.orgRole as OrgRole] ?? account.orgRole} → ${ORG_ROLE_LABELS[orgRole]}`, org: account as Organisation });
  });
  return { displayName: account.displayName };
}

/**
 * Deactivates (or restores) a member. Deactivation stops the account at once: its
 * sessions are deleted and its API tokens revoked in the same transaction.
 */
export async function setActive({ principal, accountId, active }: { principal: Principal; accountId: number; active: boolean }) {
  const account = await managedAccount(principal, accountId);
  if (account.id === principal.accountId && !active) throw new AppError({ status: 409, code: "self", message: "不能停用自己的账号" });
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    if (!active && account.orgRole === "admin") await assertAnotherAdminRemains(tx, account as typeof account & Organisation);
    await tx.account.update({ where: { id: account.id }, data: { active, deactivatedAt: active ? null : now } });
    if (!active) {
      await tx.session.deleteMany({ where: { accountId: account.id } });
      await tx.apiToken.updateMany({ where: { accountId: account.id, revokedAt: null }, data: { revokedAt: now } });
    }
    await recordAccountEvent(tx, { kind: active ? "reactivated" : "deactivated", accountId: account.id, actorId: principal.accountId, org: account as Organisation });
  });
  return { displayName: account.displayName };
}

/** Clears the sign-in delay of a member's login (the delay built up by failures). */
export async function clearMemberThrottle({ principal, accountId }: { principal: Principal; accountId: number }) {
  const account = await managedAccount(principal, accountId);
  await prisma.$transaction(async (tx) => {
    await tx.loginThrottle.deleteMany({ where: { key: `login:${account.login.toLowerCase()}` } });
    await recordAccountEvent(tx, { kind: "throttle_cleared", accountId: account.id, actorId: principal.accountId, org: account as Organisation });
  });
  return { displayName: account.displayName };
}

// ───── The account log ─────

export async function listAccountEvents({ principal, page }: { principal: Principal; page: number }) {
  const org = await requireOrgAdmin(principal);
  const where: Prisma.AccountEventWhereInput =
    hasRole(principal, "province")
      ? {}
      : { ...(org.parkId ? { parkId: org.parkId } : {}), ...(org.collegeId ? { collegeId: org.collegeId } : {}), ...(org.enterpriseId ? { enterpriseId: org.enterpriseId } : {}), ...(org.bureauId ? { bureauId: org.bureauId } : {}) };
  const pageSize = 30;
  const [rows, total] = await Promise.all([
    prisma.accountEvent.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, kind: true, detail: true, createdAt: true, account: { select: { login: true, displayName: true } }, actor: { select: { login: true, displayName: true } } },
    }),
    prisma.accountEvent.count({ where }),
  ]);
  return { rows, total, page, pageSize };
}
