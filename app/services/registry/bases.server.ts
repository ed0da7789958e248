import { z } from "zod";
import { ORDER_STATUS_LABELS } from "~/domain/constants";
import { editablePairingScope, editableTrainingBaseScope } from "~/utils/scopes.server";
import type { Prisma } from "~/utils/db.server";
import { containsText } from "~/utils/sql.server";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/errors.server";
import { requiredText } from "~/utils/forms";
import { cityOptions, collegeOptions, day, editableParkIds, fieldError, freeName, isCurrent, lookUp, parkOptions, period } from "./common.server";
import { idField, idListField, intField, latField, lngField, textListField } from "./fields";
import { pairingOptions } from "./pairings.server";
import type { Problem, RegistryDefinition } from "./types";
import { splitCellList } from "~/domain/registry/import-headers";

export const TrainingBaseSchema = z.object({
  name: requiredText("基地名称", 60),
  pairingId: idField("园校对接"),
  collegeIds: idListField("参与院校"),
  capacity: intField("容纳人数", 1, 100_000),
  trades: textListField("培训工种", 30).pipe(z.array(z.string()).min(1, { error: "请填写至少一个培训工种" })),
  lng: lngField,
  lat: latField,
});
export type TrainingBaseInput = z.infer<typeof TrainingBaseSchema>;

const ORDER: Record<string, (d: Prisma.SortOrder) => Prisma.TrainingBaseOrderByWithRelationInput> = {
  name: (d) => ({ nameSort: d }),
  park: (d) => ({ park: { nameSort: d } }),
  capacity: (d) => ({ capacity: d }),
};

const tradesOf = (json: string) => (JSON.parse(json) as string[]).join("、");

/** The base's park comes from its pairing, which must be one the principal manages; the paired college always takes part. */
async function resolveBase(principal: Parameters<typeof editablePairingScope>[0], input: TrainingBaseInput, exceptId = -1) {
  const pairing = await prisma.pairing.findFirst({
    where: { AND: [{ id: input.pairingId }, editablePairingScope(principal)] },
    select: { parkId: true, collegeId: true },
  });
  if (!pairing) throw fieldError("pairingId", "请选择本园区的园校对接");
  const clash = await prisma.trainingBase.findFirst({ where: { name: input.name, NOT: { id: exceptId } }, select: { id: true } });
  if (clash) throw fieldError("name", "已有同名实训基地");
  const collegeIds = [...new Set([pairing.collegeId, ...input.collegeIds])];
  if ((await prisma.college.count({ where: { id: { in: collegeIds } } })) !== collegeIds.length) throw fieldError("collegeIds", "参与院校无效");
  const { collegeIds: _extra, trades, ...rest } = input;
  return { data: { ...rest, parkId: pairing.parkId, trades: JSON.stringify(trades) }, collegeIds };
}

