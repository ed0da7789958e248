import { beforeAll, describe, expect, it } from "vitest";
import { isRouteErrorResponse } from "@remix-run/react";
import { readOrIssueCsrfToken, requireForm } from "~/utils/csrf.server";
import { operatorPrincipal, PASSWORD_PAGE, requirePrincipal, type Principal } from "~/utils/principal.server";
import { actorIdOf, graduateScope, hasRole, mayReadFullIdNumber, requireActor, requireRole, scorecardScope, subsidyClaimScope } from "~/utils/scopes.server";
import { startSession } from "~/utils/session.server";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { buildRegistry, createAccount, createGraduate } from "./fixtures";

/**
 * Access paths the scope table and the route table do not reach (issue 21, surviving and
 * uncovered mutants of the access area, ADR 143): the password an admin set, the operator
 * of the command line, a signed-in form's token, a body that is no form, a city bureau's
 * scorecards.
 */

const cookiePair = (setCookie: string) => setCookie.split(";")[0]!;
let registry: Awaited<ReturnType<typeof buildRegistry>>;

beforeAll(async () => {
  registry = await buildRegistry();
});

async function outcome(promise: Promise<unknown>): Promise<{ principal: Principal } | { redirect: string } | { status: number; code?: string }> {
  try {
    return { principal: (await promise) as Principal };
  } catch (error) {
    if (error instanceof Response && error.status >= 300 && error.status < 400) return { redirect: error.headers.get("Location")! };
    if (error instanceof AppError) return { status: error.status, code: error.code };
    if (isRouteErrorResponse(error)) return { status: error.status };
    throw error;
  }
}

describe("an account whose password an admin set", () => {
  let cookie: string;
  let token: string;
  beforeAll(async () => {
    const account = await createAccount("must-change", "college", { collegeId: registry.college.id });
    await prisma.account.update({ where: { id: account.id }, data: { mustChangePassword: true } });
    cookie = cookiePair(await startSession(account.id));
    token = (await createApiToken({ accountId: account.id, name: "脚本" })).token;
  });
  const page = (path: string, headers: Record<string, string> = {}) => new Request(`http://app${path}`, { headers: { Cookie: cookie, ...headers } });

  it("is sent to the password page from every other page, with ?required=1", async () => {
    for (const path of ["/home", "/graduates?page=2", "/settings/tokens"]) {
      expect(await outcome(requirePrincipal(page(path)))).toEqual({ redirect: `${PASSWORD_PAGE}?required=1` });
    }
  });

  it("may still open the password page and sign out", async () => {
    for (const path of [PASSWORD_PAGE, "/logout"]) {
      const result = await outcome(requirePrincipal(page(path)));
      expect(result).toMatchObject({ principal: { role: "college", mustChangePassword: true } });
    }
  });

  it("is not redirected on the API (a page redirect means nothing to a script), signed in or with a token", async () => {
    expect(await outcome(requirePrincipal(page("/api/v1/me")))).toMatchObject({ principal: { via: "session" } });
    const bearer = new Request("http://app/graduates", { headers: { Authorization: `Bearer ${token}` } });
    expect(await outcome(requirePrincipal(bearer))).toMatchObject({ principal: { via: "token", mustChangePassword: true } });
  });
});

describe("the operator of the command line", () => {
  it("acts as the province for no organisation: every graduate and claim, no full identity number", async () => {
    const operator = operatorPrincipal();
    expect(hasRole(operator, "province")).toBe(true);
    expect([operator.parkId, operator.collegeId, operator.enterpriseId, operator.bureauId, operator.graduateId]).toEqual([null, null, null, null, null]);
    const graduate = await createGraduate(registry.college.id, "操作员可见");
    const visible = await prisma.graduate.findMany({ where: graduateScope(operator), select: { id: true } });
    expect(visible.map((g) => g.id)).toContain(graduate.id);
    expect(await prisma.graduate.count({ where: graduateScope(operator) })).toBe(await prisma.graduate.count());
    expect(subsidyClaimScope(operator)).toEqual({});
    expect(await mayReadFullIdNumber(operator, graduate.id)).toBe(false);
    // It is nobody's session: never sent to a password page, no CSRF token to echo.
    expect(operator.via).toBe("token");
    expect(operator.mustChangePassword).toBeFalsy();
  });
});

describe("a signed-in browser's form token", () => {
  it("is the session's own token, and no browser cookie is issued for it", async () => {
    const account = await createAccount("csrf-bound", "province");
    const cookie = cookiePair(await startSession(account.id));
    const session = await prisma.session.findFirstOrThrow({ where: { accountId: account.id }, select: { csrfToken: true } });
    const issued = await readOrIssueCsrfToken(new Request("http://app/home", { headers: { Cookie: cookie } }));
    expect(issued).toEqual({ token: session.csrfToken });
  });

  it("is refused when the form post's body cannot be read as a form: 400 bad_form, not a server error", async () => {
    const account = await createAccount("csrf-bad-body", "province");
    const cookie = cookiePair(await startSession(account.id));
    const request = new Request("http://app/graduates/new", {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "multipart/form-data; boundary=nothing-here" },
      body: "this is not a multipart body",
    });
    expect(await outcome(requireForm(request))).toEqual({ status: 400, code: "bad_form" });
  });
});

