/**
 * Meilisearch's filter expression grammar, as documented
 * (https://www.meilisearch.com/docs/learn/filtering_and_sorting/filter_expression_reference):
 *
 *   expression = or
 *   or         = and ("OR" and)*
 *   and        = not ("AND" not)*
 *   not        = "NOT" not | primary
 *   primary    = "(" expression ")" | value "IN" "[" list "]" | value "NOT" "IN" "[" list "]"
 *              | value ("=" | "!=" | ">" | ">=" | "<" | "<=") value | value value "TO" value
 *              | value "EXISTS" | value "NOT" "EXISTS" | value "IS" ["NOT"] ("NULL" | "EMPTY")
 *   list       = [value ("," value)* [","]]
 *   value      = word | '…' | "…"        word = (letter | digit | "_" | "-" | ".")+, not a keyword
 *
 * Keywords are upper case. Inside quotes a backslash escapes the quote, a backslash,
 * and \n \r \t \b \f \/ \uXXXX; any other escape is malformed. The parser gives a tree
 * the conformance server evaluates, so a filter the adapter builds is both checked for
 * syntax and run for its meaning. Geo filters and the experimental CONTAINS / STARTS
 * WITH are not part of what this project may send and are refused.
 */

export type Comparison = "=" | "!=" | ">" | ">=" | "<" | "<=";
export type FilterNode =
  | { kind: "and" | "or"; items: FilterNode[] }
  | { kind: "not"; item: FilterNode }
  | { kind: "compare"; field: string; op: Comparison; value: string }
  | { kind: "to"; field: string; from: string; to: string }
  | { kind: "in"; field: string; values: string[] }
  | { kind: "exists" | "null" | "empty"; field: string };

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly input: string,
    readonly position: number,
  ) {
    super(`${message} at ${position}: ${input.slice(0, position)}⟨here⟩${input.slice(position)}`);
  }
}

