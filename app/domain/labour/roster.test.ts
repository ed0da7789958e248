import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { identityCheckChar } from "../ids/identity-number";
import { checkRoster, mapRosterHeaders, parseSkillLevel, splitList } from "./roster";

const ctx = { knownMajorCodes: new Set(["460103", "660103", "510203"]), today: new Date("2026-11-28T00:00:00Z") };
const idOf = (first17: string) => first17 + identityCheckChar(first17);
const HEADERS = ["姓名", "身份证号", "手机号", "专业代码", "学历层次", "毕业日期", "技能等级", "技能标签", "意向城市"];
const good = (seq: number) => [
  "李明",
  idOf(`36010220030501${String(seq).padStart(3, "0")}`),
  "13800138000",
  "460103",
  "高职",
  "2026-06-30",
  "三级/高级工",
  "数控车床、CAD",
  "南昌,九江市",
];

describe("roster headers", () => {
  it("accepts Chinese headers and English aliases in any order", () => {
    const { columns, problems } = mapRosterHeaders(["ID_Number", "name", "phone", "major_code", "level", "graduation_date", "skills"]);
    expect(problems).toEqual([]);
    expect(columns).toMatchObject({ idNumber: 0, name: 1, phone: 2, majorCode: 3, schoolLevel: 4, graduationDate: 5, skillTags: 6 });
  });

  it("names every missing required column on line 1", () => {
    const { problems } = mapRosterHeaders(["姓名", "手机号"]);
    expect(problems.map((p) => p.reason)).toEqual([
      "缺少“身份证号”列",
      "缺少“专业代码”列",
      "缺少“学历层次”列",
      "缺少“毕业日期”列",
    ]);
  });
});

describe("roster rows", () => {
  it("normalises a good row", () => {
    const { rows, problems } = checkRoster(HEADERS, [good(1)], ctx);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      line: 2,
      name: "李明",
      phone: "13800138000",
      schoolLevel: "高职",
      skillLevel: 3,
      skillTags: ["数控车床", "CAD"],
      preferredCities: ["360100", "360400"],
    });
    expect(rows[0]!.graduationDate.toISOString()).toBe("2026-06-30T00:00:00.000Z");
  });

  it("names every bad row with its line and reason, and keeps no row at all", () => {
    const badCheck = good(2);
    badCheck[1] = badCheck[1]!.slice(0, 17) + (badCheck[1]!.endsWith("0") ? "1" : "0");
    const badMajor = good(3);
    badMajor[3] = "999999";
    const badCity = good(4);
    badCity[8] = "广州";
    const { rows, problems } = checkRoster(HEADERS, [good(1), badCheck, badMajor, good(5), badCity], ctx);
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { line: 3, field: "身份证号", reason: "身份证号校验位不正确，请核对是否有输错的数字" },
      { line: 4, field: "专业代码", reason: "专业代码 999999 不在专业目录中" },
      { line: 6, field: "意向城市", reason: "意向城市不是本省设区市：广州" },
    ]);
  });

  it("reports a repeated identity number against its first line", () => {
    const { problems } = checkRoster(HEADERS, [good(1), good(2), good(1)], ctx);
    expect(problems).toEqual([{ line: 4, field: "身份证号", reason: "身份证号与第 2 行重复" }]);
  });

  it("reports all problems of one row", () => {
    const row = ["", "123", "12345", "46", "博士", "2026-02-30", "九级", "", ""];
    const { problems } = checkRoster(HEADERS, [row], ctx);
    expect(problems.map((p) => p.field)).toEqual(["姓名", "身份证号", "手机号", "专业代码", "学历层次", "毕业日期", "技能等级"]);
  });

  it.each([
    ["2026-02-30", "毕业日期「2026-02-30」不是日历上的日期"],
    ["0000-06-30", "毕业日期的年份应在 1900—2100 之间"],
    ["9999-06-30", "毕业日期的年份应在 1900—2100 之间"],
    ["2019-06-30", "毕业日期应在 2021-11-28 至 2031-11-28 之间（今天前后 5 年内）"],
    ["30/06/2026", "毕业日期应为日期，格式如 2026-09-01"],
  ])("refuses the graduation date %j with the date parser's reason", (date, reason) => {
    const row = good(1);
    row[5] = date;
    expect(checkRoster(HEADERS, [row], ctx).problems).toEqual([{ line: 2, field: "毕业日期", reason }]);
  });

  it.each(["2026/6/30", "2026年6月30日", "20260630", "2026.6.30"])("reads the Excel spelling %j", (date) => {
    const row = good(1);
    row[5] = date;
    expect(checkRoster(HEADERS, [row], ctx).rows[0]!.graduationDate.toISOString()).toBe("2026-06-30T00:00:00.000Z");
  });

  it("refuses a file with headers only", () => {
    expect(checkRoster(HEADERS, [], ctx).problems).toEqual([{ line: 2, field: "", reason: "文件中没有数据行" }]);
  });
});

describe("cell readers", () => {
  it.each([
    ["3", 3],
    ["三级", 3],
    ["高级工", 3],
    ["三级/高级工", 3],
    ["一级/高级技师", 1],
    ["", null],
    ["三级/技师", undefined],
    ["6", undefined],
  ])("技能等级 %j → %s", (raw, level) => {
    expect(parseSkillLevel(raw)).toBe(level);
  });

  it("splits a list cell into distinct trimmed items", () => {
    expect(splitList(" PLC ;数控、 PLC,,焊接|钳工 ")).toEqual(["PLC", "数控", "焊接", "钳工"]);
  });


  it("accepts every well-formed identity number and refuses it with one digit changed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 6, max: 16 }), fc.integer({ min: 1, max: 9 }), (seq, pos, delta) => {
        const row = good(seq);
        const id = row[1]!;
        expect(checkRoster(HEADERS, [row], ctx).problems).toEqual([]);
        const digit = (Number(id[pos]) + delta) % 10;
        row[1] = id.slice(0, pos) + digit + id.slice(pos + 1);
        return checkRoster(HEADERS, [row], ctx).problems.some((p) => p.field === "身份证号");
      }),
    );
  });
});
