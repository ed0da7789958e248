import { performance } from "node:perf_hooks";
import { currentFundRun, policyDateForYear, trainingFundPolicyOn } from "~/services/training-fund.server";
import { prisma } from "~/utils/db.server";
import { runTrainingFundYear } from "../jobs/processors/training-fund-run";

/**
 * The yearly training-fund run over every enterprise of the province (20,000 at
 * province scale), as the worker runs it: declarations, pairings and placements
 * read, shares split, allocations written. Enterprises the demo data left without
 * a declaration for the year get one first (not timed), so that all are computed.
 */
const YEAR = 2025;

async function declareForEveryEnterprise(year: number): Promise<number> {
  return prisma.$executeRaw`
    INSERT INTO "PayrollDeclaration" ("enterpriseId", "year", "version", "payrollFen", "createdAt")
    SELECT e."id", ${year}, 1, e."headcount" * 8000000 + (e."id" % 97) * 137, ${new Date()}
    FROM "Enterprise" e
    WHERE NOT EXISTS (SELECT 1 FROM "PayrollDeclaration" d WHERE d."enterpriseId" = e."id" AND d."year" = ${year})`;
}

type BenchFigure = { name: string; seconds: number; targetSeconds: number; detail: string };

async function run(): Promise<BenchFigure[]> {
  const added = await declareForEveryEnterprise(YEAR);
  const enterprises = await prisma.enterprise.count();
  const policy = await trainingFundPolicyOn(policyDateForYear(YEAR));
  const fundRun = await prisma.fundRun.upsert({
    where: { year_policyVersionId: { year: YEAR, policyVersionId: policy.policyVersionId } },
    create: { year: YEAR, policyVersionId: policy.policyVersionId, status: "queued" },
    update: { status: "queued" },
    select: { id: true },
  });

  const started = performance.now();
  const result = await runTrainingFundYear({ runId: fundRun.id });
  const seconds = (performance.now() - started) / 1000;

  const [allocations, done] = await Promise.all([
    prisma.fundAllocation.count({ where: { runId: fundRun.id } }),
    currentFundRun(YEAR),
  ]);
  console.log(
    `  ${enterprises} 家企业（补充申报 ${added} 家），核算 ${result.enterprises} 家，写入 ${allocations} 条划拨记录，` +
      `所在园区无对接院校 ${done?.unpairedEnterprises ?? 0} 家`,
  );
  return [
    {
      name: `${YEAR} 年度培训经费核算（${result.enterprises} 家企业）`,
      seconds,
      targetSeconds: 5,
      detail: `，${allocations} 条划拨记录`,
    },
  ];
}

for (const f of await run()) {
  const verdict = f.seconds <= f.targetSeconds ? "达标" : "未达标";
  console.log(`${f.name}: ${f.seconds.toFixed(2)} s（目标 < ${f.targetSeconds} s，${verdict}）${f.detail}`);
}
await prisma.$disconnect();
