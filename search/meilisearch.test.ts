import fc from "fast-check";
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeMeilisearch } from "./conformance/fake-meilisearch";
import { evaluateFilter, parseFilterExpression } from "./conformance/filter-grammar";
import { describeSearchEngineContract } from "./contract";
import { MeilisearchEngine, meilisearchFilter, meilisearchSettings } from "./meilisearch";
import { INDEXES } from "./settings";

const host = process.env.MEILI_HOST;

describe("Meilisearch settings and filters", () => {
  it("declares every synonym group both ways", () => {
    const settings = meilisearchSettings(INDEXES.jobs);
    expect(settings.synonyms?.["数控"]).toEqual(["CNC"]);
    expect(settings.synonyms?.["CNC"]).toEqual(["数控"]);
    expect(settings.synonyms?.["电气"]).toEqual(["电工"]);
    expect(settings.filterableAttributes).toContain("majorClasses");
    expect(settings.typoTolerance?.minWordSizeForTypos?.oneTypo).toBe(4);
  });

  it("quotes filter values so that none can carry filter syntax", () => {
    expect(meilisearchFilter({ field: "cityCode", anyOf: ['360100" OR parkId > 0'] })).toBe(
      'cityCode IN ["360100\\" OR parkId > 0"]',
    );
    expect(meilisearchFilter({ field: "wageMaxFen", min: 500_000, max: 900_000 })).toBe(
      "wageMaxFen >= 500000 AND wageMaxFen <= 900000",
    );
  });

  it("builds filters that Meilisearch's grammar reads back as the same values, whatever they hold", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: "binary" }), fc.integer()), { maxLength: 4 }), (values) => {
        const node = parseFilterExpression(meilisearchFilter({ field: "cityCode", anyOf: values }));
        expect(node).toEqual({ kind: "in", field: "cityCode", values: values.map(String) });
      }),
    );
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (min, max) => {
        const node = parseFilterExpression(meilisearchFilter({ field: "wageMaxFen", min, max }));
        expect(node).toEqual({
          kind: "and",
          items: [
            { kind: "compare", field: "wageMaxFen", op: ">=", value: String(min) },
            { kind: "compare", field: "wageMaxFen", op: "<=", value: String(max) },
          ],
        });
      }),
    );
  });
});

describe("Meilisearch's filter grammar", () => {
  const doc = { genres: ["horror", "comedy"], year: 1999, director: "Jordan Peele", rating: null, tags: [] };
  const holds = (filter: string) => evaluateFilter(parseFilterExpression(filter), doc);

  it("reads every documented operator with its meaning", () => {
    expect(holds("genres = horror")).toBe(true);
    expect(holds("genres = HORROR")).toBe(true);
    expect(holds("director = 'Jordan Peele'")).toBe(true);
    expect(holds('director != "Jordan Peele"')).toBe(false);
    expect(holds("year > 1998 AND year <= 1999")).toBe(true);
    expect(holds("year 1990 TO 1998")).toBe(false);
    expect(holds("genres IN [drama, comedy,]")).toBe(true);
    expect(holds("genres NOT IN [drama]")).toBe(true);
    expect(holds("rating EXISTS AND rating IS NULL")).toBe(true);
    expect(holds("missing NOT EXISTS AND tags IS EMPTY AND director IS NOT EMPTY")).toBe(true);
    expect(holds("NOT (year < 2000 OR genres = drama) OR genres = comedy")).toBe(true);
    expect(holds("NOT year < 2000 AND genres = comedy")).toBe(false);
    expect(holds('director = "Jordan \\"J\\" Peele"')).toBe(false);
    expect(parseFilterExpression("  ")).toBeNull();
  });

  it("gives AND precedence over OR", () => {
    expect(parseFilterExpression("a = 1 OR b = 2 AND c = 3")).toEqual({
      kind: "or",
      items: [
        { kind: "compare", field: "a", op: "=", value: "1" },
        {
          kind: "and",
          items: [
            { kind: "compare", field: "b", op: "=", value: "2" },
            { kind: "compare", field: "c", op: "=", value: "3" },
          ],
        },
      ],
    });
  });

  it("refuses what Meilisearch refuses", () => {
    for (const bad of [
      "cityCode IN [360100",
      "cityCode IN 360100",
      "cityCode = 'open",
      "cityCode = Jordan Peele",
      "(cityCode = 1",
      "cityCode = 1 AND",
      "cityCode == 1",
      "year 1990 TO",
      "genres = AND",
      "rating IS NOTHING",
      "title CONTAINS kebab",
      '"a\\qb" = 1',
      "_geoRadius(45.4, 9.1, 2000)",
    ]) {
      expect(() => parseFilterExpression(bad), bad).toThrow();
    }
  });
});

