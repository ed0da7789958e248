import fs from "node:fs/promises";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { identityCheckChar } from "~/domain/ids/identity-number";
import { browserForFile, signIn, visit } from "./browser";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

async function as(login: string): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await signIn(page, baseUrl, login);
  return page;
}

async function statusMessage(page: Page) {
  return page.locator("main [role=status], main [role=alert]").first().textContent();
}

const first17 = "36012119880512345"; // 南昌县, born 1988-05-12
const idNumber = first17 + identityCheckChar(first17);
const year = new Date().getUTCFullYear();

describe("a worker-training subsidy from the enterprise's application to payment (issue 19)", () => {
  it("is explained rule by rule, checked and approved by the bureau, batched and paid, and the enterprise sees each step", async () => {
    const enterprise = await as("enterprise");
    await visit(enterprise, `${baseUrl}/enterprise/training-subsidies`);
    await enterprise.getByLabel("职工姓名").fill("测试焊工");
    await enterprise.getByLabel("身份证号").fill(idNumber);
    await enterprise.getByLabel("本企业参保起始日期").fill(`${year}-01-01`);
    await enterprise.getByLabel("连续缴纳社保月数").fill("10");
    await enterprise.getByLabel("培训结束日期").fill(`${year}-03-01`);
    await enterprise.getByLabel("证书名称（职业/工种）").fill("焊工");
    await enterprise.getByLabel("证书等级").selectOption("4");
    await enterprise.getByLabel("发证日期").fill(`${year}-04-01`);
    await enterprise.getByLabel("发证机构").fill("江西省职业技能鉴定指导中心");
    await enterprise.getByLabel("证书编号").fill("E2E-HG-0001");
    await enterprise.getByRole("button", { name: "逐条核验" }).click();
    await expect.poll(() => statusMessage(enterprise)).toContain("可以申请，补贴金额 ¥1,500.00");
    await expect(enterprise.locator(".sub-rules li.fail").allTextContents()).resolves.toEqual(["✗不符合：证书尚未由院校或人社局核验"]);
    await enterprise.getByRole("button", { name: "提交申请" }).click();
    await enterprise.waitForURL(/\/subsidies\/claims\/\d+$/);
    await enterprise.locator("h1", { hasText: "测试焊工" }).waitFor();
    const claimUrl = enterprise.url();
    const claimId = Number(claimUrl.split("/").pop());
    await expect(enterprise.locator("main").textContent()).resolves.toContain("待人社局核验");

    const bureau = await as("bureau");
    await visit(bureau, `${baseUrl}/bureau/claims?kind=worker_training`);
    await bureau.getByRole("link", { name: "测试焊工" }).click();
    await bureau.waitForURL(/\/subsidies\/claims\/\d+$/);
    await bureau.getByRole("button", { name: "证书已核验" }).click();
    await expect.poll(() => statusMessage(bureau)).toContain("证书已核验");
    await bureau.getByLabel("资金来源").selectOption("employment_subsidy");
    await bureau.getByRole("button", { name: "批准" }).click();
    await expect.poll(() => statusMessage(bureau)).toContain("已批准，金额 ¥1,500.00");

    // The public notice (5 working days by default) has run its course.
    const db = new Database(inject("databaseFile"));
    db.prepare(`UPDATE "SubsidyClaim" SET "noticeEndsOn" = ? WHERE "id" = ?`).run("2020-01-01T00:00:00.000+00:00", claimId);
    db.close();

    await visit(bureau, `${baseUrl}/bureau/batches`);
    await bureau.getByRole("button", { name: "生成支付批次" }).click();
    await bureau.waitForURL(/\/bureau\/batches\/\d+$/);
    await bureau.locator("main table tbody td", { hasText: "测试焊工" }).waitFor();
    const [download] = await Promise.all([bureau.waitForEvent("download"), bureau.getByRole("button", { name: "导出银行代发文件（CSV）" }).click()]);
    const csv = await fs.readFile((await download.path())!, "utf8");
    expect(csv).toContain(`测试焊工,${idNumber},职业技能提升补贴,1500.00,就业补助资金,`);
    await bureau.reload();
    await bureau.getByRole("button", { name: "确认已发放" }).click();
    await expect.poll(() => statusMessage(bureau)).toContain("已确认发放");

    await visit(enterprise, `${baseUrl}/enterprise/training-subsidies`);
    const row = enterprise.locator("main table tbody tr", { hasText: "测试焊工" });
    await expect(row.locator(".sub-status").textContent()).resolves.toBe("已发放");
    await visit(enterprise, claimUrl);
    await expect
      .poll(() => enterprise.locator(".sub-timeline li strong").allTextContents())
      .toEqual(["生成申请", "人社局核验证书", "人社局批准", "纳入支付批次", "导出银行支付文件", "已发放"]);
  }, 300_000);
});
