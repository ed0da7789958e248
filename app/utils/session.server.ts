import { createCookie } from "@remix-run/node";
import { createHash, randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { isLocked, minutesLocked, recordFailure, type ThrottleState } from "~/domain/auth/throttle";
import { prisma } from "./db.server";
import { env } from "./env.server";
import { AppError } from "./errors.server";

export const SESSION_DAYS = 7;
const PASSWORD_COST = 10;

/** Options shared by the app's signed cookies (the session here, the CSRF token in csrf.server.ts). */
export function cookieOptions(maxAge: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure: env().COOKIE_SECURE,
    secrets: [env().SESSION_SECRET],
    maxAge,
  };
}

let cookies: { session: ReturnType<typeof createCookie> } | undefined;
function appCookies() {
  cookies ??= { session: createCookie("pb_session", cookieOptions(SESSION_DAYS * 86_400)) };
  return cookies;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, PASSWORD_COST);
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

// ───── Sessions: a random id in a signed cookie, the session itself in the database ─────

export async function readSessionId(request: Request): Promise<string | null> {
  const value = (await appCookies().session.parse(request.headers.get("Cookie"))) as string | null;
  return typeof value === "string" ? value : null;
}

export async function startSession(accountId: number): Promise<string> {
  const id = randomToken();
  await prisma.session.create({
    data: {
      id,
      accountId,
      csrfToken: randomToken(16),
      expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    },
  });
  return appCookies().session.serialize(id);
}

export async function endSession(request: Request): Promise<string> {
  const id = await readSessionId(request);
  if (id) await prisma.session.deleteMany({ where: { id } });
  return appCookies().session.serialize("", { maxAge: 0 });
}

// ───── Password login with throttling ─────

async function readThrottle(key: string): Promise<ThrottleState | null> {
  return prisma.loginThrottle.findUnique({ where: { key } });
}

async function saveFailure(key: string, now: Date): Promise<void> {
  const next = recordFailure(await readThrottle(key), now);
  await prisma.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
}

/** Verifies a login and password; throws an AppError with a Chinese message when refused. */
export async function authenticate(login: string, password: string, clientAddress: string | null): Promise<number> {
  const now = new Date();
  // Without a known client address (no proxy header) only the login name is throttled:
  // a shared key would let one person lock everybody out.
  const keys = [`login:${login}`, ...(clientAddress ? [`client:${clientAddress}`] : [])];
  for (const key of keys) {
    const state = await readThrottle(key);
    if (isLocked(state, now)) {
      throw new AppError({
        message: `登录失败次数过多，请 ${minutesLocked(state, now)} 分钟后再试`,
        status: 429,
        code: "throttled",
      });
    }
  }
  const account = await prisma.account.findUnique({
    where: { login },
    select: { id: true, passwordHash: true, active: true },
  });
  const ok = account?.active && (await bcrypt.compare(password, account.passwordHash));
  if (!account || !ok) {
    for (const key of keys) await saveFailure(key, now);
    throw new AppError({ message: "用户名或密码错误", status: 401, code: "bad_credentials", field: "password" });
  }
  await prisma.loginThrottle.deleteMany({ where: { key: keys[0]! } });
  return account.id;
}
