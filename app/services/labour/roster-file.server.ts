import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { AppError } from "~/utils/errors.server";
import { spreadsheetCellText } from "~/utils/tabular.server";

/**
 * Reads an uploaded table (CSV or XLSX) into a header row and data rows of text.
 * CSV saved by Excel on Chinese Windows is GB18030, not UTF-8: both are accepted.
 */
export type TableFile = { headers: string[]; records: string[][] };

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(spreadsheetCellText(row.getCell(c).value).trim());
    rows.push(cells);
  });
  return rows;
}

function readCsv(bytes: Uint8Array): string[][] {
  return parse(decodeText(bytes), { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
}

export async function readTableFile(fileName: string, bytes: Uint8Array): Promise<TableFile> {
  if (bytes.byteLength === 0) throw new AppError({ message: "上传的文件是空的", field: "file" });
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new AppError({ message: "文件不能超过 20 MB", field: "file" });
  const lower = fileName.toLowerCase();
  let rows: string[][];
  try {
    if (lower.endsWith(".xlsx")) rows = await readXlsx(bytes);
    else if (lower.endsWith(".csv")) rows = readCsv(bytes);
    else throw new AppError({ message: "请上传 .csv 或 .xlsx 文件", field: "file" });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError({ message: "文件无法读取，请确认是有效的 CSV 或 XLSX 文件", field: "file", cause: error });
  }
  // Trailing blank lines are not rows; blank lines in the middle keep their line numbers.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === "")) rows.pop();
  const [headers = [], ...records] = rows;
  return { headers, records };
}
