import { z } from "zod";
import { PARK_LEVEL_LABELS, PARK_LEVELS } from "~/domain/constants";
import { CITIES, COUNTIES } from "~/domain/geo/divisions";
import { editableParkScope, secondmentScope } from "~/utils/scopes.server";
import type { Prisma } from "~/utils/db.server";
import { containsText } from "~/utils/sql.server";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/errors.server";
import { requiredText } from "~/utils/forms";
import { cityLookup, cityOptions, countyOptions, currentPairingWhere, fieldError, freeName, isCurrent, labelledOptions, lookUp, pairingSection, period } from "./common.server";
import { enumField, latField, lngField } from "./fields";
import type { Problem, RegistryDefinition } from "./types";
import { recordRegistrySearchChanges, requestSearchDelivery } from "~/services/search/sync.server";

const CITY_CODES = CITIES.map((c) => c.code);

export const ParkSchema = z
  .object({
    name: requiredText("园区名称", 60),
    level: enumField("级别", PARK_LEVELS, PARK_LEVEL_LABELS),
    cityCode: z.string({ error: "请选择所在城市" }).refine((c) => CITY_CODES.includes(c), { error: "请选择所在城市" }),
    countyCode: z.string({ error: "请选择所在区县" }).min(1, { error: "请选择所在区县" }),
    lng: lngField,
    lat: latField,
  })
  .superRefine((park, ctx) => {
    const county = COUNTIES.find((c) => c.code === park.countyCode);
    if (!county) ctx.addIssue({ code: "custom", path: ["countyCode"], message: "请选择所在区县" });
    else if (county.cityCode !== park.cityCode)
      ctx.addIssue({ code: "custom", path: ["countyCode"], message: "所选区县不属于所在城市" });
  });
export type ParkInput = z.infer<typeof ParkSchema>;

const ORDER: Record<string, (d: Prisma.SortOrder) => Prisma.ParkOrderByWithRelationInput> = {
  name: (d) => ({ nameSort: d }),
  level: (d) => ({ level: d }),
  city: (d) => ({ cityCode: d }),
  enterprises: (d) => ({ enterprises: { _count: d } }),
};

async function assertNameFree(name: string, exceptId?: number) {
  const clash = await prisma.park.findFirst({ where: { name, NOT: { id: exceptId ?? -1 } }, select: { id: true } });
  if (clash) throw fieldError("name", "已有同名园区");
}

const levelLabel = (level: string) => PARK_LEVEL_LABELS[level as keyof typeof PARK_LEVEL_LABELS] ?? level;

