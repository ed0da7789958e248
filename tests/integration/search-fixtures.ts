import { recordSearchChange } from "~/services/search/sync.server";
import { prisma } from "~/utils/db.server";
import { buildRegistry } from "./fixtures";

/** The registry plus what job search needs: a second city, a cluster, part of the major catalogue. */
export async function buildJobMarket() {
  const registry = await buildRegistry();
  await prisma.city.create({ data: { code: "360400", name: "九江市", lng: 116.0, lat: 29.7 } });
  await prisma.county.create({ data: { code: "360402", name: "濂溪区", cityCode: "360400" } });
  const jiujiangPark = await prisma.park.create({
    data: { name: "九江经开区", level: "national", cityCode: "360400", countyCode: "360402", lng: 116.0, lat: 29.7 },
  });
  await prisma.majorCategory.createMany({
    data: [
      { code: "46", name: "装备制造大类", level: "高职" },
      { code: "53", name: "财经商贸大类", level: "高职" },
    ],
  });
  await prisma.majorClass.createMany({
    data: [
      { code: "4601", name: "机械设计制造类", categoryCode: "46" },
      { code: "4603", name: "自动化类", categoryCode: "46" },
      { code: "4607", name: "汽车制造类", categoryCode: "46" },
      { code: "5302", name: "金融类", categoryCode: "53" },
    ],
  });
  const cluster = await prisma.cluster.create({
    data: { parkId: registry.park.id, chain: "装备制造", name: "汽车及零部件产业集群", lng: 115.9, lat: 28.5 },
  });
  await prisma.enterprise.update({ where: { id: registry.enterprise.id }, data: { clusterId: cluster.id } });
  const bank = await prisma.enterprise.create({
    data: { creditCode: "91360100MA00000001", name: "中国农业发展银行南昌分行", parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 80 },
  });
  const battery = await prisma.enterprise.create({
    data: { creditCode: "91360400MA00000002", name: "九江动力电池有限公司", parkId: jiujiangPark.id, clusterRole: "leading", headcount: 900 },
  });
  return { ...registry, jiujiangPark, cluster, bank, battery };
}

type JobInput = {
  enterpriseId: number;
  parkId: number;
  cityCode?: string;
  title: string;
  description?: string;
  majorClasses?: string[];
  level?: number | null;
  wage?: [number, number];
  postedAt?: Date;
  status?: string;
};

/** Creates a job the way a writer must: the job and its search change in one transaction. */
export async function postJob(input: JobInput) {
  return prisma.$transaction(async (tx) => {
    const job = await tx.job.create({
      data: {
        enterpriseId: input.enterpriseId,
        parkId: input.parkId,
        cityCode: input.cityCode ?? "360100",
        title: input.title,
        description: input.description ?? "",
        majorClasses: JSON.stringify(input.majorClasses ?? ["4601"]),
        skillLevelRequired: input.level ?? null,
        wageMinFen: (input.wage?.[0] ?? 5_000) * 100,
        wageMaxFen: (input.wage?.[1] ?? 8_000) * 100,
        openings: 3,
        status: input.status ?? "open",
        postedAt: input.postedAt ?? new Date(),
      },
    });
    await recordSearchChange({ db: tx, index: "jobs", recordId: job.id, op: "upsert" });
    return job;
  });
}
