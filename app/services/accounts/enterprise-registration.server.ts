import { z } from "zod";
import { isEnterpriseCreditCode } from "~/domain/ids/credit-code";
import { creditCodeField, idField, intField } from "~/services/registry/fields";
import { recordRegistrySearchChanges, requestSearchDelivery } from "~/services/search/sync.server";
import { prisma } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors.server";
import { requiredText } from "~/utils/forms";
import type { Principal } from "~/utils/principal.server";
import { enterpriseRegistrationScope, requireRole } from "~/utils/scopes.server";
import { hashPassword } from "~/utils/session.server";
import { recordAccountEvent } from "./events.server";
import { assertPasswordAllowed, createMemberAccount } from "./members.server";
import { messageSender } from "./messages.server";
import { loginField, mobileField, newPasswordFields, SAME_PASSWORD_ISSUE, samePassword } from "./schemas";

export const EnterpriseRegistrationSchema = z
  .object({
    name: requiredText("企业名称", 80),
    creditCode: creditCodeField.refine(isEnterpriseCreditCode, { error: "企业的统一社会信用代码应以 91 开头" }),
    parkId: idField("所在园区"),
    headcount: intField("职工人数", 0, 1_000_000),
    contactName: requiredText("联系人姓名", 40),
    contactPhone: mobileField,
    login: loginField,
    ...newPasswordFields,
  })
  .refine(samePassword, SAME_PASSWORD_ISSUE);
export type EnterpriseRegistrationInput = z.infer<typeof EnterpriseRegistrationSchema>;

/** The parks an enterprise may register in, for the public form. */
export function parkChoices() {
  return prisma.park.findMany({ orderBy: { nameSort: "asc" }, select: { id: true, name: true } });
}

/**
 * An enterprise asks to join its park (§9). The credit code is checked (format and
 * check character by the schema; not already on the platform; not already waiting).
 * The contact's password is kept hashed with the request and becomes the enterprise
 * admin's once the park approves.
 */
export async function registerEnterprise(input: EnterpriseRegistrationInput): Promise<number> {
  assertPasswordAllowed(input.password, input.login);
  const park = await prisma.park.findUnique({ where: { id: input.parkId }, select: { id: true } });
  if (!park) throw new AppError({ field: "parkId", message: "请选择所在园区" });
  if (await prisma.enterprise.findUnique({ where: { creditCode: input.creditCode }, select: { id: true } })) {
    throw new AppError({ status: 409, code: "already_registered", field: "creditCode", message: "该企业已在平台登记，请联系本企业的管理员邀请您加入" });
  }
  if (await prisma.enterpriseRegistration.findFirst({ where: { creditCode: input.creditCode, status: "pending" }, select: { id: true } })) {
    throw new AppError({ status: 409, code: "already_pending", field: "creditCode", message: "该企业的注册申请正在等待园区审核，请勿重复提交" });
  }
  const loginTaken =
    (await prisma.account.findUnique({ where: { login: input.login }, select: { id: true } })) ||
    (await prisma.enterpriseRegistration.findFirst({ where: { login: input.login, status: "pending" }, select: { id: true } }));
  if (loginTaken) throw new AppError({ status: 409, code: "login_taken", field: "login", message: "该用户名已被使用，请换一个" });
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      const registration = await tx.enterpriseRegistration.create({
        data: {
          creditCode: input.creditCode,
          name: input.name,
          parkId: input.parkId,
          contactName: input.contactName,
          contactPhone: input.contactPhone,
          login: input.login,
          passwordHash,
          headcount: input.headcount,
        },
        select: { id: true },
      });
      await recordAccountEvent(tx, { kind: "registered", detail: `企业注册申请：${input.name}（${input.creditCode}）`, org: { role: "enterprise", parkId: input.parkId } });
      return registration.id;
    });
  } catch (error) {
    // Two submissions at once: the partial unique index keeps one pending request per credit code.
    if (error instanceof Error && "code" in error && error.code === "P2002") {
      throw new AppError({ status: 409, code: "already_pending", field: "creditCode", message: "该企业的注册申请正在等待园区审核，请勿重复提交" });
    }
    throw error;
  }
}

