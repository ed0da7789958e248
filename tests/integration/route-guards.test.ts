import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every route that loads or changes data must go through the principal or CSRF module. Routes
 * that only answer "not found" are the exceptions, named here.
 */
const NO_DATA_ROUTES = new Set([
  "$.tsx",
  "api.v1.$.ts",
  // Probes for load balancers: they answer whether the process and its services are up, nothing of anyone's data.
  "healthz.ts",
  "readyz.ts",
]);
const GUARDS = /\b(requirePrincipal|requireForm|requireAnonymousForm|getPrincipal)\(/;
const ROUTES_DIR = path.resolve("app/routes");

describe("route guards", () => {
  const read = (file: string) => fs.readFileSync(path.join(ROUTES_DIR, file), "utf8");
  // A route that serves another route's module under a second address is checked through that module.
  const sourceOf = (file: string): string => {
    const source = read(file);
    const served = /^export \{[^}]*\b(?:loader|action)\b[^}]*\} from "\.\/([^"]+)";\s*$/.exec(source);
    return served ? sourceOf(`${served[1]}.tsx`) : source;
  };
  const dataRoutes = fs
    .readdirSync(ROUTES_DIR)
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes(".test.") && !NO_DATA_ROUTES.has(f))
    .filter((f) => /export (const|async function|function) (loader|action)\b/.test(sourceOf(f)));

  it("checks a route that serves another route's module through that module", () => {
    expect(dataRoutes).toEqual(expect.arrayContaining(["park.allocation.tsx", "park.allocation_.$id.tsx"]));
  });

  it("finds the routes that load or change data", () => {
    expect(dataRoutes).toEqual(expect.arrayContaining(["home.tsx", "login.tsx", "settings.tokens.tsx"]));
  });

  it.each(dataRoutes)("%s checks its caller through principal.server / csrf.server", (file) => {
    expect(sourceOf(file)).toMatch(GUARDS);
  });
});
