import { z } from "zod";
import type { Principal } from "~/utils/principal.server";
import { AppError } from "~/utils/errors.server";
import { writeCsv, writeXlsx } from "~/utils/table-export.server";
import { exportRows } from "./registry.server";
import { chinaDate } from "~/domain/china-time";

const FormatSchema = z.enum(["csv", "xlsx"], { error: "导出格式应为 csv 或 xlsx" });

/** A registry list, with the filters and sort of the page it was asked from, as a CSV or XLSX file. */
export async function exportRegistry({ principal, kind, params }: { principal: Principal; kind: string | undefined; params: URLSearchParams }) {
  const format = FormatSchema.safeParse(params.get("format") ?? "csv");
  if (!format.success) throw new AppError({ message: format.error.issues[0]!.message, field: "format", code: "bad_format" });
  const list = await exportRows({ principal, kind, params });
  const sheet = {
    title: list.title,
    header: list.columns.map((c) => c.label),
    rows: list.rows.map((row) => list.columns.map((c) => row.cells[c.key] ?? null)),
  };
  const stamp = chinaDate(new Date());
  const fileName = `${list.title}-${stamp}.${format.data}`;
  if (format.data === "csv") return { body: writeCsv(sheet), fileName, contentType: "text/csv; charset=utf-8" };
  return {
    body: await writeXlsx(sheet),
    fileName,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  };
}
