import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { importRoster, latestRosterImport } from "~/services/labour/roster.server";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { decryptIdNumber, hashIdNumber } from "~/utils/pii.server";
import { buildRegistry } from "./fixtures";
import { identityNumber, principalOf, seedMajors, thrown } from "./labour-fixtures";

let college: Principal;
let enterprise: Principal;
const HEADER = "姓名,身份证号,手机号,专业代码,学历层次,毕业日期,技能等级,技能标签,意向城市";
const row = (seq: number, overrides: Partial<Record<"name" | "id" | "major" | "date", string>> = {}) =>
  [overrides.name ?? `学生${seq}`, overrides.id ?? identityNumber(seq), "13800138000", overrides.major ?? "460103", "高职", overrides.date ?? "2026-06-30", "四级", "数控、CAD", "南昌"].join(",");
const csv = (...lines: string[]) => new TextEncoder().encode([HEADER, ...lines].join("\n"));
const countOf = () => prisma.graduate.count({ where: { collegeId: college.collegeId! } });

beforeAll(async () => {
  const registry = await buildRegistry();
  await seedMajors();
  college = await principalOf("roster-college", "college", { collegeId: registry.college.id });
  enterprise = await principalOf("roster-hr", "enterprise", { enterpriseId: registry.enterprise.id });
});

