/**
 * Index settings as code: one declaration per index, applied to Meilisearch by
 * `npm run cli -- search:settings` and to the embedded engine when it opens.
 */
import type { IndexDeclaration, IndexName } from "./types";
import { RELATED_TRADES } from "~/domain/catalogue/related-trades";

/** Words that find each other, both ways. Latin words are matched without case. */
export const SYNONYMS: readonly (readonly string[])[] = [
  ["数控", "CNC"],
  ["电工", "电气"],
  ["PLC", "可编程控制器"],
  ["AutoCAD", "CAD", "计算机辅助设计"],
  ["焊工", "焊接"],
  ["汽修", "汽车维修"],
  ["电商", "电子商务"],
  ["新能源汽车", "电动汽车"],
  ["叉车", "铲车"],
  ["质检", "质量检验"],
];

/** A trade's names are words, never slips (the page offers related trades for them): ADR 172. */
const KNOWN_WORDS: readonly string[] = RELATED_TRADES.flat();

/** Meilisearch's default order; `sort` sits where a requested sort applies. */
const RANKING_RULES = ["words", "typo", "proximity", "attribute", "sort", "exactness"] as const;

/** PLCC → PLC needs a typo allowed from 4 letters (Meilisearch's default is 5). */
const TYPOS = { oneTypo: 4, twoTypos: 8 } as const;

const jobs: IndexDeclaration = {
  name: "jobs",
  searchable: [
    { field: "title", weight: 10 },
    { field: "majorClassNames", weight: 5 },
    { field: "enterpriseName", weight: 4 },
    { field: "clusterName", weight: 3 },
    { field: "parkName", weight: 2 },
    { field: "cityName", weight: 2 },
    { field: "description", weight: 1 },
  ],
  filterable: {
    cityCode: "string",
    parkId: "number",
    clusterId: "number",
    majorCategories: "string[]",
    majorClasses: "string[]",
    level: "number",
    wageMinFen: "number",
    wageMaxFen: "number",
    postedAt: "number",
  },
  sortable: ["postedAt", "wageMaxFen"],
  rankingRules: RANKING_RULES,
  synonyms: SYNONYMS,
  typos: TYPOS,
  knownWords: KNOWN_WORDS,
};

const orders: IndexDeclaration = {
  name: "orders",
  searchable: [
    { field: "title", weight: 10 },
    { field: "majorName", weight: 6 },
    { field: "skillTags", weight: 4 },
    { field: "enterpriseName", weight: 3 },
    { field: "parkName", weight: 1 },
  ],
  filterable: {
    status: "string",
    cityCode: "string",
    parkId: "number",
    majorCode: "string",
    majorClass: "string",
    majorCategory: "string",
    skillLevel: "number",
    collegeId: "number",
    startDate: "number",
    wageFen: "number",
  },
  sortable: ["startDate", "wageFen", "createdAt"],
  rankingRules: RANKING_RULES,
  synonyms: SYNONYMS,
  typos: TYPOS,
  knownWords: KNOWN_WORDS,
};

const graduates: IndexDeclaration = {
  name: "graduates",
  searchable: [
    { field: "majorName", weight: 8 },
    { field: "skillTags", weight: 6 },
    { field: "certificates", weight: 4 },
    { field: "collegeName", weight: 2 },
  ],
  filterable: {
    status: "string",
    collegeId: "number",
    majorCode: "string",
    majorClass: "string",
    majorCategory: "string",
    schoolLevel: "string",
    skillLevel: "number",
    // The senior gate's hard filter (ADR 166): the highest verified certificate, 0 when none.
    verifiedSkillLevel: "number",
    preferredCities: "string[]",
    willingToRelocate: "number",
    graduationDate: "number",
  },
  sortable: ["graduationDate", "skillLevel"],
  rankingRules: RANKING_RULES,
  synonyms: SYNONYMS,
  typos: TYPOS,
  knownWords: KNOWN_WORDS,
  // Candidate retrieval (app/services/matching.server.ts): one major tier and the hard filters per query.
  combinedFilters: [
    ["majorCode", "status", "graduationDate", "verifiedSkillLevel"],
    ["majorClass", "status", "graduationDate", "verifiedSkillLevel"],
    ["majorCategory", "status", "graduationDate", "verifiedSkillLevel"],
  ],
};

const cohorts: IndexDeclaration = {
  name: "cohorts",
  searchable: [
    { field: "majorName", weight: 8 },
    { field: "skillsTaught", weight: 6 },
    { field: "collegeName", weight: 3 },
    { field: "trainingBaseName", weight: 2 },
  ],
  filterable: {
    collegeId: "number",
    cityCode: "string",
    majorCode: "string",
    majorClass: "string",
    majorCategory: "string",
    level: "string",
    targetSkillLevel: "number",
    expectedGraduation: "number",
  },
  sortable: ["expectedGraduation", "size"],
  rankingRules: RANKING_RULES,
  synonyms: SYNONYMS,
  typos: TYPOS,
  knownWords: KNOWN_WORDS,
};

export const INDEXES: Record<IndexName, IndexDeclaration> = { jobs, orders, graduates, cohorts };
