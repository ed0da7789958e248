/// <reference types="vite/client" />
import fs from "node:fs";
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { CSRF_FIELD } from "~/components/csrf-input";
import { ROLES, type Role } from "~/domain/constants";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { readOrIssueCsrfToken } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { DEMO_LOGIN_OF, demoSession, loadDemo } from "./demo-fixture";

/**
 * Every loader and action of every route file, run as every role and anonymously
 * (issue 21, item 2). The allowed callers of each route are declared once, in ROUTE_ROLES
 * below; a caller outside the list must be refused (401/403, or sent to the login page),
 * a caller inside it must not be. Pages are called with a signed-in session of the demo
 * account of each role (and its CSRF token on posts), /api/v1 endpoints with a bearer
 * token of that account. This replaces the old test that only looked for a guard's name
 * in the source.
 *
 * A new route needs a row here: the failure message prints the row to add, with the roles
 * the route answers today — check them against docs/shared product.md before pasting.
 */

type Who = Role | "anonymous";
type Ids = Record<string, number>;
/** One way of calling a route: its URL parameters and query, and who may call its loader and its action. */
type Case = {
  label?: string;
  params?: (ids: Ids) => Record<string, string | number>;
  query?: string;
  loader?: readonly Who[];
  action?: readonly Who[];
};

const SIGNED_IN: readonly Who[] = ROLES;
const PUBLIC: readonly Who[] = [...ROLES, "anonymous"];
const WHO: readonly Who[] = PUBLIC;
const only = (...roles: Role[]): readonly Who[] => roles;

const id = (key: string) => (ids: Ids) => ({ id: ids[key] ?? 999_999 });

