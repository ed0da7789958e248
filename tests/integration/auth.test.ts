import { beforeAll, describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { createApiToken, revokeApiToken } from "~/services/accounts/api-tokens.server";
import { requireForm, readOrIssueCsrfToken } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { graduateScope, mayReadFullIdNumber } from "~/utils/scopes.server";
import { authenticate, startSession } from "~/utils/session.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { purgeExpiredSessions } from "~/services/accounts/sessions.server";
import { buildRegistry, createAccount, createGraduate, PASSWORD } from "./fixtures";

const cookiePair = (setCookie: string) => setCookie.split(";")[0]!;
let registry: Awaited<ReturnType<typeof buildRegistry>>;

beforeAll(async () => {
  registry = await buildRegistry();
});

/** A signed-in browser: its session cookie, an old anonymous CSRF cookie, and the session's own token. */
async function browserOf(accountId: number) {
  const session = cookiePair(await startSession(accountId));
  const anonymous = await readOrIssueCsrfToken(new Request("http://app/login"));
  const cookie = `${session}; ${cookiePair(anonymous.setCookie!)}`;
  const bound = await readOrIssueCsrfToken(new Request("http://app/home", { headers: { Cookie: cookie } }));
  return { cookie, csrfToken: bound.token, anonymousToken: anonymous.token };
}

function post(path: string, cookie: string, fields: Record<string, string>) {
  return new Request(`http://app${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("password login", () => {
  it("accepts the right password and refuses a wrong one in Chinese", async () => {
    const account = await createAccount("login-ok", "province");
    await expect(authenticate("login-ok", PASSWORD, null)).resolves.toBe(account.id);
    const error = await thrown(authenticate("login-ok", "nope", null));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe("用户名或密码错误");
  });

  it("refuses an unknown user with the same message as a wrong password", async () => {
    const error = (await thrown(authenticate("nobody", PASSWORD, null))) as AppError;
    expect(error.message).toBe("用户名或密码错误");
  });

  it("slows a login down after failures instead of locking it, and lets the owner's browser through", async () => {
    await createAccount("login-slowed", "college", { collegeId: registry.college.id });
    // A stranger, from another address, with no device cookie: five wrong passwords.
    for (let i = 0; i < 5; i++) {
      await prisma.loginThrottle.updateMany({ where: { key: "login:login-slowed" }, data: { lockedUntil: null } });
      await thrown(authenticate("login-slowed", "wrong", "198.51.100.66"));
    }
    const slowed = (await thrown(authenticate("login-slowed", PASSWORD, "203.0.113.5"))) as AppError;
    expect(slowed.status).toBe(429);
    expect(slowed.message).toMatch(/^尝试过于频繁，请 \d+ 秒后再试$/);
    const state = await prisma.loginThrottle.findUniqueOrThrow({ where: { key: "login:login-slowed" } });
    expect(state.lockedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    // The owner's browser signed in to this login before: the stranger's failures do not hold it back.
    const device = { id: "owner-device-1", logins: ["login-slowed"] };
    await expect(authenticate("login-slowed", PASSWORD, "203.0.113.5", device)).resolves.toBeGreaterThan(0);
  });

  it("spends the same password check on an unknown login as on a wrong password", async () => {
    await createAccount("timing-known", "province");
    const time = async (login: string) => {
      const started = performance.now();
      await thrown(authenticate(login, "wrong-password", null));
      return performance.now() - started;
    };
    await time("timing-known");
    const known = Math.min(await time("timing-known"), await time("timing-known"));
    const unknown = Math.min(await time("timing-unknown-1"), await time("timing-unknown-2"));
    // Both pay one bcrypt comparison (tens of ms); an unknown login that skipped it would take ~1 ms.
    expect(unknown).toBeGreaterThan(known * 0.5);
  });

  it("refuses a deactivated account that knows its password with a Chinese reason", async () => {
    const account = await createAccount("login-deactivated", "province");
    await prisma.account.update({ where: { id: account.id }, data: { active: false } });
    const error = (await thrown(authenticate("login-deactivated", PASSWORD, null))) as AppError;
    expect(error.message).toBe("该账号已停用，请联系本单位管理员");
  });

  it("answers absurd input with Chinese field errors and stores nothing", async () => {
    const csrf = await readOrIssueCsrfToken(new Request("http://app/login"));
    const huge = `"'<script>${"长".repeat(10_000)}`;
    const before = await prisma.loginThrottle.count();
    const response = (await loginAction({
      request: post("/login", cookiePair(csrf.setCookie!), { _csrf: csrf.token, login: huge, password: huge }),
      params: {},
      context: {},
    })) as Response;
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fieldErrors: Record<string, string> };
    expect(body.fieldErrors.login).toBe("用户名不能超过 64 个字符");
    expect(body.fieldErrors.password).toBe("密码不能超过 128 个字符");
    expect(await prisma.loginThrottle.count()).toBe(before);
  });

  it.each(["/\\evil.example", "//evil.example", "/\t/evil.example", "https://evil.example/"])(
    "sends a sign-in with redirectTo %j to the home page",
    async (redirectTo) => {
      await createAccount(`redir-${redirectTo.length}-${redirectTo.charCodeAt(1)}`, "province");
      const csrf = await readOrIssueCsrfToken(new Request("http://app/login"));
      const response = (await loginAction({
        request: post("/login", cookiePair(csrf.setCookie!), {
          _csrf: csrf.token,
          login: `redir-${redirectTo.length}-${redirectTo.charCodeAt(1)}`,
          password: PASSWORD,
          redirectTo,
        }),
        params: {},
        context: {},
      })) as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/home");
    },
  );

  it("refuses a login form without its CSRF token", async () => {
    await createAccount("login-csrf", "province");
    const error = await thrown(
      loginAction({ request: post("/login", "", { login: "login-csrf", password: PASSWORD }), params: {}, context: {} }),
    );
    expect((error as Response).status).toBe(403);
    expect(await prisma.session.count({ where: { account: { login: "login-csrf" } } })).toBe(0);
  });
});

