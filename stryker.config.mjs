// @ts-check
/**
 * `npm run mutation` (issue 21): Stryker with its vitest runner over the rules that must
 * not silently change — app/domain, the access modules, the subsidy and fund services.
 * MUTATION_AREA=domain|access|money picks one area (scripts/mutation.sh runs all three).
 * Not part of CI: a run takes long; incremental mode reuses earlier results per area.
 */
const AREAS = {
  domain: ["app/domain/**/*.ts", "!app/domain/**/*.test.ts"],
  access: ["app/utils/scopes.server.ts", "app/utils/principal.server.ts", "app/utils/csrf.server.ts", "app/utils/pii.server.ts"],
  money: ["app/services/subsidy/**/*.server.ts", "app/services/fund/**/*.server.ts"],
};
const area = process.env.MUTATION_AREA ?? "domain";
if (!(area in AREAS)) throw new Error(`MUTATION_AREA must be one of ${Object.keys(AREAS).join(", ")}`);
// MUTATION_PART names a run limited with --mutate to some of the area's files: its own
// report and incremental file (reports/mutation/<area>-<part>.*), so the parts of an area
// that takes hours can be run one at a time without overwriting each other (ADR 143).
const report = process.env.MUTATION_PART ? `${area}-${process.env.MUTATION_PART}` : area;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  plugins: ["@stryker-mutator/vitest-runner", "./scripts/stryker-ignore-message-text.mjs"],
  // Log lines and the wording of Chinese error/notice texts are not mutated (ADR 143).
  ignorers: ["message-text"],
  // Mutants in code that only runs when a module loads (tables, constants) would each rerun
  // every test of the area; they are reported as ignored, counted in the README (ADR 143).
  ignoreStatic: true,
  mutate: AREAS[/** @type {keyof typeof AREAS} */ (area)],
  coverageAnalysis: "perTest",
  // One test process: the machine is shared (MUTATION_CONCURRENCY raises it on a machine of your own).
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  // A mutant's time limit: its tests' dry-run time × 1.5 + this; the hit limit catches loops.
  timeoutMS: 20_000,
  // The dry run of a tier under a shared machine's load takes minutes.
  dryRunTimeoutMinutes: 30,
  incremental: true,
  incrementalFile: `reports/mutation/${report}.incremental.json`,
  // event-recorder: one file per tested mutant (reports/mutation/events/<area>), so a run stopped
  // before its end (a deadline, a shared machine) still shows what it measured (ADR 143).
  reporters: ["clear-text", "progress", "json", "event-recorder"],
  eventReporter: { baseDir: `reports/mutation/events/${report}` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  tempDirName: `.stryker-tmp/${report}`,
  // Not copied into a sandbox: other parts' sandboxes (their databases come and go while this
  // one is copied), reports, the test tier's databases, build output.
  ignorePatterns: ["/.stryker-tmp", "/reports", "/tests/.tmp", "/var", "/build", "/public/build", "/bench/.data", "/.prof", "/.cache"],
  cleanTempDir: "always",
  thresholds: { high: 85, low: 80, break: null },
};
