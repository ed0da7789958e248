/**
 * The header row of an import file, matched to a registry's fields. People keep
 * these files in Excel with Chinese headers (名称, 统一社会信用代码, 所属园区 …);
 * scripts write English ones (name, creditCode …). Both are accepted, with spaces,
 * required-marks (*) and a bracketed note such as （必填） ignored.
 */
/** `note` explains the column to the person filling in the file (the template's 填写说明 sheet). */
export type ImportColumn = { key: string; header: string; aliases: readonly string[]; required: boolean; note: string };
export type HeaderMatch = { ok: true; positions: Record<string, number> } | { ok: false; reasons: string[] };

export function normaliseHeader(raw: string): string {
  return raw
    .replace(/[（(][^）)]*[）)]/g, "")
    .replace(/[\s\u3000*＊_-]/g, "")
    .toLowerCase();
}

export function matchHeaders(header: readonly string[], columns: readonly ImportColumn[]): HeaderMatch {
  const seen = new Map<string, number>();
  header.forEach((cell, i) => {
    const name = normaliseHeader(cell);
    if (name && !seen.has(name)) seen.set(name, i);
  });
  const positions: Record<string, number> = {};
  const reasons: string[] = [];
  for (const column of columns) {
    const names = [column.header, column.key, ...column.aliases].map(normaliseHeader);
    const found = names.map((n) => seen.get(n)).find((i) => i !== undefined);
    if (found !== undefined) positions[column.key] = found;
    else if (column.required) reasons.push(`缺少必填列“${column.header}”`);
  }
  return reasons.length ? { ok: false, reasons } : { ok: true, positions };
}

/** The cells of one row keyed by field, trimmed; an absent column reads as empty. */
export function rowValues(cells: readonly string[], positions: Record<string, number>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, i] of Object.entries(positions)) values[key] = (cells[i] ?? "").trim();
  return values;
}

/** A list kept in one cell: 钳工、电工, 焊工；车工 → [钳工, 电工, 焊工, 车工]. */
export function splitCellList(cell: string): string[] {
  return cell
    .split(/[、,，;；/|\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
