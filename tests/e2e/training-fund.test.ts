import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { browserForFile, visit, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

async function signedIn(login: string, width = 1280): Promise<Page> {
  const page = await browser().newPage({ viewport: { width, height: 900 } });
  await signIn(page, baseUrl, login);
  return page;
}

// Each step logs a browser in and waits on a production server and its worker.
const STEP_TIMEOUT = 180_000;

const kpi = (page: Page, label: string) =>
  page.locator(".kpi", { has: page.locator(".kpi-label", { hasText: label }) }).locator(".kpi-value").textContent();

describe("training fund, from the enterprise's declaration to the college's statement", () => {
  let enterpriseName = "";
  const payable = new Map<string, string>();

  it("lets the enterprise declare its 2025 payroll and shows the fee and the college share", async () => {
    const page = await signedIn("enterprise");
    enterpriseName = (await page.locator("main h1").textContent()) ?? "";
    expect(enterpriseName).not.toBe("");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "工资总额申报" }).click();
    await page.getByLabel("年度", { exact: true }).selectOption("2025");
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL(/year=2025/);
    await page.getByLabel("工资总额（元）").fill("12345678.91");
    await page.getByRole("button", { name: /提交(申报|更正)/ }).click();
    await expect(page.getByRole("status").textContent()).resolves.toMatch(/已保存 2025 年度申报第 \d+ 版/);
    await page.locator(".kpi-value", { hasText: "¥12,345,678.91" }).waitFor();
    // ¥12,345,678.91 × 2.5% = ¥308,641.97275 → ¥308,641.97; × 20% = ¥61,728.394 → ¥61,728.39.
    await expect(kpi(page, "应提取培训经费")).resolves.toBe("¥308,641.97");
    await expect(kpi(page, "应划拨院校分成")).resolves.toBe("¥61,728.39");
    await expect(page.locator("table").nth(0).locator("tbody tr").first().textContent()).resolves.toContain("¥12,345,678.91");
    await page.close();
  }, STEP_TIMEOUT);

  it("lets the province run the 2025 computation in the background and shows its progress to the end", async () => {
    const page = await signedIn("province");
    await visit(page, `${baseUrl}/province/fund?year=2025`);
    await page.getByLabel("核算年度").selectOption("2025");
    await page.getByRole("button", { name: "开始核算" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("已提交 2025 年度核算");
    const latest = page.locator("table").first().locator("tbody tr").first();
    await latest.getByText("已完成").waitFor({ timeout: 120_000 });
    await expect(latest.textContent()).resolves.toMatch(/^2025/);
    await page.reload();
    await expect(page.locator(".chart svg rect").count()).resolves.toBeGreaterThan(0);
    await page.close();
  }, STEP_TIMEOUT);

  it("shows the enterprise what it owes to which college, adding up to its share", async () => {
    const page = await signedIn("enterprise");
    await visit(page, `${baseUrl}/enterprise/payroll?year=2025`);
    const rows = page.locator("section", { hasText: "应付明细" }).locator("tbody tr");
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    let sum = 0;
    for (let i = 0; i < count; i++) {
      const cells = await rows.nth(i).locator("td").allTextContents();
      payable.set(cells[0]!, cells[1]!);
      sum += Number(cells[1]!.replace(/[¥,]/g, "").replace(".", ""));
    }
    expect(sum).toBe(6_172_839);
    await page.close();
  }, STEP_TIMEOUT);

  it("shows the college the enterprise's payment among its receipts, and exports it", async () => {
    const page = await signedIn("college");
    const collegeName = (await page.locator("main h1").textContent()) ?? "";
    expect(payable.has(collegeName)).toBe(true);
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "培训经费收入" }).click();
    await page.getByLabel("年度", { exact: true }).selectOption("2025");
    await page.getByLabel("企业名称").fill(enterpriseName);
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL(/q=/);
    // The statement's table; the payment tables below it name the enterprise too (the demo has settled payments, issue 19).
    const statement = page.locator("section", { has: page.locator("h2", { hasText: "应收明细" }) });
    const row = statement.locator("tbody tr", { hasText: enterpriseName });
    await row.waitFor();
    const cells = await row.locator("td").allTextContents();
    expect(cells[1]).toBe(payable.get(collegeName));

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "CSV" }).click();
    const file = await download;
    const stream = await file.createReadStream();
    let text = "";
    for await (const chunk of stream) text += chunk;
    expect(text).toContain(enterpriseName);
    expect(text.trim().split("\r\n")).toHaveLength(2);
    await page.close();
  }, STEP_TIMEOUT);

  it("fits the payroll page on a phone", async () => {
    const page = await signedIn("enterprise", 375);
    await visit(page, `${baseUrl}/enterprise/payroll?year=2025`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  }, STEP_TIMEOUT);
});
