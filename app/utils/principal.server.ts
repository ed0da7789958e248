import { redirect } from "@remix-run/node";
import type { Role } from "~/domain/constants";
import { ROLES } from "~/domain/constants";
import type { Prisma } from "./db.server";
import { prisma } from "./db.server";
import { forbidden, unauthorized } from "./errors.server";
import { readSessionId, sha256 } from "./session.server";

/**
 * Who is calling: the one module through which every loader, action and API route
 * learns the principal (docs/decisions/003-sessions-and-authorisation.md). What the
 * principal may touch is in `scopes.server.ts`; form posts are checked in `csrf.server.ts`.
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
  /** An admin chose this account's password: pages other than the password page wait until it is changed. */
  mustChangePassword?: boolean;
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
  mustChangePassword: true,
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
    select: { id: true, revokedAt: true, lastUsedAt: true, account: { select: principalSelect } },
  });
  if (!record || record.revokedAt) return null;
  // The tokens page shows the minute of last use: writing it on every request made each API call a database write.
  const now = new Date();
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  return toPrincipal(record.account, "token");
}

/** A token's last use is recorded at most this often. */
export const LAST_USED_RESOLUTION_MS = 60_000;

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

/**
 * The principal of each request being answered: the root loader and the route's loaders
 * (run side by side for one page) ask for it with the same Request and share one lookup.
 */
const principalOfRequest = new WeakMap<Request, Promise<Principal | null>>();

/** The caller, from a bearer token or the session cookie; null when anonymous. */
export function getPrincipal(request: Request): Promise<Principal | null> {
  let principal = principalOfRequest.get(request);
  if (!principal) {
    const authorization = request.headers.get("Authorization");
    principal = authorization?.startsWith("Bearer ") ? principalFromToken(authorization) : principalFromSession(request);
    principalOfRequest.set(request, principal);
  }
  return principal;
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
  if (principal.mustChangePassword && principal.via === "session" && !isApiRequest(request)) {
    const path = new URL(request.url).pathname;
    if (!PASSWORD_CHANGE_PATHS.has(path)) throw redirect(`${PASSWORD_PAGE}?required=1`);
  }
  if (roles && !roles.includes(principal.role)) throw forbidden();
  return principal;
}

export const PASSWORD_PAGE = "/settings/password";
/** What someone who must change the password set by an admin may still open. */
const PASSWORD_CHANGE_PATHS = new Set([PASSWORD_PAGE, "/logout"]);

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