describe("roles, scope and CSRF", () => {
  it("lets a session through to its own role and refuses other roles with 403", async () => {
    const account = await createAccount("grad-role", "graduate");
    const { cookie } = await browserOf(account.id);
    const request = new Request("http://app/home", { headers: { Cookie: cookie } });
    await expect(requirePrincipal(request, ["graduate"])).resolves.toMatchObject({ role: "graduate" });
    const error = (await thrown(requirePrincipal(request, ["bureau"]))) as AppError;
    expect(error.status).toBe(403);
  });

  it("redirects an anonymous page visitor to the login page and answers the API with 401", async () => {
    const page = (await thrown(requirePrincipal(new Request("http://app/home")))) as Response;
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/login?redirectTo=%2Fhome");
    const api = (await thrown(requirePrincipal(new Request("http://app/api/v1/me")))) as AppError;
    expect(api.status).toBe(401);
  });

  it("binds the CSRF token to the session: the session's token passes, the old browser token and none do not", async () => {
    const account = await createAccount("csrf-user", "province");
    const { cookie, csrfToken, anonymousToken } = await browserOf(account.id);
    expect(csrfToken).not.toBe(anonymousToken);
    await expect(requireForm(post("/x", cookie, { _csrf: csrfToken }))).resolves.toMatchObject({
      principal: { accountId: account.id },
    });
    const missing = (await thrown(requireForm(post("/x", cookie, {})))) as AppError;
    expect(missing.status).toBe(403);
    const stale = (await thrown(requireForm(post("/x", cookie, { _csrf: anonymousToken })))) as AppError;
    expect(stale.status).toBe(403);
    const other = await browserOf(account.id);
    const foreign = (await thrown(requireForm(post("/x", cookie, { _csrf: other.csrfToken })))) as AppError;
    expect(foreign.status).toBe(403);
  });


  it("authenticates a bearer token until it is revoked", async () => {
    const account = await createAccount("token-user", "enterprise", { enterpriseId: registry.enterprise.id });
    const { token, record } = await createApiToken({ accountId: account.id, name: "脚本" });
    const call = () => new Request("http://app/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    await expect(requirePrincipal(call())).resolves.toMatchObject({ role: "enterprise", via: "token" });
    await revokeApiToken({ accountId: account.id, id: record.id });
    const error = (await thrown(requirePrincipal(call()))) as AppError;
    expect(error.status).toBe(401);
  });

  it("does not let one account revoke another's token", async () => {
    const owner = await createAccount("token-owner", "province");
    const other = await createAccount("token-other", "province");
    const { record } = await createApiToken({ accountId: owner.id, name: "owner" });
    const error = (await thrown(revokeApiToken({ accountId: other.id, id: record.id }))) as AppError;
    expect(error.status).toBe(404);
    expect((await prisma.apiToken.findUnique({ where: { id: record.id } }))?.revokedAt).toBeNull();
  });

  it("shows a college only its own graduates", async () => {
    const mine = await createGraduate(registry.college.id, "李四");
    const theirs = await createGraduate(registry.otherCollege.id, "王五");
    const account = await createAccount("college-scope", "college", { collegeId: registry.college.id });
    const principal = await requirePrincipal(
      new Request("http://app/home", { headers: { Cookie: (await browserOf(account.id)).cookie } }),
    );
    const ids = (await prisma.graduate.findMany({ where: graduateScope(principal), select: { id: true } })).map((g) => g.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
  });

  it("reveals a full identity number only to its owner and a bureau reviewing a claim", async () => {
    const graduate = await createGraduate(registry.college.id, "赵六");
    const owner = await createAccount("id-owner", "graduate", { graduateId: graduate.id });
    const college = await createAccount("id-college", "college", { collegeId: registry.college.id });
    const bureau = await createAccount("id-bureau", "bureau", { bureauId: registry.bureau.id });
    const principalOf = async (id: number) =>
      requirePrincipal(new Request("http://app/home", { headers: { Cookie: (await browserOf(id)).cookie } }));
    expect(await mayReadFullIdNumber(await principalOf(owner.id), graduate.id)).toBe(true);
    expect(await mayReadFullIdNumber(await principalOf(college.id), graduate.id)).toBe(false);
    expect(await mayReadFullIdNumber(await principalOf(bureau.id), graduate.id)).toBe(false);
  });
});

describe("session housekeeping", () => {
  it("purges expired sessions, and a second run changes nothing", async () => {
    const account = await createAccount("expired", "province");
    await prisma.session.create({
      data: { id: "expired-session", accountId: account.id, csrfToken: "x", expiresAt: new Date("2020-01-01") },
    });
    const first = await purgeExpiredSessions({ now: new Date() });
    expect(first.sessions).toBeGreaterThanOrEqual(1);
    expect(await prisma.session.findUnique({ where: { id: "expired-session" } })).toBeNull();
    const second = await purgeExpiredSessions({ now: new Date() });
    expect(second.sessions).toBe(0);
  });
});
