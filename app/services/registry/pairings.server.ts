import { z } from "zod";
import { chinaDate } from "~/domain/china-time";
import { calendarDateField, optionalCalendarDateField } from "~/utils/forms";
import type { Principal } from "~/utils/principal.server";
import { editableParkScope, editablePairingScope } from "~/utils/scopes.server";
import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/errors.server";
import {
  assertParkEditable,
  cityOptions,
  collegeOptions,
  currentPairingWhere,
  day,
  editableParkIds,
  fieldError,
  firstEditablePark,
  isCurrent,
  lookUp,
  parkOptions,
  period,
} from "./common.server";
import { idField } from "./fields";
import type { Problem, RegistryDefinition } from "./types";

export const PairingSchema = z
  .object({
    parkId: idField("园区"),
    collegeId: idField("院校"),
    startDate: calendarDateField("开始日期"),
    endDate: optionalCalendarDateField("结束日期"),
  })
  .refine((p) => p.endDate === null || p.endDate >= p.startDate, { path: ["endDate"], error: "结束日期不能早于开始日期" });
export type PairingInput = z.infer<typeof PairingSchema>;

const ORDER: Record<string, (d: Prisma.SortOrder) => Prisma.PairingOrderByWithRelationInput> = {
  park: (d) => ({ park: { nameSort: d } }),
  college: (d) => ({ college: { nameSort: d } }),
  start: (d) => ({ startDate: d }),
};

const statusOf = (start: Date, end: Date | null) =>
  isCurrent(start, end) ? "在期" : start > new Date() ? "未开始" : "已到期";

async function assertNew(input: PairingInput, exceptId = -1) {
  const clash = await prisma.pairing.findFirst({
    where: { parkId: input.parkId, collegeId: input.collegeId, startDate: input.startDate, NOT: { id: exceptId } },
    select: { id: true },
  });
  if (clash) throw fieldError("startDate", "该园区与该院校在此日期起的对接已登记");
  if (!(await prisma.college.count({ where: { id: input.collegeId } }))) throw fieldError("collegeId", "请选择院校");
}

/** Pairings a training base may belong to, labelled for a select. */
export async function pairingOptions(principal: Principal) {
  const list = await prisma.pairing.findMany({
    where: editablePairingScope(principal),
    select: { id: true, startDate: true, endDate: true, park: { select: { name: true } }, college: { select: { name: true } } },
    orderBy: [{ park: { nameSort: "asc" } }, { college: { nameSort: "asc" } }],
  });
  return list.map((x) => ({ value: String(x.id), label: `${x.park.name} ↔ ${x.college.name}（${period(x.startDate, x.endDate)}）` }));
}

