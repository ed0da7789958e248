/**
 * How docs/decisions/030-search-engine.md chose the embedded engine: four candidates
 * index the province's job postings (title, employer, description) and answer the
 * same queries; each is timed, sized and checked against the substring truth.
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import FlexSearch from "flexsearch";
import MiniSearch from "minisearch";
import { EmbeddedSearchEngine } from "../search/embedded";
import { INDEXES } from "../search/settings";
import { foldForMatching, indexTerms, tokenize } from "../search/text";
import type { SearchDocument } from "../search/types";
import { PROVINCE_DB } from "./province-db";
import { mb, ms, percentiles } from "./stats";

type Row = { id: number; title: string; enterpriseName: string; description: string };
type Candidate = {
  name: string;
  build(rows: Row[]): Promise<void> | void;
  /** Matching ids (all of them, for recall) — the top 20 are what a page needs. */
  search(q: string): Promise<number[]> | number[];
  size(): number;
};

const RECALL_QUERIES = ["数控", "农业", "新能源汽车", "电工", "PLC", "焊工", "机器人", "操作工", "工程师", "南昌", "数控 南昌", "锂电池"];
const TOLERANCE_QUERIES: [string, string][] = [["Autocad", "AutoCAD"], ["PLCC", "PLC"], ["ＰＬＣ", "PLC"], ["ｃｎｃ", "CNC"]];
const ROUNDS = 10;

const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
const words = (q: string) => q.split(/\s+/).filter(Boolean).map((w) => foldForMatching(w).toLowerCase());

function embeddedFts5(dir: string): Candidate {
  const file = `${dir}/candidate-bigram.db`;
  let engine: EmbeddedSearchEngine;
  return {
    name: "SQLite FTS5，双字切分（采用）",
    async build(rows) {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      engine = new EmbeddedSearchEngine(file);
      const docs = rows.map((r) => ({ ...r }) as SearchDocument);
      for (let i = 0; i < docs.length; i += 2_000) await engine.upsert(INDEXES.jobs, docs.slice(i, i + 2_000));
    },
    async search(q) {
      const result = await engine.search(INDEXES.jobs, { q, hitsPerPage: 100_000 });
      return result.hits.map((h) => h.document.id);
    },
    size: () => fs.statSync(file).size,
  };
}

function trigramFts5(dir: string): Candidate {
  const file = `${dir}/candidate-trigram.db`;
  let db: Database.Database;
  return {
    name: "SQLite FTS5，trigram 分词",
    build(rows) {
      fs.rmSync(file, { force: true });
      db = new Database(file);
      db.exec("CREATE VIRTUAL TABLE t USING fts5(title, enterpriseName, description, tokenize='trigram')");
      const insert = db.prepare("INSERT INTO t (rowid, title, enterpriseName, description) VALUES (?, ?, ?, ?)");
      db.transaction(() => rows.forEach((r) => insert.run(r.id, r.title, r.enterpriseName, r.description)))();
    },
    search(q) {
      // Trigrams index three characters: shorter words (数控, 农业, 电工) can only be a LIKE scan.
      const parts = q.split(/\s+/).filter(Boolean);
      const long = parts.filter((p) => Array.from(p).length >= 3);
      const short = parts.filter((p) => Array.from(p).length < 3);
      const where = [
        ...(long.length ? ["t MATCH ?"] : []),
        ...short.map(() => "(title LIKE ? OR enterpriseName LIKE ? OR description LIKE ?)"),
      ];
      const params = [
        ...(long.length ? [long.map((p) => `"${p}"`).join(" AND ")] : []),
        ...short.flatMap((p) => [`%${p}%`, `%${p}%`, `%${p}%`]),
      ];
      return (db.prepare(`SELECT rowid AS id FROM t WHERE ${where.join(" AND ")}`).all(...params) as { id: number }[]).map((r) => r.id);
    },
    size: () => fs.statSync(file).size,
  };
}

const bigramTokens = (text: string) => indexTerms(text).split(" ").filter(Boolean);
const queryTokens = (q: string) =>
  tokenize(q).flatMap((t) => (t.kind === "word" ? [t.text] : Array.from(t.text).length < 2 ? [t.text] : indexTerms(t.text).split(" ").slice(0, -1)));

