import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { creditCodeCheckChar } from "~/domain/ids/credit-code";
import { launchBrowser, visit, signIn } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
const stamp = Date.now().toString(36).toUpperCase().replace(/[IOSVZ]/g, "A");
const startDay = `2026-10-${String(1 + (Date.now() % 28)).padStart(2, "0")}`;

const creditCode = (serial: string) => {
  const first17 = `91360100${serial}`;
  return first17 + creditCodeCheckChar(first17);
};

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("a park administrator's registries", () => {
  it("pairs a college, creates a training base on that pairing, and finds the base on the map", async () => {
    const page = await browser.newPage();
    await signIn(page, baseUrl, "park");

    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "园校对接" }).click();
    await page.getByRole("link", { name: "登记" }).click();
    await page.waitForURL(`${baseUrl}/registries/pairings/new`);
    const college = page.getByLabel("院校");
    const collegeName = (await college.locator("option").nth(1).textContent())!;
    await college.selectOption({ label: collegeName });
    await page.getByLabel("开始日期").fill(startDay);
    await page.getByRole("button", { name: "登记" }).click();
    await page.waitForURL(/\/registries\/pairings\/\d+$/);
    await page.locator("h1", { hasText: `南昌经开区 ↔ ${collegeName}` }).waitFor();

    const baseName = `园校通测试实训基地${stamp}`;
    await visit(page, `${baseUrl}/registries/bases/new`);
    await page.getByLabel("基地名称").fill(baseName);
    await page.getByLabel("园校对接").selectOption({ label: `南昌经开区 ↔ ${collegeName}（${startDay} 至 今）` });
    await page.getByLabel("容纳人数").fill("abc");
    await page.getByLabel("培训工种").fill("数控车工、电工");
    await page.getByLabel("经度").fill("115.95");
    await page.getByLabel("纬度").fill("28.62");
    await page.getByRole("button", { name: "登记" }).click();
    await page.getByText("容纳人数应为整数").waitFor();
    await page.getByLabel("容纳人数").fill("160");
    await page.getByRole("button", { name: "登记" }).click();
    await page.waitForURL(/\/registries\/bases\/\d+$/);
    await page.locator("h1", { hasText: baseName }).waitFor();
    const baseUrlPath = new URL(page.url()).pathname;
    await expect(page.locator("main").textContent()).resolves.toContain(collegeName);

    await visit(page, `${baseUrl}/map?city=360100`);
    const marker = page.getByRole("link", { name: `实训基地：${baseName}` });
    await expect(marker.count()).resolves.toBe(1);
    await marker.click();
    await page.waitForURL(`${baseUrl}${baseUrlPath}`);
    await expect(page.locator("h1").textContent()).resolves.toBe(baseName);
    await page.close();
  });

  it("refuses an enterprise file with two bad rows, naming both lines, and imports nothing", async () => {
    const page = await browser.newPage();
    await signIn(page, baseUrl, "park");
    await visit(page, `${baseUrl}/imports`);
    const good = creditCode(`E2E${stamp.slice(-6).padStart(6, "0")}`);
    const badCheck = `${good.slice(0, 17)}${good[17] === "0" ? "1" : "0"}`;
    const file = [
      "名称,统一社会信用代码,所属园区,集群角色,职工人数",
      `导入测试好企业${stamp},${good},南昌经开区,配套企业,30`,
      `导入测试坏企业${stamp},${badCheck},南昌经开区,配套企业,30`,
      `导入测试无园区${stamp},${creditCode(`F2F${stamp.slice(-6).padStart(6, "0")}`)},不存在的园区,配套企业,30`,
    ].join("\n");
    await page.getByLabel("导入内容").selectOption({ label: "园区企业" });
    await page.getByLabel("文件").setInputFiles({ name: "企业.csv", mimeType: "text/csv", buffer: Buffer.from(file, "utf8") });
    await page.getByRole("button", { name: "开始导入" }).click();
    await page.waitForURL(/\/imports\/\d+$/);
    await page.locator("h1", { hasText: "导入园区企业" }).waitFor();
    const main = (await page.locator("main").textContent())!;
    expect(main).toContain("文件有 2 处错误，未导入任何记录");
    expect(main).toContain("第 3 行");
    expect(main).toContain("统一社会信用代码校验位不正确");
    expect(main).toContain("第 4 行");
    expect(main).toContain("园区“不存在的园区”不存在");
    expect(main).not.toContain("第 2 行");

    await visit(page, `${baseUrl}/registries/enterprises?q=${encodeURIComponent(`导入测试好企业${stamp}`)}`);
    await expect(page.locator("table").textContent()).resolves.toContain("没有符合条件的记录");
    await page.close();
  });

  it("sorts the park list by a column header and exports it with the filter applied", async () => {
    const page = await browser.newPage();
    await signIn(page, baseUrl, "province");
    await visit(page, `${baseUrl}/registries/parks?city=360100`);
    await page.getByRole("link", { name: /^企业/ }).click();
    await page.waitForURL(/sort=enterprises&dir=asc/);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 CSV" }).click();
    const text = await (await (await download).createReadStream()).toArray();
    const csv = Buffer.concat(text).toString("utf8");
    expect(csv).toContain("南昌经开区");
    expect(csv).not.toContain("赣州");
    await page.close();
  });

  it("draws the map on a phone without horizontal scrolling", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await signIn(page, baseUrl, "province");
    await visit(page, `${baseUrl}/map`);
    await expect(page.locator("svg .city").count()).resolves.toBe(11);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it("at province zoom draws no two markers on top of each other, shows what they mean, and a park marker opens that park", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, baseUrl, "province");
    await visit(page, `${baseUrl}/map`);
    const boxes = await page
      .locator("svg .markers a")
      .evaluateAll((links) => links.map((a) => a.getBoundingClientRect()).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })));
    expect(boxes.length).toBeGreaterThan(3);
    const overlapping = boxes.flatMap((a, i) =>
      boxes.slice(i + 1).filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).map(() => i),
    );
    expect(overlapping).toEqual([]);
    await expect(page.getByRole("list", { name: "标记说明" }).first().textContent()).resolves.toContain("园区");
    const park = page.locator('svg .markers a[data-kind="park"]').first();
    const name = (await park.getAttribute("aria-label"))!.replace(/^园区：/, "");
    await park.click();
    await page.waitForURL(/\/registries\/parks\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain(name);
    await page.close();
  });

  it("on a phone gives every province-zoom marker a touch target of at least 44 px, none overlapping, and a tap opens it", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(page, baseUrl, "province");
    await visit(page, `${baseUrl}/map`);
    const boxes = await page
      .locator("svg .markers a")
      .evaluateAll((links) => links.map((a) => a.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height })));
    expect(boxes.length).toBeGreaterThan(1);
    expect(boxes.filter((b) => b.width < 44 || b.height < 44)).toEqual([]);
    const overlapping = boxes.flatMap((a, i) =>
      boxes.slice(i + 1).filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).map(() => i),
    );
    expect(overlapping).toEqual([]);
    const marker = page.locator("svg .markers-phone a").first();
    const href = (await marker.getAttribute("href"))!;
    await marker.click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === href);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.close();
  });
});
