import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layout rules of docs/engineering.md and docs/decisions/002-layout.md, checked on
 * every import in the code: domain rules import no framework, nothing in app/ (so no
 * service) imports jobs/, and routes and processors never reach the database except
 * through a service.
 */
const ROOT = path.resolve(".");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

/** Every module specifier a file imports (static, dynamic and re-exports), resolved to a repository path when local. */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(path.join(ROOT, file), "utf8");
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
  return specifiers.map((s) => {
    if (s.startsWith("~/")) return path.join("app", s.slice(2));
    if (s.startsWith(".")) return path.normalize(path.join(path.dirname(file), s));
    return s;
  });
}

function offenders(files: string[], forbidden: (target: string) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter(forbidden).map((target) => `${file} → ${target}`));
}

const DOMAIN_ALLOWED = (target: string) => target.startsWith("app/domain/") || target === "zod" || target === "vitest" || target === "fast-check";

describe("layout rules", () => {
  it("keeps app/domain free of frameworks, the database, queues and Node", () => {
    const files = sourceFiles("app/domain");
    expect(files.length).toBeGreaterThan(20);
    expect(offenders(files, (target) => !DOMAIN_ALLOWED(target))).toEqual([]);
  });

  it("lets no service (nor anything else in app/) import jobs/", () => {
    const files = sourceFiles("app");
    expect(files.some((f) => f.startsWith("app/services/fund/"))).toBe(true);
    expect(offenders(files, (target) => target === "jobs" || target.startsWith("jobs/"))).toEqual([]);
  });

  it("lets routes reach the database only through services", () => {
    const files = sourceFiles("app/routes");
    expect(offenders(files, (target) => target === "app/utils/db.server" || target.startsWith("app/generated/") || target.startsWith("@prisma/"))).toEqual([]);
  });

  it("keeps processors thin: jobs/processors reach the database only through services", () => {
    const files = sourceFiles("jobs/processors");
    expect(files.length).toBeGreaterThan(5);
    expect(offenders(files, (target) => target === "app/utils/db.server" || target.startsWith("app/generated/") || target.startsWith("@prisma/"))).toEqual([]);
  });

  it("leaves role checks to app/utils/scopes.server.ts: no service compares a role itself", () => {
    const comparisons = sourceFiles("app/services")
      .filter((file) => !file.endsWith(".test.ts"))
      .flatMap((file) =>
        fs
          .readFileSync(path.join(ROOT, file), "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
          .filter(({ line }) => /\brole\s*[!=]==?\s*["']|["']\s*[!=]==?\s*\w*\.?role\b|\broles?\.includes\(\s*\w+\.role\b/.test(line))
          .map(({ at, line }) => `${at} ${line.trim()}`),
      );
    expect(comparisons).toEqual([]);
  });

  it("keeps services in area folders: app/services has no loose files", () => {
    const loose = fs.readdirSync(path.join(ROOT, "app/services"), { withFileTypes: true }).filter((e) => !e.isDirectory());
    expect(loose.map((e) => e.name)).toEqual([]);
  });
});
