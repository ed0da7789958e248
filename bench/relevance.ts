/**
 * `npm run bench -- relevance`: how well the embedded engine ranks the province's
 * open jobs for a judged set of queries, beside MiniSearch (same documents, same
 * character-pair tokens, field boosts from the same weights) as a peer.
 *
 * Relevance is graded by rule, never by hand, for the query's intended words (a typo or
 * a traditional character is judged by what the person meant): for each intended word,
 * 3 when the job's title contains it, 2 when its major classes, enterprise, cluster,
 * park or city does, 1 when only its description does, else 0; a word's declared
 * synonyms (search/settings.ts) count as the word. A job's grade is its weakest word's.
 * NDCG@10 uses the gain 2^grade − 1 against the ideal order of every open job.
 *
 * Printed: NDCG@10 per kind and overall, the zero-result rate, queries that found
 * nothing although a relevant job exists, and for those the suggestion the page offers.
 * The embedded engine is judged twice: alone, and as the page answers (a query whose
 * words the index does not hold shows its first spelling fix's results, spellingCorrection).
 * `RELEVANCE_SHOW=1` prints each query's first five titles.
 */
import fs from "node:fs";
import os from "node:os";
import MiniSearch from "minisearch";
import { allSearchDocuments } from "../search/documents.server";
import { EmbeddedSearchEngine } from "../search/embedded";
import { INDEXES, SYNONYMS } from "../search/settings";
import { foldForMatching, indexTerms, tokenize } from "../search/text";
import type { SearchDocument } from "../search/types";
import { relatedSearches, spellingCorrection } from "~/services/search/suggestions.server";
import { prisma } from "~/utils/db.server";
import { ms, percentiles } from "./stats";

type Kind = "工种" | "专业" | "企业" | "地点" | "组合" | "字母词" | "错字" | "繁体";
/** A query as typed and the words it means (default: the query's own words). */
type Judged = { q: string; kind: Kind; means?: string };

const JUDGED: Judged[] = [
  { q: "电工", kind: "工种" },
  { q: "焊工", kind: "工种" },
  { q: "钳工", kind: "工种" },
  { q: "木工", kind: "工种" },
  { q: "油漆工", kind: "工种" },
  { q: "缝纫工", kind: "工种" },
  { q: "装配工", kind: "工种" },
  { q: "操作工", kind: "工种" },
  { q: "质检", kind: "工种" },
  { q: "护士", kind: "工种" },
  { q: "维修", kind: "工种" },
  { q: "技术员", kind: "工种" },
  { q: "工程师", kind: "工种" },
  { q: "电气维修工", kind: "工种" },
  { q: "新能源", kind: "专业" },
  { q: "新能源汽车", kind: "专业" },
  { q: "自动化", kind: "专业" },
  { q: "集成电路", kind: "专业" },
  { q: "物联网", kind: "专业" },
  { q: "计算机", kind: "专业" },
  { q: "化工", kind: "专业" },
  { q: "食品", kind: "专业" },
  { q: "药品", kind: "专业" },
  { q: "纺织服装", kind: "专业" },
  { q: "机械设计", kind: "专业" },
  { q: "护理", kind: "专业" },
  { q: "中信新能源", kind: "企业" },
  { q: "博晟木业", kind: "企业" },
  { q: "宇瑞光电", kind: "企业" },
  { q: "庐信稀土", kind: "企业" },
  { q: "宏邦化工", kind: "企业" },
  { q: "友驰有机硅", kind: "企业" },
  { q: "南昌", kind: "地点" },
  { q: "九江", kind: "地点" },
  { q: "赣州", kind: "地点" },
  { q: "上饶经开区", kind: "地点" },
  { q: "小蓝", kind: "地点" },
  { q: "数控 南昌", kind: "组合" },
  { q: "PLC 九江", kind: "组合" },
  { q: "焊工 赣州", kind: "组合" },
  { q: "检验员 食品", kind: "组合" },
  { q: "PLC", kind: "字母词" },
  { q: "SMT", kind: "字母词" },
  { q: "DCS", kind: "字母词" },
  { q: "GMP", kind: "字母词" },
  { q: "PLCC", kind: "错字", means: "PLC" },
  { q: "GMPP", kind: "错字", means: "GMP" },
  { q: "plc", kind: "错字", means: "PLC" },
  { q: "数空", kind: "错字", means: "数控" },
  { q: "新能原汽车", kind: "错字", means: "新能源汽车" },
  { q: "焊共", kind: "错字", means: "焊工" },
  { q: "電工", kind: "繁体", means: "电工" },
  { q: "數控", kind: "繁体", means: "数控" },
  { q: "新能源汽車", kind: "繁体", means: "新能源汽车" },
  { q: "機器人", kind: "繁体", means: "机器人" },
  { q: "質檢員", kind: "繁体", means: "质检员" },
  { q: "護士", kind: "繁体", means: "护士" },
];

