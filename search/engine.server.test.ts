import path from "node:path";
import { describe, expect, it } from "vitest";
import { searchConfigProblem } from "~/utils/env.server";
import { embeddedSearchFile } from "./engine.server";

describe("where the embedded search engine keeps its file", () => {
  it("lies beside a SQLite database unless SEARCH_DB_FILE names one", () => {
    expect(embeddedSearchFile({ DATABASE_URL: "file:./prisma/dev.db" })).toBe(path.resolve("prisma/dev.search.db"));
    expect(embeddedSearchFile({ DATABASE_URL: "file:./prisma/dev.db", SEARCH_DB_FILE: "/srv/pb/search.db" })).toBe("/srv/pb/search.db");
    expect(embeddedSearchFile({ DATABASE_URL: "postgresql://pb@db/pb", SEARCH_DB_FILE: "var/search.db" })).toBe(path.resolve("var/search.db"));
  });

  it("is required with PostgreSQL unless Meilisearch serves, with a message that says what to set", () => {
    const pg = "postgresql://postgres@127.0.0.1:5432/pb";
    expect(searchConfigProblem({ DATABASE_URL: pg })).toMatch(/^SEARCH_DB_FILE: required .* or set MEILI_HOST/);
    expect(() => embeddedSearchFile({ DATABASE_URL: pg })).toThrow(/SEARCH_DB_FILE/);
    expect(searchConfigProblem({ DATABASE_URL: pg, MEILI_HOST: "http://meili:7700" })).toBeNull();
    expect(searchConfigProblem({ DATABASE_URL: pg, SEARCH_DB_FILE: "/srv/pb/search.db" })).toBeNull();
    expect(searchConfigProblem({ DATABASE_URL: "file:./prisma/dev.db" })).toBeNull();
  });
});
