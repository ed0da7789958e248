import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTRACT_JOBS } from "../../../search/contract";
import { EmbeddedSearchEngine } from "../../../search/embedded";
import { INDEXES } from "../../../search/settings";
import { relatedTrades } from "~/domain/catalogue/related-trades";
import { relatedSearches, spellingCorrection } from "./suggestions.server";

const jobs = INDEXES.jobs;

describe("suggestions when a search finds nothing", () => {
  let engine: EmbeddedSearchEngine;
  beforeAll(async () => {
    engine = new EmbeddedSearchEngine(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pb-suggest-")), "search.db"));
    await engine.applySettings(jobs);
    await engine.upsert(jobs, [
      ...CONTRACT_JOBS,
      { ...CONTRACT_JOBS[0]!, id: 7, title: "焊工", description: "持焊工证，熟悉气保焊" },
      { ...CONTRACT_JOBS[0]!, id: 8, title: "电气维修工", description: "负责配电柜维护" },
      { ...CONTRACT_JOBS[0]!, id: 9, title: "数控车工", description: "看懂图纸" },
    ]);
  });
  afterAll(async () => engine.close());

  it("finds the index's own words one character or one typo away", async () => {
    // 控 sounds like 空 (kong): the likelier slip comes first.
    await expect(engine.spellingCandidates(jobs, "数空")).resolves.toEqual(["数控"]);
    await expect(engine.spellingCandidates(jobs, "新能原汽车")).resolves.toEqual(["新能源汽车"]);
    await expect(engine.spellingCandidates(jobs, "plx")).resolves.toEqual(["plc"]);
    await expect(engine.spellingCandidates(jobs, "数控")).resolves.not.toContain("数控");
  });

  it("offers spellings and related trades that each find something, keeping the rest of the query", async () => {
    const slip = await relatedSearches({ engine, index: jobs, q: "数空", filters: [] });
    expect(slip[0]).toMatchObject({ q: "数控", kind: "spelling" });
    const related = await relatedSearches({ engine, index: jobs, q: "电焊", filters: [] });
    expect(related.map((s) => s.q)).toEqual(["焊工", "焊接", "气保焊"]);
    expect(related.every((s) => s.kind === "related" && s.totalHits > 0)).toBe(true);
    const electrician = await relatedSearches({ engine, index: jobs, q: "维修电工 -南昌", filters: [] });
    expect(electrician.map((s) => s.q)).toEqual(["电工 -南昌", "电气 -南昌"]);
    for (const suggestion of [...slip, ...related, ...electrician]) {
      expect((await engine.search(jobs, { q: suggestion.q })).totalHits, suggestion.q).toBe(suggestion.totalHits);
    }
  });

  it("offers nothing that would find nothing under the same filters", async () => {
    const filtered = await relatedSearches({ engine, index: jobs, q: "新能原汽车", filters: [{ field: "cityCode", anyOf: ["360100"] }] });
    expect(filtered).toEqual([]);
  });

  it("shows a spelling fix's results only when the typed words are unknown to the whole index", async () => {
    const correction = async (q: string, filters: Parameters<typeof relatedSearches>[0]["filters"]) =>
      spellingCorrection({ engine, index: jobs, q, filters, suggestions: await relatedSearches({ engine, index: jobs, q, filters }) });
    await expect(correction("数空", [])).resolves.toBe("数控");
    // 电焊 is a trade's other name, not a slip: offered, never shown instead.
    await expect(correction("电焊", [])).resolves.toBeNull();
    // 数控 exists: when a filter leaves nothing, changing the filter is the person's choice.
    const offered = [{ q: "数控车工", kind: "spelling" as const, totalHits: 1 }];
    const filters = [{ field: "cityCode", anyOf: ["369900"] }];
    await expect(spellingCorrection({ engine, index: jobs, q: "数控", filters, suggestions: offered })).resolves.toBeNull();
    await expect(spellingCorrection({ engine, index: jobs, q: "数空", filters, suggestions: offered })).resolves.toBe("数控车工");
  });

  it("knows related trades both ways, Latin without case", () => {
    expect(relatedTrades("电焊")).toContain("焊工");
    expect(relatedTrades("焊工")).toContain("电焊");
    expect(relatedTrades("维修电工")).toContain("电工");
    expect(relatedTrades("电工")).toContain("维修电工");
    expect(relatedTrades("smt操作员")).toContain("电子厂");
    expect(relatedTrades("会计")).toEqual([]);
  });
});
