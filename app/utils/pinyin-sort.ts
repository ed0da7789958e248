/**
 * Pinyin order for Chinese names, the same on SQLite and PostgreSQL (ADR 102).
 *
 * Neither database can sort by pinyin through Prisma alone: better-sqlite3 registers no
 * collations, and PostgreSQL's ICU `zh` collation reads each character on its own
 * (长沙 under "zhang", 厦门 under "sha"). So each name column that lists are ordered by
 * has a sibling `nameSort` column holding this key, computed here with pinyin-pro (which
 * reads words: 长沙 changsha, 重庆 chongqing, 厦门 xiamen; surnames with `person`), and
 * both databases compare the key byte by byte (SQLite BINARY, PostgreSQL COLLATE "C").
 *
 * The key is the syllables with their tone digit ("an1 hui1"), separated by spaces; other
 * runs (Latin letters, digits) lower-cased as they are, a character without a reading as
 * itself (after every syllable); then a tab and the name itself, so
 * homophones fall in code-point order and the key is unique for a unique name. Tab sorts
 * before space, so a name sorts before its own continuations (安 < 安徽).
 */
import { pinyin } from "pinyin-pro";

export type NameKind = "place" | "person";

const memo = new Map<string, string>();
const MEMO_LIMIT = 100_000;

export function pinyinSortKey(name: string, kind: NameKind = "place"): string {
  // Names repeat (a province's 300,000 graduates share far fewer names); pinyin-pro takes
  // tens of microseconds a name, so the demo loader and imports keep recent keys.
  const memoKey = `${kind}\u0000${name}`;
  const known = memo.get(memoKey);
  if (known !== undefined) return known;
  const key = computeKey(name, kind);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(memoKey, key);
  return key;
}

function computeKey(name: string, kind: NameKind): string {
  const text = name.normalize("NFC").trim();
  const syllables = pinyin(text, {
    toneType: "num",
    type: "array",
    v: true,
    nonZh: "consecutive",
    ...(kind === "person" ? { surname: "head" as const } : {}),
  });
  const tokens = syllables.map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0);
  return `${tokens.join(" ")}\t${text}`;
}

/** The models whose `name` has a `nameSort` key, and how their names are read. */
export const NAME_SORT_MODELS = {
  Park: "place",
  Cluster: "place",
  College: "place",
  Enterprise: "place",
  TrainingBase: "place",
  Graduate: "person",
} as const satisfies Record<string, NameKind>;

export type NameSortModel = keyof typeof NAME_SORT_MODELS;

export function isNameSortModel(model: string): model is NameSortModel {
  return Object.hasOwn(NAME_SORT_MODELS, model);
}

/** A row for `model` with its `nameSort` filled from its `name` (when it has a string name). */
export function withNameSort<T extends Record<string, unknown>>(model: string, row: T): T {
  if (!isNameSortModel(model) || typeof row.name !== "string") return row;
  return { ...row, nameSort: pinyinSortKey(row.name, NAME_SORT_MODELS[model]) };
}
