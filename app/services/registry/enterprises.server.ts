import { pinyinSortKey } from "~/utils/pinyin-sort";
import { z } from "zod";
import { CHAINS, CLUSTER_ROLE_LABELS, CLUSTER_ROLES } from "~/domain/constants";
import { creditCodeCheckChar, isEnterpriseCreditCode } from "~/domain/ids/credit-code";
import type { Principal } from "~/utils/principal.server";
import { choosableParkScope, editableEnterpriseScope, secondmentScope, hasRole } from "~/utils/scopes.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { containsText } from "~/utils/sql.server";
import { forbidden, notFound } from "~/utils/errors.server";
import { requiredText } from "~/utils/forms";
import { assertParkEditable, editableParkIds, fieldError, firstEditablePark, freeName, labelledOptions, lookUp, parkOptions, period } from "./common.server";
import { creditCodeField, enumField, idField, intField, optionalPhoneField } from "./fields";
import type { Option, Problem, RegistryDefinition } from "./types";
import { recordRegistrySearchChanges, requestSearchDelivery } from "~/services/search/sync.server";

export const EnterpriseSchema = z.object({
  name: requiredText("企业名称", 80),
  creditCode: creditCodeField.refine(isEnterpriseCreditCode, { error: "企业的统一社会信用代码应以 91 开头" }),
  parkId: idField("所属园区"),
  clusterId: z
    .string()
    .optional()
    .transform((s) => (s ? Number(s) : null))
    .pipe(z.number().int().positive({ error: "请选择所属集群" }).nullable()),
  clusterRole: enumField("集群角色", CLUSTER_ROLES, CLUSTER_ROLE_LABELS),
  headcount: intField("职工人数", 0, 1_000_000),
  contactPhone: optionalPhoneField,
});
export type EnterpriseInput = z.infer<typeof EnterpriseSchema>;

const ORDER: Record<string, (d: Prisma.SortOrder) => Prisma.EnterpriseOrderByWithRelationInput> = {
  name: (d) => ({ nameSort: d }),
  creditCode: (d) => ({ creditCode: d }),
  park: (d) => ({ park: { nameSort: d } }),
  headcount: (d) => ({ headcount: d }),
};

const roleLabel = (role: string) => CLUSTER_ROLE_LABELS[role as keyof typeof CLUSTER_ROLE_LABELS] ?? role;

async function clusterOptions(p: Principal): Promise<Option[]> {
  const list = await prisma.cluster.findMany({
    where: { park: choosableParkScope(p) },
    select: { id: true, name: true, park: { select: { name: true } } },
    orderBy: [{ park: { nameSort: "asc" } }, { nameSort: "asc" }],
  });
  return list.map((c) => ({ value: String(c.id), label: `${c.park.name} · ${c.name}` }));
}

async function checkReferences(principal: Principal, input: EnterpriseInput, exceptId = -1) {
  if (hasRole(principal, "enterprise")) {
    const own = await prisma.enterprise.findUnique({ where: { id: exceptId }, select: { parkId: true } });
    if (own?.parkId !== input.parkId) throw fieldError("parkId", "如需迁入其他园区，请联系园区管委会办理");
  } else {
    await assertParkEditable(principal, input.parkId);
  }
  if (input.clusterId !== null) {
    const cluster = await prisma.cluster.findUnique({ where: { id: input.clusterId }, select: { parkId: true } });
    if (cluster?.parkId !== input.parkId) throw fieldError("clusterId", "所选集群不在所属园区");
  }
  const clash = await prisma.enterprise.findFirst({ where: { creditCode: input.creditCode, NOT: { id: exceptId } }, select: { name: true } });
  if (clash) throw fieldError("creditCode", `该信用代码已由“${clash.name}”登记`);
}

