import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TMP_DIR } from "../setup/template-db";
import { launchBrowser, logIn } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
const GRADUATE_LOGIN = "alloc-graduate";

/**
 * The demo's own graduate accounts are hired or placed by other walk-throughs, so
 * this one signs in as an available demo graduate with a verified 高级工 certificate
 * (who meets every order's level, ADR 166), given an account with the demo password.
 */
function giveAnAvailableGraduateAnAccount() {
  const db = new Database(path.join(TMP_DIR, "e2e.db"));
  try {
    const existing = db.prepare("SELECT id FROM Account WHERE login = ?").get(GRADUATE_LOGIN);
    if (existing) return;
    const demo = db.prepare("SELECT passwordHash FROM Account WHERE login = 'graduate'").get() as { passwordHash: string };
    const graduate = db
      .prepare(
        `SELECT g.id, g.name FROM Graduate g LEFT JOIN Account a ON a.graduateId = g.id
         WHERE a.id IS NULL AND g.status = 'available' AND g.verifiedSkillLevel BETWEEN 1 AND 3 AND g.graduationDate < '2026-06-01' ORDER BY g.id LIMIT 1`,
      )
      .get() as { id: number; name: string };
    db.prepare("INSERT INTO Account (login, passwordHash, displayName, role, graduateId, active, createdAt) VALUES (?, ?, ?, 'graduate', ?, 1, ?)").run(
      GRADUATE_LOGIN, demo.passwordHash, graduate.name, graduate.id, new Date().toISOString().replace("Z", "+00:00"),
    );
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  giveAnAvailableGraduateAnAccount();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(login: string): Promise<Page> {
  const page = await browser.newPage();
  await logIn(page, baseUrl, login);
  await page.waitForURL(`${baseUrl}/home`);
  return page;
}

async function open(page: Page, to: string) {
  await page.goto(`${baseUrl}${to}`);
  await page.waitForLoadState("networkidle");
}

/** Tomorrow at 18:00, as a datetime-local value. */
function tomorrowEvening(): string {
  const d = new Date(Date.now() + 86_400_000);
  return `${d.toISOString().slice(0, 10)}T18:00`;
}

describe("定向分配: a round from opening to results", () => {
  it("the province opens a round, a graduate ranks orders, the round runs and is published, and the graduate sees the result", async () => {
    const province = await signedIn("province");
    await open(province, "/province/allocation");
    const title = `春季定向分配 ${Date.now() % 100_000}`;
    await province.getByLabel("轮次名称").fill(title);
    await province.getByLabel("填报截止时间（北京时间）").fill(tomorrowEvening());
    await province.getByRole("button", { name: "发起轮次" }).click();
    // no order chosen: the form says what is missing and opens nothing
    await expect(province.locator(".field-error").first().textContent()).resolves.toContain("至少选择一个订单");
    await expect(province.locator("table").first().textContent()).resolves.not.toContain(title);
    await province.getByLabel("轮次名称").fill(title);
    await province.getByLabel("填报截止时间（北京时间）").fill(tomorrowEvening());
    const boxes = province.locator("input[name=orderIds]");
    for (let i = 0; i < 3; i++) await boxes.nth(i).check();
    await province.getByRole("button", { name: "发起轮次" }).click();
    await province.waitForURL(/\/province\/allocation\/\d+/);
    const roundUrl = new URL(province.url()).pathname;
    const roundId = roundUrl.split("/").pop()!;
    await province.getByRole("heading", { name: title, level: 1 }).waitFor();
    await province.locator("span.status", { hasText: "填报中" }).waitFor();

    const graduate = await signedIn(GRADUATE_LOGIN);
    await open(graduate, "/graduate/allocation");
    await graduate.getByRole("link", { name: title }).click();
    await graduate.waitForURL(/round=/);
    await graduate.waitForLoadState("networkidle");
    const first = graduate.getByLabel("第 1 志愿");
    const options = await first.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(options.length).toBe(3);
    await first.selectOption(options[0]!);
    await graduate.getByLabel("第 2 志愿").selectOption(options[1]!);
    await graduate.getByRole("button", { name: "保存志愿" }).click();
    await graduate.getByRole("status").filter({ hasText: "已保存 2 个志愿" }).waitFor();

    await open(province, roundUrl);
    await expect(province.locator(".kpi", { hasText: "填报人数" }).textContent()).resolves.toContain("1");
    await province.getByRole("button", { name: "立即执行分配" }).click();
    await province.getByRole("status").filter({ hasText: "分配完成：1 人获得分配，0 人未分配" }).waitFor();
    await province.locator("span.status", { hasText: "已分配（待发布）" }).waitFor();
    await province.getByRole("button", { name: "发布结果并发出录用通知" }).click();
    await province.getByRole("status").filter({ hasText: "结果已发布：发出 1 份录用通知" }).waitFor();
    await province.locator("span.status", { hasText: "已发布" }).waitFor();
    await expect(province.locator("table").last().textContent()).resolves.not.toContain("未分配");

    await open(graduate, `/graduate/allocation?round=${roundId}`);
    const result = graduate.locator("section", { hasText: "我的分配结果" });
    await expect(result.textContent()).resolves.toContain("您被分配到");
    await open(graduate, "/graduate/applications");
    await expect(graduate.locator("tbody").textContent()).resolves.toContain("已发录用通知");
    await province.close();
    await graduate.close();
  });
});
