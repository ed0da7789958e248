import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { HIGHER_VOCATIONAL_CLASSES } from "~/domain/catalogue/majors";
import { creditCodeCheckChar } from "~/domain/ids/credit-code";
import { decryptIdNumber } from "~/utils/pii.server";
import { launchBrowser, logIn, signIn, visit } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
let db: Database.Database;

beforeAll(async () => {
  browser = await launchBrowser();
  db = new Database(inject("databaseFile"), { readonly: true });
});
afterAll(async () => {
  db?.close();
  await browser?.close();
});

const stamp = Date.now().toString(36).slice(-5);

/** What a graduate knows about themself: their own identity number (the letter shows it masked). */
function identityNumberOf(graduateId: number): string {
  const row = db.prepare(`SELECT "idNumberCipher" FROM "Graduate" WHERE "id" = ?`).get(graduateId) as { idNumberCipher: string };
  return decryptIdNumber(row.idNumberCipher, inject("piiKey"));
}

async function newPage(): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function activate(page: Page, input: { name: string; idNumber: string; mobile: string; code: string; password: string }) {
  await visit(page, `${baseUrl}/activate`);
  await page.getByLabel("姓名", { exact: true }).fill(input.name);
  await page.getByLabel("身份证号", { exact: true }).fill(input.idNumber);
  await page.getByLabel("手机号", { exact: true }).fill(input.mobile);
  await page.getByLabel("激活码", { exact: true }).fill(input.code);
  await page.getByLabel("新密码", { exact: true }).fill(input.password);
  await page.getByLabel("确认密码", { exact: true }).fill(input.password);
  await page.getByRole("button", { name: "激活并登录" }).click();
}

describe("graduates on a roster", () => {
  it("a college exports activation letters, and a graduate activates from one and applies", async () => {
    const college = await newPage();
    await signIn(college, baseUrl, "college");
    await visit(college, `${baseUrl}/college/cohorts`);
    const [download] = await Promise.all([
      college.waitForEvent("download", { timeout: 55_000 }),
      college.locator("button:has-text('导出激活函'):not([disabled])").first().click(),
    ]);
    const file = path.join(os.tmpdir(), `letters-${stamp}.xlsx`);
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, "姓名", "身份证号", "手机号", "激活码", "有效期至", "激活网址"]);
    const [, name, masked, mobile, code] = sheet.getRow(2).values as string[];
    expect(masked).toContain("*");
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const graduate = db.prepare(`SELECT "id" FROM "Graduate" WHERE "name" = ? AND "phone" = ?`).get(name, mobile) as { id: number };

    const page = await newPage();
    await activate(page, { name: name!, idNumber: identityNumberOf(graduate.id), mobile: mobile!, code: code!, password: `Huagong-${stamp}` });
    await page.waitForURL(/\/(home|notifications)/);
    await page.locator(".role-badge", { hasText: "毕业生" }).waitFor({ state: "attached" });
    await visit(page, `${baseUrl}/graduate/jobs`);
    await page.getByRole("button", { name: "申请", exact: true }).first().click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("申请已投递");

    // The letter's code works once.
    const again = await newPage();
    await activate(again, { name: name!, idNumber: identityNumberOf(graduate.id), mobile: mobile!, code: code!, password: `Huagong-${stamp}` });
    await expect(again.getByRole("alert").first().textContent()).resolves.toContain("激活码不符");
  });
});

