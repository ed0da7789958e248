/**
 * Text handling shared by the engines: width folding, the tokens the embedded engine
 * indexes (Latin words whole, Chinese as overlapping character pairs), typo distance
 * and highlighting. Pure functions.
 */
import * as OpenCC from "opencc-js/t2cn";
import { pinyin } from "pinyin-pro";
import type { Highlighted } from "./types";

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;

/** Full-width ASCII forms (ＰＬＣ，１２) to their half-width letters; one character in, one out. */
export function foldWidth(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) out += String.fromCharCode(code - FULL_WIDTH_OFFSET);
    else if (code === IDEOGRAPHIC_SPACE) out += " ";
    else out += ch;
  }
  return out;
}

/** Only full-width letters and digits folded: what a document keeps for display elsewhere. */
export function foldLettersAndDigits(text: string): string {
  return text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET),
  );
}

let toSimplified: ((text: string) => string) | null = null;
const simplifiedChars = new Map<string, string>();
const HAN_CHAR = /\p{Script=Han}/gu;

/**
 * Traditional characters to simplified ones (電工 → 电工, 數控 → 数控), one character
 * at a time through OpenCC's Taiwan-traditional-to-mainland tables (opencc-js), so the
 * text keeps its length and positions carry over. A character whose conversion would
 * change the length stays as it is.
 */
export function foldChinese(text: string): string {
  return text.replace(HAN_CHAR, (ch) => {
    let folded = simplifiedChars.get(ch);
    if (folded === undefined) {
      toSimplified ??= OpenCC.Converter({ from: "tw", to: "cn" });
      const converted = toSimplified(ch);
      folded = converted.length === ch.length ? converted : ch;
      simplifiedChars.set(ch, folded);
    }
    return folded;
  });
}

const syllables = new Map<string, string[]>();

/**
 * Whether two Chinese characters can sound the same, tones aside (空 and 控 are both
 * kong; 行 reads xing or hang): the usual slip of a pinyin input method picks a
 * character that sounds like the one meant. Readings from pinyin-pro.
 */
export function soundAlike(a: string, b: string): boolean {
  const readings = (ch: string) => {
    let found = syllables.get(ch);
    if (!found) {
      found = pinyin(ch, { toneType: "none", type: "array", multiple: true });
      syllables.set(ch, found);
    }
    return found;
  };
  const first = readings(a);
  return readings(b).some((r) => first.includes(r));
}

/** What foldForMatching makes of each code unit from U+2E80 on (Han and full-width forms), or of a surrogate pair. */
const foldedUnits = new Map<string, string>();

function foldUnit(unit: string): string {
  let folded = foldedUnits.get(unit);
  if (folded === undefined) {
    folded = foldChinese(foldWidth(unit));
    if (folded.length !== unit.length) folded = unit;
    foldedUnits.set(unit, folded);
  }
  return folded;
}

const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const FIRST_FOLDED = 0x2e80;

/**
 * Folds width, ASCII case and traditional characters without changing the length, so
 * positions carry over to the original: the same as foldChinese(foldWidth(text)) with
 * A–Z lower-cased, in one pass that copies only the runs between changed characters
 * (highlighting folds every shown document's text on every search).
 */
export function foldForMatching(text: string): string {
  let out = "";
  let copied = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    let replacement: string;
    let width = 1;
    if (code >= UPPER_A && code <= UPPER_Z) replacement = String.fromCharCode(code + 32);
    else if (code < FIRST_FOLDED) continue;
    else {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      width = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
      const unit = text.slice(i, i + width);
      replacement = foldUnit(unit);
      if (replacement === unit) {
        i += width - 1;
        continue;
      }
      if (replacement.length === 1) {
        const lower = replacement.charCodeAt(0);
        if (lower >= UPPER_A && lower <= UPPER_Z) replacement = String.fromCharCode(lower + 32);
      }
    }
    out += text.slice(copied, i) + replacement;
    copied = i + width;
    i += width - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

export type Token = { kind: "han" | "word"; text: string };

/**
 * Han characters that are letters or numbers: the Han script also holds radicals and
 * ideographic description characters (⺀, ⿰), which are symbols and never part of a word.
 */
const TOKEN = /((?:(?=[\p{L}\p{N}])\p{Script=Han})+)|((?:[^\P{L}\p{Script=Han}]|\p{N})+)/gu;

/** Chinese runs and other words (Latin letters, digits), folded and lower-cased. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of foldForMatching(text).toLowerCase().matchAll(TOKEN)) {
    if (match[1]) tokens.push({ kind: "han", text: match[1] });
    else if (match[2]) tokens.push({ kind: "word", text: match[2] });
  }
  return tokens;
}

/** Overlapping character pairs of a Chinese run: 数控技术 → 数控 控技 技术. */
export function bigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return chars;
  const pairs: string[] = [];
  for (let i = 0; i < chars.length - 1; i += 1) pairs.push(chars[i]! + chars[i + 1]!);
  return pairs;
}