/** The park's queue (the province sees every park's): pending first, then the latest decisions. */
export async function listEnterpriseRegistrations({ principal }: { principal: Principal }) {
  requireRole(principal, ["park", "province"]);
  const select = {
    id: true,
    creditCode: true,
    name: true,
    headcount: true,
    contactName: true,
    contactPhone: true,
    login: true,
    status: true,
    reason: true,
    createdAt: true,
    reviewedAt: true,
    park: { select: { name: true } },
  } as const;
  const [pending, decided] = await Promise.all([
    prisma.enterpriseRegistration.findMany({ where: { AND: [enterpriseRegistrationScope(principal), { status: "pending" }] }, orderBy: { id: "asc" }, select }),
    prisma.enterpriseRegistration.findMany({ where: { AND: [enterpriseRegistrationScope(principal), { status: { not: "pending" } }] }, orderBy: { reviewedAt: "desc" }, take: 20, select }),
  ]);
  return { pending, decided };
}

/**
 * The park approves (the enterprise is created and the contact's account becomes its
 * admin) or rejects with a reason (sent to the contact's mobile). Decided once.
 */
export async function reviewEnterpriseRegistration({
  principal,
  registrationId,
  decision,
  reason,
}: {
  principal: Principal;
  registrationId: number;
  decision: "approve" | "reject";
  reason?: string;
}) {
  requireRole(principal, ["park", "province"], "只有园区可以审核企业注册");
  const registration = await prisma.enterpriseRegistration.findFirst({ where: { AND: [{ id: registrationId }, enterpriseRegistrationScope(principal)] } });
  if (!registration) throw notFound("注册申请");
  if (registration.status !== "pending") throw new AppError({ status: 409, code: "already_decided", message: "该申请已审核过" });
  const now = new Date();
  if (decision === "reject") {
    const text = reason?.trim();
    if (!text) throw new AppError({ field: "reason", message: "驳回时请填写原因，申请人会收到" });
    await prisma.$transaction(async (tx) => {
      const done = await tx.enterpriseRegistration.updateMany({
        where: { id: registration.id, status: "pending" },
        data: { status: "rejected", reason: text, reviewedById: principal.accountId, reviewedAt: now },
      });
      if (done.count !== 1) throw new AppError({ status: 409, code: "already_decided", message: "该申请已审核过" });
      await recordAccountEvent(tx, {
        kind: "registration_rejected",
        actorId: principal.accountId,
        detail: `${registration.name}：${text}`,
        org: { role: "enterprise", parkId: registration.parkId },
      });
    });
    await messageSender().send({
      kind: "notification",
      mobile: registration.contactPhone,
      body: `【园校通】${registration.name}的注册申请未通过园区审核，原因：${text}。`,
    });
    return { approved: false as const, name: registration.name };
  }
  if (await prisma.enterprise.findUnique({ where: { creditCode: registration.creditCode }, select: { id: true } })) {
    throw new AppError({ status: 409, code: "already_registered", message: "该信用代码的企业已在平台登记，请驳回本申请" });
  }
  const enterpriseId = await prisma.$transaction(async (tx) => {
    const done = await tx.enterpriseRegistration.updateMany({
      where: { id: registration.id, status: "pending" },
      data: { status: "approved", reviewedById: principal.accountId, reviewedAt: now },
    });
    if (done.count !== 1) throw new AppError({ status: 409, code: "already_decided", message: "该申请已审核过" });
    const enterprise = await tx.enterprise.create({
      data: {
        creditCode: registration.creditCode,
        name: registration.name,
        parkId: registration.parkId,
        clusterRole: "supporting",
        headcount: registration.headcount,
        contactPhone: registration.contactPhone,
      },
      select: { id: true },
    });
    await tx.enterpriseRegistration.update({ where: { id: registration.id }, data: { enterpriseId: enterprise.id } });
    await recordAccountEvent(tx, {
      kind: "registration_approved",
      actorId: principal.accountId,
      detail: registration.name,
      org: { role: "enterprise", parkId: registration.parkId, enterpriseId: enterprise.id },
    });
    await createMemberAccount(tx, {
      org: { role: "enterprise", enterpriseId: enterprise.id },
      orgRole: "admin",
      login: registration.login,
      passwordHash: registration.passwordHash,
      displayName: registration.contactName,
      mobile: registration.contactPhone,
      actorId: principal.accountId,
      event: "created",
      detail: "企业注册通过，联系人成为企业管理员",
    });
    await recordRegistrySearchChanges({ db: tx, change: { kind: "enterprise", id: enterprise.id } });
    return enterprise.id;
  });
  await requestSearchDelivery();
  await messageSender().send({
    kind: "notification",
    mobile: registration.contactPhone,
    body: `【园校通】${registration.name}的注册申请已通过园区审核，请用注册时设置的用户名 ${registration.login} 登录。`,
  });
  return { approved: true as const, name: registration.name, enterpriseId };
}
