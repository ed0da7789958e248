import { describe, expect, inject, it } from "vitest";
import { browserForFile, contextWithoutJavaScript, signIn, visit } from "./browser";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

const countIn = (heading: string | null) => Number((heading ?? "").replace(/\D/g, ""));

describe("order search for graduates (订单培训)", () => {
  it("searches orders through the engine from the job search's tab, marks the matches and applies a chosen filter at once", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "graduate");
    await visit(page, `${baseUrl}/graduate/jobs`);
    await page.getByRole("navigation", { name: "类别" }).getByRole("link", { name: "订单培训" }).click();
    await page.waitForURL(`${baseUrl}/graduate/orders`);
    await page.locator("#results-heading", { hasText: /共找到 [1-9][\d,]* 个订单/ }).waitFor();

    await page.getByLabel("关键词").fill("订单");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await page.waitForURL(/\/graduate\/orders\?q=%E8%AE%A2%E5%8D%95/);
    await page.locator("#results-heading", { hasText: /共找到 [1-9][\d,]* 个订单/ }).waitFor();
    const marks = await page.locator(".job h3 mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(["订单"]));

    // Choosing a filter searches at once: no 「应用筛选」 click.
    const option = page.locator("select[name=level] option").nth(1);
    const value = (await option.getAttribute("value"))!;
    const count = Number((await option.textContent())!.match(/（(\d+)）/)![1]);
    await page.selectOption("select[name=level]", value);
    await page.waitForURL(new RegExp(`q=.*level=${value}`));
    await page.locator("#results-heading", { hasText: `共找到 ${count.toLocaleString("zh-CN")} 个订单` }).waitFor();
    await expect(page.getByLabel("关键词").inputValue()).resolves.toBe("订单");

    await page.locator(".job h3 a").first().click();
    await page.waitForURL(/\/orders\/\d+$/);
    await page.locator("h1").first().waitFor();
    await page.close();
  });

  it("filters, sorts and pages without JavaScript", async () => {
    const context = await contextWithoutJavaScript(browser());
    const page = await context.newPage();
    await signIn(page, baseUrl, "graduate");
    await visit(page, `${baseUrl}/graduate/orders`);
    const total = countIn(await page.locator("#results-heading").textContent());
    expect(total).toBeGreaterThan(0);

    const option = page.locator("select[name=city] option").nth(1);
    const value = (await option.getAttribute("value"))!;
    const count = Number((await option.textContent())!.match(/（(\d+)）/)![1]);
    await page.selectOption("select[name=city]", value);
    await page.selectOption("select[name=sort]", "wage");
    await page.getByRole("button", { name: "应用筛选" }).click();
    await page.waitForURL(new RegExp(`city=${value}.*sort=wage`));
    await page.locator("#results-heading", { hasText: `共找到 ${count.toLocaleString("zh-CN")} 个订单` }).waitFor();

    if (total > 20) {
      await visit(page, `${baseUrl}/graduate/orders`);
      await page.getByRole("navigation", { name: "分页" }).getByRole("link", { name: "下一页" }).click();
      await page.waitForURL(/page=2/);
      await expect(page.locator(".pagination [aria-current=page]").textContent()).resolves.toBe("2");
    }
    await context.close();
  });
});

describe("when a job search finds nothing", () => {
  it("offers related trades as links, and each link returns the jobs it promised", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "graduate");
    await visit(page, `${baseUrl}/graduate/jobs?q=${encodeURIComponent("电焊")}`);
    await page.locator("#results-heading", { hasText: "共找到 0 个岗位" }).waitFor();
    const suggestion = page.locator(".suggestions", { hasText: "相关工种" }).getByRole("listitem").first();
    const promised = countIn(await suggestion.locator(".muted").textContent());
    expect(promised).toBeGreaterThan(0);
    const word = (await suggestion.getByRole("link").textContent())!;
    await suggestion.getByRole("link").click();
    await page.waitForURL(new RegExp(`q=${encodeURIComponent(word)}`));
    await page.locator("#results-heading", { hasText: `共找到 ${promised.toLocaleString("zh-CN")} 个岗位` }).waitFor();
    expect(await page.locator(".job").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("shows a slip's likely meaning when the typed words are nowhere in the index, and says so", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "graduate");
    await visit(page, `${baseUrl}/graduate/jobs?q=${encodeURIComponent("数空")}`);
    await page.locator(".showing-instead", { hasText: "没有找到「数空」的岗位，以下是「数控」的结果" }).waitFor();
    await page.locator("#results-heading", { hasText: /共找到 [1-9][\d,]* 个岗位/ }).waitFor();
    expect(new Set(await page.locator(".job h3 mark").allTextContents())).toEqual(new Set(["数控"]));
    await expect(page.getByLabel("关键词").inputValue()).resolves.toBe("数空");
    await page.close();
  });
});
