import { z } from "zod";
import type { Principal } from "~/utils/principal.server";
import { editableEnterpriseScope, editableSecondmentScope, secondmentScope, hasRole } from "~/utils/scopes.server";
import type { Prisma } from "~/utils/db.server";
import { containsText } from "~/utils/sql.server";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/errors.server";
import { calendarDateField, optionalCalendarDateField, requiredText } from "~/utils/forms";
import { collegeOptions, currentPairingWhere, fieldError, isCurrent, labelledOptions, parkOptions, period } from "./common.server";
import { creditCodeField, enumField, idField } from "./fields";
import type { RegistryDefinition } from "./types";
import { chinaDate } from "~/domain/china-time";

export const SECONDMENT_DIRECTIONS = ["college_to_enterprise", "enterprise_to_college"] as const;
export const SECONDMENT_DIRECTION_LABELS: Record<(typeof SECONDMENT_DIRECTIONS)[number], string> = {
  college_to_enterprise: "院校领导到企业挂职",
  enterprise_to_college: "企业管理人员到院校挂职",
};

export const SecondmentSchema = z
  .object({
    direction: enumField("挂职方向", SECONDMENT_DIRECTIONS, SECONDMENT_DIRECTION_LABELS),
    personName: requiredText("姓名", 30),
    position: requiredText("挂职岗位", 60),
    collegeId: idField("院校"),
    enterpriseCreditCode: creditCodeField,
    startDate: calendarDateField("开始日期"),
    endDate: optionalCalendarDateField("结束日期"),
  })
  .refine((s) => s.endDate === null || s.endDate >= s.startDate, { path: ["endDate"], error: "结束日期不能早于开始日期" });
export type SecondmentInput = z.infer<typeof SecondmentSchema>;

const ORDER: Record<string, (d: Prisma.SortOrder) => Prisma.SecondmentOrderByWithRelationInput> = {
  person: (d) => ({ personName: d }),
  enterprise: (d) => ({ enterprise: { nameSort: d } }),
  college: (d) => ({ college: { nameSort: d } }),
  start: (d) => ({ startDate: d }),
};

const directionLabel = (d: string) => SECONDMENT_DIRECTION_LABELS[d as keyof typeof SECONDMENT_DIRECTION_LABELS] ?? d;

/** The enterprise named by its credit code, which must be one whose secondments the principal manages. */
async function resolveSecondment(principal: Principal, input: SecondmentInput) {
  const enterprise = await prisma.enterprise.findFirst({
    where: { AND: [{ creditCode: input.enterpriseCreditCode }, editableEnterpriseScope(principal)] },
    select: { id: true },
  });
  if (!enterprise) throw fieldError("enterpriseCreditCode", hasRole(principal, "park") ? "本园区没有该信用代码的企业" : "没有该信用代码的企业");
  if (!(await prisma.college.count({ where: { id: input.collegeId } }))) throw fieldError("collegeId", "请选择院校");
  const { enterpriseCreditCode: _code, ...data } = input;
  return { ...data, enterpriseId: enterprise.id };
}

