import { passwordProblem } from "~/domain/auth/password";
import { Prisma } from "~/generated/prisma/client";
import { AppError } from "~/utils/errors.server";
import { recordAccountEvent, type AccountEventKind } from "./events.server";

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
