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

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: AREAS[/** @type {keyof typeof AREAS} */ (area)],
  coverageAnalysis: "perTest",
  // One test process: the machine is shared (MUTATION_CONCURRENCY raises it on a machine of your own).
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 60_000,
  incremental: true,
  incrementalFile: `reports/mutation/${area}.incremental.json`,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: `reports/mutation/${area}.json` },
  tempDirName: `.stryker-tmp/${area}`,
  cleanTempDir: "always",
  thresholds: { high: 85, low: 80, break: null },
};