export const parks: RegistryDefinition<ParkInput> = {
  kind: "parks",
  title: "工业园区",
  noun: "园区",
  creators: ["province"],
  spec: { sorts: Object.keys(ORDER), defaultSort: "name", defaultDirection: "asc", filters: ["q", "city", "level", "pairing"] },
  columns: [
    { key: "name", label: "园区名称", sortable: true },
    { key: "level", label: "级别", sortable: true },
    { key: "city", label: "所在地", sortable: true },
    { key: "clusters", label: "产业集群" },
    { key: "enterprises", label: "企业", sortable: true },
    { key: "bases", label: "实训基地" },
    { key: "pairing", label: "对接状态" },
  ],
  async filters() {
    return [
      { key: "q", label: "名称", type: "text" },
      { key: "city", label: "城市", type: "select", options: cityOptions() },
      { key: "level", label: "级别", type: "select", options: labelledOptions(PARK_LEVELS, PARK_LEVEL_LABELS) },
      {
        key: "pairing",
        label: "对接状态",
        type: "select",
        options: [
          { value: "none", label: "无在期对接院校" },
          { value: "current", label: "已对接" },
        ],
      },
    ];
  },
  async load({ query, take, skip }) {
    const f = query.filters;
    const current = currentPairingWhere();
    const where: Prisma.ParkWhereInput = {
      ...(f.q ? { name: containsText(f.q) } : {}),
      ...(f.city ? { cityCode: f.city } : {}),
      ...(f.level ? { level: f.level } : {}),
      ...(f.pairing === "none" ? { pairings: { none: current } } : {}),
      ...(f.pairing === "current" ? { pairings: { some: current } } : {}),
    };
    const [total, rows] = await Promise.all([
      prisma.park.count({ where }),
      prisma.park.findMany({
        where,
        orderBy: [ORDER[query.sort]!(query.direction), { id: "asc" }],
        take,
        skip,
        select: {
          id: true,
          name: true,
          level: true,
          city: { select: { name: true } },
          county: { select: { name: true } },
          _count: { select: { clusters: true, enterprises: true, bases: true, pairings: { where: current } } },
        },
      }),
    ]);
    return {
      total,
      rows: rows.map((p) => ({
        id: p.id,
        href: `/registries/parks/${p.id}`,
        warning: p._count.pairings === 0 ? "无在期对接院校" : undefined,
        cells: {
          name: p.name,
          level: levelLabel(p.level),
          city: `${p.city.name} ${p.county.name}`,
          clusters: p._count.clusters,
          enterprises: p._count.enterprises,
          bases: p._count.bases,
          pairing: p._count.pairings === 0 ? "⚠ 无在期对接院校" : `已对接 ${p._count.pairings} 所`,
        },
      })),
    };
  },
  async detail(principal, id) {
    const park = await prisma.park.findUnique({
      where: { id },
      select: {
        name: true,
        level: true,
        cityCode: true,
        lng: true,
        lat: true,
        city: { select: { name: true } },
        county: { select: { name: true } },
        clusters: { select: { id: true, name: true, chain: true, _count: { select: { enterprises: true } } }, orderBy: { nameSort: "asc" } },
        pairings: {
          select: { id: true, startDate: true, endDate: true, college: { select: { name: true } } },
          orderBy: { startDate: "desc" },
        },
        bases: { select: { id: true, name: true, capacity: true }, orderBy: { nameSort: "asc" } },
        _count: { select: { enterprises: true } },
      },
    });
    if (!park) throw notFound("园区");
    const secondments = await prisma.secondment.findMany({
      where: { AND: [{ enterprise: { parkId: id } }, secondmentScope(principal)] },
      select: { id: true, personName: true, position: true, startDate: true, endDate: true, enterprise: { select: { name: true } }, college: { select: { name: true } } },
      orderBy: { startDate: "desc" },
      take: 50,
    });
    const paired = park.pairings.some((x) => isCurrent(x.startDate, x.endDate));
    return {
      title: park.name,
      mapHref: `/map?city=${park.cityCode}`,
      facts: [
        { label: "级别", value: levelLabel(park.level) },
        { label: "所在地", value: `${park.city.name} ${park.county.name}` },
        { label: "坐标", value: `${park.lng}, ${park.lat}` },
        { label: "对接状态", value: paired ? "已对接" : "⚠ 暂无在期对接院校", warning: !paired },
        { label: "园区企业", value: `${park._count.enterprises} 家`, href: `/registries/enterprises?park=${id}` },
      ],
      sections: [
        pairingSection({ key: "college", label: "院校" }, park.pairings.map((x) => ({ ...x, name: x.college.name }))),
        {
          title: "产业集群",
          empty: "暂无集群",
          columns: [
            { key: "name", label: "集群" },
            { key: "chain", label: "产业链" },
            { key: "enterprises", label: "企业" },
          ],
          rows: park.clusters.map((c) => ({
            id: c.id,
            href: `/registries/clusters/${c.id}`,
            cells: { name: c.name, chain: c.chain, enterprises: c._count.enterprises },
          })),
        },
        {
          title: "实训基地",
          empty: "暂无实训基地",
          columns: [
            { key: "name", label: "基地" },
            { key: "capacity", label: "容纳人数" },
          ],
          rows: park.bases.map((b) => ({ id: b.id, href: `/registries/bases/${b.id}`, cells: { name: b.name, capacity: b.capacity } })),
        },
        {
          title: "双向挂职",
          empty: "暂无挂职记录",
          columns: [
            { key: "person", label: "人员" },
            { key: "position", label: "挂职岗位" },
            { key: "between", label: "企业 ↔ 院校" },
            { key: "period", label: "期限" },
          ],
          rows: secondments.map((s) => ({
            id: s.id,
            href: `/registries/secondments/${s.id}`,
            cells: { person: s.personName, position: s.position, between: `${s.enterprise.name} ↔ ${s.college.name}`, period: period(s.startDate, s.endDate) },
          })),
        },
      ],
    };
  },
  async mayEdit(principal, id) {
    return (await prisma.park.count({ where: { AND: [{ id }, editableParkScope(principal)] } })) > 0;
  },
  schema: ParkSchema,
  async fields() {
    return [
      { name: "name", label: "园区名称", type: "text", required: true },
      { name: "level", label: "级别", type: "select", options: labelledOptions(PARK_LEVELS, PARK_LEVEL_LABELS), required: true },
      { name: "cityCode", label: "所在城市", type: "select", options: cityOptions(), required: true },
      { name: "countyCode", label: "所在区县", type: "select", options: countyOptions(), required: true },
      { name: "lng", label: "经度", type: "number", required: true, hint: "GCJ-02 坐标，如 115.892" },
      { name: "lat", label: "纬度", type: "number", required: true, hint: "如 28.676" },
    ];
  },
  async values(principal, id) {
    const park = await prisma.park.findFirst({ where: { AND: [{ id }, editableParkScope(principal)] } });
    if (!park) throw notFound("园区");
    return { name: park.name, level: park.level, cityCode: park.cityCode, countyCode: park.countyCode, lng: String(park.lng), lat: String(park.lat) };
  },
  async create(_principal, input) {
    await assertNameFree(input.name);
    return (await prisma.park.create({ data: input, select: { id: true } })).id;
  },
  async update(principal, id, input) {
    if (!(await parks.mayEdit(principal, id))) throw forbidden("您只能修改本园区的信息");
    await assertNameFree(input.name, id);
    await prisma.$transaction(async (tx) => {
      await tx.park.update({ where: { id }, data: input });
      await recordRegistrySearchChanges({ db: tx, change: { kind: "park", id } });
    });
    await requestSearchDelivery();
  },
  import: {
    roles: ["province"],
    columns: [
      { key: "name", header: "名称", aliases: ["园区名称"], required: true, note: "园区全称，全省唯一" },
      { key: "level", header: "级别", aliases: ["园区级别"], required: true, note: "国家级 或 省级" },
      { key: "cityCode", header: "所在城市", aliases: ["城市", "设区市", "city"], required: true, note: "设区市名称（如 南昌市、南昌）或行政区划代码（360100）" },
      { key: "countyCode", header: "所在区县", aliases: ["区县", "county"], required: true, note: "该市下辖区县的名称（如 青山湖区）或行政区划代码" },
      { key: "lng", header: "经度", aliases: ["longitude"], required: true, note: "园区中心点经度，十进制度数，如 115.9" },
      { key: "lat", header: "纬度", aliases: ["latitude"], required: true, note: "园区中心点纬度，十进制度数，如 28.7" },
    ],
    async example() {
      const taken = new Set((await prisma.park.findMany({ select: { name: true } })).map((p) => p.name));
      const county = COUNTIES.find((c) => c.cityCode === "360100")!;
      return { name: freeName("示例工业园区", taken), level: PARK_LEVEL_LABELS.provincial, cityCode: "南昌市", countyCode: county.name, lng: "115.89", lat: "28.68" };
    },
    async prepare() {
      const taken = new Set((await prisma.park.findMany({ select: { name: true } })).map((p) => p.name));
      const cities = cityLookup();
      const counties = new Map<string, string>();
      for (const c of COUNTIES) {
        counties.set(c.code, c.code);
        counties.set(`${c.cityCode}|${c.name}`, c.code);
      }
      return {
        resolve(cells) {
          const problems: Problem[] = [];
          const cityCode = lookUp(cities, cells.cityCode, "城市", problems, "所在城市");
          const county = cells.countyCode ?? "";
          const countyCode = counties.get(county) ?? (cityCode ? counties.get(`${cityCode}|${county}`) : undefined);
          if (county && cityCode && !countyCode) problems.push({ field: "所在区县", reason: `区县“${county}”不在该城市` });
          return { values: { ...cells, cityCode: cityCode ?? "", countyCode: countyCode ?? "" }, problems };
        },
        keys: (park) => [{ label: "园区名称", key: park.name }],
        exists: (key) => taken.has(key),
        refusal: () => null,
      };
    },
    async insert(tx, inputs) {
      await tx.park.createMany({ data: inputs });
    },
  },
};