const K = 10;
const SECOND_TIER = ["majorClassNames", "enterpriseName", "clusterName", "parkName", "cityName"];

/** The strings that count as a word: itself and its declared synonyms, folded. */
function accepted(word: string): string[] {
  const folded = foldForMatching(word);
  const group = SYNONYMS.find((g) => g.some((w) => foldForMatching(w) === folded));
  return [...new Set([folded, ...(group ?? []).map((w) => foldForMatching(w))])];
}

type Doc = { id: number; title: string; second: string; description: string; source: SearchDocument };

function grade(doc: Doc, words: string[][]): number {
  let weakest = 3;
  for (const forms of words) {
    const has = (text: string) => forms.some((f) => text.includes(f));
    const g = has(doc.title) ? 3 : has(doc.second) ? 2 : has(doc.description) ? 1 : 0;
    weakest = Math.min(weakest, g);
  }
  return weakest;
}

function ndcg(ranked: number[], grades: Map<number, number>): number {
  const dcg = (gs: number[]) => gs.slice(0, K).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...grades.values()].sort((a, b) => b - a));
  if (ideal === 0) return 1;
  return dcg(ranked.map((id) => grades.get(id) ?? 0)) / ideal;
}

type Ranker = { name: string; search(q: string): Promise<{ ids: number[]; total: number }> };

