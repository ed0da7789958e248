import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn } from "./browser";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a page and returns the script errors the browser raised while it loaded and hydrated. */
async function scriptErrorsOn(page: Page, path: string): Promise<string[]> {
  const errors: string[] = [];
  const onError = (error: Error) => errors.push(`${path}: ${error.message}`);
  page.on("pageerror", onError);
  await page.goto(`${baseUrl}${path}`);
  await page.waitForLoadState("networkidle");
  page.off("pageerror", onError);
  return errors;
}

/** Links inside the page's main content that lead to another page of the app (detail pages). */
async function firstDetailLinks(page: Page, limit: number): Promise<string[]> {
  const hrefs = await page
    .locator("main tbody a[href^='/']")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return [...new Set(hrefs.filter((href) => !/\.(csv|xlsx)|export/.test(href)))].slice(0, limit);
}

// A page whose browser script fails keeps its server-rendered HTML, but its buttons lose their
// in-page behaviour (pending states, messages after saving): every role's pages must hydrate cleanly.
describe("every page hydrates in the browser without a script error", () => {
  it.each(["graduate", "college", "enterprise", "bureau", "park", "province"])(
    "%s: the pages of the navigation and their first detail pages",
    async (login) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, baseUrl, login);
      const navigation = page.getByRole("navigation", { name: "主导航" });
      await navigation.locator("a").first().waitFor();
      const sections = await navigation
        .locator("a")
        .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
      expect(sections.length).toBeGreaterThan(3);

      const errors: string[] = [];
      for (const section of sections) {
        errors.push(...(await scriptErrorsOn(page, section)));
        for (const detail of await firstDetailLinks(page, 1)) errors.push(...(await scriptErrorsOn(page, detail)));
      }
      expect(errors).toEqual([]);
      await context.close();
    },
    180_000,
  );
});
