import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { browserForFile, logIn, visit } from "./browser";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

async function signedIn(login: string, width = 1280): Promise<Page> {
  const page = await browser().newPage({ viewport: { width, height: 900 } });
  await logIn(page, baseUrl, login);
  await page.waitForURL(`${baseUrl}/home`);
  return page;
}

// Each step logs a browser in and waits on a production server and its worker.
const STEP_TIMEOUT = 180_000;

describe("placement reports, from the province's request to the park's view", () => {
  it("generates a quarter on demand through the worker and shows it as a table, a chart and a bulletin", async () => {
    const page = await signedIn("province");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "就业报表与通报" }).click();
    await page.getByLabel("统计期").first().fill("2026-Q3");
    await page.getByRole("button", { name: "生成报表" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("已开始生成 2026-Q3 报表");
    // The worker publishes it; the list of runs shows it done.
    for (let i = 0; i < 60; i++) {
      if (await page.getByText("2026-Q3 · 手动生成 · 已完成").count()) break;
      await page.waitForTimeout(1000);
      await visit(page, `${baseUrl}/province/reports?period=2026-Q3`);
    }
    await page.getByText("2026-Q3 · 手动生成 · 已完成").first().waitFor();

    await visit(page, `${baseUrl}/province/reports?period=2026-Q3&by=park`);
    await expect(page.locator("main h2", { hasText: "按园区" }).count()).resolves.toBe(1);
    await expect(page.locator("table tbody tr").count()).resolves.toBeGreaterThan(5);
    await expect(page.getByRole("img", { name: /就业率（前 15，按园区）/ }).count()).resolves.toBe(1);

    const csv = await page.request.get(`${baseUrl}/reports/export?period=2026-Q3&by=park&format=csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.text()).split("\r\n")[0]).toContain("代码,名称,可就业毕业生,已就业,就业率");
    const xlsx = await page.request.get(`${baseUrl}/reports/export?period=2026-Q3&by=college&format=xlsx`);
    expect(xlsx.status()).toBe(200);

    await page.getByRole("link", { name: /查看 2026年第3季度 通报/ }).click();
    await page.getByRole("heading", { name: /园区排名/ }).waitFor();
    await expect(page.locator("table").first().locator("tbody tr").first().locator("td").first().textContent()).resolves.toBe("1");
    await page.close();
  }, STEP_TIMEOUT);

  it("shows the park its own report and rank, at phone width", async () => {
    const page = await signedIn("park", 375);
    await visit(page, `${baseUrl}/park/reports?period=2026-Q3`);
    await page.getByText("全省就业率名次").waitFor();
    await expect(page.locator("h1").textContent()).resolves.toContain("南昌经开区");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  }, STEP_TIMEOUT);

  it("shows the administrator every queue on the jobs page", async () => {
    const page = await signedIn("province");
    await visit(page, `${baseUrl}/province/jobs`);
    await page.getByRole("heading", { name: "队列" }).waitFor();
    await expect(page.locator("tbody tr", { hasText: "就业报表" }).count()).resolves.toBe(1);
    await expect(page.locator("tbody tr", { hasText: "积压任务转交" }).count()).resolves.toBe(1);
    // Queue names are in Chinese: no English queue name is shown in the queue table.
    await expect(page.locator("tbody").first().textContent()).resolves.not.toMatch(/[a-z]{3,}/);
    await page.close();
  }, STEP_TIMEOUT);
});
