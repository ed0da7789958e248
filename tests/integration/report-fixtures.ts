import { prisma } from "~/utils/db.server";
import { buildRegistry, createGraduate } from "./fixtures";
import { createSubsidyPolicy, fundBureau } from "./subsidy-fixtures";

/**
 * A small province built by hand for the 2026-Q3 report:
 * - park 小蓝 (cluster 汽车) paired with the test college; 进贤 not paired;
 * - four graduates of the college: one hired in July at 小蓝 (wage 5,000, 对口),
 *   one hired in May (before the quarter), one not hired, one graduating in December;
 * - an order of 3 starting in July with the July hire on it;
 * - one tuition claim of ¥3,000 approved in August and paid in September; a 2026 budget of ¥100,000.
 */
export async function buildReportProvince() {
  const registry = await buildRegistry();
  const cluster = await prisma.cluster.create({ data: { parkId: registry.park.id, chain: "装备制造", name: "汽车产业集群", lng: 115.9, lat: 28.5 } });
  await prisma.enterprise.update({ where: { id: registry.enterprise.id }, data: { clusterId: cluster.id } });
  await prisma.pairing.create({ data: { parkId: registry.park.id, collegeId: registry.college.id, startDate: new Date("2025-01-01") } });

  const [hired, early, waiting, late] = [
    await createGraduate(registry.college.id, "七月入职"),
    await createGraduate(registry.college.id, "五月入职"),
    await createGraduate(registry.college.id, "待就业"),
    await createGraduate(registry.college.id, "年底毕业"),
  ];
  await prisma.graduate.update({ where: { id: early.id }, data: { graduationDate: new Date("2026-01-15") } });
  await prisma.graduate.update({ where: { id: late.id }, data: { graduationDate: new Date("2026-12-20") } });

  const order = await prisma.order.create({
    data: {
      enterpriseId: registry.enterprise.id,
      title: "数控订单班",
      majorCode: "460103",
      skillTags: "[]",
      skillLevel: 4,
      quantity: 3,
      startDate: new Date("2026-07-01"),
      wageFen: 500000,
      collegeId: registry.college.id,
      status: "in_training",
    },
  });
  const placement = await prisma.placement.create({
    data: {
      graduateId: hired.id,
      enterpriseId: registry.enterprise.id,
      orderId: order.id,
      startDate: new Date("2026-07-10"),
      contractMonths: 24,
      insuredMonths: 3,
      monthlyWageFen: 500000,
      majorRelevant: true,
      inProvincePark: true,
      confirmedAt: new Date("2026-07-30"),
    },
  });
  await prisma.placement.create({
    data: {
      graduateId: early.id,
      enterpriseId: registry.enterprise.id,
      startDate: new Date("2026-05-01"),
      monthlyWageFen: 400000,
      majorRelevant: false,
      inProvincePark: true,
    },
  });
  const policy = await createSubsidyPolicy(1, "2024-01-01");
  await fundBureau(registry.bureau.id, 2026, { employment_subsidy: 10_000_000 });
  await prisma.subsidyClaim.create({
    data: {
      graduateId: hired.id,
      placementId: placement.id,
      kind: "tuition",
      origin: "automatic",
      status: "paid",
      amountFen: 300_000,
      bureauId: registry.bureau.id,
      policyVersionId: policy.id,
      evaluation: "{}",
      approvedAt: new Date("2026-08-03T02:00:00Z"),
      paidAt: new Date("2026-09-20T02:00:00Z"),
    },
  });
  return { ...registry, cluster, graduates: { hired, early, waiting, late }, order };
}

/** A placement starting in the quarter, added after a report was published. */
export async function hireLater(graduateId: number, enterpriseId: number) {
  return prisma.placement.create({
    data: {
      graduateId,
      enterpriseId,
      startDate: new Date("2026-09-15"),
      monthlyWageFen: 600000,
      majorRelevant: false,
      inProvincePark: true,
    },
  });
}
