/**
 * What a search box's text means, the same on both engines (Meilisearch's query
 * syntax): words are all required, `"a phrase"` needs its words next to each other,
 * and a leading minus excludes (`数控 -南昌`, `-"派遣"`). Quotes typed the Chinese way
 * (“ ” 「 」 『 』) are quotes too. Pure: the engines turn the parts into their own
 * syntax, so nothing a user types reaches an engine raw.
 */
import { foldChinese, foldWidth, tokenize, type Token } from "./text";

export type QueryPart = {
  /** The words as typed (width folded), without quotes or minus. */
  text: string;
  tokens: Token[];
  phrase: boolean;
  negated: boolean;
};

const QUOTES = /[“”„‟「」『』]/g;
const SPACE = /\s/u;

/** Splits a query into words and phrases, each required or excluded. */
export function parseQuery(q: string): QueryPart[] {
  const text = foldWidth(q).replace(QUOTES, '"');
  const parts: QueryPart[] = [];
  let i = 0;
  while (i < text.length) {
    if (SPACE.test(text[i]!)) {
      i += 1;
      continue;
    }
    let negated = false;
    if (text[i] === "-" && i + 1 < text.length && !SPACE.test(text[i + 1]!)) {
      negated = true;
      i += 1;
    }
    let phrase = false;
    let end: number;
    let raw: string;
    if (text[i] === '"') {
      phrase = true;
      const close = text.indexOf('"', i + 1);
      end = close < 0 ? text.length : close + 1;
      raw = text.slice(i + 1, close < 0 ? text.length : close);
    } else {
      end = i;
      while (end < text.length && !SPACE.test(text[end]!) && text[end] !== '"') end += 1;
      raw = text.slice(i, end);
    }
    i = end;
    const tokens = tokenize(raw);
    if (tokens.length === 0) continue;
    if (phrase || negated || tokens.length === 1) parts.push({ text: raw.trim(), tokens, phrase: phrase || tokens.length > 1, negated });
    // An unquoted run the tokenizer splits (PLC编程) is several required words, as Meilisearch reads it.
    else for (const token of tokens) parts.push({ text: token.text, tokens: [token], phrase: false, negated });
  }
  return parts;
}

/** The query as Meilisearch reads the same syntax: quotes normalised, traditional characters folded. */
export function meilisearchQuery(q: string): string {
  return parseQuery(q)
    .map((part) => {
      const text = foldChinese(part.text).replace(/"/g, " ");
      return `${part.negated ? "-" : ""}${part.phrase ? `"${text}"` : text}`;
    })
    .join(" ");
}
