import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { browserForFile, signIn, visit } from "./browser";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

async function signedIn(login: string): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, baseUrl, login);
  return page;
}

const STEP_TIMEOUT = 180_000;

// Issue 19, Done-when (first half): an enterprise pays its share, the college confirms it and
// books spending against it, the park sees who is in arrears. The demo's 2025 statement was
// issued on 2026-01-10 and fell due three months later (prisma/demo/settlement.ts).
describe("training-fund settlement, from the enterprise's payment to the park's arrears list", () => {
  let collegeName = "";
  let enterpriseName = "";
  const voucherNo = `E2E-${Date.now()}`;

  it("lets the enterprise record a part payment to the demo college", async () => {
    const collegePage = await signedIn("college");
    collegeName = ((await collegePage.locator("main h1").textContent()) ?? "").trim();
    expect(collegeName).not.toBe("");
    await collegePage.close();

    const page = await signedIn("enterprise");
    enterpriseName = ((await page.locator("main h1").textContent()) ?? "").trim();
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "培训经费付款" }).click();
    await page.waitForURL(/\/enterprise\/fund-payments/);
    await visit(page, `${baseUrl}/enterprise/fund-payments?year=2025`);
    const option = page.locator("#pay-line option", { hasText: collegeName });
    await page.locator("#pay-line").selectOption(await option.getAttribute("value"));
    await page.getByLabel("付款金额（元）").fill("1000.00");
    await page.getByLabel("付款凭证号").fill(voucherNo);
    await page.getByRole("button", { name: "登记付款" }).click();
    await page.getByRole("status").filter({ hasText: "已登记付款 ¥1,000.00" }).waitFor();
    await page.locator("tbody tr", { hasText: voucherNo }).filter({ hasText: "待确认" }).waitFor();
    await page.close();
  }, STEP_TIMEOUT);

  it("lets the college confirm it, see it as a receipt, and book spending against it", async () => {
    const page = await signedIn("college");
    await visit(page, `${baseUrl}/college/fund?year=2025`);
    const row = page.locator("tbody tr", { hasText: voucherNo });
    await row.getByRole("button", { name: "确认到账" }).click();
    await page.getByRole("status").filter({ hasText: "已确认" }).waitFor();
    await page.locator("tbody tr", { hasText: voucherNo }).filter({ hasText: "已确认到账" }).waitFor();

    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "专款专用台账" }).click();
    await page.waitForURL(/\/college\/ledger/);
    await page.locator("h2", { hasText: "登记支出" }).waitFor();
    await page.getByLabel("支出类别").selectOption({ label: "实训设备" });
    await page.getByLabel("支出金额（元）").fill("500.00");
    await page.getByLabel("用途").fill("E2E 实训耗材");
    await page.getByRole("button", { name: "登记支出" }).click();
    await page.getByRole("status").filter({ hasText: "已登记支出 ¥500.00" }).waitFor();
    await page.locator("tbody tr", { hasText: "E2E 实训耗材" }).waitFor();
    await page.close();
  }, STEP_TIMEOUT);

  it("shows the park who is in arrears, the demo enterprise among them", async () => {
    const page = await signedIn("park");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "经费结算与欠缴" }).click();
    await page.waitForURL(/\/fund\/settlement/);
    await visit(page, `${baseUrl}/fund/settlement?year=2025`);
    const arrears = page.locator("section", { has: page.locator("h2", { hasText: "欠缴企业" }) });
    await arrears.locator("tbody tr", { hasText: enterpriseName }).waitFor();
    await expect(arrears.locator("tbody tr").count()).resolves.toBeGreaterThan(0);
    await page.close();
  }, STEP_TIMEOUT);
});
