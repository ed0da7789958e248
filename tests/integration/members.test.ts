import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import {
  acceptInvitation,
  clearMemberThrottle,
  inviteFirstAdmin,
  inviteMember,
  listAccountEvents,
  listMembers,
  setActive,
  setOrgRole,
} from "~/services/accounts/members.server";
import { changeOwnPassword, issueResetLink, resetPasswordWithToken, setTemporaryPassword } from "~/services/accounts/passwords.server";
import { prisma } from "~/utils/db.server";
import { getPrincipal, principalOfAccount, requirePrincipal, type Principal } from "~/utils/principal.server";
import { authenticate, startSession } from "~/utils/session.server";
import { buildRegistry, createAccount, PASSWORD, refusal } from "./fixtures";

let registry: Awaited<ReturnType<typeof buildRegistry>>;
let admin: Principal;
let province: Principal;


const tokenOf = (path: string) => path.split("/").pop()!;

async function joinAs(login: string, path: string) {
  return acceptInvitation({ token: tokenOf(path), login, password: "Hongguang-88" });
}

beforeAll(async () => {
  registry = await buildRegistry();
  const adminAccount = await createAccount("m-admin", "enterprise", { enterpriseId: registry.enterprise.id });
  await prisma.account.update({ where: { id: adminAccount.id }, data: { orgRole: "admin" } });
  admin = (await principalOfAccount(adminAccount.id))!;
  const provinceAccount = await createAccount("m-province", "province");
  await prisma.account.update({ where: { id: provinceAccount.id }, data: { orgRole: "admin" } });
  province = (await principalOfAccount(provinceAccount.id))!;
});

