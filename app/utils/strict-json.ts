/**
 * A JSON request body read as written (issue 14, item 8): JSON.parse turns `1e2` into
 * 100, so before parsing, every number in the raw text must be written plainly
 * (-12, 0, 4500, 0.25). `1e2`, `1E+2`, `0x10`, `016`, `.5`, `+1`, `1.` are refused
 * with the path of the field they stand in ("candidates.3.score"), and any other
 * syntax error is reported with its line and column, in Chinese.
 */

export type StrictJson = { ok: true; value: unknown } | { ok: false; field: string; message: string };

const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const TOKEN_CHAR = /[0-9A-Za-z.+\-_]/;

type Frame = { kind: "object"; key: string | null; expectingKey: boolean } | { kind: "array"; index: number };

function pathOf(stack: Frame[]): string {
  const parts = stack.map((f) => (f.kind === "array" ? String(f.index) : (f.key ?? "")));
  return parts.join(".") || "body";
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `第 ${line} 行第 ${column} 列`;
}

/** Finds the first number not written plainly; returns its field path and the token as written. */
function findLooseNumber(text: string): { field: string; token: string } | null {
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (top?.kind === "object" && top.expectingKey) {
        try {
          top.key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          return null; // a broken string: JSON.parse reports it
        }
      }
      i = j + 1;
    } else if (c === "{") {
      stack.push({ kind: "object", key: null, expectingKey: true });
      i += 1;
    } else if (c === "[") {
      stack.push({ kind: "array", index: 0 });
      i += 1;
    } else if (c === "}" || c === "]") {
      stack.pop();
      i += 1;
    } else if (c === ",") {
      if (top?.kind === "array") top.index += 1;
      else if (top?.kind === "object") top.expectingKey = true;
      i += 1;
    } else if (c === ":") {
      if (top?.kind === "object") top.expectingKey = false;
      i += 1;
    } else if (TOKEN_CHAR.test(c)) {
      let j = i;
      while (j < text.length && TOKEN_CHAR.test(text[j]!)) j += 1;
      const token = text.slice(i, j);
      const numeric = /^[-+.\d]/.test(token);
      if (numeric && !PLAIN_NUMBER.test(token)) return { field: pathOf(stack), token };
      i = j;
    } else {
      i += 1;
    }
  }
  return null;
}

/** Parses a request body's text, refusing numbers not written plainly. */
export function parseStrictJson(text: string): StrictJson {
  const loose = findLooseNumber(text);
  if (loose) {
    return {
      ok: false,
      field: loose.field,
      message: `${loose.field === "body" ? "请求体" : loose.field}：数字「${loose.token}」写法无效，请写成十进制数字（如 100、0.25），不接受 1e2、0x10 这类写法`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : "");
    const where = at ? `（${lineAndColumn(text, Number(at[1]))}附近）` : "";
    return { ok: false, field: "body", message: text.trim() === "" ? "请求体为空，应为 JSON 对象" : `请求体不是有效的 JSON${where}` };
  }
}
