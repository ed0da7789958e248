import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = require.resolve("axe-core/axe.min.js");

/** WCAG 2.1 A and AA, the level GB/T 37668-2019 follows. */
export const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export type AxeFinding = { page: string; rule: string; impact: string; help: string; targets: string[] };

/**
 * Runs axe-core in the page as it is now and returns its serious and critical
 * violations of WCAG 2.1 AA, one line per rule with the first few elements it names.
 */
export async function seriousViolations(page: Page, label: string): Promise<AxeFinding[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? "", help: v.help, targets: v.nodes.slice(0, 3).map((n) => String(n.target.join(" "))) }));
  }, WCAG_21_AA);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ page: label, rule: v.id, impact: v.impact, help: v.help, targets: v.targets }));
}