describe("an enterprise joins", () => {
  it("registers, the park approves, it posts a job and invites a graduate who then activates and sees the invitation", async () => {
    const serial = String(Date.now() % 10_000_000).padStart(7, "0");
    const creditCode = `91360100MA${serial}` + creditCodeCheckChar(`91360100MA${serial}`);
    const name = `江西洪都测试装备有限公司${stamp}`;
    const login = `hongdu-${stamp}`;
    const password = `Hongdu-${stamp}-jx`;
    const parkName = (db.prepare(`SELECT p."name" FROM "Park" p JOIN "Account" a ON a."parkId" = p."id" WHERE a."login" = 'park'`).get() as { name: string }).name;

    const visitor = await newPage();
    await visit(visitor, `${baseUrl}/register/enterprise`);
    await visitor.getByLabel("企业名称").fill(name);
    await visitor.getByLabel("统一社会信用代码").fill(creditCode);
    await visitor.getByLabel("所在园区").selectOption({ label: parkName });
    await visitor.getByLabel("职工人数").fill("80");
    await visitor.getByLabel("联系人姓名").fill("万立新");
    await visitor.getByLabel("联系人手机号").fill("13979100001");
    await visitor.getByLabel("用户名").fill(login);
    await visitor.getByLabel("密码", { exact: true }).fill(password);
    await visitor.getByLabel("确认密码").fill(password);
    await visitor.getByRole("button", { name: "提交注册申请" }).click();
    await expect(visitor.getByRole("status").textContent()).resolves.toContain("等待所在园区审核");

    const park = await newPage();
    await signIn(park, baseUrl, "park");
    await visit(park, `${baseUrl}/park/registrations`);
    await park.locator("article", { hasText: name }).getByRole("button", { name: "通过" }).click();
    await expect(park.getByRole("status").textContent()).resolves.toContain("联系人现为该企业管理员");

    // The graduate to invite: one of the demo college's who has not activated, in a major class the job accepts.
    const classes = new Set(HIGHER_VOCATIONAL_CLASSES.map((c) => c.code));
    const candidates = db
      .prepare(
        `SELECT g."id", g."name", g."phone", g."majorCode" FROM "Graduate" g
          WHERE g."collegeId" = (SELECT "collegeId" FROM "Account" WHERE "login" = 'college') AND g."status" = 'available'
            AND NOT EXISTS (SELECT 1 FROM "Account" a WHERE a."graduateId" = g."id") ORDER BY g."id" DESC`,
      )
      .all() as { id: number; name: string; phone: string; majorCode: string }[];
    const target = candidates.find((g) => classes.has(g.majorCode.slice(0, 4)))!;
    const majorClass = target.majorCode.slice(0, 4);

    const enterprise = await newPage();
    await logIn(enterprise, baseUrl, login, password);
    await enterprise.waitForURL(`${baseUrl}/home`);
    await visit(enterprise, `${baseUrl}/enterprise/jobs`);
    await enterprise.getByText("发布新岗位").click();
    const title = `装配钳工${stamp}`;
    await enterprise.getByLabel("岗位名称").fill(title);
    await enterprise.getByLabel("招聘人数").fill("5");
    await enterprise.getByLabel("最低月薪（元）").fill("4500");
    await enterprise.getByLabel("最高月薪（元）").fill("6500");
    await enterprise.getByLabel("岗位描述").fill("飞机零部件装配");
    await enterprise.locator(`input[name="majorClasses"][value="${majorClass}"]`).check();
    await enterprise.getByRole("button", { name: "发布岗位" }).click();
    await expect(enterprise.getByRole("status").textContent()).resolves.toContain("岗位已发布");
    await enterprise.locator("tr", { hasText: title }).getByRole("link", { name: "候选人" }).click();
    const invite = enterprise.locator(`form:has(input[name="graduateId"][value="${target.id}"]) button`);
    await invite.waitFor();
    await invite.click();
    await expect(enterprise.getByRole("alert").or(enterprise.getByRole("status")).first().textContent()).resolves.toContain("待激活");

    const college = await newPage();
    await signIn(college, baseUrl, "college");
    await visit(college, `${baseUrl}/college/graduates/${target.id}`);
    await college.getByRole("button", { name: "重新签发激活码" }).click();
    const code = (await college.locator("strong.code").textContent())!;

    const graduate = await newPage();
    await activate(graduate, { name: target.name, idNumber: identityNumberOf(target.id), mobile: target.phone, code, password: `Xiaoyou-${stamp}` });
    await graduate.waitForURL(/\/notifications\?welcome=invitations/);
    // The URL changes before the client-side navigation renders; wait for the notice itself.
    await graduate.locator("main", { hasText: `${name} 邀请您投递「${title}」` }).waitFor();
  });
});

