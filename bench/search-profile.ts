/**
 * Where the embedded engine's query time goes (issue 22): the search bench's requests
 * (24 queries × 5 filter sets, 6 facets, highlights, one page of 20) on 50,000 job
 * documents, each request timed cold (first time asked) and warm (4 more), printed per
 * query shape, slowest first. Run it under a profiler to see the functions:
 *
 *   nice node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/search-profile.ts
 *   npx tsx bench/cpuprofile-top.ts /tmp/prof/<file>.cpuprofile
 *
 * Reads the open jobs of the province database (DATABASE_URL, as `npm run bench` sets it)
 * once into SEARCH_PROFILE_DIR (default bench/.data) and reuses the 50,000-document index
 * built there while its documents are unchanged. Not one of `npm run bench`'s benchmarks.
 */
import fs from "node:fs";
import path from "node:path";
import { EmbeddedSearchEngine } from "../search/embedded";
import { INDEXES } from "../search/settings";
import type { Filter, SearchDocument, SearchRequest } from "../search/types";
import { ms, percentiles } from "./stats";

const SCALE = 50_000;
const WARM_ROUNDS = 4;
export const PROFILE_QUERIES = [
  "", "数控", "农业", "新能源汽车", "电工", "电气", "PLC", "PLCC", "Autocad", "CNC", "焊工", "机器人",
  "质检", "操作工", "工程师", "技术员", "物流", "销售", "南昌", "数控 南昌", "汽车 装配", "锂电池", "光伏", "ＰＬＣ",
];
const FACETS = ["cityCode", "parkId", "clusterId", "majorCategories", "majorClasses", "level"];
const HIGHLIGHT = ["title", "enterpriseName", "description"];

async function documentsOnce(dir: string): Promise<SearchDocument[]> {
  const file = path.join(dir, "profile-documents.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as SearchDocument[];
  const { allSearchDocuments } = await import("../search/documents.server");
  const { prisma } = await import("~/utils/db.server");
  const documents: SearchDocument[] = [];
  for await (const batch of allSearchDocuments("jobs", 5_000)) documents.push(...batch);
  await prisma.$disconnect();
  fs.writeFileSync(file, JSON.stringify(documents));
  return documents;
}

async function main() {
  const dir = path.resolve(process.env.SEARCH_PROFILE_DIR ?? "bench/.data");
  fs.mkdirSync(dir, { recursive: true });
  const open = await documentsOnce(dir);
  const scaled: SearchDocument[] = Array.from({ length: SCALE }, (_, i) => ({ ...open[i % open.length]!, id: i + 1 }));
  const file = path.join(dir, "profile.search.db");
  let engine = new EmbeddedSearchEngine(file);
  if ((await engine.count(INDEXES.jobs)) !== SCALE || process.env.SEARCH_PROFILE_REBUILD === "1") {
    await engine.close();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    engine = new EmbeddedSearchEngine(file);
    const started = performance.now();
    for (let i = 0; i < scaled.length; i += 2_000) await engine.upsert(INDEXES.jobs, scaled.slice(i, i + 2_000));
    console.log(`indexed ${SCALE} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const park = scaled[0]!.parkId as number;
  const postedAt = Math.max(...scaled.map((d) => Number(d.postedAt)));
  const filterSets: [string, Filter[], SearchRequest["sort"]][] = [
    ["无筛选", [], undefined],
    ["城市", [{ field: "cityCode", anyOf: ["360100"] }], undefined],
    ["专业大类+技能等级", [{ field: "majorCategories", anyOf: ["46"] }, { field: "level", anyOf: [4] }], undefined],
    ["月薪+发布时间", [{ field: "wageMaxFen", min: 600_000 }, { field: "postedAt", min: postedAt - 30 * 86_400_000 }], undefined],
    ["园区+按月薪排序", [{ field: "parkId", anyOf: [park] }], { field: "wageMaxFen", direction: "desc" }],
  ];
  const rows: { name: string; q: string; cold: number; warm: number; hits: number }[] = [];
  const started = performance.now();
  for (const [name, filters, sort] of filterSets) {
    const cold: number[] = [];
    const warm: number[] = [];
    for (const q of PROFILE_QUERIES) {
      const request: SearchRequest = { q, filters, facets: FACETS, highlight: HIGHLIGHT, sort };
      let t = performance.now();
      const result = await engine.search(INDEXES.jobs, request);
      const first = performance.now() - t;
      cold.push(first);
      const samples: number[] = [];
      for (let r = 0; r < WARM_ROUNDS; r++) {
        t = performance.now();
        await engine.search(INDEXES.jobs, request);
        samples.push(performance.now() - t);
      }
      warm.push(...samples);
      rows.push({ name, q, cold: first, warm: percentiles(samples).p50, hits: result.totalHits });
    }
    const c = percentiles(cold);
    const w = percentiles(warm);
    console.log(`${name}: cold p50 ${ms(c.p50)} p95 ${ms(c.p95)} max ${ms(c.max)}; warm p50 ${ms(w.p50)} p95 ${ms(w.p95)} max ${ms(w.max)}`);
  }
  console.log(`total ${((performance.now() - started) / 1000).toFixed(2)} s; slowest requests (cold / warm p50, matches):`);
  for (const row of [...rows].sort((a, b) => b.cold + b.warm - (a.cold + a.warm)).slice(0, 20)) {
    console.log(`  ${row.name} · ${JSON.stringify(row.q)}: ${ms(row.cold)} / ${ms(row.warm)} (${row.hits})`);
  }
  await engine.close();
}

await main();