async function main() {
  const documents: SearchDocument[] = [];
  for await (const batch of allSearchDocuments("jobs", 5_000)) documents.push(...batch);
  const docs: Doc[] = documents.map((d) => ({
    id: d.id,
    title: foldForMatching(String(d.title)),
    second: foldForMatching(SECOND_TIER.map((f) => String(d[f] ?? "")).join(" ")),
    description: foldForMatching(String(d.description ?? "")),
    source: d,
  }));
  const byId = new Map(docs.map((d) => [d.id, d]));

  const file = "bench/.data/relevance.search.db";
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const engine = new EmbeddedSearchEngine(file);
  await engine.applySettings(INDEXES.jobs);
  for (let i = 0; i < documents.length; i += 2_000) await engine.upsert(INDEXES.jobs, documents.slice(i, i + 2_000));

  const weights = Object.fromEntries(INDEXES.jobs.searchable.map((a) => [a.field, a.weight]));
  const fields = INDEXES.jobs.searchable.map((a) => a.field);
  const mini = new MiniSearch<SearchDocument>({
    fields,
    tokenize: (text) => indexTerms(text).split(" ").filter(Boolean),
    processTerm: (t) => t,
    searchOptions: {
      combineWith: "AND",
      tokenize: (q) =>
        tokenize(q).flatMap((t) => (t.kind === "word" ? [t.text] : Array.from(t.text).length < 2 ? [t.text] : indexTerms(t.text).split(" ").slice(0, -1))),
      prefix: (t) => /^[a-z]/.test(t),
      fuzzy: (t) => (/^[a-z]{4,}$/.test(t) ? 1 : false),
      boost: weights,
    },
  });
  mini.addAll(documents.map((d) => ({ ...d, ...Object.fromEntries(fields.map((f) => [f, Array.isArray(d[f]) ? (d[f] as string[]).join(" ") : String(d[f] ?? "")])) })));

  const rankers: Ranker[] = [
    {
      name: "内置引擎（SQLite FTS5，Meilisearch 排序规则）",
      async search(q) {
        const result = await engine.search(INDEXES.jobs, { q, hitsPerPage: K });
        return { ids: result.hits.map((h) => h.document.id), total: result.totalHits };
      },
    },
    {
      name: "内置引擎 + 页面的零结果处理（索引中没有的词显示第一个拼写建议的结果）",
      async search(q) {
        const result = await engine.search(INDEXES.jobs, { q, hitsPerPage: K });
        const suggestions = result.totalHits === 0 ? await relatedSearches({ engine, index: INDEXES.jobs, q, filters: [] }) : [];
        const instead = suggestions.length ? await spellingCorrection({ engine, index: INDEXES.jobs, q, filters: [], suggestions }) : null;
        const shown = instead ? await engine.search(INDEXES.jobs, { q: instead, hitsPerPage: K }) : result;
        return { ids: shown.hits.map((h) => h.document.id), total: shown.totalHits };
      },
    },
    {
      name: "MiniSearch 7.2（同样的双字切分与字段权重）",
      async search(q) {
        const hits = mini.search(q);
        return { ids: hits.slice(0, K).map((h) => Number(h.id)), total: hits.length };
      },
    },
  ];

  console.log(`\n== 搜索相关性（省级演示数据，在招岗位 ${docs.length} 条，${JUDGED.length} 个评判查询） ==`);
  console.log(`机器负载（1/5/15 分钟）：${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}`);
  const show = process.env.RELEVANCE_SHOW === "1";
  for (const ranker of rankers) {
    const perKind = new Map<Kind, number[]>();
    const all: number[] = [];
    const samples: number[] = [];
    let zero = 0;
    const missed: string[] = [];
    for (const judged of JUDGED) {
      const words = (judged.means ?? judged.q).split(/\s+/).filter(Boolean).map(accepted);
      const grades = new Map<number, number>();
      for (const doc of docs) {
        const g = grade(doc, words);
        if (g > 0) grades.set(doc.id, g);
      }
      const started = performance.now();
      const { ids, total } = await ranker.search(judged.q);
      samples.push(performance.now() - started);
      const score = ndcg(ids, grades);
      all.push(score);
      perKind.set(judged.kind, [...(perKind.get(judged.kind) ?? []), score]);
      if (total === 0) {
        zero += 1;
        if (grades.size > 0) missed.push(judged.q);
      }
      if (show) {
        console.log(`  ${judged.q}：NDCG@10 ${score.toFixed(3)}，${total} 条；${ids.slice(0, 5).map((id) => `${byId.get(id)?.source.title}(${grades.get(id) ?? 0})`).join("、")}`);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const p = percentiles(samples);
    console.log(`\n${ranker.name}`);
    console.log(`  NDCG@10 平均 ${mean(all).toFixed(3)}；${[...perKind].map(([kind, xs]) => `${kind} ${mean(xs).toFixed(3)}`).join("，")}`);
    console.log(`  零结果率 ${((zero / JUDGED.length) * 100).toFixed(1)}%（${zero}/${JUDGED.length}）；有相关岗位却零结果：${missed.length ? missed.join("、") : "无"}`);
    console.log(`  查询耗时（第一页 ${K} 条）p50 ${ms(p.p50)} p95 ${ms(p.p95)}`);
    if (ranker === rankers[0] && missed.length) {
      for (const q of missed) {
        const suggestions = await relatedSearches({ engine, index: INDEXES.jobs, q, filters: [] });
        const first = suggestions[0];
        if (!first) {
          console.log(`  「${q}」没有建议`);
          continue;
        }
        const judged = JUDGED.find((j) => j.q === q)!;
        const words = (judged.means ?? judged.q).split(/\s+/).filter(Boolean).map(accepted);
        const grades = new Map<number, number>();
        for (const doc of docs) {
          const g = grade(doc, words);
          if (g > 0) grades.set(doc.id, g);
        }
        const followed = await ranker.search(first.q);
        console.log(`  「${q}」→ 建议「${suggestions.map((s: { q: string }) => s.q).join("」「")}」；点第一个建议后 NDCG@10 ${ndcg(followed.ids, grades).toFixed(3)}（${followed.total} 条）`);
      }
    }
  }
  await engine.close();
  await prisma.$disconnect();
}

await main();
