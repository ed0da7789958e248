import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { type AxeFinding, seriousViolations } from "./axe";
import { browserForFile, signIn } from "./browser";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

/** What axe-core found on every page visited, reported together at the end of each role. */
const findings: AxeFinding[] = [];

/**
 * Opens a page and returns the script errors the browser raised while it loaded and hydrated;
 * axe-core then checks the hydrated page against WCAG 2.1 AA (its findings go to `findings`).
 */
async function scriptErrorsOn(page: Page, path: string): Promise<string[]> {
  const errors: string[] = [];
  const onError = (error: Error) => errors.push(`${path}: ${error.message}`);
  page.on("pageerror", onError);
  await page.goto(`${baseUrl}${path}`);
  await page.waitForLoadState("networkidle");
  page.off("pageerror", onError);
  findings.push(...(await seriousViolations(page, path)));
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
  it.each(["graduate", "college", "enterprise", "bureau", "citybureau", "park", "province"])(
    "%s: the pages of the navigation and their first detail pages",
    async (login) => {
      // bypassCSP: the page's policy admits only its own nonce'd scripts, and axe-core is injected.
      const context = await browser().newContext({ bypassCSP: true });
      const page = await context.newPage();
      findings.length = 0;
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
      // Zero serious or critical WCAG 2.1 AA violations on any page of the role (GB/T 37668-2019 follows WCAG 2.1).
      expect(findings.map((f) => `${f.page} ${f.impact} ${f.rule}: ${f.help} — ${f.targets.join(" | ")}`)).toEqual([]);
      await context.close();
    },
    180_000,
  );
});

describe("the pages before signing in", () => {
  it("hydrate cleanly and have no serious WCAG 2.1 AA violation", async () => {
    const context = await browser().newContext({ bypassCSP: true });
    const page = await context.newPage();
    findings.length = 0;
    const errors: string[] = [];
    for (const path of ["/", "/login", "/register/graduate", "/register/enterprise"]) errors.push(...(await scriptErrorsOn(page, path)));
    expect(errors).toEqual([]);
    expect(findings.map((f) => `${f.page} ${f.impact} ${f.rule}: ${f.help} — ${f.targets.join(" | ")}`)).toEqual([]);
    await context.close();
  }, 60_000);
});
