import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * The unit and integration tiers for `npm run mutation` (Stryker's vitest runner runs
 * every project of the config it is given; the e2e tier needs a built server and is left out).
 * MUTATION_TIERS=unit limits a run to the unit tier; MUTATION_INTEGRATION=a.test.ts,b.test.ts
 * to those integration files (an area's own tests, where the whole tier would take hours).
 */
const alias = { "~": path.resolve("app") };
const tiers = (process.env.MUTATION_TIERS ?? "unit,integration").split(",");
const integrationFiles = process.env.MUTATION_INTEGRATION
  ? process.env.MUTATION_INTEGRATION.split(",").map((f) => `tests/integration/${f.trim()}`)
  : ["tests/integration/**/*.test.ts"];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      ...(tiers.includes("unit")
        ? [{ resolve: { alias }, test: { name: "unit", include: ["app/**/*.test.{ts,tsx}", "search/**/*.test.ts"], environment: "node" } }]
        : []),
      ...(tiers.includes("integration")
        ? [
            {
              resolve: { alias },
              test: {
                name: "integration",
                include: integrationFiles,
                globalSetup: ["tests/setup/integration-global.ts"],
                setupFiles: ["tests/setup/integration.ts"],
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
