import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { identityCheckChar } from "~/domain/ids/identity-number";
import { launchBrowser, visit, visitUntilFound, signIn } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
const dir = path.resolve("tests/.tmp");

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(login: string): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, baseUrl, login);
  return page;
}

/** Opens a page and waits until it is interactive (forms submitted through fetchers need the scripts). */
async function open(page: Page, to: string) {
  await visit(page, `${baseUrl}${to}`);
  await page.waitForLoadState("networkidle");
}

const idNumber = (seq: number) => {
  const first17 = `36010219990214${String(seq).padStart(3, "0")}`;
  return first17 + identityCheckChar(first17);
};

function rosterFile(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, ["姓名,身份证号,手机号,专业代码,学历层次,毕业日期,技能等级,技能标签,意向城市", ...rows].join("\n"));
  return file;
}

async function importRoster(page: Page, file: string) {
  await open(page, "/college/graduates/import");
  await page.setInputFiles("input[type=file]", file);
  await page.getByRole("button", { name: "开始导入" }).click();
}

describe("the labour market across roles", () => {
  it("refuses a roster with two bad rows, naming both lines, and imports nothing", async () => {
    const college = await signedIn("college");
    const bad = idNumber(2).slice(0, 17) + (idNumber(2).endsWith("1") ? "2" : "1");
    await importRoster(college, rosterFile("bad-roster.csv", [
      `周一,${idNumber(1)},13800138001,460103,高职,2026-06-30,四级,数控,南昌`,
      `周二,${bad},13800138002,460103,高职,2026-06-30,四级,数控,南昌`,
      `周三,${idNumber(3)},13800138003,999999,高职,2026-06-30,四级,数控,南昌`,
    ]));
    const problems = college.getByRole("alert").filter({ hasText: "未导入" });
    await expect(problems.textContent()).resolves.toContain("共 2 处错误");
    await expect(problems.textContent()).resolves.toMatch(/第 3 行.*身份证号校验位不正确/);
    await expect(problems.textContent()).resolves.toMatch(/第 4 行.*专业代码 999999 不在专业目录中/);
    await open(college, `/college/graduates?q=${encodeURIComponent("周一")}`);
    await expect(college.locator("tbody").textContent()).resolves.toContain("没有符合条件的毕业生");
    await college.close();
  });

  it("college imports a roster → enterprise places an order → graduate applies → offer → accept → hire (对口) → separation", async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const college = await signedIn("college");
    await importRoster(college, rosterFile("good-roster.csv", [
      `吴导入,${idNumber(11)},13800138011,460103,高职,2026-06-30,四级,数控、CAD,南昌`,
      `郑导入,${idNumber(12)},13800138012,660103,中职,2026-06-30,三级/高级工,车工,九江`,
    ]));
    await expect(college.getByRole("status").filter({ hasText: "导入成功" }).textContent()).resolves.toContain("共 2 名毕业生");
    await open(college, `/college/graduates?q=${encodeURIComponent("吴导入")}`);
    await expect(college.locator("tbody").textContent()).resolves.toContain(`3601**********${idNumber(11).slice(-4)}`);

    const graduate = await signedIn("graduate");
    await open(graduate, "/graduate/profile");
    const name = (await graduate.locator(".account-name").innerText()).replace("毕业生", "").trim();
    const major = /（(\d{6})）/.exec(await graduate.locator("dt:text('专业 / 层次') + dd").innerText())![1]!;
    await expect(graduate.locator("dt:text('身份证号') + dd").innerText()).resolves.toMatch(/^\d{17}[\dX]$/);

    const title = `端到端订单班${Date.now() % 100_000}`;
    const enterprise = await signedIn("enterprise");
    await open(enterprise, "/enterprise/orders");
    await enterprise.getByText("新建订单").click();
    await enterprise.getByLabel("订单名称").fill(title);
    await enterprise.getByLabel("专业", { exact: true }).selectOption(major);
    await enterprise.getByLabel("需求人数").fill("1");
    await enterprise.getByLabel("开始日期").fill("2027-03-01");
    await enterprise.getByLabel("月薪（元）").fill("5200");
    await enterprise.getByRole("button", { name: "保存为草稿" }).click();
    await enterprise.waitForURL(/\/enterprise\/orders\/\d+$/);
    await enterprise.getByRole("button", { name: "发布订单" }).click();
    await enterprise.locator("h1", { hasText: "已发布" }).waitFor();

    await visitUntilFound(graduate, `${baseUrl}/graduate/orders?q=${encodeURIComponent(title)}`, (page) => page.getByRole("link", { name: title }));
    await graduate.getByRole("link", { name: title }).click();
    await graduate.waitForURL(/\/orders\/\d+$/);
    await graduate.getByText("剩余 1 / 共 1 人").waitFor();
    await graduate.getByRole("button", { name: "申请该订单" }).click();
    await graduate.getByRole("status").filter({ hasText: "申请已投递" }).waitFor();
    await graduate.getByText("您已申请该订单").waitFor();

    await open(enterprise, "/enterprise/applicants?status=submitted");
    await enterprise.getByRole("row").filter({ hasText: title }).getByRole("link", { name }).click();
    for (const step of ["标记已查看", "列入入围"]) {
      await enterprise.getByRole("button", { name: step }).click();
      await enterprise.getByRole("button", { name: step }).waitFor({ state: "detached" });
    }
    const applicantUrl = enterprise.url();
    await enterprise.getByLabel("月薪（元）").fill("1500");
    await enterprise.getByRole("button", { name: "发出录用通知" }).click();
    await enterprise.locator(".field", { hasText: "月薪（元）" }).getByRole("alert").filter({ hasText: "月薪不能低于最低工资标准 ¥1,610" }).waitFor();
    await enterprise.getByLabel("月薪（元）").fill("5200");
    await enterprise.getByLabel("劳动合同期限（月）").fill("24");
    await enterprise.getByLabel("入职日期").fill(today);
    await enterprise.getByLabel("答复期限").fill(today);
    await enterprise.getByRole("button", { name: "发出录用通知" }).click();
    await enterprise.getByRole("status").filter({ hasText: "录用通知已发出" }).waitFor();

    await open(graduate, "/graduate/applications");
    await graduate.getByRole("link", { name: title }).click();
    const offer = graduate.getByRole("region", { name: "录用通知" });
    await expect(offer.textContent()).resolves.toMatch(/¥5,200\.00[\s\S]*24 个月/);
    await graduate.getByRole("button", { name: "接受录用通知" }).click();
    await graduate.getByRole("status").filter({ hasText: "已接受录用通知" }).waitFor();

    await open(enterprise, applicantUrl.replace(/^https?:\/\/[^/]+/, ""));
    await enterprise.getByRole("button", { name: "录用（按录用通知的条件）" }).click();
    const outcome = enterprise.locator("section", { hasText: "录用结果" });
    await expect(outcome.textContent()).resolves.toContain("对口");

    await open(college, `/college/graduates?status=placed&q=${encodeURIComponent(name)}`);
    const row = college.getByRole("row").filter({ hasText: name }).filter({ hasText: "已就业" });
    await row.getByRole("link", { name }).first().click();
    const placement = college.locator("section", { hasText: "就业记录" }).locator("li", { hasText: title });
    await expect(placement.textContent()).resolves.toMatch(/对口/);
    await expect(placement.textContent()).resolves.not.toContain("不对口");
    await expect(college.locator("dt:text('身份证号') + dd").innerText()).resolves.toMatch(/^\d{4}\*{10}[\dX]{4}$/);

    await open(graduate, "/graduate/applications");
    await graduate.getByRole("link", { name: title }).click();
    const timeline = await graduate.getByRole("list", { name: "状态记录" }).innerText();
    expect(timeline.match(/已投递|已查看|入围|已发录用通知|已接受录用|已录用/g)).toEqual(["已投递", "已查看", "入围", "已发录用通知", "已接受录用", "已录用"]);
    await expect(graduate.locator("section", { hasText: "录用信息" }).textContent()).resolves.toContain("对口");
    await expect(graduate.locator(".bell-count").innerText()).resolves.toMatch(/^\d+$/);
    await open(graduate, "/notifications");
    await expect(graduate.locator("main").textContent()).resolves.toContain(`恭喜！您已被「${title}」录用`);

    // Separation: the enterprise records it; the graduate is available again and told.
    await open(enterprise, "/enterprise/placements");
    const placementRow = enterprise.getByRole("row").filter({ hasText: title });
    await placementRow.getByLabel("离职日期").fill(today);
    await placementRow.getByLabel("离职原因").selectOption("协商解除");
    await placementRow.getByRole("button", { name: "办理离职" }).click();
    await enterprise.getByRole("status").filter({ hasText: `已办理离职（${today}，协商解除）` }).waitFor();
    await enterprise.getByRole("row").filter({ hasText: title }).filter({ hasText: `已于 ${today} 离职（协商解除）` }).waitFor();
    await open(graduate, "/notifications");
    await expect(graduate.locator("main").textContent()).resolves.toContain("已办结离职");
    await open(college, `/college/graduates?status=available&q=${encodeURIComponent(name)}`);
    await expect(college.getByRole("row").filter({ hasText: name }).first().textContent()).resolves.toContain("求职中");
    for (const page of [college, graduate, enterprise]) await page.close();
  }, 240_000);

  it("shows an enterprise's applicant pages only to that enterprise", async () => {
    const graduate = await signedIn("graduate2");
    const response = await graduate.goto(`${baseUrl}/enterprise/applicants`);
    expect(response?.status()).toBe(403);
    await graduate.close();
  });
});
