import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { browserForFile, signIn, visit, visitUntilFound } from "./browser";

/**
 * Issue 18's "Done when", in Chromium against the production server and its worker: the
 * province publishes a quarter's scorecards for parks, colleges and cities from the UI; a
 * park sees its card and rank; changing an indicator's weight shows its effect before it
 * takes effect; 2027's holidays can be entered and the notice period follows them.
 */
const baseUrl = inject("baseUrl");
const browser = browserForFile();
const STEP_TIMEOUT = 240_000;
const PERIOD = "2026-Q2";

async function signedIn(login: string): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, baseUrl, login);
  return page;
}

describe("assessment (考核评估) and the province's policy settings", () => {
  it("the province publishes a quarter's scorecards for parks, colleges and cities from the UI", async () => {
    const page = await signedIn("province");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "考核评估" }).click();
    await page.getByRole("heading", { name: "园区、院校、设区市考核评分", level: 1 }).waitFor();
    await page.getByLabel("考核期").fill(PERIOD);
    await page.getByRole("button", { name: "发布考核评分" }).click();
    await expect(page.getByRole("status").filter({ hasText: PERIOD }).textContent()).resolves.toContain(`已开始生成 ${PERIOD} 的就业报表与考核评分`);
    for (const [subject, label] of [["park", "园区"], ["college", "院校"], ["city", "设区市"]] as const) {
      await visitUntilFound(page, `${baseUrl}/province/scorecards?period=${PERIOD}&subject=${subject}`, (p) => p.locator("caption", { hasText: `2026年第2季度${label}考核评分` }), 240);
      await expect(page.locator("table").first().locator("tbody tr").count()).resolves.toBeGreaterThan(1);
    }
    await page.close();
  }, STEP_TIMEOUT);

  it("a park sees its own card with its rank and each indicator's definition", async () => {
    const page = await signedIn("park");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "考核评分" }).click();
    await page.getByRole("heading", { name: "园区考核评分" }).waitFor();
    await visit(page, `${baseUrl}/park/scorecard?period=${PERIOD}`);
    const card = page.locator("article.scorecard");
    await card.waitFor();
    await expect(card.locator("dt", { hasText: "排名" }).locator("xpath=following-sibling::dd").textContent()).resolves.toMatch(/^第 \d+ 名 \/ 共 \d+ 个$|^不排名$/);
    await expect(card.getByRole("row", { name: /经费分成按期到账率/ }).textContent()).resolves.toContain("到期日当天或之前付款并经收款方确认到账的金额");
    await page.close();
  }, STEP_TIMEOUT);

  it("changing an indicator's weight shows the scores it would give before it takes effect", async () => {
    const page = await signedIn("province");
    await visit(page, `${baseUrl}/province/settings/indicators?subject=park`);
    const weights = page.getByLabel(/权重$/);
    for (let i = 0; i < (await weights.count()); i++) await weights.nth(i).fill("0");
    await page.getByLabel("就业率权重").fill("100");
    await page.getByRole("button", { name: "预览评分变化" }).click();
    await page.getByRole("heading", { name: /^预览：按.+已发布数据计算（尚未生效）$/ }).waitFor();
    const rows = page.locator("section", { hasText: "尚未生效" }).locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(1);
    const pairs = await rows.evaluateAll((trs) => trs.map((tr) => [tr.children[1]?.textContent, tr.children[2]?.textContent]));
    expect(pairs.some(([before, after]) => before !== after)).toBe(true);
    // Nothing published: the defaults are still in force.
    await expect(page.getByText("尚未发布版本，现按默认值执行。").count()).resolves.toBe(1);
    await page.close();
  }, STEP_TIMEOUT);

  it("2027's holidays can be entered, and the notice period follows them", async () => {
    const page = await signedIn("province");
    // A subsidy policy with a five-working-day notice for 2027, so that this trial does not
    // depend on what other files published for earlier dates (subsidies.test.ts: no notice).
    await visit(page, `${baseUrl}/province/policies`);
    await page.getByLabel("施行日期").fill("2027-01-01");
    await page.getByLabel("公示工作日数").fill("5");
    await page.getByLabel("说明").fill("端到端测试：2027 年公示 5 个工作日");
    await page.getByRole("button", { name: "发布新版本" }).click();
    await page.getByText(/已发布第 \d+ 版/).first().waitFor();
    await visit(page, `${baseUrl}/province/settings/holidays?year=2027&approvedOn=2027-02-05`);
    const trial = page.getByTestId("notice-trial");
    await expect(trial.textContent()).resolves.toContain("公示期最后一天 2027-02-12");
    const list = ["2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"].map((d) => `${d},休,春节`).join("\n") + "\n2027-02-14,班,春节调休";
    await page.getByLabel("日期列表（每行一天：日期,休或班,名称）").fill(list);
    await page.getByRole("button", { name: "发布新版本" }).click();
    await page.getByText(/已发布 2027 年节假日安排第 1 版（8 天）/).waitFor();
    await visit(page, `${baseUrl}/province/settings/holidays?year=2027&approvedOn=2027-02-05`);
    await expect(page.getByTestId("notice-trial").textContent()).resolves.toContain("公示期最后一天 2027-02-18，2027-02-19 起可以发放");
    await page.close();
  }, STEP_TIMEOUT);
});