function miniSearch(): Candidate {
  let index: MiniSearch<Row>;
  let bytes = 0;
  return {
    name: "MiniSearch，双字切分（内存）",
    build(rows) {
      const before = heap();
      index = new MiniSearch<Row>({
        fields: ["title", "enterpriseName", "description"],
        tokenize: bigramTokens,
        processTerm: (t) => t,
        searchOptions: {
          combineWith: "AND",
          tokenize: queryTokens,
          prefix: (t) => /^[a-z]/.test(t),
          fuzzy: (t) => (/^[a-z]{4,}$/.test(t) ? 1 : false),
          boost: { title: 10, enterpriseName: 4 },
        },
      });
      index.addAll(rows);
      bytes = heap() - before;
    },
    search: (q) => index.search(q).map((r) => Number(r.id)),
    size: () => bytes,
  };
}

function flexSearch(): Candidate {
  let index: InstanceType<typeof FlexSearch.Document>;
  let bytes = 0;
  return {
    name: "FlexSearch，双字切分（内存）",
    build(rows) {
      const before = heap();
      index = new FlexSearch.Document({
        document: { id: "id", index: ["title", "enterpriseName", "description"] },
        tokenize: "strict",
        encode: (text: string) => bigramTokens(text),
      });
      for (const row of rows) index.add(row);
      bytes = heap() - before;
    },
    search(q) {
      // Each field answers on its own (every word in that field); the union is the match set.
      const results = index.search(q, { limit: 100_000 }) as { result: number[] }[];
      return [...new Set(results.flatMap((r) => r.result))];
    },
    size: () => bytes,
  };
}

async function benchSearchCandidates(): Promise<void> {  const db = new Database(PROVINCE_DB, { readonly: true });
  const rows = db
    .prepare('SELECT j.id, j.title, e.name AS enterpriseName, j.description FROM "Job" j JOIN "Enterprise" e ON e.id = j.enterpriseId ORDER BY j.id')
    .all() as Row[];
  db.close();
  const folded = rows.map((r) => ({ id: r.id, text: foldForMatching(`${r.title} ${r.enterpriseName} ${r.description}`).toLowerCase() }));
  const truth = (q: string) => new Set(folded.filter((r) => words(q).every((w) => r.text.includes(w))).map((r) => r.id));

  const dir = "bench/.data";
  const candidates = [embeddedFts5(dir), trigramFts5(dir), miniSearch(), flexSearch()];
  console.log(`\n== 内置搜索引擎候选对比：${rows.length} 条岗位（标题、企业、描述） ==`);
  for (const candidate of candidates) {
    const rss = process.memoryUsage().rss;
    let t = performance.now();
    await candidate.build(rows);
    const buildMs = performance.now() - t;
    const samples: number[] = [];
    const recall: string[] = [];
    for (const q of RECALL_QUERIES) {
      const expected = truth(q);
      const found = new Set(await candidate.search(q));
      const hit = [...expected].filter((id) => found.has(id)).length;
      recall.push(`${q} ${expected.size ? Math.round((100 * hit) / expected.size) : 100}%`);
      for (let r = 0; r < ROUNDS; r++) {
        t = performance.now();
        await candidate.search(q);
        samples.push(performance.now() - t);
      }
    }
    const tolerance: string[] = [];
    for (const [q, meant] of TOLERANCE_QUERIES) {
      const expected = truth(meant);
      const found = new Set(await candidate.search(q));
      const hit = [...expected].filter((id) => found.has(id)).length;
      tolerance.push(`${q}→${meant} ${expected.size ? Math.round((100 * hit) / expected.size) : 100}%`);
    }
    const p = percentiles(samples);
    console.log(`\n${candidate.name}`);
    console.log(`  建索引 ${(buildMs / 1000).toFixed(1)} s；索引大小 ${mb(candidate.size())}；RSS 增加 ${mb(process.memoryUsage().rss - rss)}`);
    console.log(`  查询（全部命中）p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  p99 ${ms(p.p99)}`);
    console.log(`  召回：${recall.join("，")}`);
    console.log(`  容错：${tolerance.join("，")}`);
  }
}

await benchSearchCandidates();
