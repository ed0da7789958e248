import fs from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserForFile, visit, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

async function as(login: string, width = 1280): Promise<Page> {
  const page = await browser().newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  await signIn(page, baseUrl, login);
  return page;
}

async function statusMessage(page: Page) {
  return page.locator("main [role=status], main [role=alert]").first().textContent();
}

/** What the graduate sees of their two claims: the status column. */
async function graduateSees(page: Page) {
  await visit(page, `${baseUrl}/graduate/subsidies`);
  return page.locator("main table tbody tr td:nth-child(3) .sub-status").allTextContents();
}

describe("a subsidy from confirmed placement to payment", () => {
  it("goes through college, bureau, notice, batch and payment, and the graduate sees each step", async () => {
    // The province publishes a version without a notice period, in force for the placement's start date.
    const province = await as("province");
    await visit(province, `${baseUrl}/province/policies`);
    await province.getByLabel("施行日期").fill("2025-01-01");
    await province.getByLabel("公示工作日数").fill("0");
    await province.getByLabel("说明").fill("端到端测试：取消公示期");
    await province.getByRole("button", { name: "发布新版本" }).click();
    // The second version unless another file published one first (assessment.test.ts publishes 2027's).
    await expect.poll(() => statusMessage(province)).toMatch(/已发布第 \d+ 版/);
    const version = /已发布第 (\d+) 版/.exec((await statusMessage(province)) ?? "")![1];
    expect(["2", "3"]).toContain(version);
    await expect(province.locator("main table").nth(1).textContent()).resolves.toContain("第 1 版");

    // The placed graduate's confirmed placement: the claims appear on their request.
    const graduate = await as("graduate2");
    const name = (await graduate.locator(".account-name").textContent())!.replace("毕业生", "").trim();
    await visit(graduate, `${baseUrl}/graduate/subsidies`);
    await expect(graduate.locator("main").textContent()).resolves.toContain(`资格核验（政策第 ${version} 版）`);
    await graduate.getByRole("button", { name: "申请补贴" }).click();
    await expect.poll(() => statusMessage(graduate)).toContain("已提交 学费补贴、生活补贴申请");
    expect(await graduateSees(graduate)).toEqual(["待院校确认毕业", "待院校确认毕业"]);

    const college = await as("college");
    await visit(college, `${baseUrl}/college/confirmations`);
    await college.getByLabel(`选择 ${name} 的学费补贴`).check();
    await college.getByLabel(`选择 ${name} 的生活补贴`).check();
    await college.getByRole("button", { name: "确认所选毕业生已毕业" }).click();
    await expect.poll(() => statusMessage(college)).toContain("已确认 2 项");
    expect(await graduateSees(graduate)).toEqual(["待人社局审核", "待人社局审核"]);

    const bureau = await as("bureau");
    await visit(bureau, `${baseUrl}/bureau/claims`);
    await bureau.getByLabel(`选择 ${name} 的学费补贴`).check();
    await bureau.getByLabel(`选择 ${name} 的生活补贴`).check();
    await bureau.getByLabel("资金来源").selectOption("employment_subsidy");
    await bureau.getByRole("button", { name: "批量批准所选" }).click();
    await expect.poll(() => statusMessage(bureau)).toBe("✓ 已批准 2 项"); // the flash after the redirect (ADR 112)
    expect(await graduateSees(graduate)).toEqual(["已批准（公示中）", "已批准（公示中）"]);
    await expect(graduate.locator("main").textContent()).resolves.toContain("起可发放");

    await visit(bureau, `${baseUrl}/bureau/budget`);
    await expect(bureau.locator("main table").textContent()).resolves.toContain("就业补助资金");

    await visit(bureau, `${baseUrl}/bureau/batches`);
    await bureau.getByRole("button", { name: "生成支付批次" }).click();
    await bureau.waitForURL(/\/bureau\/batches\/\d+$/);
    expect(await graduateSees(graduate)).toEqual(["已纳入支付批次", "已纳入支付批次"]);

    const [download] = await Promise.all([
      bureau.waitForEvent("download"),
      bureau.getByRole("button", { name: "导出银行代发文件（CSV）" }).click(),
    ]);
    const csv = await fs.readFile((await download.path())!, "utf8");
    expect(csv).toMatch(new RegExp(`${name},\\d{17}[\\dX],学费补贴,`));
    await bureau.reload();
    await bureau.getByRole("button", { name: "确认已发放" }).click();
    await expect.poll(() => statusMessage(bureau)).toContain("已确认发放");

    expect(await graduateSees(graduate)).toEqual(["已发放", "已发放"]);
    await graduate.getByRole("link", { name: "查看记录" }).first().click();
    await graduate.waitForURL(/\/subsidies\/claims\/\d+$/);
    // the record page's timeline can still be rendering right after the address changes
    await expect
      .poll(() => graduate.locator(".sub-timeline li strong").allTextContents())
      .toEqual(["生成申请", "院校确认毕业", "人社局批准", "纳入支付批次", "导出银行支付文件", "已发放"]);
  }, 300_000);

  it("shows the college only masked identity numbers and fits a phone", async () => {
    const college = await as("college", 375);
    await visit(college, `${baseUrl}/college/confirmations`);
    const overflow = await college.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const bureau = await as("bureau", 375);
    await visit(bureau, `${baseUrl}/bureau/claims?status=paid`);
    const ids = await bureau.locator("main table tbody td:nth-child(2)").allTextContents();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.includes("*"))).toBe(true);
  });
});
