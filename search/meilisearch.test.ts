import { afterAll, describe, expect, it } from "vitest";
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
});

// Runs only against a real server: MEILI_HOST=http://127.0.0.1:7700 [MEILI_API_KEY=…] npx vitest run search/meilisearch.test.ts
describe.skipIf(!host)("Meilisearch at MEILI_HOST", () => {
  const engine = new MeilisearchEngine({
    host: host ?? "http://127.0.0.1:7700",
    apiKey: process.env.MEILI_API_KEY,
    indexPrefix: `contract_${Date.now()}_`,
  });
  afterAll(async () => {
    await engine.dropIndex(INDEXES.jobs);
  });
  describeSearchEngineContract("meilisearch", async () => engine);
});