/**
 * What the embedded engine indexes for a text: words as they are, Chinese runs as
 * character pairs followed by the run's last character, so that any substring of
 * two or more characters is a phrase of pairs and a single character a prefix.
 */
export function indexTerms(text: string): string {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    if (token.kind === "word") out.push(token.text);
    else {
      const chars = Array.from(token.text);
      if (chars.length > 1) out.push(...bigrams(token.text));
      out.push(chars[chars.length - 1]!);
    }
  }
  return out.join(" ");
}

/** Optimal string alignment distance, giving up (returning max + 1) once it exceeds max. */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) rows.push([i]);
  for (let j = 1; j <= b.length; j += 1) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return Math.min(rows[a.length]![b.length]!, max + 1);
}

/** How many typos a word of this length may carry. */
export function allowedTypos(word: string, typos: { oneTypo: number; twoTypos: number }): number {
  if (word.length >= typos.twoTypos) return 2;
  if (word.length >= typos.oneTypo) return 1;
  return 0;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Marks every occurrence of the needles (already folded and lower-cased) in the text.
 * Chinese needles match anywhere; word needles only at the start of a word.
 */
export function highlight(text: string, needles: readonly string[]): Highlighted {
  if (needles.length === 0) return text ? [{ text, match: false }] : [];
  const folded = foldForMatching(text);
  const marks: [number, number][] = [];
  for (const needle of needles) {
    if (!needle) continue;
    const isWord = !/\p{Script=Han}/u.test(needle);
    let from = 0;
    for (;;) {
      const at = folded.indexOf(needle, from);
      if (at < 0) break;
      const before = at > 0 ? folded[at - 1]! : "";
      if (!isWord || !before || !WORD_CHAR.test(before) || /\p{Script=Han}/u.test(before)) marks.push([at, at + needle.length]);
      from = at + 1;
    }
  }
  if (marks.length === 0) return text ? [{ text, match: false }] : [];
  marks.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of marks) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const pieces: Highlighted = [];
  let cursor = 0;
  for (const [start, end] of merged) {
    if (start > cursor) pieces.push({ text: text.slice(cursor, start), match: false });
    pieces.push({ text: text.slice(start, end), match: true });
    cursor = end;
  }
  if (cursor < text.length) pieces.push({ text: text.slice(cursor), match: false });
  return pieces;
}

/** Splits a text carrying the two private marker characters into highlighted pieces. */
export function piecesFromMarkers(text: string, open: string, close: string): Highlighted {
  const pieces: Highlighted = [];
  let rest = text;
  while (rest) {
    const start = rest.indexOf(open);
    if (start < 0) {
      pieces.push({ text: rest, match: false });
      break;
    }
    if (start > 0) pieces.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(close, start);
    const inner = rest.slice(start + open.length, end < 0 ? undefined : end);
    if (inner) pieces.push({ text: inner, match: true });
    rest = end < 0 ? "" : rest.slice(end + close.length);
  }
  return pieces;
}

/** Shortens highlighted text to about `length` characters around its first match. */
export function cropHighlighted(pieces: Highlighted, length: number): Highlighted {
  const total = pieces.reduce((n, p) => n + p.text.length, 0);
  if (total <= length) return pieces;
  let offset = 0;
  let firstMatch = 0;
  for (const piece of pieces) {
    if (piece.match) {
      firstMatch = offset;
      break;
    }
    offset += piece.text.length;
  }
  const start = Math.max(0, Math.min(firstMatch - Math.floor(length / 4), total - length));
  const end = start + length;
  const cropped: Highlighted = [];
  let position = 0;
  for (const piece of pieces) {
    const from = Math.max(start, position);
    const to = Math.min(end, position + piece.text.length);
    if (from < to) cropped.push({ text: piece.text.slice(from - position, to - position), match: piece.match });
    position += piece.text.length;
  }
  if (start > 0) cropped.unshift({ text: "…", match: false });
  if (end < total) cropped.push({ text: "…", match: false });
  return cropped;
}
