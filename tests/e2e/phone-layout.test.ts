import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { browserForFile, signIn, visit } from "./browser";

/**
 * Issue 20: a person on a phone does every role's main task without scrolling
 * sideways. Below 640 px each table row is a card whose cells carry their column's
 * label; at 1280 px no table is clipped.
 */
const baseUrl = inject("baseUrl");
const browser = browserForFile();

const MAIN_LISTS: Record<string, string[]> = {
  graduate: ["/graduate/applications", "/graduate/jobs", "/graduate/subsidies"],
  enterprise: ["/enterprise/jobs", "/enterprise/applicants", "/enterprise/placements", "/enterprise/orders", "/enterprise/payroll"],
  college: ["/college/cohorts", "/college/graduates", "/college/orders", "/college/confirmations"],
  bureau: ["/bureau/claims", "/bureau/batches", "/bureau/budget"],
  province: ["/registries/enterprises", "/province/fund", "/province/jobs", "/org/audit"],
};

async function widths(page: Page) {
  return page.evaluate(() => ({
    page: document.scrollingElement!.scrollWidth,
    viewport: window.innerWidth,
    clippedTables: [...document.querySelectorAll(".table-wrap")].filter((w) => w.scrollWidth > w.clientWidth + 1).length,
  }));
}

describe("tables on a phone and on a desktop", () => {
  for (const [login, paths] of Object.entries(MAIN_LISTS)) {
    it(`${login}: no sideways scrolling at 375 px, no clipped table at 1280 px`, async () => {
      for (const width of [375, 1280]) {
        const page = await browser().newPage({ viewport: { width, height: 800 } });
        await signIn(page, baseUrl, login);
        for (const path of paths) {
          await visit(page, `${baseUrl}${path}`);
          const measured = await widths(page);
          expect({ path, width, ...measured }).toEqual({ path, width, page: width, viewport: width, clippedTables: 0 });
        }
        await page.close();
      }
    }, 120_000);
  }

  it("shows each application as a card with its status and dates labelled", async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 800 } });
    await signIn(page, baseUrl, "graduate");
    await visit(page, `${baseUrl}/graduate/applications`);
    const firstRow = page.locator(".table-wrap tbody tr").first();
    // A card: the row is as wide as the page, not a 5-column strip.
    const box = (await firstRow.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(375);
    const status = firstRow.locator('td[data-label="状态"]');
    await expect(status.isVisible()).resolves.toBe(true);
    const label = await status.evaluate((td) => getComputedStyle(td, "::before").content);
    expect(label).toBe('"状态"');
    await page.close();
  });
});