/** The table: route file → who may call its loader and its action (one case, or several with their own parameters). */
const ROUTE_ROLES: Record<string, Case | Case[]> = {
  "$.tsx": { params: () => ({ "*": "no/such/page" }), loader: PUBLIC },
  "_index.tsx": { loader: PUBLIC },
  "activate.tsx": { loader: PUBLIC, action: PUBLIC },
  "api.v1.$.ts": { params: () => ({ "*": "no/such/endpoint" }), loader: PUBLIC, action: PUBLIC },
  "api.v1.allocation.solve.ts": { loader: SIGNED_IN, action: SIGNED_IN },
  "api.v1.applications.$id.accept.ts": { params: id("graduateApplication"), action: only("graduate") },
  "api.v1.applications.$id.decline.ts": { params: id("graduateApplication"), action: only("graduate") },
  "api.v1.applications.$id.hire.ts": { params: id("enterpriseApplication"), action: only("enterprise") },
  "api.v1.applications.$id.offer.ts": { params: id("enterpriseApplication"), action: only("enterprise") },
  "api.v1.applications.ts": { action: only("graduate") },
  "api.v1.graduates.$id.placements.ts": { params: id("graduate"), loader: SIGNED_IN },
  "api.v1.graduates.$id.recommendations.ts": { params: id("graduate"), loader: only("graduate", "college", "province") },
  "api.v1.jobs.$id.candidates.ts": { params: id("job"), loader: only("enterprise", "park", "province") },
  "api.v1.jobs.search.ts": { loader: SIGNED_IN },
  "api.v1.match.rank.ts": { loader: SIGNED_IN, action: SIGNED_IN },
  "api.v1.me.ts": { loader: SIGNED_IN },
  "api.v1.orders.$id.candidates.ts": { params: id("order"), loader: only("enterprise", "park", "province") },
  "api.v1.placements.$id.end.ts": { params: id("placement"), action: only("enterprise") },
  "api.v1.reports.placements.ts": { query: "dimension=park", loader: only("province", "park", "college") },
  // the demo bureau is a county bureau: scorecards are for city bureaus (their city and its parks)
  "api.v1.scorecards.ts": { query: "period=2026-Q3&subject=park", loader: only("province", "park") },
  "api.v1.subsidies.evaluate.ts": { loader: SIGNED_IN, action: SIGNED_IN },
  "api.v1.training-subsidies.evaluate.ts": { loader: only("enterprise"), action: only("enterprise") },
  "api.v1.training-fund.compute.ts": { loader: PUBLIC, action: SIGNED_IN },
  "bureau.batches.tsx": { loader: only("bureau"), action: only("bureau") },
  "bureau.batches_.$batchId.tsx": { params: (ids) => ({ batchId: ids.batch ?? 999_999 }), loader: only("bureau"), action: only("bureau") },
  "bureau.batches_.$batchId_.csv.ts": { params: (ids) => ({ batchId: ids.batch ?? 999_999 }), action: only("bureau") },
  "bureau.budget.tsx": { loader: only("bureau"), action: only("bureau") },
  "bureau.claims.tsx": { loader: only("bureau"), action: only("bureau") },
  // city-level bureaus only (tests/integration/city-bureau.test.ts, scorecards.test.ts); the demo bureau is a county bureau
  "bureau.city.tsx": { loader: only() },
  "bureau.scorecards.tsx": { loader: only() },
  "certificates.tsx": { loader: only("college", "bureau"), action: only("college", "bureau") },
  "certificates_.$id.tsx": { params: id("certificate"), loader: only("college", "bureau"), action: only("college", "bureau") },
  "college.cohorts.tsx": { loader: only("college"), action: only("college") },
  "college.cohorts_.$id.letters.ts": { params: id("cohort"), loader: only("college"), action: only("college") },
  "college.cohorts_.$id.tsx": { params: id("cohort"), loader: only("college"), action: only("college") },
  "college.confirmations.tsx": { loader: only("college"), action: only("college") },
  "college.fund.tsx": { loader: only("college"), action: only("college") },
  "college.ledger.tsx": { loader: only("college"), action: only("college") },
  "college.scorecard.tsx": { loader: only("college") },
  "college.graduates.$id.tsx": { params: id("collegeGraduate"), loader: only("college"), action: only("college") },
  "college.graduates._index.tsx": { loader: only("college") },
  "college.graduates.import.tsx": { loader: only("college"), action: only("college") },
  "college.graduates.template.ts": { loader: only("college") },
  "college.orders.$id.tsx": { params: id("order"), loader: only("college"), action: only("college") },
  "college.orders._index.tsx": { loader: only("college") },
  "college.registrations.tsx": { loader: only("college"), action: only("college") },
  "enterprise.allocation.tsx": { loader: only("enterprise") },
  "enterprise.applicants.$id.tsx": { params: id("enterpriseApplication"), loader: only("enterprise"), action: only("enterprise") },
  "enterprise.applicants._index.tsx": { loader: only("enterprise") },
  "enterprise.jobs.tsx": { loader: only("enterprise"), action: only("enterprise") },
  "enterprise.jobs_.$id.candidates.tsx": { params: id("job"), loader: only("enterprise"), action: only("enterprise") },
  "enterprise.orders.$id.tsx": { params: id("order"), loader: only("enterprise"), action: only("enterprise") },
  "enterprise.orders.$id_.candidates.tsx": { params: id("order"), loader: only("enterprise"), action: only("enterprise") },
  "enterprise.orders._index.tsx": { loader: only("enterprise"), action: only("enterprise") },
  "enterprise.payroll.tsx": { loader: only("enterprise"), action: only("enterprise") },
  "enterprise.fund-payments.tsx": { loader: only("enterprise"), action: only("enterprise") },
  "enterprise.training-subsidies.tsx": { loader: only("enterprise"), action: only("enterprise") },
  "fund.settlement.tsx": { loader: only("park", "province"), action: only("province") },
  "fund.ledgers._index.tsx": { loader: only("park", "province") },
  "fund.ledgers.$collegeId.tsx": { params: (ids) => ({ collegeId: ids.college! }), loader: only("park", "province") },
  "enterprise.placements.tsx": { loader: only("enterprise"), action: only("enterprise") },
  "graduate.allocation.tsx": { loader: only("graduate"), action: only("graduate") },
  "graduate.applications.$id.tsx": { params: id("graduateApplication"), loader: only("graduate"), action: only("graduate") },
  "graduate.applications._index.tsx": { loader: only("graduate") },
  "graduate.jobs.tsx": { loader: only("graduate"), action: only("graduate") },
  "graduate.orders.tsx": { loader: only("graduate"), action: only("graduate") },
  "graduate.profile.tsx": { loader: only("graduate"), action: only("graduate") },
  "graduate.recommendations.tsx": { loader: only("graduate") },
  "graduate.subsidies.tsx": { loader: only("graduate"), action: only("graduate") },
  "healthz.ts": { loader: PUBLIC },
  "home.tsx": { loader: SIGNED_IN },
  // Each account reads the imports it started: registries (province, park), fund payments and worker-training claims (enterprise), 专款支出 (college).
  "imports.$id.tsx": { params: id("importJob"), loader: only("province", "park", "enterprise", "college") },
  "imports._index.tsx": { loader: only("province", "park"), action: only("province", "park") },
  "imports.template.$kind.ts": [
    { params: () => ({ kind: "enterprises" }), loader: only("province", "park") },
    { label: "fund payments", params: () => ({ kind: "fund_payments" }), loader: only("enterprise") },
    { label: "ledger entries", params: () => ({ kind: "ledger_entries" }), loader: only("college") },
    { label: "worker-training claims", params: () => ({ kind: "worker_training_claims" }), loader: only("enterprise") },
  ],
  "jobs.$id.tsx": { params: id("job"), loader: SIGNED_IN, action: only("graduate") },
  "join.$token.tsx": { params: () => ({ token: "no-such-invitation-token" }), loader: PUBLIC, action: PUBLIC },
  "login.tsx": { loader: PUBLIC, action: PUBLIC },
  "logout.tsx": { loader: PUBLIC, action: SIGNED_IN },
  "map.tsx": { loader: SIGNED_IN },
  "notifications.tsx": { loader: SIGNED_IN, action: SIGNED_IN },
  "notifications_.$id.tsx": { params: id("notification"), loader: SIGNED_IN },
  "notifications_.unread.ts": { loader: SIGNED_IN },
  "orders.$id.tsx": { params: id("order"), loader: SIGNED_IN, action: only("graduate") },
  "org.audit.tsx": { loader: only("park", "college", "enterprise", "bureau", "province") },
  "org.members.tsx": { loader: only("park", "college", "enterprise", "bureau", "province"), action: only("park", "college", "enterprise", "bureau", "province") },
  "org.outbox.tsx": { loader: only("province", "college") },
  "park.allocation.tsx": { loader: only("park"), action: only("park") },
  "park.allocation_.$id.tsx": { params: id("parkRound"), loader: only("park"), action: only("park") },
  "park.fund.tsx": { loader: only("park") },
  "park.registrations.tsx": { loader: only("park"), action: only("park") },
  "park.reports.tsx": { loader: only("park") },
  "park.scorecard.tsx": { loader: only("park") },
  "profile.tsx": { loader: only("park", "college", "enterprise") },
  "province.allocation.tsx": { loader: only("province"), action: only("province") },
  "province.allocation_.$id.tsx": { params: id("round"), loader: only("province"), action: only("province") },
  "province.fund.tsx": { loader: only("province"), action: only("province") },
  "province.jobs.tsx": { loader: only("province"), action: only("province") },
  "province.policies.tsx": { loader: only("province"), action: only("province") },
  "province.reports.tsx": { loader: only("province"), action: only("province") },
  "province.reports_.bulletin.tsx": { loader: only("province") },
  "province.scorecards.tsx": { loader: only("province"), action: only("province") },
  "province.settings.fund.tsx": { loader: only("province"), action: only("province") },
  "province.settings.holidays.tsx": { loader: only("province"), action: only("province") },
  "province.settings.indicators.tsx": { loader: only("province"), action: only("province") },
  "province.settings.matching.tsx": { loader: only("province"), action: only("province") },
  "province.settings.wage.tsx": { loader: only("province"), action: only("province") },
  "province.scorecards_.bulletin.tsx": { loader: only("province") },
  "readyz.ts": { loader: PUBLIC },
  "register.enterprise.tsx": { loader: PUBLIC, action: PUBLIC },
  "register.graduate.tsx": { loader: PUBLIC, action: PUBLIC },
  "registries.$kind.$id._index.tsx": [
    { label: "parks", params: (ids) => ({ kind: "parks", id: ids.park! }), loader: SIGNED_IN },
    { label: "enterprises", params: (ids) => ({ kind: "enterprises", id: ids.enterprise! }), loader: SIGNED_IN },
  ],
  "registries.$kind.$id.edit.tsx": [
    { label: "the park's own park", params: (ids) => ({ kind: "parks", id: ids.park! }), loader: only("province", "park"), action: only("province", "park") },
    { label: "the college's own college", params: (ids) => ({ kind: "colleges", id: ids.college! }), loader: only("province", "college"), action: only("province", "college") },
    {
      label: "an enterprise of the park",
      params: (ids) => ({ kind: "enterprises", id: ids.enterprise! }),
      loader: only("province", "park", "enterprise"),
      action: only("province", "park", "enterprise"),
    },
  ],
  "registries.$kind._index.tsx": { params: () => ({ kind: "enterprises" }), loader: SIGNED_IN },
  "registries.$kind.export.tsx": { params: () => ({ kind: "enterprises" }), query: "format=csv", loader: SIGNED_IN },
  "registries.$kind.new.tsx": [
    { label: "parks", params: () => ({ kind: "parks" }), loader: only("province"), action: only("province") },
    { label: "colleges", params: () => ({ kind: "colleges" }), loader: only("province"), action: only("province") },
    { label: "enterprises", params: () => ({ kind: "enterprises" }), loader: only("province", "park"), action: only("province", "park") },
    { label: "clusters", params: () => ({ kind: "clusters" }), loader: only("province", "park"), action: only("province", "park") },
    { label: "pairings", params: () => ({ kind: "pairings" }), loader: only("province", "park"), action: only("province", "park") },
    { label: "bases", params: () => ({ kind: "bases" }), loader: only("province", "park"), action: only("province", "park") },
    { label: "secondments", params: () => ({ kind: "secondments" }), loader: only("province", "park"), action: only("province", "park") },
  ],
  "registries._index.tsx": { loader: SIGNED_IN },
  "reports.export.ts": { query: "dimension=park&format=csv", loader: only("province", "park", "college") },
  "scorecards.export.ts": { query: "period=2026-Q3&subject=park&format=csv", loader: only("province", "park") },
  "reset-password.$token.tsx": { params: () => ({ token: "no-such-reset-token" }), loader: PUBLIC, action: PUBLIC },
  "settings.password.tsx": { loader: SIGNED_IN, action: SIGNED_IN },
  "settings.tokens.tsx": { loader: SIGNED_IN, action: SIGNED_IN },
  "subsidies.claims.$claimId.tsx": { params: (ids) => ({ claimId: ids.claim ?? 999_999 }), loader: only("graduate", "college", "enterprise", "bureau", "province"), action: only("college", "bureau") },
  "training-fund.export.ts": { query: "table=allocations&format=csv", loader: only("enterprise", "college", "park", "province") },
};

