import ExcelJS from "exceljs";
import { fenToYuanText } from "~/domain/fund/decimal";
import { AppError } from "./errors.server";

/**
 * Exports of a table as CSV (UTF-8 with BOM, so Excel reads the Chinese) or XLSX.
 * Money columns hold fen and are written as yuan with two decimals.
 */
export type ExportColumn<T> = { header: string; value: (row: T) => string | number; money?: boolean; width?: number };
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A cell that a spreadsheet would read as a formula is written as text. */
function csvCell(value: string | number): string {
  const text = typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tableToCsv<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(",")];
  for (const row of rows) {
    lines.push(columns.map((c) => csvCell(c.money ? fenToYuanText(Number(c.value(row))) : c.value(row))).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function tableToXlsx<T>(sheetName: string, columns: readonly ExportColumn<T>[], rows: readonly T[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width ?? (c.money ? 16 : 20),
    style: c.money ? { numFmt: "#,##0.00" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    // The yuan figure is built from its decimal text, so the cell shows exactly the fen.
    sheet.addRow(columns.map((c) => (c.money ? Number(fenToYuanText(Number(c.value(row)))) : c.value(row))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
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