export const pairings: RegistryDefinition<PairingInput> = {
  kind: "pairings",
  title: "园校对接",
  noun: "对接关系",
  creators: ["province", "park"],
  spec: { sorts: Object.keys(ORDER), defaultSort: "park", defaultDirection: "asc", filters: ["park", "college", "city", "status"] },
  columns: [
    { key: "park", label: "园区", sortable: true },
    { key: "college", label: "院校", sortable: true },
    { key: "start", label: "开始日期", sortable: true },
    { key: "end", label: "结束日期" },
    { key: "status", label: "状态" },
    { key: "bases", label: "实训基地" },
  ],
  async filters() {
    return [
      { key: "park", label: "园区", type: "select", options: await parkOptions() },
      { key: "college", label: "院校", type: "select", options: await collegeOptions() },
      { key: "city", label: "城市", type: "select", options: cityOptions() },
      {
        key: "status",
        label: "状态",
        type: "select",
        options: [
          { value: "current", label: "在期" },
          { value: "ended", label: "已到期" },
        ],
      },
    ];
  },
  async load({ query, take, skip }) {
    const f = query.filters;
    const now = new Date();
    const where: Prisma.PairingWhereInput = {
      ...(f.park ? { parkId: Number(f.park) || -1 } : {}),
      ...(f.college ? { collegeId: Number(f.college) || -1 } : {}),
      ...(f.city ? { park: { cityCode: f.city } } : {}),
      ...(f.status === "current" ? currentPairingWhere(now) : {}),
      ...(f.status === "ended" ? { endDate: { lt: now } } : {}),
    };
    const [total, rows] = await Promise.all([
      prisma.pairing.count({ where }),
      prisma.pairing.findMany({
        where,
        orderBy: [ORDER[query.sort]!(query.direction), { id: "asc" }],
        take,
        skip,
        select: { id: true, startDate: true, endDate: true, park: { select: { name: true } }, college: { select: { name: true } }, _count: { select: { bases: true } } },
      }),
    ]);
    return {
      total,
      rows: rows.map((x) => ({
        id: x.id,
        href: `/registries/pairings/${x.id}`,
        cells: { park: x.park.name, college: x.college.name, start: day(x.startDate), end: x.endDate ? day(x.endDate) : "长期", status: statusOf(x.startDate, x.endDate), bases: x._count.bases },
      })),
    };
  },
  async detail(_principal, id) {
    const x = await prisma.pairing.findUnique({
      where: { id },
      select: {
        parkId: true,
        collegeId: true,
        startDate: true,
        endDate: true,
        park: { select: { name: true } },
        college: { select: { name: true } },
        bases: { select: { id: true, name: true, capacity: true, trades: true }, orderBy: { nameSort: "asc" } },
      },
    });
    if (!x) throw notFound("对接关系");
    return {
      title: `${x.park.name} ↔ ${x.college.name}`,
      facts: [
        { label: "园区", value: x.park.name, href: `/registries/parks/${x.parkId}` },
        { label: "院校", value: x.college.name, href: `/registries/colleges/${x.collegeId}` },
        { label: "对接期限", value: period(x.startDate, x.endDate) },
        { label: "状态", value: statusOf(x.startDate, x.endDate) },
      ],
      sections: [
        {
          title: "实训基地",
          empty: "暂无实训基地",
          columns: [
            { key: "name", label: "基地" },
            { key: "capacity", label: "容纳人数" },
            { key: "trades", label: "培训工种" },
          ],
          rows: x.bases.map((b) => ({
            id: b.id,
            href: `/registries/bases/${b.id}`,
            cells: { name: b.name, capacity: b.capacity, trades: (JSON.parse(b.trades) as string[]).join("、") },
          })),
        },
      ],
    };
  },
  async mayEdit(principal, id) {
    return (await prisma.pairing.count({ where: { AND: [{ id }, editablePairingScope(principal)] } })) > 0;
  },
  schema: PairingSchema,
  async fields(principal) {
    return [
      { name: "parkId", label: "园区", type: "select", options: await parkOptions(editableParkScope(principal)), required: true },
      { name: "collegeId", label: "院校", type: "select", options: await collegeOptions(), required: true },
      { name: "startDate", label: "开始日期", type: "date", required: true },
      { name: "endDate", label: "结束日期", type: "date", hint: "长期对接可不填" },
    ];
  },
  async values(principal, id) {
    const x = await prisma.pairing.findFirst({ where: { AND: [{ id }, editablePairingScope(principal)] } });
    if (!x) throw notFound("对接关系");
    return { parkId: String(x.parkId), collegeId: String(x.collegeId), startDate: day(x.startDate), endDate: x.endDate ? day(x.endDate) : "" };
  },
  async create(principal, input) {
    await assertParkEditable(principal, input.parkId);
    await assertNew(input);
    return (await prisma.pairing.create({ data: input, select: { id: true } })).id;
  },
  async update(principal, id, input) {
    if (!(await pairings.mayEdit(principal, id))) throw forbidden("您只能修改本园区的对接关系");
    await assertParkEditable(principal, input.parkId);
    await assertNew(input, id);
    await prisma.pairing.update({ where: { id }, data: input });
  },
  import: {
    roles: ["province", "park"],
    columns: [
      { key: "parkId", header: "园区", aliases: ["所属园区", "园区名称", "park"], required: true, note: "已登记园区的名称，须在您的管理范围内" },
      { key: "collegeId", header: "院校", aliases: ["对接院校", "院校名称", "college"], required: true, note: "已登记院校的名称" },
      { key: "startDate", header: "开始日期", aliases: ["起始日期", "对接日期", "start"], required: true, note: "对接开始日期，如 2026-09-01" },
      { key: "endDate", header: "结束日期", aliases: ["截止日期", "end"], required: false, note: "对接结束日期，不早于开始日期；长期对接可留空" },
    ],
    async example(principal) {
      const park = await firstEditablePark(principal);
      const paired = park ? await prisma.pairing.findMany({ where: { parkId: park.id }, select: { collegeId: true } }) : [];
      const college =
        (await prisma.college.findFirst({ where: { id: { notIn: paired.map((p) => p.collegeId) } }, orderBy: { id: "asc" }, select: { name: true } })) ??
        (await prisma.college.findFirst({ orderBy: { id: "asc" }, select: { name: true } }));
      return { parkId: park?.name ?? "", collegeId: college?.name ?? "", startDate: chinaDate(new Date()), endDate: "" };
    },
    async prepare(principal) {
      const [parkList, collegeList, existing, editable] = await Promise.all([
        prisma.park.findMany({ select: { id: true, name: true } }),
        prisma.college.findMany({ select: { id: true, name: true } }),
        prisma.pairing.findMany({ select: { parkId: true, collegeId: true, startDate: true } }),
        editableParkIds(principal),
      ]);
      const parksByName = new Map(parkList.map((p) => [p.name, p.id]));
      const collegesByName = new Map(collegeList.map((c) => [c.name, c.id]));
      const key = (p: { parkId: number; collegeId: number; startDate: Date }) => `${p.parkId}|${p.collegeId}|${day(p.startDate)}`;
      const taken = new Set(existing.map(key));
      return {
        resolve(cells) {
          const problems: Problem[] = [];
          const parkId = lookUp(parksByName, cells.parkId, "园区", problems, "园区");
          const collegeId = lookUp(collegesByName, cells.collegeId, "院校", problems, "院校");
          return { values: { ...cells, parkId: parkId ? String(parkId) : "", collegeId: collegeId ? String(collegeId) : "" }, problems };
        },
        keys: (p) => [{ label: "同一园区、院校和开始日期的对接", key: key(p) }],
        exists: (k) => taken.has(k),
        refusal: (p) => (editable.has(p.parkId) ? null : "园区不在您的管理范围内"),
      };
    },
    async insert(tx, inputs) {
      await tx.pairing.createMany({ data: inputs });
    },
  },
};