export const enterprises: RegistryDefinition<EnterpriseInput> = {
  kind: "enterprises",
  title: "园区企业",
  noun: "企业",
  creators: ["province", "park"],
  spec: { sorts: Object.keys(ORDER), defaultSort: "name", defaultDirection: "asc", filters: ["q", "park", "cluster", "chain", "role"] },
  columns: [
    { key: "name", label: "企业名称", sortable: true },
    { key: "creditCode", label: "统一社会信用代码", sortable: true },
    { key: "park", label: "所属园区", sortable: true },
    { key: "cluster", label: "所属集群" },
    { key: "role", label: "集群角色" },
    { key: "headcount", label: "职工人数", sortable: true },
  ],
  async filters() {
    return [
      { key: "q", label: "名称或信用代码", type: "text" },
      { key: "park", label: "园区", type: "select", options: await parkOptions() },
      { key: "chain", label: "产业链", type: "select", options: labelledOptions(CHAINS) },
      { key: "role", label: "集群角色", type: "select", options: labelledOptions(CLUSTER_ROLES, CLUSTER_ROLE_LABELS) },
    ];
  },
  async load({ query, take, skip }) {
    const f = query.filters;
    const where: Prisma.EnterpriseWhereInput = {
      ...(f.q ? { OR: [{ name: containsText(f.q) }, { creditCode: { startsWith: f.q.toUpperCase() } }] } : {}),
      ...(f.park ? { parkId: Number(f.park) || -1 } : {}),
      ...(f.cluster ? { clusterId: Number(f.cluster) || -1 } : {}),
      ...(f.chain ? { cluster: { chain: f.chain } } : {}),
      ...(f.role ? { clusterRole: f.role } : {}),
    };
    const [total, rows] = await Promise.all([
      prisma.enterprise.count({ where }),
      prisma.enterprise.findMany({
        where,
        orderBy: [ORDER[query.sort]!(query.direction), { id: "asc" }],
        take,
        skip,
        select: { id: true, name: true, creditCode: true, clusterRole: true, headcount: true, park: { select: { name: true } }, cluster: { select: { name: true } } },
      }),
    ]);
    return {
      total,
      rows: rows.map((e) => ({
        id: e.id,
        href: `/registries/enterprises/${e.id}`,
        cells: { name: e.name, creditCode: e.creditCode, park: e.park.name, cluster: e.cluster?.name ?? "—", role: roleLabel(e.clusterRole), headcount: e.headcount },
      })),
    };
  },
  async detail(principal, id) {
    const e = await prisma.enterprise.findUnique({
      where: { id },
      select: {
        name: true,
        creditCode: true,
        clusterRole: true,
        headcount: true,
        contactPhone: true,
        parkId: true,
        park: { select: { name: true } },
        clusterId: true,
        cluster: { select: { name: true, chain: true } },
      },
    });
    if (!e) throw notFound("企业");
    const [mine, secondments] = await Promise.all([
      enterprises.mayEdit(principal, id),
      prisma.secondment.findMany({
        where: { AND: [{ enterpriseId: id }, secondmentScope(principal)] },
        select: { id: true, personName: true, position: true, startDate: true, endDate: true, college: { select: { name: true } } },
        orderBy: { startDate: "desc" },
      }),
    ]);
    return {
      title: e.name,
      facts: [
        { label: "统一社会信用代码", value: e.creditCode },
        { label: "所属园区", value: e.park.name, href: `/registries/parks/${e.parkId}` },
        { label: "所属集群", value: e.cluster ? `${e.cluster.name}（${e.cluster.chain}）` : "—", href: e.clusterId ? `/registries/clusters/${e.clusterId}` : undefined },
        { label: "集群角色", value: roleLabel(e.clusterRole) },
        { label: "职工人数", value: String(e.headcount) },
        ...(mine ? [{ label: "联系电话", value: e.contactPhone ?? "—" }] : []),
      ],
      sections: [
        {
          title: "双向挂职",
          empty: "暂无挂职记录",
          columns: [
            { key: "person", label: "人员" },
            { key: "position", label: "挂职岗位" },
            { key: "college", label: "院校" },
            { key: "period", label: "期限" },
          ],
          rows: secondments.map((s) => ({
            id: s.id,
            href: `/registries/secondments/${s.id}`,
            cells: { person: s.personName, position: s.position, college: s.college.name, period: period(s.startDate, s.endDate) },
          })),
        },
      ],
    };
  },
  async mayEdit(principal, id) {
    return (await prisma.enterprise.count({ where: { AND: [{ id }, editableEnterpriseScope(principal)] } })) > 0;
  },
  schema: EnterpriseSchema,
  async fields(principal) {
    return [
      { name: "name", label: "企业名称", type: "text", required: true },
      { name: "creditCode", label: "统一社会信用代码", type: "text", required: true, hint: "18位，以 91 开头" },
      { name: "parkId", label: "所属园区", type: "select", options: await parkOptions(choosableParkScope(principal)), required: true },
      { name: "clusterId", label: "所属集群", type: "select", options: await clusterOptions(principal) },
      { name: "clusterRole", label: "集群角色", type: "select", options: labelledOptions(CLUSTER_ROLES, CLUSTER_ROLE_LABELS), required: true },
      { name: "headcount", label: "职工人数", type: "number", required: true },
      { name: "contactPhone", label: "联系电话（手机）", type: "text" },
    ];
  },
  async values(principal, id) {
    const e = await prisma.enterprise.findFirst({ where: { AND: [{ id }, editableEnterpriseScope(principal)] } });
    if (!e) throw notFound("企业");
    return {
      name: e.name,
      creditCode: e.creditCode,
      parkId: String(e.parkId),
      clusterId: e.clusterId ? String(e.clusterId) : "",
      clusterRole: e.clusterRole,
      headcount: String(e.headcount),
      contactPhone: e.contactPhone ?? "",
    };
  },
  async create(principal, input) {
    await checkReferences(principal, input);
    return (await prisma.enterprise.create({ data: input, select: { id: true } })).id;
  },
  async update(principal, id, input) {
    if (!(await enterprises.mayEdit(principal, id))) throw forbidden("您只能修改本单位或本园区企业的信息");
    await checkReferences(principal, input, id);
    await prisma.$transaction(async (tx) => {
      await tx.enterprise.update({ where: { id }, data: input });
      await recordRegistrySearchChanges({ db: tx, change: { kind: "enterprise", id } });
    });
    await requestSearchDelivery();
  },
  import: {
    roles: ["province", "park"],
    columns: [
      { key: "name", header: "名称", aliases: ["企业名称"], required: true, note: "企业全称" },
      { key: "creditCode", header: "统一社会信用代码", aliases: ["信用代码", "社会信用代码"], required: true, note: "18 位统一社会信用代码（企业以 91 开头），全省唯一；请将该列设为文本，避免被 Excel 改写" },
      { key: "parkId", header: "所属园区", aliases: ["园区", "park"], required: true, note: "已登记园区的名称，须在您的管理范围内" },
      { key: "clusterId", header: "所属集群", aliases: ["集群", "cluster"], required: false, note: "该园区内已登记产业集群的名称，可留空" },
      { key: "clusterRole", header: "集群角色", aliases: ["企业类型", "role"], required: false, note: "龙头企业 或 配套企业；留空视为配套企业" },
      { key: "headcount", header: "职工人数", aliases: ["员工人数", "从业人数"], required: true, note: "职工人数，非负整数" },
      { key: "contactPhone", header: "联系电话", aliases: ["手机", "phone"], required: false, note: "联系电话，可留空" },
    ],
    async example(principal) {
      const [park, existing] = await Promise.all([firstEditablePark(principal), prisma.enterprise.findMany({ select: { creditCode: true, name: true } })]);
      const codes = new Set(existing.map((e) => e.creditCode));
      let creditCode = "";
      for (let i = 1; !creditCode || codes.has(creditCode); i++) {
        const first17 = `91360100MA35${String(i).padStart(5, "0")}`;
        creditCode = first17 + creditCodeCheckChar(first17);
      }
      return {
        name: freeName("示例制造有限公司", new Set(existing.map((e) => e.name))),
        creditCode,
        parkId: park?.name ?? "",
        clusterId: "",
        clusterRole: CLUSTER_ROLE_LABELS.supporting,
        headcount: "120",
        contactPhone: "13907910000",
      };
    },
    async prepare(principal) {
      const [existing, parkList, clusterList, editable] = await Promise.all([
        prisma.enterprise.findMany({ select: { creditCode: true } }),
        prisma.park.findMany({ select: { id: true, name: true } }),
        prisma.cluster.findMany({ select: { id: true, parkId: true, name: true } }),
        editableParkIds(principal),
      ]);
      const taken = new Set(existing.map((e) => e.creditCode));
      const parksByName = new Map(parkList.map((p) => [p.name, p.id]));
      const clustersByName = new Map(clusterList.map((c) => [`${c.parkId}|${c.name}`, c.id]));
      return {
        resolve(cells) {
          const problems: Problem[] = [];
          const parkId = lookUp(parksByName, cells.parkId, "园区", problems, "所属园区");
          let clusterId = "";
          if (cells.clusterId && parkId !== undefined) {
            const found = clustersByName.get(`${parkId}|${cells.clusterId}`);
            if (found === undefined) problems.push({ field: "所属集群", reason: `集群“${cells.clusterId}”不在该园区` });
            else clusterId = String(found);
          }
          return {
            values: { ...cells, parkId: parkId ? String(parkId) : "", clusterId, clusterRole: cells.clusterRole || "supporting" },
            problems,
          };
        },
        keys: (e) => [{ label: "统一社会信用代码", key: e.creditCode }],
        exists: (key) => taken.has(key),
        refusal: (e) => (editable.has(e.parkId) ? null : "所属园区不在您的管理范围内"),
      };
    },
    // One multi-row INSERT per 500 rows: about ten times faster than createMany through the
    // driver adapter, which is what lets a province's 20,000 enterprises import in seconds
    // (docs/decisions/011-imports.md). Values are bound parameters; dates in Prisma's format.
    async insert(tx, inputs) {
      const CHUNK = 500;
      const now = new Date().toISOString().replace("Z", "+00:00");
      for (let i = 0; i < inputs.length; i += CHUNK) {
        const rows = inputs
          .slice(i, i + CHUNK)
          .map((e) => Prisma.sql`(${e.creditCode}, ${e.name}, ${pinyinSortKey(e.name)}, ${e.parkId}, ${e.clusterId}, ${e.clusterRole}, ${e.headcount}, ${e.contactPhone}, ${now}, ${now})`);
        await tx.$executeRaw`INSERT INTO "Enterprise" ("creditCode", "name", "nameSort", "parkId", "clusterId", "clusterRole", "headcount", "contactPhone", "createdAt", "updatedAt") VALUES ${Prisma.join(rows)}`;
      }
    },
  },
};
