import { describe, expect, inject, it } from "vitest";
import { browserForFile, logIn, visit, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

describe("demo accounts in the browser", () => {
  it.each([
    ["province", "省园区办", "全省园校对接总览"],
    ["park", "园区管委会", "南昌经开区"],
    ["college", "院校", "学校标识码"],
    ["enterprise", "企业", "统一社会信用代码"],
    ["bureau", "人社局", "人力资源和社会保障局"],
    ["graduate", "毕业生", "身份证号"],
  ])("%s logs in and sees the %s home page", async (login, roleLabel, text) => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, login);
    await expect(page.locator(".role-badge").textContent()).resolves.toBe(roleLabel);
    await expect(page.locator("main").textContent()).resolves.toContain(text);
    await expect(page.getByRole("navigation", { name: "主导航" }).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("the city bureau's demo account has 下辖区县 in its navigation and sees its counties with a city total", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "citybureau");
    const link = page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "下辖区县" });
    await expect(link.getAttribute("href")).resolves.toBe("/bureau/city");
    await visit(page, `${baseUrl}/bureau/city`);
    const main = page.locator("main", { hasText: "下辖区县" });
    await expect(main.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("下辖区县");
    // One row per county bureau of the city, and a total row under them.
    await expect(main.locator("tbody tr").first().textContent()).resolves.toContain("人力资源和社会保障局");
    await expect(main.locator("tbody tr").count()).resolves.toBeGreaterThan(1);
    await expect(main.locator("tfoot tr").count()).resolves.toBe(1);
    await page.close();
  });

  it("masks the graduate's identity number on the home page and shows it in full only when they ask", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "graduate");
    const id = page.locator("dt:text('身份证号') + dd");
    await expect(id.textContent()).resolves.toMatch(/^\d{4}\*{10}[\dX]{4} 显示完整号码$/);
    await id.getByRole("link", { name: "显示完整号码" }).click();
    // The URL changes before the client-side navigation has rendered: wait for the number itself.
    await expect.poll(() => id.textContent()).toMatch(/^\d{17}[\dX] 隐藏$/);
    await id.getByRole("link", { name: "隐藏" }).click();
    await expect.poll(() => id.textContent()).toMatch(/^\d{4}\*{10}[\dX]{4} 显示完整号码$/);
    expect(new URL(page.url()).search).toBe("");
    await page.close();
  });

  it("shows a Chinese error for a wrong password and stays on the login page", async () => {
    const page = await browser().newPage();
    await logIn(page, baseUrl, "province", "wrong-password");
    await expect(page.getByRole("alert").textContent()).resolves.toContain("用户名或密码错误");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });

  it("refuses a bureau page to a graduate with 403 in Chinese", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "graduate2");
    const response = await page.goto(`${baseUrl}/bureau/claims`);
    expect(response?.status()).toBe(403);
    await expect(page.locator("h1").textContent()).resolves.toBe("无权访问");
    await page.close();
  });

  it("refuses a form post without the CSRF token", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "college");
    const status = await page.evaluate(async () => {
      const body = new URLSearchParams({ intent: "create", name: "无令牌提交" });
      const res = await fetch("/settings/tokens", { method: "POST", body });
      return res.status;
    });
    expect(status).toBe(403);
    await visit(page, `${baseUrl}/settings/tokens`);
    await expect(page.locator("table").textContent()).resolves.not.toContain("无令牌提交");
    await page.close();
  });

  it("logs out, after which the home page asks for a login again", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "enterprise");
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/login/);
    await visit(page, `${baseUrl}/home`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });

  it("fits a phone screen without horizontal scrolling", async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 740 } });
    await signIn(page, baseUrl, "province");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