// ───── Calling a route ─────

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
};
const ROUTES_DIR = path.resolve("app/routes");
const modules = import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}");
const moduleOf = (file: string) => modules[`../../app/routes/${file}`]!();
const routeFiles = fs
  .readdirSync(ROUTES_DIR)
  .filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes(".test."))
  .sort();

/** The URL of a flat route file (`province.allocation_.$id.tsx` → `/province/allocation/7`). */
function urlPath(file: string, params: Record<string, string | number>): string {
  const segments = file
    .replace(/\.(ts|tsx)$/, "")
    .split(".")
    .filter((s) => s !== "_index" && !(s.startsWith("_") && s.length > 1))
    .map((s) => s.replace(/_$/, ""))
    .map((s) => (s === "$" ? String(params["*"] ?? "") : s.startsWith("$") ? String(params[s.slice(1)] ?? "") : s));
  return `/${segments.join("/")}`.replace(/\/+$/, "") || "/";
}

type Credentials = { cookie?: string; csrf?: string; bearer?: string };
let ids: Ids = {};
const bearer: Partial<Record<Role, string>> = {};

async function credentialsOf(who: Who, api: boolean): Promise<Credentials> {
  if (who === "anonymous") {
    if (api) return {};
    const { token, setCookie } = await readOrIssueCsrfToken(new Request("http://app/"));
    return { cookie: setCookie!.split(";")[0], csrf: token };
  }
  if (api) return { bearer: bearer[who] };
  // A fresh session for every call: an action (logout) may end the one it was given.
  return demoSession(DEMO_LOGIN_OF[who]);
}