describe("organisation members", () => {
  it("an admin invites a staff member by a one-time link that joins the enterprise", async () => {
    const sent = await inviteMember({ principal: admin, input: { displayName: "陈静", mobile: "13600000001", orgRole: "staff" } });
    expect(sent.delivery.status).toBe("queued");
    const outbox = await prisma.outboxMessage.findFirstOrThrow({ where: { mobile: "13600000001" } });
    expect(outbox.body).toContain(sent.path);
    const stored = await prisma.memberInvitation.findFirstOrThrow({ where: { mobile: "13600000001" } });
    expect(stored.tokenHash).not.toContain(tokenOf(sent.path));
    const accountId = await joinAs("chenjing", sent.path);
    const account = await prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(account).toMatchObject({ role: "enterprise", enterpriseId: registry.enterprise.id, orgRole: "staff", displayName: "陈静" });
    expect((await refusal(joinAs("chenjing2", sent.path))).status).toBe(404);
  });

  it("refuses an expired invitation link", async () => {
    const sent = await inviteMember({ principal: admin, input: { displayName: "过期", mobile: "13600000002", orgRole: "staff" } });
    await prisma.memberInvitation.updateMany({ where: { mobile: "13600000002" }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await refusal(joinAs("expired-join", sent.path))).status).toBe(404);
  });

  it("refuses staff the admin's actions", async () => {
    const sent = await inviteMember({ principal: admin, input: { displayName: "员工", mobile: "13600000003", orgRole: "staff" } });
    const staff = (await principalOfAccount(await joinAs("staff-1", sent.path)))!;
    const error = await refusal(inviteMember({ principal: staff, input: { displayName: "x", mobile: "13600000004", orgRole: "admin" } }));
    expect(error.status).toBe(403);
    expect((await listMembers({ principal: staff })).isAdmin).toBe(false);
  });

  it("makes a member admin and back, but keeps at least one active admin", async () => {
    const sent = await inviteMember({ principal: admin, input: { displayName: "副管", mobile: "13600000005", orgRole: "staff" } });
    const id = await joinAs("deputy", sent.path);
    await setOrgRole({ principal: admin, accountId: id, orgRole: "admin" });
    await setOrgRole({ principal: admin, accountId: id, orgRole: "staff" });
    expect((await refusal(setOrgRole({ principal: admin, accountId: admin.accountId, orgRole: "staff" }))).code).toBe("last_admin");
    const kinds = (await prisma.accountEvent.findMany({ where: { accountId: id } })).map((e) => e.kind);
    expect(kinds).toEqual(["joined", "role_changed", "role_changed"]);
  });

  it("stops a deactivated member's session and API token at once", async () => {
    const sent = await inviteMember({ principal: admin, input: { displayName: "离职", mobile: "13600000006", orgRole: "staff" } });
    const id = await joinAs("leaver", sent.path);
    const session = (await startSession(id)).split(";")[0]!;
    const { token } = await createApiToken({ accountId: id, name: "脚本" });
    const page = new Request("http://app/home", { headers: { Cookie: session } });
    const api = new Request("http://app/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(await getPrincipal(page)).not.toBeNull();
    expect(await getPrincipal(api)).not.toBeNull();
    await setActive({ principal: admin, accountId: id, active: false });
    // The next request (a request's own lookups share one answer) is refused.
    expect(await getPrincipal(new Request(page))).toBeNull();
    expect(await getPrincipal(new Request(api))).toBeNull();
    expect(await prisma.session.count({ where: { accountId: id } })).toBe(0);
    expect((await refusal(authenticate("leaver", "Hongguang-88", null))).code).toBe("deactivated");
  });

  it("lets the admin see and clear a member's sign-in delay", async () => {
    const sent = await inviteMember({ principal: admin, input: { displayName: "受限", mobile: "13600000007", orgRole: "staff" } });
    const id = await joinAs("slowed-member", sent.path);
    for (let i = 0; i < 3; i++) await refusal(authenticate("slowed-member", "wrong", null));
    const listed = (await listMembers({ principal: admin })).members.find((m) => m.id === id)!;
    expect(listed.throttle?.failures).toBe(3);
    await clearMemberThrottle({ principal: admin, accountId: id });
    expect((await listMembers({ principal: admin })).members.find((m) => m.id === id)!.throttle).toBeNull();
    await expect(authenticate("slowed-member", "Hongguang-88", null)).resolves.toBe(id);
  });

  it("the province invites a college's first admin", async () => {
    const sent = await inviteFirstAdmin({ principal: province, kind: "college", orgId: registry.otherCollege.id, input: { displayName: "院校管理员", mobile: "13600000008" } });
    const id = await joinAs("college-first", sent.path);
    expect(await prisma.account.findUniqueOrThrow({ where: { id } })).toMatchObject({ role: "college", collegeId: registry.otherCollege.id, orgRole: "admin" });
    expect((await refusal(inviteFirstAdmin({ principal: admin, kind: "park", orgId: registry.park.id, input: { displayName: "x", mobile: "13600000009" } }))).status).toBe(403);
  });
});

describe("passwords", () => {
  it("a reset link works once within 24 hours and ends the member's sessions", async () => {
    const sent = await inviteMember({ principal: admin, input: { displayName: "忘记", mobile: "13600000010", orgRole: "staff" } });
    const id = await joinAs("forgetful", sent.path);
    await startSession(id);
    const issued = await issueResetLink({ principal: admin, accountId: id });
    expect(issued.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(issued.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    expect((await refusal(resetPasswordWithToken({ token: tokenOf(issued.path), password: "forgetful" }))).field).toBe("password");
    await resetPasswordWithToken({ token: tokenOf(issued.path), password: "Xinmima-2026" });
    expect(await prisma.session.count({ where: { accountId: id } })).toBe(0);
    await expect(authenticate("forgetful", "Xinmima-2026", null)).resolves.toBe(id);
    expect((await refusal(resetPasswordWithToken({ token: tokenOf(issued.path), password: "Another-2026" }))).status).toBe(404);
    const stale = await issueResetLink({ principal: admin, accountId: id });
    await prisma.passwordResetToken.updateMany({ where: { accountId: id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await refusal(resetPasswordWithToken({ token: tokenOf(stale.path), password: "Another-2026" }))).status).toBe(404);
  });

  it("a password an admin set must be changed before any other page opens", async () => {
    const sent = await inviteMember({ principal: admin, input: { displayName: "临时", mobile: "13600000011", orgRole: "staff" } });
    const id = await joinAs("temporary", sent.path);
    await setTemporaryPassword({ principal: admin, accountId: id, password: "Linshi-2026" });
    const session = (await startSession(await authenticate("temporary", "Linshi-2026", null))).split(";")[0]!;
    const blocked = (await refusal(requirePrincipal(new Request("http://app/home", { headers: { Cookie: session } })))) as unknown as Response;
    expect(blocked.headers.get("Location")).toBe("/settings/password?required=1");
    const principal = await requirePrincipal(new Request("http://app/settings/password", { headers: { Cookie: session } }));
    expect((await refusal(changeOwnPassword({ principal, currentSessionId: null, current: "Linshi-2026", password: "12345678" }))).field).toBe("password");
    await changeOwnPassword({ principal, currentSessionId: null, current: "Linshi-2026", password: "Ziji-de-2026" });
    const fresh = (await startSession(id)).split(";")[0]!;
    await expect(requirePrincipal(new Request("http://app/home", { headers: { Cookie: fresh } }))).resolves.toMatchObject({ accountId: id });
  });

  it("changing one's own password asks for the current one", async () => {
    const account = await createAccount("self-change", "province");
    const principal = (await principalOfAccount(account.id))!;
    expect((await refusal(changeOwnPassword({ principal, currentSessionId: null, current: "wrong", password: "Ziji-de-2026" }))).field).toBe("current");
    await changeOwnPassword({ principal, currentSessionId: null, current: PASSWORD, password: "Ziji-de-2026" });
    await expect(authenticate("self-change", "Ziji-de-2026", null)).resolves.toBe(account.id);
  });
});

describe("account log", () => {
  it("shows an organisation's admins their events with actor and time, and the province all", async () => {
    const mine = await listAccountEvents({ principal: admin, page: 1 });
    expect(mine.rows.length).toBeGreaterThan(5);
    expect(mine.rows.every((e) => e.createdAt instanceof Date)).toBe(true);
    expect(mine.rows.some((e) => e.kind === "deactivated" && e.actor?.login === "m-admin")).toBe(true);
    const all = await listAccountEvents({ principal: province, page: 1 });
    expect(all.total).toBeGreaterThan(mine.total);
    await expect(prisma.accountEvent.deleteMany({})).rejects.toThrow();
  });
});
