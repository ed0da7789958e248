import { z } from "zod";
import { CHAINS, CLUSTER_ROLE_LABELS } from "~/domain/constants";
import { editableClusterScope, editableParkScope } from "~/utils/scopes.server";
import type { Prisma } from "~/utils/db.server";
import { containsText } from "~/utils/sql.server";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/errors.server";
import { requiredText } from "~/utils/forms";
import { assertParkEditable, cityOptions, fieldError, labelledOptions, parkOptions } from "./common.server";
import { enumField, idField, latField, lngField } from "./fields";
import type { RegistryDefinition } from "./types";
import { recordRegistrySearchChanges, requestSearchDelivery } from "~/services/search/sync.server";

export const ClusterSchema = z.object({
  parkId: idField("所属园区"),
  chain: enumField("产业链", CHAINS),
  name: requiredText("集群名称", 60),
  lng: lngField,
  lat: latField,
});
export type ClusterInput = z.infer<typeof ClusterSchema>;

const ORDER: Record<string, (d: Prisma.SortOrder) => Prisma.ClusterOrderByWithRelationInput> = {
  name: (d) => ({ nameSort: d }),
  chain: (d) => ({ chain: d }),
  park: (d) => ({ park: { nameSort: d } }),
  enterprises: (d) => ({ enterprises: { _count: d } }),
};

async function assertNameFree(parkId: number, name: string, exceptId = -1) {
  const clash = await prisma.cluster.findFirst({ where: { parkId, name, NOT: { id: exceptId } }, select: { id: true } });
  if (clash) throw fieldError("name", "该园区已有同名集群");
}

export const clusters: RegistryDefinition<ClusterInput> = {
  kind: "clusters",
  title: "产业集群",
  noun: "集群",
  creators: ["province", "park"],
  spec: { sorts: Object.keys(ORDER), defaultSort: "park", defaultDirection: "asc", filters: ["q", "chain", "city", "park"] },
  columns: [
    { key: "name", label: "集群名称", sortable: true },
    { key: "chain", label: "产业链", sortable: true },
    { key: "park", label: "所属园区", sortable: true },
    { key: "city", label: "城市" },
    { key: "enterprises", label: "企业", sortable: true },
  ],
  async filters() {
    return [
      { key: "q", label: "名称", type: "text" },
      { key: "chain", label: "产业链", type: "select", options: labelledOptions(CHAINS) },
      { key: "city", label: "城市", type: "select", options: cityOptions() },
      { key: "park", label: "园区", type: "select", options: await parkOptions() },
    ];
  },
  async load({ query, take, skip }) {
    const f = query.filters;
    const where: Prisma.ClusterWhereInput = {
      ...(f.q ? { name: containsText(f.q) } : {}),
      ...(f.chain ? { chain: f.chain } : {}),
      ...(f.city ? { park: { cityCode: f.city } } : {}),
      ...(f.park ? { parkId: Number(f.park) || -1 } : {}),
    };
    const [total, rows] = await Promise.all([
      prisma.cluster.count({ where }),
      prisma.cluster.findMany({
        where,
        orderBy: [ORDER[query.sort]!(query.direction), { id: "asc" }],
        take,
        skip,
        select: { id: true, name: true, chain: true, park: { select: { name: true, city: { select: { name: true } } } }, _count: { select: { enterprises: true } } },
      }),
    ]);
    return {
      total,
      rows: rows.map((c) => ({
        id: c.id,
        href: `/registries/clusters/${c.id}`,
        cells: { name: c.name, chain: c.chain, park: c.park.name, city: c.park.city.name, enterprises: c._count.enterprises },
      })),
    };
  },
  async detail(_principal, id) {
    const cluster = await prisma.cluster.findUnique({
      where: { id },
      select: {
        name: true,
        chain: true,
        lng: true,
        lat: true,
        parkId: true,
        park: { select: { name: true, cityCode: true } },
        enterprises: {
          select: { id: true, name: true, clusterRole: true, headcount: true },
          orderBy: [{ clusterRole: "asc" }, { headcount: "desc" }],
          take: 50,
        },
        _count: { select: { enterprises: true } },
      },
    });
    if (!cluster) throw notFound("集群");
    return {
      title: cluster.name,
      mapHref: `/map?chain=${encodeURIComponent(cluster.chain)}&city=${cluster.park.cityCode}`,
      facts: [
        { label: "产业链", value: cluster.chain },
        { label: "所属园区", value: cluster.park.name, href: `/registries/parks/${cluster.parkId}` },
        { label: "坐标", value: `${cluster.lng}, ${cluster.lat}` },
        { label: "集群企业", value: `${cluster._count.enterprises} 家`, href: `/registries/enterprises?park=${cluster.parkId}&cluster=${id}` },
      ],
      sections: [
        {
          title: "集群企业（龙头企业在前）",
          empty: "暂无企业",
          columns: [
            { key: "name", label: "企业" },
            { key: "role", label: "集群角色" },
            { key: "headcount", label: "职工人数" },
          ],
          rows: cluster.enterprises.map((e) => ({
            id: e.id,
            href: `/registries/enterprises/${e.id}`,
            cells: { name: e.name, role: CLUSTER_ROLE_LABELS[e.clusterRole as keyof typeof CLUSTER_ROLE_LABELS] ?? e.clusterRole, headcount: e.headcount },
          })),
        },
      ],
    };
  },
  async mayEdit(principal, id) {
    return (await prisma.cluster.count({ where: { AND: [{ id }, editableClusterScope(principal)] } })) > 0;
  },
  schema: ClusterSchema,
  async fields(principal) {
    return [
      { name: "parkId", label: "所属园区", type: "select", options: await parkOptions(editableParkScope(principal)), required: true },
      { name: "chain", label: "产业链", type: "select", options: labelledOptions(CHAINS), required: true },
      { name: "name", label: "集群名称", type: "text", required: true },
      { name: "lng", label: "经度", type: "number", required: true },
      { name: "lat", label: "纬度", type: "number", required: true },
    ];
  },
  async values(principal, id) {
    const c = await prisma.cluster.findFirst({ where: { AND: [{ id }, editableClusterScope(principal)] } });
    if (!c) throw notFound("集群");
    return { parkId: String(c.parkId), chain: c.chain, name: c.name, lng: String(c.lng), lat: String(c.lat) };
  },
  async create(principal, input) {
    await assertParkEditable(principal, input.parkId);
    await assertNameFree(input.parkId, input.name);
    return (await prisma.cluster.create({ data: input, select: { id: true } })).id;
  },
  async update(principal, id, input) {
    if (!(await clusters.mayEdit(principal, id))) throw forbidden("您只能修改本园区的集群");
    await assertParkEditable(principal, input.parkId);
    await assertNameFree(input.parkId, input.name, id);
    await prisma.$transaction(async (tx) => {
      await tx.cluster.update({ where: { id }, data: input });
      await recordRegistrySearchChanges({ db: tx, change: { kind: "cluster", id } });
    });
    await requestSearchDelivery();
  },
};
