import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { CITIES, COUNTIES } from "~/domain/geo/divisions";
import { ROSTER_COLUMNS } from "~/domain/labour/roster";
import { rosterTemplate, importRoster } from "~/services/labour/roster.server";
import { importTable, importTemplateFor } from "~/services/registry/imports.server";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { readTable } from "~/utils/tabular.server";
import { importTemplate } from "~/utils/table-export.server";
import { buildRegistry } from "./fixtures";
import { principalOf, seedMajors } from "./labour-fixtures";

let province: Principal;
let park: Principal;
let college: Principal;

beforeAll(async () => {
  const registry = await buildRegistry();
  await seedMajors();
  await prisma.city.createMany({ data: CITIES.filter((c) => c.code !== "360100").map((c) => ({ ...c })) });
  await prisma.county.createMany({ data: COUNTIES.filter((c) => c.code !== "360121").map((c) => ({ ...c })) });
  await prisma.collegeMajor.create({ data: { collegeId: registry.college.id, majorCode: "460103" } });
  province = await principalOf("template-province", "province");
  park = await principalOf("template-park", "park", { parkId: registry.park.id });
  college = await principalOf("template-college", "college", { collegeId: registry.college.id });
});

async function sheets(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const rowsOf = (ws: ExcelJS.Worksheet) => {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    return rows;
  };
  return workbook.worksheets.map((ws) => ({ name: ws.name, rows: rowsOf(ws) }));
}

// The template is built from the importer's own column list; its example row must go through the importer untouched.
describe("import templates", () => {
  it.each([
    ["parks", () => province],
    ["colleges", () => province],
    ["pairings", () => park],
    ["bases", () => park],
    ["enterprises", () => park],
  ] as const)("%s: Chinese headers, an explanation of every column, and an example row that imports as it is", async (kind, who) => {
    const template = await importTemplateFor({ principal: who(), kind });
    const buffer = await importTemplate(template);
    const [data, notes] = await sheets(buffer);
    expect(data!.name).toBe("导入数据");
    expect(data!.rows[0]).toEqual(template.columns.map((c) => c.header));
    expect(data!.rows).toHaveLength(2);
    expect(notes!.name).toBe("填写说明");
    expect(notes!.rows.slice(1).map((r) => r[0])).toEqual(template.columns.map((c) => c.header));
    for (const row of notes!.rows.slice(1)) expect(row[2]!.length).toBeGreaterThan(3);

    const outcome = await importTable({ principal: who(), kind, table: await readTable(buffer, "模板.xlsx") });
    expect(outcome).toEqual({ status: "done", created: 1 });
  });

  it("a park administrator gets no template for parks, which only the province imports", async () => {
    await expect(importTemplateFor({ principal: park, kind: "parks" })).rejects.toMatchObject({ status: 403 });
  });

  it("the graduate roster: every roster column explained, and the example graduate imports for this college", async () => {
    const template = await rosterTemplate({ principal: college });
    const buffer = await importTemplate(template);
    const [data, notes] = await sheets(buffer);
    expect(data!.rows[0]).toEqual(Object.values(ROSTER_COLUMNS).map((c) => c.header));
    expect(notes!.rows.slice(1).map((r) => r[1])).toEqual(Object.values(ROSTER_COLUMNS).map((c) => (c.required ? "必填" : "选填")));
    const result = await importRoster({ principal: college, fileName: "模板.xlsx", bytes: new Uint8Array(buffer) });
    expect(result).toMatchObject({ status: "done", imported: 1, problems: [] });
    // Downloaded again, the example is a person not yet registered, so it still imports.
    const again = await rosterTemplate({ principal: college });
    expect(again.example[1]).not.toBe(template.example[1]);
  });
});