type Outcome = { status: number; location?: string; detail?: string };

async function outcomeOf(run: () => unknown): Promise<Outcome> {
  const read = (r: Response): Outcome => ({ status: r.status, location: r.headers.get("Location") ?? undefined });
  try {
    const result = await run();
    return result instanceof Response ? read(result) : { status: 200 };
  } catch (error) {
    if (error instanceof Response) return read(error);
    if (error instanceof AppError) return { status: error.status, detail: error.code };
    return { status: 500, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Refused: 401/403, or a page sending the caller to sign in first (`/login?redirectTo=…`; logging out also ends on /login, without it). */
const refused = (o: Outcome) =>
  o.status === 401 || o.status === 403 || (o.status >= 300 && o.status < 400 && (o.location ?? "").startsWith("/login?redirectTo="));

async function call(file: string, kind: "loader" | "action", who: Who, c: Case): Promise<Outcome> {
  const mod = await moduleOf(file);
  const handler = mod[kind]!;
  const params = Object.fromEntries(Object.entries(c.params?.(ids) ?? {}).map(([k, v]) => [k, String(v)]));
  const api = file.startsWith("api.");
  const url = `http://app${urlPath(file, params)}${c.query ? `?${c.query}` : ""}`;
  const creds = await credentialsOf(who, api);
  const headers = new Headers();
  if (creds.cookie) headers.set("Cookie", creds.cookie);
  if (creds.bearer) headers.set("Authorization", `Bearer ${creds.bearer}`);
  let body: string | undefined;
  if (kind === "action") {
    if (api) {
      headers.set("Content-Type", "application/json");
      body = "{}";
    } else {
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(creds.csrf ? { [CSRF_FIELD]: creds.csrf } : {}).toString();
    }
  }
  const request = new Request(url, { method: kind === "action" ? "POST" : "GET", headers, body });
  const context = { socketAddress: "127.0.0.1", forwardedFor: null };
  return outcomeOf(() => handler({ request, params, context }));
}

const casesOf = (row: Case | Case[]): Case[] => (Array.isArray(row) ? row : [row]);

/** What a route answers today, as a row to paste (the failure message of a route without a row). */
async function observedRow(file: string): Promise<string> {
  const mod = await moduleOf(file);
  const parts: string[] = [];
  for (const kind of ["loader", "action"] as const) {
    if (!mod[kind]) continue;
    const answered: Who[] = [];
    for (const who of WHO) if (!refused(await call(file, kind, who, {}))) answered.push(who);
    const list = answered.length === PUBLIC.length ? "PUBLIC" : answered.join() === SIGNED_IN.join() ? "SIGNED_IN" : `only(${answered.map((w) => JSON.stringify(w)).join(", ")})`;
    parts.push(`${kind}: ${list}`);
  }
  return `"${file}": { ${parts.join(", ")} },`;
}

async function idOf(find: () => Promise<{ id: number } | null>): Promise<number | undefined> {
  return (await find())?.id;
}

beforeAll(async () => {
  await loadDemo();
  const account = (login: string) => prisma.account.findUniqueOrThrow({ where: { login } });
  const [park, college, enterprise, bureau, graduate] = await Promise.all(["park", "college", "enterprise", "bureau", "graduate"].map(account));
  for (const role of ROLES) {
    const a = await account(DEMO_LOGIN_OF[role]);
    bearer[role] = (await createApiToken({ accountId: a.id, name: "route-roles" })).token;
  }
  const found = {
    park: park!.parkId!,
    college: college!.collegeId!,
    enterprise: enterprise!.enterpriseId!,
    bureau: bureau!.bureauId!,
    graduate: graduate!.graduateId!,
    graduateApplication: await idOf(() => prisma.application.findFirst({ where: { graduateId: graduate!.graduateId! }, select: { id: true } })),
    enterpriseApplication: await idOf(() => prisma.application.findFirst({ where: { job: { enterpriseId: enterprise!.enterpriseId! } }, select: { id: true } })),
    job: await idOf(() => prisma.job.findFirst({ where: { enterpriseId: enterprise!.enterpriseId! }, select: { id: true } })),
    order: await idOf(() => prisma.order.findFirst({ where: { enterpriseId: enterprise!.enterpriseId! }, select: { id: true } })),
    placement: await idOf(() => prisma.placement.findFirst({ where: { enterpriseId: enterprise!.enterpriseId!, endedOn: null }, select: { id: true } })),
    claim: await idOf(() => prisma.subsidyClaim.findFirst({ where: { bureauId: bureau!.bureauId!, graduate: { collegeId: college!.collegeId! } }, select: { id: true } })),
    batch: await idOf(() => prisma.paymentBatch.findFirst({ where: { bureauId: bureau!.bureauId! }, select: { id: true } })),
    cohort: await idOf(() => prisma.cohort.findFirst({ where: { collegeId: college!.collegeId! }, select: { id: true } })),
    certificate: await idOf(() => prisma.certificate.findFirst({ where: { graduate: { collegeId: college!.collegeId! }, verifiedAt: { not: null } }, select: { id: true } })),
    collegeGraduate: await idOf(() => prisma.graduate.findFirst({ where: { collegeId: college!.collegeId! }, select: { id: true } })),
    round: await idOf(() => prisma.allocationRound.findFirst({ select: { id: true } })),
    parkRound: await idOf(() => prisma.allocationRound.findFirst({ where: { parkId: park!.parkId! }, select: { id: true } })),
    notification: await idOf(() => prisma.notification.findFirst({ select: { id: true } })),
    importJob: await idOf(() => prisma.importJob.findFirst({ select: { id: true } })),
  };
  ids = Object.fromEntries(Object.entries(found).filter((e): e is [string, number] => e[1] !== undefined));
});

describe("route roles", () => {
  it("has one row for every route file in app/routes, and none for a file that is gone", async () => {
    const missing = routeFiles.filter((f) => !(f in ROUTE_ROLES));
    const rows = await Promise.all(missing.map(observedRow));
    expect(
      rows,
      `Route files without a row in ROUTE_ROLES (tests/integration/route-roles.test.ts). Add these rows — they list the roles ` +
        `the route answers today; make sure they are the roles product.md allows, and give $-parameters real ids with params: id("…"):\n${rows.join("\n")}\n`,
    ).toEqual([]);
    expect(Object.keys(ROUTE_ROLES).filter((f) => !routeFiles.includes(f)), "rows in ROUTE_ROLES for route files that do not exist").toEqual([]);
  });

  it.each(routeFiles.filter((f) => f in ROUTE_ROLES))("%s answers exactly the roles in its row", async (file) => {
    const mod = await moduleOf(file);
    const wrong: string[] = [];
    for (const c of casesOf(ROUTE_ROLES[file]!)) {
      const where = `${file}${c.label ? ` (${c.label})` : ""}`;
      for (const kind of ["loader", "action"] as const) {
        const allowed = c[kind];
        if (!mod[kind]) {
          if (allowed) wrong.push(`${where}: the row names a ${kind} the route does not export — remove "${kind}" from its row`);
          continue;
        }
        if (!allowed) {
          wrong.push(`${where}: the route exports a ${kind} but its row has no "${kind}: [...]" — add the roles that may call it`);
          continue;
        }
        for (const who of WHO) {
          const o = await call(file, kind, who, c);
          const may = allowed.includes(who);
          if (may && refused(o)) wrong.push(`${where} ${kind} refuses ${who} (${o.status}${o.location ? ` → ${o.location}` : ""}) but its row allows ${who}`);
          if (!may && !refused(o)) wrong.push(`${where} ${kind} answers ${who} with ${o.status}${o.detail ? ` (${o.detail})` : ""} but its row does not allow ${who}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
