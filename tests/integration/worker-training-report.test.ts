import { beforeAll, describe, expect, it } from "vitest";
import { workerTrainingReport } from "~/services/fund/report.server";
import { prisma } from "~/utils/db.server";
import type { Principal } from "~/utils/principal.server";
import { buildRegistry, refusal } from "./fixtures";
import { principalOf } from "./labour-fixtures";

let province: Principal;
let park: Principal;
let enterprise: Principal;

// Worker-training subsidies in the reports and on the province dashboard (issue 19, item 6): by funding source and by cluster.
beforeAll(async () => {
  const registry = await buildRegistry();
  province = await principalOf("wtr-prov", "province");
  park = await principalOf("wtr-park", "park", { parkId: registry.park.id });
  enterprise = await principalOf("wtr-ent", "enterprise", { enterpriseId: registry.enterprise.id });
  const cluster = await prisma.cluster.create({ data: { parkId: registry.park.id, chain: "电子信息", name: "电子信息集群", lng: 115.9, lat: 28.5 } });
  await prisma.enterprise.update({ where: { id: registry.enterprise.id }, data: { clusterId: cluster.id } });
  const other = await prisma.enterprise.create({ data: { creditCode: "91360100MA00000009", name: "进贤配套企业", parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 30 } });
  const pairing = await prisma.pairing.create({ data: { parkId: registry.park.id, collegeId: registry.college.id, startDate: new Date("2020-01-01") } });
  const base = await prisma.trainingBase.create({ data: { name: "小蓝实训基地", parkId: registry.park.id, pairingId: pairing.id, capacity: 100, trades: "[]", lng: 115.9, lat: 28.5 } });
  const policy = await prisma.policyVersion.create({ data: { kind: "worker_training", version: 1, effectiveFrom: new Date("2024-01-01"), data: "{}" } });
  const budget = await prisma.bureauBudget.create({ data: { bureauId: registry.bureau.id, year: 2026 } });
  const skills = await prisma.budgetAllocation.create({ data: { budgetId: budget.id, source: "skills_upgrade", amountFen: 10_000_000n } });
  const farming = await prisma.budgetAllocation.create({ data: { budgetId: budget.id, source: "agriculture_training", amountFen: 10_000_000n } });
  let n = 0;
  const claim = async (enterpriseId: number, allocationId: number, amountFen: number, status: string) => {
    n += 1;
    const trainee = await prisma.workerTrainee.create({
      data: {
        enterpriseId, name: `职工${n}`, idNumberHash: `h${n}`, idNumberCipher: "x", idNumberMasked: "3601**********000X", insuredFrom: new Date("2025-01-01"),
        insuredMonths: 12, baseId: base.id, trainingEndedOn: new Date("2026-03-01"), certificateName: "电工", certificateLevel: 4,
        certificateIssuedOn: new Date("2026-04-01"), certificateIssuer: "江西省职业技能鉴定指导中心", certificateNumber: `C-${n}`,
      },
    });
    await prisma.subsidyClaim.create({
      data: { workerTraineeId: trainee.id, kind: "worker_training", origin: "enterprise", status, amountFen, bureauId: registry.bureau.id, policyVersionId: policy.id, evaluation: "{}", budgetAllocationId: allocationId },
    });
  };
  await claim(registry.enterprise.id, skills.id, 150_000, "paid");
  await claim(registry.enterprise.id, skills.id, 100_000, "approved");
  await claim(other.id, farming.id, 200_000, "in_batch");
  await claim(other.id, farming.id, 200_000, "pending_review"); // not yet approved: not counted
});

describe("worker-training subsidies by source and cluster", () => {
  it("counts approved, batched and paid claims for the province, by source and by park · cluster", async () => {
    const report = await workerTrainingReport({ principal: province });
    expect(report).toMatchObject({ claims: 3, amountFen: 450_000, paidFen: 150_000 });
    expect(report.bySource).toEqual([
      { label: "职业技能提升行动专账资金", amountFen: 250_000, paidFen: 150_000 },
      { label: "农业培训资金（高素质农民）", amountFen: 200_000, paidFen: 0 },
    ]);
    expect(report.byCluster).toEqual([
      { label: "南昌小蓝经开区 · 电子信息集群", amountFen: 250_000, paidFen: 150_000 },
      { label: "非集群企业", amountFen: 200_000, paidFen: 0 },
    ]);
  });

  it("gives a park its own enterprises' claims only, and refuses an enterprise", async () => {
    const report = await workerTrainingReport({ principal: park });
    expect(report.byCluster).toEqual([{ label: "电子信息集群", amountFen: 250_000, paidFen: 150_000 }]);
    expect((await refusal(workerTrainingReport({ principal: enterprise }))).status).toBe(403);
  });
});
