import { redirect } from "@remix-run/node";
import type { Role } from "~/domain/constants";
import { ROLES } from "~/domain/constants";
import type { Prisma } from "./db.server";
import { prisma } from "./db.server";
import { AppError, forbidden, unauthorized } from "./errors.server";
import { readSessionId, sha256, verifyCsrf } from "./session.server";

/**
 * The one module through which every loader, action and API route learns who is
 * calling and what they may touch (docs/decisions/003-sessions-and-authorisation.md).
 */
export type Principal = {
  accountId: number;
  login: string;
  displayName: string;
  role: Role;
  parkId: number | null;
  collegeId: number | null;
  enterpriseId: number | null;
  bureauId: number | null;
  graduateId: number | null;
  via: "session" | "token";
};

const principalSelect = {
  id: true,
  login: true,
  displayName: true,
  role: true,
  parkId: true,
  collegeId: true,
  enterpriseId: true,
  bureauId: true,
  graduateId: true,
  active: true,
} satisfies Prisma.AccountSelect;

type AccountRow = Prisma.AccountGetPayload<{ select: typeof principalSelect }>;

function toPrincipal(account: AccountRow, via: Principal["via"]): Principal | null {
  if (!account.active || !(ROLES as readonly string[]).includes(account.role)) return null;
  const { id, active: _active, ...rest } = account;
  return { ...rest, accountId: id, role: account.role as Role, via };
}

async function principalFromToken(header: string): Promise<Principal | null> {
  const token = header.slice("Bearer ".length).trim();
  if (!token) return null;
  const record = await prisma.apiToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: { id: true, revokedAt: true, account: { select: principalSelect } },
  });
  if (!record || record.revokedAt) return null;
  await prisma.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } });
  return toPrincipal(record.account, "token");
}

async function principalFromSession(request: Request): Promise<Principal | null> {
  const id = await readSessionId(request);
  if (!id) return null;
  const session = await prisma.session.findUnique({
    where: { id },
    select: { expiresAt: true, account: { select: principalSelect } },
  });
  if (!session || session.expiresAt.getTime() < Date.now()) return null;
  return toPrincipal(session.account, "session");
}

/** The caller, from a bearer token or the session cookie; null when anonymous. */
export async function getPrincipal(request: Request): Promise<Principal | null> {
  const authorization = request.headers.get("Authorization");
  if (authorization?.startsWith("Bearer ")) return principalFromToken(authorization);
  return principalFromSession(request);
}

function isApiRequest(request: Request): boolean {
  return new URL(request.url).pathname.startsWith("/api/");
}

/**
 * The caller, who must be signed in and hold one of `roles` (any role when omitted).
 * Pages redirect an anonymous visitor to the login page; the API answers 401.
 */
export async function requirePrincipal(request: Request, roles?: readonly Role[]): Promise<Principal> {
  const principal = await getPrincipal(request);
  if (!principal) {
    if (isApiRequest(request) || request.headers.has("Authorization")) throw unauthorized("缺少有效的访问令牌或登录会话");
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (roles && !roles.includes(principal.role)) throw forbidden();
  return principal;
}

/**
 * For actions: the caller (as requirePrincipal) and the submitted form, whose CSRF
 * token has been checked. Token-authenticated API calls carry no cookie and need none.
 */
export async function requireForm(
  request: Request,
  roles?: readonly Role[],
): Promise<{ principal: Principal; form: FormData }> {
  const principal = await requirePrincipal(request, roles);
  const form = await readForm(request);
  if (principal.via === "session") await verifyCsrf(request, form);
  return { principal, form };
}

/** Reads a form body for an anonymous form (login), with its CSRF token checked. */
export async function requireAnonymousForm(request: Request): Promise<FormData> {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  return form;
}

async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch (cause) {
    throw new AppError({ message: "无法读取提交的表单", status: 400, code: "bad_form", cause });
  }
}

// ───── Scope: which rows a principal may see ─────

/** Graduates whose personal data the principal may see. */
export function graduateScope(p: Principal): Prisma.GraduateWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "graduate":
      return { id: p.graduateId ?? -1 };
    case "college":
      return { collegeId: p.collegeId ?? -1 };
    case "enterprise":
      return {
        applications: {
          some: { OR: [{ job: { enterpriseId: p.enterpriseId ?? -1 } }, { order: { enterpriseId: p.enterpriseId ?? -1 } }] },
        },
      };
    case "bureau":
      return { claims: { some: { bureauId: p.bureauId ?? -1 } } };
    case "park":
      return { placements: { some: { enterprise: { parkId: p.parkId ?? -1 } } } };
  }
}

/** Enterprises whose records the principal may edit. */
export function editableEnterpriseScope(p: Principal): Prisma.EnterpriseWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "park":
      return { parkId: p.parkId ?? -1 };
    case "enterprise":
      return { id: p.enterpriseId ?? -1 };
    default:
      return { id: -1 };
  }
}

/**
 * Identity numbers are shown in full only to their owner and to the bureau that
 * reviews one of the owner's subsidy claims; everyone else sees the masked form.
 */
export async function mayReadFullIdNumber(p: Principal, graduateId: number): Promise<boolean> {
  if (p.role === "graduate") return p.graduateId === graduateId;
  if (p.role === "bureau" && p.bureauId) {
    const claim = await prisma.subsidyClaim.findFirst({
      where: { graduateId, bureauId: p.bureauId },
      select: { id: true },
    });
    return claim !== null;
  }
  return false;
}