describe("a city-level bureau's scorecards", () => {
  let city: Principal;
  let county: Principal;
  beforeAll(async () => {
    const cityBureau = await prisma.bureau.create({ data: { name: "南昌市人力资源和社会保障局", level: "city", cityCode: "360100" } });
    const cityAccount = await createAccount("city-bureau-cards", "bureau", { bureauId: cityBureau.id });
    const countyAccount = await createAccount("county-bureau-cards", "bureau", { bureauId: registry.bureau.id });
    const principal = async (accountId: number) =>
      (await requirePrincipal(new Request("http://app/scorecards", { headers: { Cookie: cookiePair(await startSession(accountId)) } })))!;
    city = await principal(cityAccount.id);
    county = await principal(countyAccount.id);
  });

  it("reads its own city's card and the cards of the parks in its city, no college's", async () => {
    expect(await scorecardScope(city, "city")).toEqual(new Set(["360100"]));
    const parks = await prisma.park.findMany({ where: { cityCode: "360100" }, select: { id: true } });
    expect(parks.length).toBeGreaterThan(1);
    expect(await scorecardScope(city, "park")).toEqual(new Set(parks.map((p) => String(p.id))));
    expect(await outcome(scorecardScope(city, "college"))).toMatchObject({ status: 403 });
  });

  it("gives a county bureau no scorecard at all, even when its row names the city", async () => {
    for (const subject of ["city", "park", "college"] as const) {
      expect(await outcome(scorecardScope(county, subject))).toMatchObject({ status: 403 });
    }
    await prisma.bureau.update({ where: { id: registry.bureau.id }, data: { cityCode: "360100" } });
    try {
      for (const subject of ["city", "park"] as const) {
        expect(await outcome(scorecardScope(county, subject))).toMatchObject({ status: 403 });
      }
    } finally {
      await prisma.bureau.update({ where: { id: registry.bureau.id }, data: { cityCode: null } });
    }
  });
});

describe("an account's role decides, not the ids it carries", () => {
  // An account keeps the ids written with it; were its role changed (or a row written by hand), a
  // stale id of another role must give it nothing of that role.
  it("a college account that still carries a bureau's id is not that bureau", async () => {
    const account = await createAccount("college-with-bureau-id", "college", { collegeId: registry.college.id, bureauId: registry.bureau.id });
    const principal = (await requirePrincipal(new Request("http://app/home", { headers: { Cookie: cookiePair(await startSession(account.id)) } })))!;
    expect(principal.bureauId).toBe(registry.bureau.id);
    expect(actorIdOf(principal, "bureau")).toBeNull();
    expect(await outcome(Promise.resolve().then(() => requireActor(principal, "bureau")))).toMatchObject({ status: 403 });
    expect(actorIdOf(principal, "college")).toBe(registry.college.id);
    // The bureau reviews a claim of this graduate: the bureau sees the full number, this college account does not.
    const graduate = await createGraduate(registry.college.id, "有补贴申请");
    const placement = await prisma.placement.create({
      data: { graduateId: graduate.id, enterpriseId: registry.enterprise.id, startDate: new Date("2025-07-01"), monthlyWageFen: 500_000, majorRelevant: true, inProvincePark: true },
    });
    const policy = await prisma.policyVersion.create({ data: { kind: "subsidy", version: 900, effectiveFrom: new Date("2025-01-01"), data: "{}" } });
    await prisma.subsidyClaim.create({
      data: { graduateId: graduate.id, placementId: placement.id, kind: "living", origin: "automatic", amountFen: 100_000, bureauId: registry.bureau.id, policyVersionId: policy.id, evaluation: "{}" },
    });
    const bureau = { ...principal, role: "bureau" as const, collegeId: null };
    expect(await mayReadFullIdNumber(bureau, graduate.id)).toBe(true);
    expect(await mayReadFullIdNumber(principal, graduate.id)).toBe(false);
  });

  it("refuses a role outside the list with 403 and lets one inside it through", async () => {
    const account = await createAccount("role-list", "park", { parkId: registry.park.id });
    const principal = (await requirePrincipal(new Request("http://app/home", { headers: { Cookie: cookiePair(await startSession(account.id)) } })))!;
    expect(await outcome(Promise.resolve().then(() => requireRole(principal, ["province"], "只有省园区办可以操作")))).toEqual({ status: 403, code: expect.any(String) });
    expect(() => requireRole(principal, ["province", "park"])).not.toThrow();
  });
});
