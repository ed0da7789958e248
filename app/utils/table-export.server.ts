import ExcelJS from "exceljs";
import { fenToYuanText } from "~/domain/money";
import { AppError } from "./errors.server";

/**
 * The one writer of tables as files: CSV (UTF-8 with BOM, so Excel reads the
 * Chinese; CRLF lines) or XLSX. Every CSV cell that a spreadsheet would read as a
 * formula (starting with = + - @, a tab or a carriage return) is written as text
 * with a leading apostrophe; XLSX cells are typed values, never formulas. Money
 * columns hold fen and are written as yuan with two decimals.
 */
export type Cell = string | number | null;
export type Sheet = { title: string; header: string[]; rows: Cell[][]; widths?: (number | undefined)[]; moneyColumns?: ReadonlySet<number> };
export type ExportColumn<T> = { header: string; value: (row: T) => string | number; money?: boolean; width?: number };
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;

/** A text that a spreadsheet would run as a formula gets a leading apostrophe. */
function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(value: Cell): string {
  const text = value === null ? "" : typeof value === "string" ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function writeCsv(sheet: Pick<Sheet, "header" | "rows">) {
  const lines = [sheet.header, ...sheet.rows].map((row) => row.map(csvCell).join(","));
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

export async function writeXlsx(sheet: Sheet) {
  return writeWorkbook([sheet]);
}

/**
 * Several sheets in one workbook, the first one active. `textColumns` are formatted as
 * text (@), so that an identity number or a credit code typed into them stays as typed.
 */
export async function writeWorkbook(sheets: readonly (Sheet & { textColumns?: boolean })[]) {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.title.slice(0, 31));
    ws.addRow(sheet.header).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row);
    ws.columns.forEach((column, i) => {
      const widest = Math.max(...[sheet.header[i] ?? "", ...sheet.rows.slice(0, 200).map((r) => String(r[i] ?? ""))].map((s) => s.length));
      column.width = sheet.widths?.[i] ?? Math.min(Math.max(widest * 2, 8), 60);
      if (sheet.moneyColumns?.has(i)) column.numFmt = "#,##0.00";
      else if (sheet.textColumns) column.numFmt = "@";
    });
    ws.views = [{ state: "frozen", ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A column of an import file as its template explains it. */
export type TemplateColumn = { header: string; required: boolean; note: string };

/**
 * An import's template: sheet 导入数据 with the Chinese headers and one example row (the
 * row the importer accepts as it is), sheet 填写说明 explaining every column. Built from
 * the import's own column list, so the template and the importer cannot disagree.
 */
export async function importTemplate({ columns, example }: { columns: readonly TemplateColumn[]; example: readonly string[] }) {
  return writeWorkbook([
    { title: "导入数据", header: columns.map((c) => c.header), rows: [[...example]], textColumns: true },
    {
      title: "填写说明",
      header: ["列名", "是否必填", "填写说明", "示例"],
      rows: columns.map((c, i) => [c.header, c.required ? "必填" : "选填", c.note, example[i] ?? ""]),
      widths: [16, 10, 70, 30],
    },
  ]);
}

/** The download response of an import template (.xlsx). */
export async function importTemplateResponse(input: { fileName: string; columns: readonly TemplateColumn[]; example: readonly string[] }) {
  return new Response(await importTemplate(input), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(`${input.fileName}.xlsx`)}`,
      "Cache-Control": "no-store",
    },
  });
}

/** Rows as a sheet through their columns; money (fen) becomes yuan, built from its decimal text so the cell shows exactly the fen. */
function sheetOf<T>(title: string, columns: readonly ExportColumn<T>[], rows: readonly T[], moneyAs: "text" | "number"): Sheet {
  return {
    title,
    header: columns.map((c) => c.header),
    rows: rows.map((row) =>
      columns.map((c) => {
        if (!c.money) return c.value(row);
        const yuan = fenToYuanText(Number(c.value(row)));
        return moneyAs === "text" ? yuan : Number(yuan);
      }),
    ),
    widths: columns.map((c) => c.width ?? (c.money ? 16 : 20)),
    moneyColumns: new Set(columns.flatMap((c, i) => (c.money ? [i] : []))),
  };
}

export function tableToCsv<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): string {
  return writeCsv(sheetOf("", columns, rows, "text")).toString("utf8");
}

export async function tableToXlsx<T>(sheetName: string, columns: readonly ExportColumn<T>[], rows: readonly T[]) {
  return writeXlsx(sheetOf(sheetName, columns, rows, "number"));
}

/** The download response for a table in the requested format. */
export async function exportTable<T>(input: {
  format: string;
  fileName: string;
  sheetName: string;
  columns: readonly ExportColumn<T>[];
  rows: readonly T[];
}): Promise<Response> {
  const disposition = (ext: string) =>
    `attachment; filename="export.${ext}"; filename*=UTF-8''${encodeURIComponent(`${input.fileName}.${ext}`)}`;
  if (input.format === "csv") {
    return new Response(tableToCsv(input.columns, input.rows), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition("csv") },
    });
  }
  if (input.format === "xlsx") {
    const body = await tableToXlsx(input.sheetName, input.columns, input.rows);
    return new Response(body, {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": disposition("xlsx"),
      },
    });
  }
  throw new AppError({ code: "invalid", field: "format", message: "导出格式应为 csv 或 xlsx" });
}
