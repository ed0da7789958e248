import { createCookie } from "@remix-run/node";
import { createHash, randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { CLIENT_POLICY, LOGIN_POLICY } from "~/domain/auth/sign-in-delay";
import { clearThrottles, recordFailures, refuseWhileDelayed, type ThrottleKey } from "~/services/accounts/throttle.server";
import { prisma } from "./db.server";
import { cookiesSecure, env } from "./env.server";
import { AppError } from "./errors.server";

export const SESSION_DAYS = 7;
const PASSWORD_COST = 10;

/** Options shared by the app's signed cookies (the session here, the CSRF token in csrf.server.ts). */
export function cookieOptions(maxAge: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure: cookiesSecure(),
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

// ───── Password sign-in with throttling by growing delay (ADR 007) ─────

/** A browser that signed in before: a random id in a signed cookie, with the logins it signed in to. */
export type Device = { id: string; logins: string[] };
const DEVICE_DAYS = 180;
const DEVICE_LOGINS = 8;

let deviceCookie: ReturnType<typeof createCookie> | undefined;
const devices = () => (deviceCookie ??= createCookie("pb_device", cookieOptions(DEVICE_DAYS * 86_400)));

export async function readDevice(request: Request): Promise<Device | null> {
  const value = (await devices().parse(request.headers.get("Cookie"))) as Partial<Device> | null;
  if (!value || typeof value.id !== "string" || !Array.isArray(value.logins)) return null;
  return { id: value.id, logins: value.logins.filter((l): l is string => typeof l === "string") };
}

/** The device cookie after a successful sign-in: this browser now vouches for the login. */
export function rememberDevice(device: Device | null, login: string): Promise<string> {
  const logins = [login, ...(device?.logins ?? []).filter((l) => l !== login)].slice(0, DEVICE_LOGINS);
  return devices().serialize({ id: device?.id ?? randomToken(16), logins });
}

/** Compared against when the login does not exist, so an unknown login costs what a wrong password costs. */
const UNKNOWN_LOGIN_HASH = bcrypt.hashSync("unknown-login-placeholder", PASSWORD_COST);

/**
 * The throttle keys an attempt counts against. A browser that signed in to the login
 * before is judged by its own failures only, so a stranger's failures never hold the
 * owner back there; any other attempt counts against the login and the client address.
 */
export function throttleKeys(login: string, clientAddress: string | null, device: Device | null): ThrottleKey[] {
  const name = login.toLowerCase();
  if (device?.logins.includes(login)) return [{ key: `device:${device.id}:${name}`, policy: LOGIN_POLICY }];
  return [
    { key: `login:${name}`, policy: LOGIN_POLICY },
    ...(clientAddress ? [{ key: `client:${clientAddress}`, policy: CLIENT_POLICY }] : []),
  ];
}

/** Verifies a login and password; throws an AppError with a Chinese message when refused. */
export async function authenticate(login: string, password: string, clientAddress: string | null, device: Device | null = null): Promise<number> {
  const keys = throttleKeys(login, clientAddress, device);
  await refuseWhileDelayed(keys);
  const account = await prisma.account.findUnique({
    where: { login },
    select: { id: true, passwordHash: true, active: true },
  });
  const ok = await bcrypt.compare(password, account?.passwordHash ?? UNKNOWN_LOGIN_HASH);
  if (!account || !ok) {
    await recordFailures(keys);
    throw new AppError({ message: "用户名或密码错误", status: 401, code: "bad_credentials", field: "password" });
  }
  if (!account.active) {
    throw new AppError({ message: "该账号已停用，请联系本单位管理员", status: 403, code: "deactivated", field: "password" });
  }
  await clearThrottles([keys[0]!.key]);
  return account.id;
}
