import { prisma } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors.server";
import { randomToken, sha256 } from "~/utils/session.server";

const TOKEN_PREFIX = "pbt_";
const MAX_ACTIVE_TOKENS = 20;

/** Issues a bearer token for an account. The token is returned once; only its hash is kept. */
export async function createApiToken({ accountId, name }: { accountId: number; name: string }) {
  const active = await prisma.apiToken.count({ where: { accountId, revokedAt: null } });
  if (active >= MAX_ACTIVE_TOKENS) {
    throw new AppError({ message: `每个账号最多 ${MAX_ACTIVE_TOKENS} 个有效令牌，请先吊销不用的令牌`, field: "name" });
  }
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const record = await prisma.apiToken.create({
    data: { accountId, name, tokenHash: sha256(token), prefix: token.slice(0, 10) },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { token, record };
}

export async function createApiTokenForLogin({ login, name }: { login: string; name: string }) {
  const account = await prisma.account.findUnique({ where: { login }, select: { id: true } });
  if (!account) throw notFound(`账号 ${login} `);
  return createApiToken({ accountId: account.id, name });
}

export function listApiTokens({ accountId }: { accountId: number }) {
  return prisma.apiToken.findMany({
    where: { accountId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Revokes one of the account's own tokens; other accounts' tokens are invisible here. */
export async function revokeApiToken({ accountId, id }: { accountId: number; id: number }) {
  const { count } = await prisma.apiToken.updateMany({
    where: { id, accountId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("令牌");
}