const KEYWORDS = new Set(["AND", "OR", "IN", "NOT", "TO", "EXISTS", "IS", "NULL", "EMPTY", "CONTAINS", "STARTS", "WITH", "_geoRadius", "_geoBoundingBox"]);
const WORD_CHAR = /[\p{L}\p{N}_.-]/u;
const ESCAPES: Record<string, string> = { "\\": "\\", "/": "/", n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", '"': '"', "'": "'" };
const MAX_DEPTH = 200;

class Parser {
  private pos = 0;
  constructor(private readonly input: string) {}

  fail(message: string, at = this.pos): never {
    throw new FilterSyntaxError(message, this.input, at);
  }

  private ws() {
    while (this.pos < this.input.length && /\s/.test(this.input[this.pos]!)) this.pos++;
  }

  /** The next bare word without consuming it. */
  private peekWord(): string | null {
    this.ws();
    let end = this.pos;
    while (end < this.input.length && WORD_CHAR.test(this.input[end]!)) end++;
    return end > this.pos ? this.input.slice(this.pos, end) : null;
  }

  private keyword(word: string): boolean {
    if (this.peekWord() !== word) return false;
    this.pos += word.length;
    return true;
  }

  private expectKeyword(word: string) {
    if (!this.keyword(word)) this.fail(`expected ${word}`);
  }

  value(): string {
    this.ws();
    const quote = this.input[this.pos];
    if (quote === '"' || quote === "'") {
      const start = this.pos;
      this.pos++;
      let out = "";
      for (;;) {
        const c = this.input[this.pos];
        if (c === undefined) this.fail(`missing closing ${quote}`, start);
        this.pos++;
        if (c === quote) break;
        if (c !== "\\") {
          out += c;
          continue;
        }
        const e = this.input[this.pos];
        if (e === undefined) this.fail("a backslash ends the value", start);
        this.pos++;
        if (e === "u") {
          const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(this.input.slice(this.pos));
          const plain = /^[0-9a-fA-F]{4}/.exec(this.input.slice(this.pos));
          const hex = braced?.[1] ?? plain?.[0];
          if (!hex) this.fail("malformed \\u escape", this.pos - 2);
          out += String.fromCodePoint(parseInt(hex, 16));
          this.pos += (braced ?? plain)![0].length;
        } else if (e in ESCAPES) {
          out += ESCAPES[e];
        } else {
          this.fail(`malformed escape \\${e}`, this.pos - 2);
        }
      }
      this.ws();
      return out;
    }
    const word = this.peekWord();
    if (word === null) this.fail("expected a value");
    if (KEYWORDS.has(word)) this.fail(`expected a value, found the reserved keyword ${word}`);
    this.pos += word.length;
    this.ws();
    return word;
  }

  expression(depth: number): FilterNode {
    if (depth > MAX_DEPTH) this.fail("nested too deep");
    const items = [this.and(depth + 1)];
    while (this.keyword("OR")) items.push(this.and(depth + 1));
    return items.length === 1 ? items[0]! : { kind: "or", items };
  }

  private and(depth: number): FilterNode {
    const items = [this.not(depth + 1)];
    while (this.keyword("AND")) items.push(this.not(depth + 1));
    return items.length === 1 ? items[0]! : { kind: "and", items };
  }

  private not(depth: number): FilterNode {
    if (depth > MAX_DEPTH) this.fail("nested too deep");
    if (this.keyword("NOT")) return { kind: "not", item: this.not(depth + 1) };
    return this.primary(depth + 1);
  }

  private list(): string[] {
    this.ws();
    if (this.input[this.pos] !== "[") this.fail("expected [ after IN");
    this.pos++;
    const values: string[] = [];
    this.ws();
    while (this.input[this.pos] !== "]") {
      values.push(this.value());
      this.ws();
      if (this.input[this.pos] === ",") {
        this.pos++;
        this.ws();
      } else if (this.input[this.pos] !== "]") {
        this.fail("expected , or ] in the IN list");
      }
    }
    this.pos++;
    this.ws();
    return values;
  }

  private primary(depth: number): FilterNode {
    this.ws();
    if (this.input[this.pos] === "(") {
      const open = this.pos;
      this.pos++;
      const inner = this.expression(depth + 1);
      this.ws();
      if (this.input[this.pos] !== ")") this.fail("missing closing )", open);
      this.pos++;
      this.ws();
      return inner;
    }
    const word = this.peekWord();
    if (word === "_geoRadius" || word === "_geoBoundingBox" || word === "_geoPoint") this.fail(`${word} is not used by this project`);
    const field = this.value();
    if (this.keyword("IN")) return { kind: "in", field, values: this.list() };
    if (this.keyword("NOT")) {
      if (this.keyword("IN")) return { kind: "not", item: { kind: "in", field, values: this.list() } };
      if (this.keyword("EXISTS")) return { kind: "not", item: { kind: "exists", field } };
      if (this.keyword("CONTAINS") || this.keyword("STARTS")) this.fail("CONTAINS and STARTS WITH are experimental features");
      this.fail("expected IN or EXISTS after NOT");
    }
    if (this.keyword("EXISTS")) return { kind: "exists", field };
    if (this.keyword("IS")) {
      const negated = this.keyword("NOT");
      const kind = this.keyword("NULL") ? "null" : this.keyword("EMPTY") ? "empty" : this.fail("expected NULL or EMPTY after IS");
      const node: FilterNode = { kind, field };
      return negated ? { kind: "not", item: node } : node;
    }
    if (this.peekWord() === "CONTAINS" || this.peekWord() === "STARTS") this.fail("CONTAINS and STARTS WITH are experimental features");
    this.ws();
    const op = (["!=", ">=", "<=", "=", ">", "<"] as const).find((o) => this.input.startsWith(o, this.pos));
    if (op) {
      this.pos += op.length;
      return { kind: "compare", field, op, value: this.value() };
    }
    const from = this.value();
    this.expectKeyword("TO");
    return { kind: "to", field, from, to: this.value() };
  }

  done(): boolean {
    this.ws();
    return this.pos >= this.input.length;
  }

  position() {
    return this.pos;
  }
}

/** One filter string as a tree (null for an empty or blank string, which filters nothing). */
export function parseFilterExpression(input: string): FilterNode | null {
  if (input.trim() === "") return null;
  const parser = new Parser(input);
  const node = parser.expression(0);
  if (!parser.done()) parser.fail("unexpected text after the expression", parser.position());
  return node;
}

/**
 * The `filter` search parameter: a string, or an array whose items are ANDed, each a
 * string or an array of strings that are ORed (one level of nesting, as documented).
 */
export function parseFilterParameter(filter: unknown): FilterNode | null {
  if (filter === undefined || filter === null) return null;
  if (typeof filter === "string") return parseFilterExpression(filter);
  if (!Array.isArray(filter)) throw new FilterSyntaxError("filter must be a string or an array", JSON.stringify(filter), 0);
  const and: FilterNode[] = [];
  for (const item of filter) {
    if (typeof item === "string") {
      const node = parseFilterExpression(item);
      if (node) and.push(node);
    } else if (Array.isArray(item)) {
      const or: FilterNode[] = [];
      for (const inner of item) {
        if (typeof inner !== "string") throw new FilterSyntaxError("a nested filter array holds strings only", JSON.stringify(filter), 0);
        const node = parseFilterExpression(inner);
        if (node) or.push(node);
      }
      if (or.length) and.push(or.length === 1 ? or[0]! : { kind: "or", items: or });
    } else {
      throw new FilterSyntaxError("filter array items are strings or arrays of strings", JSON.stringify(filter), 0);
    }
  }
  if (and.length === 0) return null;
  return and.length === 1 ? and[0]! : { kind: "and", items: and };
}

/** The attributes a filter reads (each must be filterable). */
export function filterFields(node: FilterNode | null): string[] {
  if (!node) return [];
  if ("items" in node) return [...new Set(node.items.flatMap(filterFields))];
  if ("item" in node) return filterFields(node.item);
  return [node.field];
}

function asNumber(value: string): number | null {
  const n = Number(value);
  return value.trim() !== "" && Number.isFinite(n) ? n : null;
}

function equals(element: unknown, value: string): boolean {
  if (typeof element === "number") return asNumber(value) === element;
  if (typeof element === "boolean") return String(element) === value.toLowerCase();
  // Meilisearch compares strings after normalising case.
  return typeof element === "string" && element.toLowerCase() === value.toLowerCase();
}

function compare(element: unknown, op: Exclude<Comparison, "=" | "!=">, value: string): boolean {
  const n = asNumber(value);
  const c =
    typeof element === "number" && n !== null
      ? element - n
      : typeof element === "string" && n === null
        ? element.toLowerCase().localeCompare(value.toLowerCase())
        : null;
  if (c === null) return false;
  return op === ">" ? c > 0 : op === ">=" ? c >= 0 : op === "<" ? c < 0 : c <= 0;
}

/** Whether a document satisfies a filter, with Meilisearch's meaning (a list matches when any item does). */
export function evaluateFilter(node: FilterNode | null, doc: Record<string, unknown>): boolean {
  if (!node) return true;
  switch (node.kind) {
    case "and":
      return node.items.every((n) => evaluateFilter(n, doc));
    case "or":
      return node.items.some((n) => evaluateFilter(n, doc));
    case "not":
      return !evaluateFilter(node.item, doc);
    case "exists":
      return node.field in doc;
    case "null":
      return node.field in doc && doc[node.field] === null;
    case "empty": {
      const v = doc[node.field];
      return v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && Object.keys(v).length === 0);
    }
    default: {
      const raw = doc[node.field];
      const elements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
      if (node.kind === "in") return elements.some((e) => node.values.some((v) => equals(e, v)));
      if (node.kind === "to") return elements.some((e) => compare(e, ">=", node.from) && compare(e, "<=", node.to));
      if (node.op === "=") return elements.some((e) => equals(e, node.value));
      if (node.op === "!=") return !elements.some((e) => equals(e, node.value));
      return elements.some((e) => compare(e, node.op as Exclude<Comparison, "=" | "!=">, node.value));
    }
  }
}
