import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { writeCsv, writeXlsx } from "./table-export.server";
import { readTable } from "./tabular.server";

describe("readTable", () => {
  it("reads a CSV with a byte-order mark, keeping the line numbers a person sees", async () => {
    const csv = "\uFEFF名称,备注\n\n甲,\"第一行\n第二行\"\n乙,x\n";
    const table = await readTable(Buffer.from(csv, "utf8"), "a.csv");
    expect(table.header).toEqual(["名称", "备注"]);
    expect(table.rows).toEqual([
      { line: 3, cells: ["甲", "第一行\n第二行"] },
      { line: 5, cells: ["乙", "x"] },
    ]);
  });

  it("explains a broken CSV in Chinese, with its line", async () => {
    const csv = "名称,备注\n甲,\"没有闭合\n乙,x\n";
    await expect(readTable(Buffer.from(csv, "utf8"), "a.csv")).rejects.toThrow(/^CSV 格式有误（第 \d+ 行）：引号没有闭合$/);
    await expect(readTable(Buffer.from('名称\n甲"乙"丙\n', "utf8"), "a.csv")).rejects.toThrow(/^CSV 格式有误（第 2 行）：字段中间出现了引号$/);
  });

  it("refuses a file saved in GBK with a hint to save it as UTF-8", async () => {
    const gbk = Buffer.from([0xc3, 0xfb, 0xb3, 0xc6, 0x0a]);
    await expect(readTable(gbk, "a.csv")).rejects.toThrow("另存为 CSV UTF-8");
  });

  it("reads XLSX cells as text, dates as YYYY-MM-DD, with row numbers", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("s");
    sheet.addRow(["园区", "开始日期", "人数"]);
    sheet.addRow([]);
    sheet.addRow(["南昌经开区", new Date(Date.UTC(2026, 8, 1)), 12]);
    const table = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), "b.XLSX");
    expect(table.rows).toEqual([{ line: 3, cells: ["南昌经开区", "2026-09-01", "12"] }]);
  });

  it("refuses other file types and an empty file", async () => {
    await expect(readTable(Buffer.from("x"), "a.xls")).rejects.toThrow("只支持 CSV（.csv）和 Excel（.xlsx）文件");
    await expect(readTable(Buffer.from("\n\n"), "a.csv")).rejects.toThrow("文件是空的");
  });
});

describe("writing", () => {
  const sheet = { title: "园区", header: ["名称", "备注"], rows: [["甲, \"乙\"", 3], ["丙", null]] };

  it("writes CSV that reads back the same", async () => {
    const table = await readTable(writeCsv(sheet), "x.csv");
    expect(table.rows.map((r) => r.cells)).toEqual([["甲, \"乙\"", "3"], ["丙", ""]]);
  });

  it("writes XLSX that reads back the same", async () => {
    const table = await readTable(await writeXlsx(sheet), "x.xlsx");
    expect(table.header).toEqual(["名称", "备注"]);
    expect(table.rows.map((r) => r.cells)).toEqual([["甲, \"乙\"", "3"], ["丙"]]);
  });
});
