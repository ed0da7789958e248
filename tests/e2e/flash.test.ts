import { describe, expect, inject, it } from "vitest";
import { browserForFile, contextWithoutJavaScript, signIn, visit } from "./browser";

/** Issue 20: every form post says what it did, after the redirect, with the focus on it. */
const baseUrl = inject("baseUrl");
const browser = browserForFile();

describe("the message after a form post", () => {
  it("confirms a placement with a message at the top of the page that has the focus, gone on the next page", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "enterprise");
    await visit(page, `${baseUrl}/enterprise/placements`);
    // A placement confirmed before (its months are known to be valid; a placement begun
    // today by another test could not have 3 months of insurance yet).
    const row = page.locator(".table-wrap tbody tr").filter({ hasText: /已于 \S+ 确认/ }).first();
    const insured = await row.getByLabel("社保缴纳月数").inputValue();
    await row.getByLabel("劳动合同期限（月）").fill("24");
    await row.getByRole("button", { name: "更正" }).click();
    const flash = page.getByRole("status").filter({ hasText: `已确认合同 24 个月、社保 ${insured} 个月` });
    await flash.waitFor();
    await expect(flash.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // Told once: the next page does not repeat it.
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "岗位" }).click();
    await page.waitForURL(`${baseUrl}/enterprise/jobs`);
    // (The address changes a moment before the new page is drawn: wait for the message to go.)
    await page.getByText("已确认合同 24 个月").waitFor({ state: "detached", timeout: 10_000 });
    await page.close();
  });

  it("tells the enterprise its payroll declaration was saved, and the page no longer says 未申报 — also without JavaScript", async () => {
    const context = await contextWithoutJavaScript(browser());
    const page = await context.newPage();
    await signIn(page, baseUrl, "enterprise");
    const year = new Date().getFullYear() - 2;
    await visit(page, `${baseUrl}/enterprise/payroll?year=${year}`);
    await page.getByLabel("工资总额（元）").fill("1234567.89");
    await page.getByRole("button", { name: /提交(申报|更正)/ }).click();
    await page.getByRole("status").filter({ hasText: `已保存 ${year} 年度申报第` }).waitFor();
    expect(new URL(page.url()).searchParams.get("year")).toBe(String(year));
    await expect(page.getByText("未申报").count()).resolves.toBe(0);
    await expect(page.getByText("¥1,234,567.89").count()).resolves.toBeGreaterThan(0);
    await context.close();
  });
  it("after apply → leave → Back, the job's page and the search list show 已申请, not a stale 申请 button", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "graduate");
    await visit(page, `${baseUrl}/graduate/jobs?sort=newest`);
    // A job this graduate has not applied to yet: its card still has the 申请 button.
    const card = page.locator("li.job").filter({ has: page.getByRole("button", { name: "申请", exact: true }) }).first();
    const title = (await card.locator("h3").innerText()).trim();
    await card.locator("h3 a").click();
    await page.getByRole("heading", { level: 1 }).filter({ hasText: title }).waitFor();
    await page.getByRole("button", { name: "申请该岗位" }).click();
    const flash = page.getByRole("status").filter({ hasText: "申请已投递" });
    await flash.waitFor();
    await expect(flash.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // Leave for another page, then come Back.
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的申请" }).click();
    await page.waitForURL(`${baseUrl}/graduate/applications`);
    await page.getByRole("heading", { level: 1, name: "我的申请" }).waitFor();
    await page.goBack();
    await page.getByText("您已申请该岗位").first().waitFor();
    await expect(page.getByRole("button", { name: "申请该岗位" }).count()).resolves.toBe(0);
    // And Back once more: the search list shows the job as applied.
    await page.goBack();
    await page.waitForURL(/\/graduate\/jobs\?sort=newest$/);
    const again = page.locator("li.job").filter({ hasText: title }).first();
    await again.getByText("已申请").first().waitFor();
    await expect(again.getByRole("button", { name: "申请", exact: true }).count()).resolves.toBe(0);
    await page.close();
  });
});
