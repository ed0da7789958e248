import { beforeAll, describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { createApiToken, revokeApiToken } from "~/services/api-tokens.server";
import { requireForm, readOrIssueCsrfToken } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { graduateScope, mayReadFullIdNumber } from "~/utils/scopes.server";
import { authenticate, startSession } from "~/utils/session.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { purgeExpiredSessions } from "../../jobs/processors/purge-expired-sessions";
import { buildRegistry, createAccount, createGraduate, PASSWORD } from "./fixtures";

const cookiePair = (setCookie: string) => setCookie.split(";")[0]!;
let registry: Awaited<ReturnType<typeof buildRegistry>>;

beforeAll(async () => {
  registry = await buildRegistry();
});

async function browserOf(accountId: number) {
  const session = cookiePair(await startSession(accountId));
  const csrf = await readOrIssueCsrfToken(new Request("http://app/login"));
  return { cookie: `${session}; ${cookiePair(csrf.setCookie!)}`, csrfToken: csrf.token };
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

  it("locks a login after 5 failures, even for the right password", async () => {
    await createAccount("login-locked", "college", { collegeId: registry.college.id });
    for (let i = 0; i < 5; i++) await thrown(authenticate("login-locked", "wrong", null));
    const error = (await thrown(authenticate("login-locked", PASSWORD, null))) as AppError;
    expect(error.status).toBe(429);
    expect(error.message).toContain("分钟后再试");
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

  it("accepts a form with the browser's CSRF token and refuses one without", async () => {
    const account = await createAccount("csrf-user", "province");
    const { cookie, csrfToken } = await browserOf(account.id);
    await expect(requireForm(post("/x", cookie, { _csrf: csrfToken }))).resolves.toMatchObject({
      principal: { accountId: account.id },
    });
    const missing = (await thrown(requireForm(post("/x", cookie, {})))) as AppError;
    expect(missing.status).toBe(403);
    const forged = (await thrown(requireForm(post("/x", cookie, { _csrf: "forged-token-value-123456" })))) as AppError;
    expect(forged.status).toBe(403);
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