describe("the conformance server checks requests against Meilisearch's OpenAPI description", () => {
  const fake = new FakeMeilisearch();
  beforeAll(async () => {
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it("is the published description, version 1.15.2", () => {
    expect(fake.openapi.version).toBe("1.15.2");
  });

  it("answers a request that breaks the description with 400 and records why", async () => {
    const client = new Meilisearch({ host: fake.host });
    await client.createIndex("probe", { primaryKey: "id" }).waitTask();
    const index = client.index("probe");
    await expect(index.search("x", { hitPerPage: 3 } as never)).rejects.toThrow(/unknown property/);
    await expect(index.search("x", { matchingStrategy: "most" } as never)).rejects.toThrow(/not one of/);
    await expect(index.search("x", { filter: "cityCode IN [1" })).rejects.toThrow(/invalid_search_filter|IN list|\]/);
    await expect(client.httpRequest.post({ path: "indexes/probe/unheard-of", body: {} })).rejects.toThrow();
    await expect(index.updateSettings({ rankingRule: ["words"] } as never).waitTask()).rejects.toThrow(/unknown property/);
    const broken = fake.violations();
    expect(broken.some((v) => v.includes("body.hitPerPage: unknown property"))).toBe(true);
    expect(broken.some((v) => v.includes("body.matchingStrategy"))).toBe(true);
    expect(broken.some((v) => v.startsWith("POST /indexes/probe/search: filter:"))).toBe(true);
    expect(broken.some((v) => v.includes("no such operation"))).toBe(true);
    expect(broken.some((v) => v.includes("body.rankingRule: unknown property"))).toBe(true);
    expect(fake.answerErrors).toEqual([]);
  });

  it("answers like Meilisearch: a failed task carries Meilisearch's error code", async () => {
    const client = new Meilisearch({ host: fake.host });
    const task = await client.createIndex("probe", { primaryKey: "id" }).waitTask();
    expect(task).toMatchObject({ status: "failed", type: "indexCreation", error: { code: "index_already_exists" } });
    await expect(client.index("nowhere").search("x")).rejects.toThrow(/not found/);
  });
});

// Without MEILI_HOST the contract runs through the official client against the
// conformance server; with it, against the real server (MEILI_HOST=http://127.0.0.1:7700 [MEILI_API_KEY=…]).
describe("Meilisearch adapter", () => {
  const fake = host ? null : new FakeMeilisearch();
  let engine: MeilisearchEngine;
  beforeAll(async () => {
    await fake?.start();
    engine = new MeilisearchEngine({
      host: host ?? fake!.host,
      apiKey: process.env.MEILI_API_KEY,
      indexPrefix: `contract_${Date.now()}_`,
    });
  });
  afterAll(async () => {
    await engine.dropIndex(INDEXES.jobs);
    await engine.dropIndex(INDEXES.orders);
    if (fake) {
      // Every request the adapter made during the contract conformed, and the ones a
      // search engine needs were all made.
      expect(fake.violations()).toEqual([]);
      expect(fake.answerErrors).toEqual([]);
      const used = new Set(fake.requests.map((r) => r.operationId));
      for (const op of ["create_index", "update_all", "replace_documents", "delete_documents_batch", "clear_all_documents", "get_index_stats", "search_with_post", "get_task", "delete_index"]) {
        expect(used, op).toContain(op);
      }
      expect(fake.requests.filter((r) => r.operationId === "search_with_post").length).toBeGreaterThan(20);
      await fake.stop();
    }
  });
  describeSearchEngineContract(host ? `meilisearch at ${host}` : "meilisearch adapter against the conformance server", async () => engine);
});
