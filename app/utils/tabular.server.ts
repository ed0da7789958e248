import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { calendarDateOfCell } from "~/domain/calendar-date";
import { AppError } from "~/utils/errors.server";

/**
 * CSV and XLSX in and out, as rows of text cells with the line (CSV) or row number
 * (XLSX) a person sees in their editor, so that every reported problem points at it.
 */
export type TableRow = { line: number; cells: string[] };
export type Table = { header: string[]; headerLine: number; rows: TableRow[] };
export type TableFormat = "csv" | "xlsx";

export function formatOfFile(fileName: string): TableFormat {
  const ext = fileName.toLowerCase().split(".").pop();
  if (ext === "csv") return "csv";
  if (ext === "xlsx") return "xlsx";
  throw new AppError({ message: "只支持 CSV（.csv）和 Excel（.xlsx）文件", code: "bad_file", field: "file" });
}

/** csv-parse's error codes, explained in Chinese (its own messages are English). */
const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "引号没有闭合",
  CSV_INVALID_CLOSING_QUOTE: "引号闭合后紧跟了其他字符",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "引号闭合后紧跟了其他字符",
  INVALID_OPENING_QUOTE: "字段中间出现了引号",
  CSV_INVALID_OPENING_QUOTE: "字段中间出现了引号",
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: "列数与表头不一致",
  CSV_MAX_RECORD_SIZE: "单行内容过长",
};

function csvProblem(cause: unknown): string {
  const { code, lines } = (cause ?? {}) as { code?: string; lines?: number };
  const where = typeof lines === "number" ? `（第 ${lines} 行）` : "";
  return `CSV 格式有误${where}：${(code && CSV_PROBLEMS[code]) || "无法解析，请在 Excel 中“另存为 CSV UTF-8”后重试"}`;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

function readCsv(buffer: Buffer): TableRow[] {
  const text = buffer.toString("utf8");
  if (text.includes("\uFFFD")) {
    throw new AppError({ message: "文件不是 UTF-8 编码：请在 Excel 中“另存为 CSV UTF-8”后再导入", code: "bad_file", field: "file" });
  }
  try {
    const records = parse(text, { bom: true, relax_column_count: true, info: true, skip_empty_lines: false }) as unknown as { record: string[]; info: { lines: number } }[];
    // info.lines is where a record ends; a quoted cell may span lines, and the row starts where it begins.
    const newlines = (cells: string[]) => cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    return records.map(({ record, info }) => ({ line: info.lines - newlines(record), cells: record.map((c) => String(c)) }));
  } catch (cause) {
    throw new AppError({ message: csvProblem(cause), code: "bad_file", field: "file", cause });
  }
}

/**
 * An Excel cell as the text a person sees: a date cell as its calendar day (YYYY-MM-DD,
 * read by the one date parser afterwards), rich text and hyperlinks by their text, a
 * formula by its result, an error as nothing. Every import reads cells through this.
 */
export function spreadsheetCellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return calendarDateOfCell(value);
  if (typeof value === "object") {
    if ("result" in value) return spreadsheetCellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    return "";
  }
  return String(value);
}

async function readXlsx(buffer: Buffer): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (cause) {
    throw new AppError({ message: "无法读取该 Excel 文件，请确认是 .xlsx 格式", code: "bad_file", field: "file", cause });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = spreadsheetCellText(cell.value);
    });
    rows.push({ line: rowNumber, cells: Array.from(cells, (c) => c ?? "") });
  });
  return rows;
}

/** The first non-blank row is the header; blank rows after it are skipped. */
export async function readTable(buffer: Buffer, fileName: string): Promise<Table> {
  const all = formatOfFile(fileName) === "csv" ? readCsv(buffer) : await readXlsx(buffer);
  const rows = all.filter((r) => !isBlank(r.cells));
  const [head, ...body] = rows;
  if (!head) throw new AppError({ message: "文件是空的：第一行应为表头", code: "bad_file", field: "file" });
  return { header: head.cells, headerLine: head.line, rows: body };
}
