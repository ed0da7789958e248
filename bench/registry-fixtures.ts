import { creditCodeCheckChar } from "~/domain/ids/credit-code";
import { CITIES, COUNTIES } from "~/domain/geo/divisions";
import { HIGHER_VOCATIONAL_CATEGORIES, HIGHER_VOCATIONAL_CLASSES, HIGHER_VOCATIONAL_MAJORS } from "~/domain/catalogue/majors";
import type { prisma as Prisma } from "~/utils/db.server";

/**
 * Registry files as people would prepare them (Chinese headers), for the import
 * benchmark and for trying the import pages: parks, colleges, pairings, bases and
 * any number of enterprises with valid, distinct credit codes.
 */
export type Rows = string[][];

export async function seedGeography(db: typeof Prisma) {
  await db.city.createMany({ data: CITIES.map((c) => ({ ...c })) });
  await db.county.createMany({ data: COUNTIES.map((c) => ({ ...c })) });
  await db.majorCategory.createMany({ data: HIGHER_VOCATIONAL_CATEGORIES.map((c) => ({ ...c, level: "高职" })) });
  await db.majorClass.createMany({ data: HIGHER_VOCATIONAL_CLASSES.map((c) => ({ ...c, categoryCode: c.code.slice(0, 2) })) });
  await db.major.createMany({ data: HIGHER_VOCATIONAL_MAJORS.map((m) => ({ ...m, classCode: m.code.slice(0, 4), level: "高职" })) });
}

const cityOf = (cityCode: string) => CITIES.find((c) => c.code === cityCode)!;
const jitter = (i: number, spread: number) => (((i * 7919) % 1000) / 1000 - 0.5) * spread;

/** One park per county for the first `count` counties, named after the county. */
export function parkRows(count: number): Rows {
  const rows = COUNTIES.slice(0, count).map((county, i) => {
    const city = cityOf(county.cityCode);
    return [
      `${county.name}产业园`,
      i % 9 === 0 ? "国家级" : "省级",
      city.name,
      county.name,
      (city.lng + jitter(i, 0.5)).toFixed(3),
      (city.lat + jitter(i + 3, 0.4)).toFixed(3),
    ];
  });
  return [["名称", "级别", "所在城市", "所在区县", "经度", "纬度"], ...rows];
}

/** Each park but every tenth paired with one college (some with two), so that unpaired parks exist. */
export function pairingRows(parks: Rows, colleges: Rows): Rows {
  const rows: string[][] = [];
  parks.slice(1).forEach((park, i) => {
    if (i % 10 === 9) return;
    rows.push([park[0]!, colleges[1 + (i % (colleges.length - 1))]![0]!, "2024-09-01", ""]);
    if (i % 3 === 0) rows.push([park[0]!, colleges[1 + ((i + 5) % (colleges.length - 1))]![0]!, "2025-03-01", "2028-02-28"]);
  });
  return [["园区", "院校", "开始日期", "结束日期"], ...rows];
}

export function creditCode(serial: number, division = "360100"): string {
  const first17 = `91${division}${String(serial).padStart(9, "0")}`;
  return first17 + creditCodeCheckChar(first17);
}

export function enterpriseRows(count: number, parkNames: string[], firstSerial = 1): Rows {
  const rows = Array.from({ length: count }, (_, i) => [
    `江西测试企业${firstSerial + i}有限公司`,
    creditCode(firstSerial + i),
    parkNames[i % parkNames.length]!,
    "",
    i % 25 === 0 ? "龙头企业" : "配套企业",
    String(20 + (i % 900)),
    "",
  ]);
  return [["名称", "统一社会信用代码", "所属园区", "所属集群", "集群角色", "职工人数", "联系电话"], ...rows];
}

export const toCsv = (rows: Rows) => `${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n")}\n`;