export const bases: RegistryDefinition<TrainingBaseInput> = {
  kind: "bases",
  title: "实训基地",
  noun: "实训基地",
  creators: ["province", "park"],
  spec: { sorts: Object.keys(ORDER), defaultSort: "name", defaultDirection: "asc", filters: ["q", "park", "city", "college"] },
  columns: [
    { key: "name", label: "基地名称", sortable: true },
    { key: "park", label: "所属园区", sortable: true },
    { key: "colleges", label: "参与院校" },
    { key: "capacity", label: "容纳人数", sortable: true },
    { key: "trades", label: "培训工种" },
  ],
  async filters() {
    return [
      { key: "q", label: "名称", type: "text" },
      { key: "park", label: "园区", type: "select", options: await parkOptions() },
      { key: "city", label: "城市", type: "select", options: cityOptions() },
      { key: "college", label: "院校", type: "select", options: await collegeOptions() },
    ];
  },
  async load({ query, take, skip }) {
    const f = query.filters;
    const where: Prisma.TrainingBaseWhereInput = {
      ...(f.q ? { name: containsText(f.q) } : {}),
      ...(f.park ? { parkId: Number(f.park) || -1 } : {}),
      ...(f.city ? { park: { cityCode: f.city } } : {}),
      ...(f.college ? { colleges: { some: { collegeId: Number(f.college) || -1 } } } : {}),
    };
    const [total, rows] = await Promise.all([
      prisma.trainingBase.count({ where }),
      prisma.trainingBase.findMany({
        where,
        orderBy: [ORDER[query.sort]!(query.direction), { id: "asc" }],
        take,
        skip,
        select: { id: true, name: true, capacity: true, trades: true, park: { select: { name: true } }, colleges: { select: { college: { select: { name: true } } } } },
      }),
    ]);
    return {
      total,
      rows: rows.map((b) => ({
        id: b.id,
        href: `/registries/bases/${b.id}`,
        cells: { name: b.name, park: b.park.name, colleges: b.colleges.map((c) => c.college.name).join("、"), capacity: b.capacity, trades: tradesOf(b.trades) },
      })),
    };
  },
  async detail(_principal, id) {
    const b = await prisma.trainingBase.findUnique({
      where: { id },
      select: {
        name: true,
        capacity: true,
        trades: true,
        lng: true,
        lat: true,
        parkId: true,
        park: { select: { name: true, cityCode: true } },
        pairingId: true,
        pairing: { select: { startDate: true, endDate: true, college: { select: { name: true } } } },
        colleges: { select: { collegeId: true, college: { select: { name: true } } } },
        cohorts: { select: { id: true, majorCode: true, size: true, expectedGraduation: true, college: { select: { name: true } } }, orderBy: { expectedGraduation: "desc" } },
        orders: {
          select: { id: true, title: true, quantity: true, quantityFilled: true, status: true, enterprise: { select: { name: true } } },
          orderBy: { createdAt: "desc" },
        },
      },
    });
    if (!b) throw notFound("实训基地");
    const current = isCurrent(b.pairing.startDate, b.pairing.endDate);
    return {
      title: b.name,
      mapHref: `/map?city=${b.park.cityCode}`,
      facts: [
        { label: "所属园区", value: b.park.name, href: `/registries/parks/${b.parkId}` },
        {
          label: "园校对接",
          value: `${b.park.name} ↔ ${b.pairing.college.name}（${period(b.pairing.startDate, b.pairing.endDate)}）${current ? "" : " ⚠ 已不在期"}`,
          href: `/registries/pairings/${b.pairingId}`,
          warning: !current,
        },
        { label: "参与院校", value: b.colleges.map((c) => c.college.name).join("、") },
        { label: "容纳人数", value: String(b.capacity) },
        { label: "培训工种", value: tradesOf(b.trades) },
        { label: "坐标", value: `${b.lng}, ${b.lat}` },
      ],
      sections: [
        {
          title: "培训班",
          empty: "暂无在此基地的培训班",
          columns: [
            { key: "college", label: "院校" },
            { key: "major", label: "专业代码" },
            { key: "size", label: "人数" },
            { key: "graduation", label: "预计毕业" },
          ],
          rows: b.cohorts.map((c) => ({
            id: c.id,
            cells: { college: c.college.name, major: c.majorCode, size: c.size, graduation: day(c.expectedGraduation) },
          })),
        },
        {
          title: "订单培训",
          empty: "暂无指定此基地的订单",
          columns: [
            { key: "title", label: "订单" },
            { key: "enterprise", label: "企业" },
            { key: "filled", label: "到岗/需求" },
            { key: "status", label: "状态" },
          ],
          rows: b.orders.map((o) => ({
            id: o.id,
            cells: {
              title: o.title,
              enterprise: o.enterprise.name,
              filled: `${o.quantityFilled} / ${o.quantity}`,
              status: ORDER_STATUS_LABELS[o.status as keyof typeof ORDER_STATUS_LABELS] ?? o.status,
            },
          })),
        },
      ],
    };
  },
  async mayEdit(principal, id) {
    return (await prisma.trainingBase.count({ where: { AND: [{ id }, editableTrainingBaseScope(principal)] } })) > 0;
  },
  schema: TrainingBaseSchema,
  async fields(principal) {
    return [
      { name: "name", label: "基地名称", type: "text", required: true },
      { name: "pairingId", label: "园校对接", type: "select", options: await pairingOptions(principal), required: true, hint: "基地所属的园区与对接院校" },
      { name: "collegeIds", label: "其他参与院校", type: "multiselect", options: await collegeOptions(), hint: "可多选；对接院校自动计入" },
      { name: "capacity", label: "容纳人数", type: "number", required: true },
      { name: "trades", label: "培训工种", type: "text", required: true, hint: "多个用“、”分隔，如 数控车工、电工" },
      { name: "lng", label: "经度", type: "number", required: true },
      { name: "lat", label: "纬度", type: "number", required: true },
    ];
  },
  async values(principal, id) {
    const b = await prisma.trainingBase.findFirst({
      where: { AND: [{ id }, editableTrainingBaseScope(principal)] },
      include: { colleges: true, pairing: { select: { collegeId: true } } },
    });
    if (!b) throw notFound("实训基地");
    return {
      name: b.name,
      pairingId: String(b.pairingId),
      collegeIds: b.colleges.filter((c) => c.collegeId !== b.pairing.collegeId).map((c) => String(c.collegeId)),
      capacity: String(b.capacity),
      trades: tradesOf(b.trades),
      lng: String(b.lng),
      lat: String(b.lat),
    };
  },
  async create(principal, input) {
    const { data, collegeIds } = await resolveBase(principal, input);
    const base = await prisma.trainingBase.create({
      data: { ...data, colleges: { create: collegeIds.map((collegeId) => ({ collegeId })) } },
      select: { id: true },
    });
    return base.id;
  },
  async update(principal, id, input) {
    if (!(await bases.mayEdit(principal, id))) throw forbidden("您只能修改本园区的实训基地");
    const { data, collegeIds } = await resolveBase(principal, input, id);
    await prisma.$transaction([
      prisma.trainingBaseCollege.deleteMany({ where: { baseId: id } }),
      prisma.trainingBase.update({ where: { id }, data: { ...data, colleges: { create: collegeIds.map((collegeId) => ({ collegeId })) } } }),
    ]);
  },
  import: {
    roles: ["province", "park"],
    columns: [
      { key: "name", header: "名称", aliases: ["基地名称"], required: true, note: "实训基地名称，全省唯一" },
      { key: "park", header: "所属园区", aliases: ["园区", "park"], required: true, note: "已登记园区的名称，须在您的管理范围内" },
      { key: "colleges", header: "对接院校", aliases: ["院校", "参与院校", "colleges"], required: true, note: "参与院校的名称，多个用 、 分隔；第一所须与该园区已有对接关系" },
      { key: "capacity", header: "容纳人数", aliases: ["容量", "工位数"], required: true, note: "可同时容纳的实训人数，正整数" },
      { key: "trades", header: "培训工种", aliases: ["工种"], required: true, note: "培训工种，多个用 、 分隔，如 钳工、电工" },
      { key: "lng", header: "经度", aliases: ["longitude"], required: true, note: "基地经度，十进制度数" },
      { key: "lat", header: "纬度", aliases: ["latitude"], required: true, note: "基地纬度，十进制度数" },
    ],
    async example(principal) {
      const [editable, existing] = await Promise.all([editableParkIds(principal), prisma.trainingBase.findMany({ select: { name: true } })]);
      const pairing = await prisma.pairing.findFirst({
        where: { parkId: { in: [...editable] } },
        orderBy: { id: "asc" },
        select: { park: { select: { name: true, lng: true, lat: true } }, college: { select: { name: true } } },
      });
      return {
        name: freeName("示例实训基地", new Set(existing.map((b) => b.name))),
        park: pairing?.park.name ?? "",
        colleges: pairing?.college.name ?? "",
        capacity: "50",
        trades: "钳工、电工",
        lng: String(pairing?.park.lng ?? 115.89),
        lat: String(pairing?.park.lat ?? 28.68),
      };
    },
    async prepare(principal) {
      const [existing, parkList, collegeList, pairingList, editable] = await Promise.all([
        prisma.trainingBase.findMany({ select: { name: true } }),
        prisma.park.findMany({ select: { id: true, name: true } }),
        prisma.college.findMany({ select: { id: true, name: true } }),
        prisma.pairing.findMany({ select: { id: true, parkId: true, collegeId: true, startDate: true, endDate: true }, orderBy: { startDate: "desc" } }),
        editableParkIds(principal),
      ]);
      const taken = new Set(existing.map((b) => b.name));
      const parksByName = new Map(parkList.map((p) => [p.name, p.id]));
      const collegesByName = new Map(collegeList.map((c) => [c.name, c.id]));
      const parkOfPairing = new Map(pairingList.map((x) => [x.id, x.parkId]));
      /** The pairing in force, else the latest one, between a park and a college. */
      const pairingOf = (parkId: number, collegeId: number) => {
        const all = pairingList.filter((x) => x.parkId === parkId && x.collegeId === collegeId);
        return all.find((x) => isCurrent(x.startDate, x.endDate)) ?? all[0];
      };
      return {
        resolve(cells) {
          const problems: Problem[] = [];
          const parkId = lookUp(parksByName, cells.park, "园区", problems, "所属园区");
          const collegeIds = splitCellList(cells.colleges ?? "").map((name) => lookUp(collegesByName, name, "院校", problems, "对接院校"));
          const [first, ...others] = collegeIds;
          const pairing = parkId !== undefined && first !== undefined ? pairingOf(parkId, first) : undefined;
          if (parkId !== undefined && first !== undefined && !pairing) {
            problems.push({ field: "对接院校", reason: `园区“${cells.park}”与院校“${splitCellList(cells.colleges ?? "")[0]}”尚无对接关系，请先登记园校对接` });
          }
          return {
            values: {
              ...cells,
              pairingId: pairing ? String(pairing.id) : "",
              collegeIds: others.filter((c): c is number => c !== undefined).map(String),
            },
            problems,
          };
        },
        keys: (b) => [{ label: "基地名称", key: b.name }],
        exists: (key) => taken.has(key),
        refusal: (b) => (editable.has(parkOfPairing.get(b.pairingId) ?? -1) ? null : "所属园区不在您的管理范围内"),
      };
    },
    async insert(tx, inputs) {
      const pairingList = await tx.pairing.findMany({ where: { id: { in: inputs.map((b) => b.pairingId) } }, select: { id: true, parkId: true, collegeId: true } });
      const byId = new Map(pairingList.map((x) => [x.id, x]));
      for (const { collegeIds, trades, ...rest } of inputs) {
        const pairing = byId.get(rest.pairingId)!;
        const colleges = [...new Set([pairing.collegeId, ...collegeIds])];
        await tx.trainingBase.create({
          data: { ...rest, parkId: pairing.parkId, trades: JSON.stringify(trades), colleges: { create: colleges.map((collegeId) => ({ collegeId })) } },
        });
      }
    },
  },
};
