import { beforeAll, describe, expect, it } from "vitest";
import { pinyinSortKey } from "~/utils/pinyin-sort";
import { listGraduates, GRADUATE_SORTS } from "~/services/labour/graduates.server";
import { listRegistry, saveRecord } from "~/services/registry/registry.server";
import { prisma } from "~/utils/db.server";
import { parseListQuery } from "~/utils/list-query";
import { principalOfAccount, type Principal } from "~/utils/principal.server";
import { buildRegistry, createAccount, createGraduate } from "./fixtures";

/**
 * Chinese names sort by pinyin inside the database, the same on SQLite and PostgreSQL
 * (ADR 102): `npm run test:integration` and `npm run test:pg` run this file, and both
 * must give these literal orders. Names are real place names whose first character has
 * two readings (长沙 chang, 重庆 chong, 厦门 xia) and surnames read as surnames (曾 zeng,
 * 单 shan), which code-point order and ICU's per-character zh collation get wrong.
 */
let registry: Awaited<ReturnType<typeof buildRegistry>>;
let province: Principal;
let collegeUser: Principal;

const PARKS = ["广州开发区", "重庆两江新区", "北京经济技术开发区", "安徽合肥高新区", "长沙经济技术开发区", "厦门火炬高新区", "深圳高新区"];
// buildRegistry adds 南昌小蓝经开区 (nan) and 进贤产业园 (jin).
const PARKS_IN_PINYIN_ORDER = [
  "安徽合肥高新区", "北京经济技术开发区", "长沙经济技术开发区", "重庆两江新区", "广州开发区",
  "进贤产业园", "南昌小蓝经开区", "深圳高新区", "厦门火炬高新区",
];

const parkNames = async (params: string) =>
  (await listRegistry({ principal: province, kind: "parks", params: new URLSearchParams(params) })).rows.map((r) => r.cells.name);

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};

beforeAll(async () => {
  registry = await buildRegistry();
  for (const [i, name] of PARKS.entries()) {
    await prisma.park.create({ data: { name, level: i % 2 ? "national" : "provincial", cityCode: "360100", countyCode: "360121", lng: 115 + i / 10, lat: 28 } });
  }
  province = (await principalOfAccount((await createAccount("province-pinyin", "province")).id))!;
  collegeUser = (await principalOfAccount((await createAccount("college-pinyin", "college", { collegeId: registry.college.id })).id))!;
});

describe("pinyin order in the database", () => {
  it("lists parks as 安徽 < 北京 < 长沙 < 重庆 < 广州 … < 深圳 < 厦门, and reversed for dir=desc", async () => {
    expect(await parkNames("sort=name&dir=asc")).toEqual(PARKS_IN_PINYIN_ORDER);
    expect(await parkNames("sort=name&dir=desc")).toEqual([...PARKS_IN_PINYIN_ORDER].reverse());
    // Code-point order, what ORDER BY "name" gave before, is a different order.
    expect([...PARKS_IN_PINYIN_ORDER].sort()).not.toEqual(PARKS_IN_PINYIN_ORDER);
  });

  it("keeps the order after a rename through the registry form (the key follows the name)", async () => {
    const xiamen = await prisma.park.findFirstOrThrow({ where: { name: "厦门火炬高新区" } });
    const saved = await saveRecord({
      principal: province,
      kind: "parks",
      id: xiamen.id,
      form: form({ name: "阿坝工业园", level: xiamen.level, cityCode: "360100", countyCode: "360121", lng: "115.5", lat: "28" }),
    });
    expect(saved).toMatchObject({ ok: true });
    expect((await parkNames("sort=name&dir=asc")).slice(0, 2)).toEqual(["阿坝工业园", "安徽合肥高新区"]);
    await prisma.park.update({ where: { id: xiamen.id }, data: { name: "厦门火炬高新区" } });
    expect(await parkNames("sort=name&dir=asc")).toEqual(PARKS_IN_PINYIN_ORDER);
  });

  it("lists a college's graduates by pinyin with surnames read as surnames", async () => {
    for (const name of ["曾敏", "张三", "单丽", "蔡伟", "安然", "重阳"]) await createGraduate(registry.college.id, name);
    const query = parseListQuery(new URL("http://x/college/graduates?sort=name&dir=asc"), { sorts: GRADUATE_SORTS, defaultSort: "name", defaultDirection: "asc" });
    const { rows } = await listGraduates({ principal: collegeUser, query });
    // 安 an < 蔡 cai < 重 chong < 单 shan < 曾 zeng < 张 zhang
    expect(rows.map((g) => g.name)).toEqual(["安然", "蔡伟", "重阳", "单丽", "曾敏", "张三"]);
  });

  it("orders enterprises in a park by pinyin, as the stored keys say", async () => {
    const names = ["重庆长安汽车有限公司", "北京燕京啤酒有限公司", "安徽江淮汽车有限公司", "广州白云山制药有限公司"];
    for (const [i, name] of names.entries()) {
      await prisma.enterprise.create({ data: { creditCode: `91360100MA35F00${String(i).padStart(2, "0")}0X`, name, parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 10 } });
    }
    const rows = await prisma.enterprise.findMany({ where: { parkId: registry.otherPark.id }, orderBy: { nameSort: "asc" }, select: { name: true, nameSort: true } });
    expect(rows.map((r) => r.name)).toEqual(["安徽江淮汽车有限公司", "北京燕京啤酒有限公司", "重庆长安汽车有限公司", "广州白云山制药有限公司"]);
    for (const r of rows) expect(r.nameSort).toBe(pinyinSortKey(r.name));
  });

  it("leaves no keyed row without its key", async () => {
    const empty = await Promise.all([
      prisma.park.count({ where: { nameSort: "" } }),
      prisma.college.count({ where: { nameSort: "" } }),
      prisma.enterprise.count({ where: { nameSort: "" } }),
      prisma.graduate.count({ where: { nameSort: "" } }),
    ]);
    expect(empty).toEqual([0, 0, 0, 0]);
  });
});