export const secondments: RegistryDefinition<SecondmentInput> = {
  kind: "secondments",
  title: "双向挂职",
  noun: "挂职记录",
  creators: ["province", "park"],
  spec: { sorts: Object.keys(ORDER), defaultSort: "start", defaultDirection: "desc", filters: ["q", "direction", "status", "park", "college"] },
  columns: [
    { key: "person", label: "姓名", sortable: true },
    { key: "direction", label: "方向" },
    { key: "position", label: "挂职岗位" },
    { key: "enterprise", label: "企业", sortable: true },
    { key: "college", label: "院校", sortable: true },
    { key: "start", label: "期限", sortable: true },
    { key: "status", label: "状态" },
  ],
  async filters() {
    return [
      { key: "q", label: "姓名", type: "text" },
      { key: "direction", label: "方向", type: "select", options: labelledOptions(SECONDMENT_DIRECTIONS, SECONDMENT_DIRECTION_LABELS) },
      {
        key: "status",
        label: "状态",
        type: "select",
        options: [
          { value: "current", label: "在任" },
          { value: "past", label: "已结束" },
        ],
      },
      { key: "park", label: "园区", type: "select", options: await parkOptions() },
      { key: "college", label: "院校", type: "select", options: await collegeOptions() },
    ];
  },
  async load({ principal, query, take, skip }) {
    const f = query.filters;
    const now = new Date();
    const filters: Prisma.SecondmentWhereInput = {
      ...(f.q ? { personName: containsText(f.q) } : {}),
      ...(f.direction ? { direction: f.direction } : {}),
      ...(f.status === "current" ? (currentPairingWhere(now) as Prisma.SecondmentWhereInput) : {}),
      ...(f.status === "past" ? { endDate: { lt: now } } : {}),
      ...(f.park ? { enterprise: { parkId: Number(f.park) || -1 } } : {}),
      ...(f.college ? { collegeId: Number(f.college) || -1 } : {}),
    };
    const where: Prisma.SecondmentWhereInput = { AND: [filters, secondmentScope(principal)] };
    const [total, rows] = await Promise.all([
      prisma.secondment.count({ where }),
      prisma.secondment.findMany({
        where,
        orderBy: [ORDER[query.sort]!(query.direction), { id: "asc" }],
        take,
        skip,
        select: { id: true, personName: true, direction: true, position: true, startDate: true, endDate: true, enterprise: { select: { name: true } }, college: { select: { name: true } } },
      }),
    ]);
    return {
      total,
      rows: rows.map((s) => ({
        id: s.id,
        href: `/registries/secondments/${s.id}`,
        cells: {
          person: s.personName,
          direction: directionLabel(s.direction),
          position: s.position,
          enterprise: s.enterprise.name,
          college: s.college.name,
          start: period(s.startDate, s.endDate),
          status: isCurrent(s.startDate, s.endDate) ? "在任" : "已结束",
        },
      })),
    };
  },
  async detail(principal, id) {
    const s = await prisma.secondment.findFirst({
      where: { AND: [{ id }, secondmentScope(principal)] },
      select: {
        personName: true,
        direction: true,
        position: true,
        startDate: true,
        endDate: true,
        enterpriseId: true,
        collegeId: true,
        enterprise: { select: { name: true } },
        college: { select: { name: true } },
      },
    });
    if (!s) throw notFound("挂职记录");
    return {
      title: `${s.personName} · ${s.position}`,
      facts: [
        { label: "方向", value: directionLabel(s.direction) },
        { label: "企业", value: s.enterprise.name, href: `/registries/enterprises/${s.enterpriseId}` },
        { label: "院校", value: s.college.name, href: `/registries/colleges/${s.collegeId}` },
        { label: "期限", value: period(s.startDate, s.endDate) },
        { label: "状态", value: isCurrent(s.startDate, s.endDate) ? "在任" : "已结束" },
      ],
      sections: [],
    };
  },
  async mayEdit(principal, id) {
    return (await prisma.secondment.count({ where: { AND: [{ id }, editableSecondmentScope(principal)] } })) > 0;
  },
  schema: SecondmentSchema,
  async fields() {
    return [
      { name: "direction", label: "挂职方向", type: "select", options: labelledOptions(SECONDMENT_DIRECTIONS, SECONDMENT_DIRECTION_LABELS), required: true },
      { name: "personName", label: "姓名", type: "text", required: true },
      { name: "position", label: "挂职岗位", type: "text", required: true, hint: "如 副总经理、副院长" },
      { name: "collegeId", label: "院校", type: "select", options: await collegeOptions(), required: true },
      { name: "enterpriseCreditCode", label: "企业统一社会信用代码", type: "text", required: true },
      { name: "startDate", label: "开始日期", type: "date", required: true },
      { name: "endDate", label: "结束日期", type: "date" },
    ];
  },
  async values(principal, id) {
    const s = await prisma.secondment.findFirst({ where: { AND: [{ id }, editableSecondmentScope(principal)] }, include: { enterprise: { select: { creditCode: true } } } });
    if (!s) throw notFound("挂职记录");
    return {
      direction: s.direction,
      personName: s.personName,
      position: s.position,
      collegeId: String(s.collegeId),
      enterpriseCreditCode: s.enterprise.creditCode,
      startDate: chinaDate(s.startDate),
      endDate: s.endDate ? chinaDate(s.endDate) : "",
    };
  },
  async create(principal, input) {
    const data = await resolveSecondment(principal, input);
    return (await prisma.secondment.create({ data, select: { id: true } })).id;
  },
  async update(principal, id, input) {
    if (!(await secondments.mayEdit(principal, id))) throw forbidden("您只能修改本园区企业的挂职记录");
    await prisma.secondment.update({ where: { id }, data: await resolveSecondment(principal, input) });
  },
};