describe("organisation members", () => {
  const staffLogin = `chenjing-${stamp}`;
  let staffPassword = `Chenjing-${stamp}-1`;
  let owner: Page;

  it("an admin invites a staff member, who joins through the link", async () => {
    const admin = await newPage();
    await signIn(admin, baseUrl, "enterprise");
    await visit(admin, `${baseUrl}/org/members`);
    await admin.getByLabel("姓名").fill("陈静");
    await admin.getByLabel("手机号").fill("13979100002");
    await admin.getByRole("button", { name: "生成邀请链接" }).click();
    const link = (await admin.locator(".notice code").textContent())!;
    expect(link).toMatch(/\/join\/[\w-]{20,}$/);

    owner = await newPage();
    await visit(owner, link);
    await owner.getByLabel("用户名").fill(staffLogin);
    await owner.getByLabel("密码", { exact: true }).fill(staffPassword);
    await owner.getByLabel("确认密码").fill(staffPassword);
    await owner.getByRole("button", { name: "接受邀请并登录" }).click();
    await owner.waitForURL(`${baseUrl}/home`);
    await expect(owner.locator(".role-badge").textContent()).resolves.toBe("企业");
  });

  it("an admin issues a one-time reset link and the member sets a new password with it", async () => {
    const admin = await newPage();
    await signIn(admin, baseUrl, "enterprise");
    await visit(admin, `${baseUrl}/org/members`);
    await admin.locator("tr", { hasText: staffLogin }).getByRole("button", { name: "签发重置密码链接" }).click();
    const link = (await admin.locator(".notice code").textContent())!;
    const reset = await newPage();
    await visit(reset, link);
    staffPassword = `Chenjing-${stamp}-2`;
    await reset.getByLabel("新密码", { exact: true }).fill(staffPassword);
    await reset.getByLabel("确认密码").fill(staffPassword);
    await reset.getByRole("button", { name: "设置新密码" }).click();
    await expect(reset.getByRole("status").textContent()).resolves.toContain("密码已重置");
    await visit(reset, link);
    await expect(reset.locator("h1").textContent()).resolves.toBe("重置链接已失效");
    // The owner's browser signs in with the new password (and is remembered as the owner's).
    await logIn(owner, baseUrl, staffLogin, staffPassword);
    await owner.waitForURL(`${baseUrl}/home`);
  });

  it("a stranger's failures slow the stranger down but do not lock the owner out", async () => {
    const stranger = await newPage();
    let failures = 0;
    while (failures < 5) {
      await logIn(stranger, baseUrl, staffLogin, "not-the-password");
      const text = (await stranger.getByRole("alert").first().textContent()) ?? "";
      const wait = /请 (\d+) 秒后再试/.exec(text);
      if (wait) await stranger.waitForTimeout(Number(wait[1]) * 1000);
      else {
        expect(text).toContain("用户名或密码错误");
        failures += 1;
      }
    }
    // The login is now being slowed down…
    const throttle = db.prepare(`SELECT "lockedUntil" FROM "LoginThrottle" WHERE "key" = ?`).get(`login:${staffLogin}`) as { lockedUntil: string };
    expect(new Date(throttle.lockedUntil).getTime()).toBeGreaterThan(Date.now());
    // …yet the owner, in the browser they signed in with before, signs in at once.
    await owner.getByRole("button", { name: "退出登录" }).click();
    await owner.waitForURL(/\/login/);
    await logIn(owner, baseUrl, staffLogin, staffPassword);
    await owner.waitForURL(`${baseUrl}/home`);

    const admin = await newPage();
    await signIn(admin, baseUrl, "enterprise");
    await visit(admin, `${baseUrl}/org/members`);
    const row = admin.locator("tr", { hasText: staffLogin });
    await expect(row.textContent()).resolves.toContain("最近连续登录失败 5 次");
    await row.getByRole("button", { name: "解除登录限制" }).click();
    await expect(admin.getByRole("status").textContent()).resolves.toContain("已解除");
  });
});
