import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

/** Debian's Chromium, launched so that it makes no connection beyond localhost (Playwright gives it a fresh profile). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const DEMO_PASSWORD = "Demo@2026";

const WITHOUT_JAVASCRIPT = new WeakSet<BrowserContext>();

/** A browser context with JavaScript switched off: the pages must work as plain HTML. */
export async function contextWithoutJavaScript(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  WITHOUT_JAVASCRIPT.add(context);
  return context;
}

/**
 * Opens a page and waits until React has hydrated it (the root marks <html data-hydrated>),
 * so that a click is handled by the app and not raced by a plain HTML submission.
 */
export async function visit(page: Page, url: string) {
  await page.goto(url);
  if (WITHOUT_JAVASCRIPT.has(page.context())) return;
  await page.waitForSelector("html[data-hydrated]", { state: "attached" });
}

/**
 * Opens a search page until what was just written is in it: the worker puts a new posting
 * into the search index a moment after the write commits (ADR 030), so one visit may be early.
 */
export async function visitUntilFound(page: Page, url: string, found: (page: Page) => Locator, visits = 60) {
  for (let i = 1; ; i += 1) {
    await visit(page, url);
    if ((await found(page).count()) > 0) return;
    if (i >= visits) throw new Error(`${url}: still not found after ${visits} visits`);
    await page.waitForTimeout(250);
  }
}

export async function logIn(page: Page, baseUrl: string, login: string, password = DEMO_PASSWORD) {
  await visit(page, `${baseUrl}/login`);
  await page.getByLabel("用户名").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** Logs in and waits until the home page is on screen with its navigation. */
export async function signIn(page: Page, baseUrl: string, login: string) {
  await logIn(page, baseUrl, login);
  await page.waitForURL(`${baseUrl}/home`);
  await page.getByRole("navigation", { name: "主导航" }).waitFor();
}

/**
 * One Chromium for a test file: launched before its tests and closed after them. Call it at
 * the top level of the file; the getter it returns gives the running browser inside a test.
 */
export function browserForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is launched in beforeAll");
    return browser;
  };
}