/** Applications the principal may see: a graduate their own, an enterprise those to its jobs and orders, a college its graduates'. */
export function applicationScope(p: Principal): Prisma.ApplicationWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "graduate":
      return { graduateId: p.graduateId ?? -1 };
    case "college":
      return { graduate: { collegeId: p.collegeId ?? -1 } };
    case "enterprise":
      return { OR: [{ job: { enterpriseId: p.enterpriseId ?? -1 } }, { order: { enterpriseId: p.enterpriseId ?? -1 } }] };
    case "park":
      return { OR: [{ job: { parkId: p.parkId ?? -1 } }, { order: { enterprise: { parkId: p.parkId ?? -1 } } }] };
    case "bureau":
      return { id: -1 };
  }
}

/** Orders the principal may see: an enterprise its own, a college those open to colleges or addressed to it, a graduate the recruiting ones. */
export function orderScope(p: Principal): Prisma.OrderWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "enterprise":
      return { enterpriseId: p.enterpriseId ?? -1 };
    case "college":
      return { OR: [{ collegeId: p.collegeId ?? -1 }, { collegeId: null, status: "open" }] };
    case "graduate":
      return { status: { in: ["open", "contracted", "in_training"] } };
    case "park":
      return { enterprise: { parkId: p.parkId ?? -1 } };
    case "bureau":
      return { id: -1 };
  }
}

/** Placements the principal may see. */
export function placementScope(p: Principal): Prisma.PlacementWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "graduate":
      return { graduateId: p.graduateId ?? -1 };
    case "college":
      return { graduate: { collegeId: p.collegeId ?? -1 } };
    case "enterprise":
      return { enterpriseId: p.enterpriseId ?? -1 };
    case "park":
      return { enterprise: { parkId: p.parkId ?? -1 } };
    case "bureau":
      return { claims: { some: { bureauId: p.bureauId ?? -1 } } };
  }
}

/** Payroll declarations the principal may read: its own enterprise, its park's, or all for the province. */
export function payrollDeclarationScope(p: Principal): Prisma.PayrollDeclarationWhereInput {
  return { enterprise: editableEnterpriseScope(p) };
}

/** Training-fund allocations: the paying enterprise, the receiving college, their park, or the province. */
export function fundAllocationScope(p: Principal): Prisma.FundAllocationWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "park":
      return { enterprise: { parkId: p.parkId ?? -1 } };
    case "enterprise":
      return { enterpriseId: p.enterpriseId ?? -1 };
    case "college":
      return { collegeId: p.collegeId ?? -1 };
    default:
      return { id: -1 };
  }
}

/** Subsidy claims the principal may see: their own, their graduates', their bureau's queue. */
export function subsidyClaimScope(p: Principal): Prisma.SubsidyClaimWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "graduate":
      return { graduateId: p.graduateId ?? -1 };
    case "college":
      return { graduate: { collegeId: p.collegeId ?? -1 } };
    case "bureau":
      return { bureauId: p.bureauId ?? -1 };
    case "enterprise":
    case "park":
      return { id: -1 };
  }
}

// ───── Registries (parks, clusters, colleges, pairings, training bases, secondments) ─────

const NOTHING = { id: -1 } as const;

/** Parks whose records (the park itself and what hangs from it) the principal may edit. */
export function editableParkScope(p: Principal): Prisma.ParkWhereInput {
  if (p.role === "province") return {};
  if (p.role === "park") return { id: p.parkId ?? -1 };
  return NOTHING;
}

/** Records that belong to one park (clusters, pairings, training bases): the province edits all, a park its own. */
function parkOwnedScope(p: Principal): { parkId?: number; id?: number } {
  if (p.role === "province") return {};
  if (p.role === "park") return { parkId: p.parkId ?? -1 };
  return NOTHING;
}

export function editableClusterScope(p: Principal): Prisma.ClusterWhereInput {
  return parkOwnedScope(p);
}

export function editableCollegeScope(p: Principal): Prisma.CollegeWhereInput {
  if (p.role === "province") return {};
  if (p.role === "college") return { id: p.collegeId ?? -1 };
  return NOTHING;
}

export function editablePairingScope(p: Principal): Prisma.PairingWhereInput {
  return parkOwnedScope(p);
}

export function editableTrainingBaseScope(p: Principal): Prisma.TrainingBaseWhereInput {
  return parkOwnedScope(p);
}

/** A park administrator manages the secondments that involve the park's enterprises. */
export function editableSecondmentScope(p: Principal): Prisma.SecondmentWhereInput {
  if (p.role === "province") return {};
  if (p.role === "park") return { enterprise: { parkId: p.parkId ?? -1 } };
  return NOTHING;
}

/** Secondments name people: each side sees its own, a park those of its enterprises, the province all. */
export function secondmentScope(p: Principal): Prisma.SecondmentWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "park":
      return { enterprise: { parkId: p.parkId ?? -1 } };
    case "college":
      return { collegeId: p.collegeId ?? -1 };
    case "enterprise":
      return { enterpriseId: p.enterpriseId ?? -1 };
    default:
      return NOTHING;
  }
}

/**
 * The command line acts as the province administrator: whoever runs it already
 * holds the database file. Used by operator commands (imports), never by a request.
 */
export function operatorPrincipal(): Principal {
  return {
    accountId: 0,
    login: "operator",
    displayName: "命令行操作员",
    role: "province",
    parkId: null,
    collegeId: null,
    enterpriseId: null,
    bureauId: null,
    graduateId: null,
    via: "token",
  };
}

/** The principal of an account, for work done later on its behalf (a queued import); null if inactive. */
export async function principalOfAccount(accountId: number): Promise<Principal | null> {
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: principalSelect });
  return account ? toPrincipal(account, "session") : null;
}
