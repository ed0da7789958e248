import { describe, expect, inject, it } from "vitest";
import { browserForFile, signIn, visit } from "./browser";

/**
 * Issue 20, item 8: bulletins, scorecards and statements print on A4. Printed (print
 * media), each page is the content only — no navigation, form or button — and no line
 * or table runs past the sheet: 186 mm between the stylesheet's 12 mm margins is
 * 703 CSS px. The one-page 考核通报 is one A4 sheet.
 */
const baseUrl = inject("baseUrl");
const browser = browserForFile();
const A4_CONTENT_PX = 703;

const PRINTED: Record<string, string[]> = {
  province: ["/province/reports/bulletin", "/province/scorecards/bulletin", "/province/scorecards", "/fund/settlement"],
  park: ["/park/scorecard"],
  college: ["/college/scorecard", "/college/fund", "/college/ledger"],
  enterprise: ["/enterprise/payroll", "/enterprise/fund-payments"],
};

describe("printing on A4", () => {
  for (const [login, paths] of Object.entries(PRINTED)) {
    it(`${login}: the content only, within the width of an A4 sheet`, async () => {
      const page = await browser().newPage({ viewport: { width: A4_CONTENT_PX, height: 1000 } });
      await signIn(page, baseUrl, login);
      for (const path of paths) {
        await visit(page, `${baseUrl}${path}`);
        await page.emulateMedia({ media: "print" });
        const printed = await page.evaluate(() => {
          const shown = (el: Element) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === "fixed";
          return {
            pageWidth: document.scrollingElement!.scrollWidth,
            tablesPastEdge: [...document.querySelectorAll("table")].filter((t) => t.getBoundingClientRect().right > window.innerWidth + 1).length,
            controls: [...document.querySelectorAll("nav.mainnav, header.topbar, button, input:not([type=hidden]), select, .button")].filter(shown).length,
            headings: document.querySelectorAll("h1").length,
          };
        });
        expect({ path, ...printed }).toEqual({ path, pageWidth: A4_CONTENT_PX, tablesPastEdge: 0, controls: 0, headings: 1 });
        await page.emulateMedia({ media: "screen" });
      }
      await page.close();
    }, 120_000);
  }

  it("prints the quarter's 考核通报 on one A4 sheet", async () => {
    const page = await browser().newPage();
    await signIn(page, baseUrl, "province");
    await visit(page, `${baseUrl}/province/scorecards/bulletin`);
    await page.emulateMedia({ media: "print" });
    const pdf = (await page.pdf({ format: "A4", preferCSSPageSize: true })).toString("latin1");
    // The page tree's root counts the sheets.
    const sheets = Math.max(...[...pdf.matchAll(/\/Count (\d+)/g)].map((m) => Number(m[1])));
    expect(sheets).toBe(1);
    await page.close();
  });
});
