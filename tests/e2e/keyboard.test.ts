import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserForFile, signIn, visit } from "./browser";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

async function as(login: string): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, baseUrl, login);
  return page;
}

/** The focused element as a keyboard user meets it: its label (or accessible name) and its text. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> | null };
    if (!el || el === document.body) return { name: "", tag: "", href: "" };
    const label = el.labels?.[0]?.textContent ?? "";
    const name = (el.getAttribute("aria-label") ?? label ?? "") || (el.innerText ?? "");
    return { name: name.trim(), tag: el.tagName.toLowerCase(), href: el.getAttribute("href") ?? "" };
  });
}

/**
 * Presses Tab (never the mouse) until the focused control's name is `name` (a string
 * is matched exactly, a pattern by search); fails when 150 presses do not reach it.
 */
async function tabTo(page: Page, name: string | RegExp | ((el: { name: string; href: string }) => boolean), key: "Tab" | "Shift+Tab" = "Tab") {
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (typeof name === "string" ? now.name === name : typeof name === "function" ? name(now) : name.test(now.name)) return now;
  }
  throw new Error(`Tab never reached “${String(name)}”`);
}

// The main task of three roles, done with the keyboard alone: Tab to move, type to fill, Enter or Space to act.
describe("the main flows by keyboard alone", () => {
  it("a graduate searches jobs and applies", async () => {
    const page = await as("graduate");
    await visit(page, `${baseUrl}/graduate/jobs`);
    await tabTo(page, "关键词");
    await page.keyboard.type("数控");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=%E6%95%B0%E6%8E%A7/);
    await page.waitForLoadState("networkidle");
    // The first job title link among the results opens the job.
    const link = await tabTo(page, (el) => /^\/jobs\/\d+$/.test(el.href));
    const first = link.name;
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/jobs\/\d+$/);
    await page.getByRole("heading", { level: 1 }).filter({ hasText: first }).waitFor();
    // Applied already (another test may have applied to it), or apply now.
    const apply = page.getByRole("button", { name: "申请该岗位" });
    const applied = page.getByText("您已申请该岗位");
    await apply.or(applied).first().waitFor();
    await page.waitForLoadState("networkidle");
    if (await apply.count()) {
      await tabTo(page, "申请该岗位");
      await page.keyboard.press("Enter");
    }
    // The page then shows the application as the graduate's own (the 申请已投递 notice may already be replaced by a revalidation).
    await applied.first().waitFor();
    await expect(page.getByRole("link", { name: "查看申请" }).count()).resolves.toBe(1);
    await page.close();
  });

  it("an enterprise posts an order", async () => {
    const page = await as("enterprise");
    await visit(page, `${baseUrl}/enterprise/orders`);
    await tabTo(page, "新建订单");
    await page.keyboard.press("Enter");
    const title = `键盘订单${Date.now() % 100_000}`;
    await tabTo(page, "订单名称");
    await page.keyboard.type(title);
    await tabTo(page, "专业");
    await page.keyboard.press("ArrowDown");
    await tabTo(page, "需求人数");
    await page.keyboard.type("2");
    // A date field is typed segment by segment in the browser's order (en-US here: month, day, year).
    await tabTo(page, "开始日期");
    await page.keyboard.type("03012027");
    await expect(page.getByLabel("开始日期").inputValue()).resolves.toBe("2027-03-01");
    await tabTo(page, "月薪（元）");
    await page.keyboard.type("5200");
    await tabTo(page, "保存为草稿");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/enterprise\/orders\/\d+$/);
    await page.waitForSelector("html[data-hydrated]", { state: "attached" });
    await tabTo(page, "发布订单");
    await page.keyboard.press("Enter");
    await page.locator("h1", { hasText: "已发布" }).waitFor();
    await expect(page.locator("h1").textContent()).resolves.toContain(title);
    await page.close();
  });

  it("a bureau reviews a claim", async () => {
    // A claim waiting for the bureau (the college has confirmed graduation), made for this test.
    const db = new Database(inject("databaseFile"));
    const bureauId = (db.prepare(`SELECT "bureauId" FROM "Account" WHERE "login" = 'bureau'`).get() as { bureauId: number }).bureauId;
    const template = db.prepare(`SELECT "policyVersionId", "evaluation" FROM "SubsidyClaim" LIMIT 1`).get() as { policyVersionId: number; evaluation: string };
    const placement = db
      .prepare(`SELECT p."id", p."graduateId", g."name" FROM "Placement" p JOIN "Graduate" g ON g."id" = p."graduateId"
                WHERE NOT EXISTS (SELECT 1 FROM "SubsidyClaim" c WHERE c."graduateId" = p."graduateId") ORDER BY p."id" LIMIT 1`)
      .get() as { id: number; graduateId: number; name: string };
    const now = new Date().toISOString().replace("Z", "+00:00");
    const { lastInsertRowid } = db
      .prepare(`INSERT INTO "SubsidyClaim" ("graduateId", "placementId", "kind", "origin", "status", "amountFen", "bureauId", "policyVersionId", "evaluation", "graduationConfirmedAt", "createdAt")
                VALUES (?, ?, 'tuition', 'automatic', 'pending_review', 300000, ?, ?, ?, ?, ?)`)
      .run(placement.graduateId, placement.id, bureauId, template.policyVersionId, template.evaluation, now, now);
    db.close();

    const page = await as("bureau");
    await visit(page, `${baseUrl}/subsidies/claims/${lastInsertRowid}`);
    await tabTo(page, "驳回理由");
    await page.keyboard.type("键盘审核：缺少劳动合同");
    await tabTo(page, "驳回");
    await page.keyboard.press("Enter");
    await page.locator("main").getByText("已驳回").first().waitFor();
    await expect(page.locator("main").textContent()).resolves.toContain("缺少劳动合同");
    await page.close();
  });
});
