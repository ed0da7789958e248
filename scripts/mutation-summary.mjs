// @ts-check
/**
 * Figures of a mutation run (ADR 143): `node scripts/mutation-summary.mjs <report> [--survivors]`
 * where <report> is a Stryker JSON report (reports/mutation/<area>.json) or the event
 * directory of a run stopped before its end (reports/mutation/events/<area>: one file per
 * tested mutant). Prints, per file and in total: mutants, killed, survived, timeout,
 * no coverage, ignored, errors and the score ((killed + timeout) / (those + survived + no
 * coverage)); with --survivors, each survived and uncovered mutant with its line.
 */
import fs from "node:fs";
import path from "node:path";

const [source, ...flags] = process.argv.slice(2);
if (!source) {
  console.error("usage: node scripts/mutation-summary.mjs <report.json | events dir> [--survivors]");
  process.exit(2);
}
const cwd = process.cwd();

/** @typedef {{ status: string, mutatorName: string, replacement?: string, location: { start: { line: number, column: number } }, file: string }} Mutant */

/** @returns {Mutant[]} */
function read() {
  if (fs.statSync(source).isDirectory()) {
    return fs
      .readdirSync(source)
      .filter((f) => f.includes("onMutantTested"))
      .map((f) => JSON.parse(fs.readFileSync(path.join(source, f), "utf8")))
      .map((m) => ({ ...m, file: path.relative(cwd, m.fileName) }));
  }
  const report = JSON.parse(fs.readFileSync(source, "utf8"));
  return Object.entries(report.files).flatMap(([file, f]) => f.mutants.map((/** @type {any} */ m) => ({ ...m, file: path.relative(cwd, path.resolve(file)) })));
}

const mutants = read();
const STATUSES = ["Killed", "Survived", "Timeout", "NoCoverage", "Ignored", "RuntimeError", "CompileError"];
/** @param {Mutant[]} ms */
function figures(ms) {
  /** @type {Record<string, number>} */
  const n = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const m of ms) n[m.status] = (n[m.status] ?? 0) + 1;
  const detected = n.Killed + n.Timeout;
  const valid = detected + n.Survived + n.NoCoverage;
  return { ...n, mutants: ms.length, score: valid ? (100 * detected) / valid : NaN };
}
const byFile = new Map();
for (const m of mutants) byFile.set(m.file, [...(byFile.get(m.file) ?? []), m]);
const row = (/** @type {string} */ name, /** @type {ReturnType<typeof figures>} */ f) =>
  `| ${name} | ${f.mutants} | ${f.Killed} | ${f.Survived} | ${f.Timeout} | ${f.NoCoverage} | ${f.Ignored} | ${f.RuntimeError + f.CompileError} | ${f.score.toFixed(1)} % |`;
console.log("| File | Mutants | Killed | Survived | Timeout | No coverage | Ignored | Errors | Score |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const file of [...byFile.keys()].sort()) console.log(row(file, figures(byFile.get(file))));
console.log(row("**total**", figures(mutants)));
if (flags.includes("--survivors")) {
  for (const m of mutants.filter((x) => x.status === "Survived" || x.status === "NoCoverage").sort((a, b) => a.file.localeCompare(b.file) || a.location.start.line - b.location.start.line)) {
    console.log(`${m.status}\t${m.file}:${m.location.start.line}:${m.location.start.column}\t${m.mutatorName}\t${JSON.stringify(m.replacement ?? "")}`);
  }
}
