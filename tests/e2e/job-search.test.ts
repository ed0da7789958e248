import { describe, expect, inject, it } from "vitest";
import { browserForFile, visit, contextWithoutJavaScript, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

describe("job search for graduates", () => {
  it("searches from the form, marks the matches and keeps the search in the URL", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "graduate");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "找工作" }).click();
    await page.waitForURL(`${baseUrl}/graduate/jobs`);
    await page.getByLabel("关键词").fill("数控");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await page.waitForURL(/q=%E6%95%B0%E6%8E%A7/);
    await expect(page.locator("#results-heading").textContent()).resolves.toMatch(/共找到 [1-9]\d* 个岗位/);
    const marks = await page.locator(".job h3 mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(["数控"]));

    const link = page.url();
    const again = await browser().newPage();
    await signIn(again, baseUrl, "graduate");
    await visit(again, link);
    await expect(again.getByLabel("关键词").inputValue()).resolves.toBe("数控");
    await expect(again.locator(".job h3").allTextContents()).resolves.toEqual(await page.locator(".job h3").allTextContents());
    await page.close();
    await again.close();
  });

  it("filters, sorts and pages with JavaScript switched off", async () => {
    const context = await contextWithoutJavaScript(browser());
    const page = await context.newPage();
    await signIn(page, baseUrl, "graduate");
    await visit(page, `${baseUrl}/graduate/jobs`);
    const total = Number((await page.locator("#results-heading").textContent())!.replace(/\D/g, ""));
    expect(total).toBeGreaterThan(20);

    const cityOption = page.locator("select[name=city] option").nth(1);
    const cityValue = (await cityOption.getAttribute("value"))!;
    const cityCount = Number((await cityOption.textContent())!.match(/（(\d+)）/)![1]);
    await page.selectOption("select[name=city]", cityValue);
    await page.selectOption("select[name=sort]", "wage");
    await page.getByRole("button", { name: "应用筛选" }).click();
    await page.waitForURL(new RegExp(`city=${cityValue}.*sort=wage`));
    await expect(page.locator("#results-heading").textContent()).resolves.toContain(`共找到 ${cityCount} 个岗位`);

    await visit(page, `${baseUrl}/graduate/jobs`);
    await page.getByRole("navigation", { name: "分页" }).getByRole("link", { name: "下一页" }).click();
    await page.waitForURL(/page=2/);
    await expect(page.locator(".pagination [aria-current=page]").textContent()).resolves.toBe("2");
    await context.close();
  });

  it("explains bad input on the page instead of failing", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "graduate");
    const response = await page.goto(`${baseUrl}/graduate/jobs?q=${encodeURIComponent("！！？？")}&page=-3`);
    expect(response?.status()).toBe(400);
    await expect(page.locator(".notice-error").textContent()).resolves.toContain("不能只有标点符号");
    await expect(page.getByLabel("关键词").isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("saves a search and lists it", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "graduate2");
    await visit(page, `${baseUrl}/graduate/jobs?q=${encodeURIComponent("钳工")}`);
    await page.getByLabel("名称").fill("钳工岗位");
    await page.getByRole("button", { name: "保存当前搜索" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("已保存");
    await page.getByRole("link", { name: "钳工岗位" }).click();
    await page.waitForURL(/q=%E9%92%B3%E5%B7%A5/);
    await page.close();
  });

  it("opens a job's page from its title in the results, hydrated and fitting a phone screen", async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 740 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await signIn(page, baseUrl, "graduate");
    await visit(page, `${baseUrl}/graduate/jobs?q=${encodeURIComponent("数控")}`);
    const title = (await page.locator(".job h3").first().textContent())!;
    await page.locator(".job h3 a").first().click();
    await page.waitForURL(/\/jobs\/\d+$/);
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain(title);
    await expect(page.locator(".facts").textContent()).resolves.toContain("接受专业");
    const applyOrApplied = page.getByRole("button", { name: "申请该岗位" }).or(page.getByText("您已申请该岗位"));
    await expect(applyOrApplied.isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits a phone screen without horizontal scrolling", async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 740 } });
    await signIn(page, baseUrl, "graduate");
    await visit(page, `${baseUrl}/graduate/jobs?q=${encodeURIComponent("工程师")}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
