import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CONTRACT_JOBS, describeSearchEngineContract } from "./contract";
import { EmbeddedSearchEngine } from "./embedded";
import { INDEXES } from "./settings";

describeSearchEngineContract("embedded (SQLite FTS5)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-search-"));
  return new EmbeddedSearchEngine(path.join(dir, "search.db"));
});

describe("compound indexes for filters queried together", () => {
  const open = () => new EmbeddedSearchEngine(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pb-search-")), "search.db"));
  const graduate = (id: number, majorCode: string, status: string, graduationDate: number) => ({
    id, majorName: "专业", skillTags: [], certificates: [], collegeName: "院校", status, collegeId: 1, majorCode,
    majorClass: majorCode.slice(0, 4), majorCategory: majorCode.slice(0, 2), schoolLevel: "高职", skillLevel: 4, verifiedSkillLevel: 0,
    preferredCities: [], willingToRelocate: 1, graduationDate,
  });

  it("counts and pages one major's available graduates by the hard filters", async () => {
    const engine = open();
    expect(INDEXES.graduates.combinedFilters?.length).toBeGreaterThan(0);
    await engine.applySettings(INDEXES.graduates);
    await engine.upsert(INDEXES.graduates, [
      graduate(1, "460103", "available", 100),
      graduate(2, "460103", "placed", 100),
      graduate(3, "460103", "available", 300),
      graduate(4, "460104", "available", 100),
      graduate(5, "460103", "available", 200),
    ]);
    const result = await engine.search(INDEXES.graduates, {
      q: "",
      filters: [{ field: "status", anyOf: ["available"] }, { field: "graduationDate", max: 250 }, { field: "majorCode", anyOf: ["460103"] }],
    });
    expect(result.totalHits).toBe(2);
    expect(result.hits.map((h) => h.document.id)).toEqual([5, 1]);
    await engine.close();
  });

  it("refuses a combined filter on a field that is not a scalar filter", async () => {
    const engine = open();
    await expect(engine.applySettings({ ...INDEXES.graduates, combinedFilters: [["majorCode", "preferredCities"]] })).rejects.toThrow(
      /preferredCities/,
    );
    await engine.close();
  });
});

describe("statements compiled once per engine", () => {
  it("a reader reusing its statements sees what another connection wrote since (the worker writes, the web reads)", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pb-search-")), "search.db");
    const writer = new EmbeddedSearchEngine(file);
    const reader = new EmbeddedSearchEngine(file);
    await writer.applySettings(INDEXES.jobs);
    await writer.upsert(INDEXES.jobs, CONTRACT_JOBS.slice(0, 2));
    const matches = async () =>
      (await reader.search(INDEXES.jobs, { q: "", facets: ["cityCode"], sort: { field: "postedAt", direction: "desc" } })).totalHits;
    await expect(matches()).resolves.toBe(2);
    await writer.upsert(INDEXES.jobs, CONTRACT_JOBS.slice(2));
    await expect(matches()).resolves.toBe(CONTRACT_JOBS.length);
    await expect(reader.count(INDEXES.jobs)).resolves.toBe(CONTRACT_JOBS.length);
    await writer.remove(INDEXES.jobs, [CONTRACT_JOBS[0]!.id]);
    await expect(matches()).resolves.toBe(CONTRACT_JOBS.length - 1);
    await writer.close();
    await reader.close();
  });
});

describe("a Chinese word no document holds (ADR 172)", () => {
  it("is read as the index's word one character away, a sound-alike first, and says so; known words never are", async () => {
    const engine = new EmbeddedSearchEngine(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pb-search-")), "search.db"));
    await engine.applySettings(INDEXES.jobs);
    await engine.upsert(INDEXES.jobs, [
      ...CONTRACT_JOBS,
      { ...CONTRACT_JOBS[0]!, id: 7, title: "焊工", description: "持焊工证" },
      { ...CONTRACT_JOBS[0]!, id: 8, title: "数控车工", description: "看懂图纸" },
      { ...CONTRACT_JOBS[0]!, id: 9, title: "航空机务", description: "持证上岗" },
    ]);
    const search = (q: string, filters: Parameters<typeof engine.search>[1]["filters"] = []) =>
      engine.search(INDEXES.jobs, { q, filters, hitsPerPage: 50, highlight: ["title"] });
    // 空 sounds like 控 (kong): 数控, with its synonym CNC (ＣＮＣ操作员): the title matches first, the description last; not 航空.
    const slip = await search("数空");
    expect(slip.hits.map((h) => h.document.id)).toEqual([8, 6, 1]);
    expect(slip.readAs).toBe("数控");
    expect(slip.hits[0]!.highlights.title!.filter((p) => p.match).map((p) => p.text)).toEqual(["数控"]);
    const withOthers = await search("焊共 -南昌 新能源汽车");
    expect(withOthers.readAs).toBe("焊工 -南昌 新能源汽车");
    expect(withOthers.totalHits).toBe(0);
    await expect(search("新能原汽车")).resolves.toMatchObject({ totalHits: 1, readAs: "新能源汽车" });
    // Held by some document, or by nothing near: read as typed.
    const known = await search("数控");
    expect(known.readAs).toBeUndefined();
    expect(known.hits.map((h) => h.document.id)).toEqual([8, 6, 1]);
    // A trade's name is no slip (电焊 is one character from 电工): the page offers related trades instead.
    expect(INDEXES.jobs.knownWords).toContain("电焊");
    expect(await search("电焊")).toMatchObject({ totalHits: 0 });
    expect((await search("电焊")).readAs).toBeUndefined();
    await expect(search("银行客服")).resolves.toMatchObject({ totalHits: 0 });
    expect((await search("银行客服")).readAs).toBeUndefined();
    await expect(search("数空", [{ field: "cityCode", anyOf: ["360400"] }])).resolves.toMatchObject({ totalHits: 0, readAs: "数控" });
    await engine.close();
  });
});