describe("graduate roster import", () => {
  it("imports a good CSV with the identity numbers protected, and records the job as done", async () => {
    const result = await importRoster({ principal: college, fileName: "名册.csv", bytes: csv(row(1), row(2), row(3)) });
    expect(result).toMatchObject({ status: "done", imported: 3, problems: [] });
    const stored = await prisma.graduate.findFirstOrThrow({ where: { name: "学生2" } });
    expect(stored.idNumberMasked).toBe(`3601**********${identityNumber(2).slice(-4)}`);
    expect(stored.idNumberHash).toBe(hashIdNumber(identityNumber(2), process.env.PII_KEY!));
    expect(decryptIdNumber(stored.idNumberCipher, process.env.PII_KEY!)).toBe(identityNumber(2));
    expect(stored).toMatchObject({ gender: "F", majorCode: "460103", skillLevel: 4, skillTags: '["数控","CAD"]', preferredCities: '["360100"]' });
    expect(await latestRosterImport({ principal: college })).toMatchObject({ status: "done", totalRows: 3, doneRows: 3 });
  });

  it("refuses a file with two bad rows, names both lines, and imports nothing", async () => {
    const before = await countOf();
    const badId = identityNumber(11).slice(0, 17) + (identityNumber(11).endsWith("1") ? "2" : "1");
    const result = await importRoster({
      principal: college,
      fileName: "bad.csv",
      bytes: csv(row(10), row(11, { id: badId }), row(12), row(13, { major: "123456", date: "2026-13-01" })),
    });
    expect(result.status).toBe("refused");
    expect(result.problems).toEqual([
      { line: 3, field: "身份证号", reason: "身份证号校验位不正确，请核对是否有输错的数字" },
      { line: 5, field: "专业代码", reason: "专业代码 123456 不在专业目录中" },
      { line: 5, field: "毕业日期", reason: "毕业日期「2026-13-01」不是日历上的日期" },
    ]);
    expect(await countOf()).toBe(before);
    expect(await latestRosterImport({ principal: college })).toMatchObject({ status: "refused", problems: result.problems });
  });

  it("refuses identity numbers repeated in the file or already registered", async () => {
    const before = await countOf();
    const inFile = await importRoster({ principal: college, fileName: "dup.csv", bytes: csv(row(20), row(21), row(20, { name: "重复" })) });
    expect(inFile.problems).toEqual([{ line: 4, field: "身份证号", reason: "身份证号与第 2 行重复" }]);
    const inDb = await importRoster({ principal: college, fileName: "again.csv", bytes: csv(row(30), row(1)) });
    expect(inDb.problems).toEqual([{ line: 3, field: "身份证号", reason: "该身份证号的毕业生已在平台登记，不能重复导入" }]);
    expect(await countOf()).toBe(before);
  });

  it("lets only one of two simultaneous imports of the same people through", async () => {
    const before = await countOf();
    const file = () => csv(row(70), row(71), row(72));
    const results = await Promise.all([1, 2].map((n) => importRoster({ principal: college, fileName: `same-${n}.csv`, bytes: file() })));
    expect(results.map((r) => r.status).sort()).toEqual(["done", "refused"]);
    expect(await countOf()).toBe(before + 3);
  });

  it("reads XLSX with English headers, text identity numbers and date cells", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("名册");
    sheet.addRow(["name", "id_number", "phone", "major_code", "school_level", "graduation_date", "skill_level", "skill_tags", "preferred_cities"]);
    sheet.addRow(["王芳", identityNumber(42, "20040202"), "+86 139-0000-0000", "660103", "中职", new Date(Date.UTC(2026, 5, 20)), "", "钳工", "九江市；赣州"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await importRoster({ principal: college, fileName: "roster.XLSX", bytes });
    expect(result).toMatchObject({ status: "done", imported: 1 });
    const stored = await prisma.graduate.findFirstOrThrow({ where: { name: "王芳" } });
    expect(stored).toMatchObject({ phone: "13900000000", schoolLevel: "中职", skillLevel: null, preferredCities: '["360400","360700"]' });
    expect(stored.graduationDate.toISOString().slice(0, 10)).toBe("2026-06-20");
    expect(stored.gender).toBe("F");
  });

  it("reads a CSV saved by Excel in GB18030", async () => {
    // "姓名,身份证号,手机号,专业代码,学历层次,毕业日期\n张三" and ",高职," in GB18030.
    const head = Buffer.from("d0d5c3fb2cc9edb7ddd6a4bac52ccad6bbfabac52cd7a8d2b5b4fac2eb2cd1a7c0fab2e3b4ce2cb1cfd2b5c8d5c6da0ad5c5c8fd", "hex");
    const level = Buffer.from("2cb8dfd6b02c", "hex");
    const body = Buffer.concat([head, Buffer.from(`,${identityNumber(50)},13800138000,460103`), level, Buffer.from("2026-06-30")]);
    const result = await importRoster({ principal: college, fileName: "gbk.csv", bytes: body });
    expect(result).toMatchObject({ status: "done", imported: 1 });
    expect(await prisma.graduate.count({ where: { name: "张三", schoolLevel: "高职" } })).toBe(1);
  });

  it("refuses an unreadable file type and a role other than a college", async () => {
    const wrongType = await importRoster({ principal: college, fileName: "roster.pdf", bytes: csv(row(60)) });
    expect(wrongType.problems).toEqual([{ line: 0, field: "文件", reason: "请上传 .csv 或 .xlsx 文件" }]);
    const wrongRole = (await thrown(importRoster({ principal: enterprise, fileName: "r.csv", bytes: csv(row(61)) }))) as AppError;
    expect(wrongRole.status).toBe(403);
  });

  it("imports a file larger than one checking chunk in one go, with its progress recorded", async () => {
    const lines = Array.from({ length: 1_200 }, (_, i) => row(0, { id: identityNumber(i, `1998${String(1 + (Math.floor(i / 1000) % 9)).padStart(2, "0")}15`), name: `批量${i}` }));
    const before = await countOf();
    const result = await importRoster({ principal: college, fileName: "big.csv", bytes: csv(...lines) });
    expect(result).toMatchObject({ status: "done", imported: 1_200 });
    expect(await countOf()).toBe(before + 1_200);
    expect(await latestRosterImport({ principal: college })).toMatchObject({ status: "done", totalRows: 1_200, doneRows: 1_200, fileName: "big.csv" });
  }, 180_000);
});
