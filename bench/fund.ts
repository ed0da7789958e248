/**
 * The yearly training-fund run over every enterprise of the province (issue 8:
 * 20,000 enterprises, under 5 s), as the worker runs it — declarations, pairings and
 * placements read, shares split, allocations written — on a private copy of the
 * province-scale database (DATABASE_URL, given by bench/index.ts). Enterprises the
 * demo data left without a 2025 declaration get one first (not timed), so that all
 * are computed.
 */
import { closeBenchHandles } from "./finish";
import { privateProvinceCopy } from "./province-db";

const YEAR = 2025;
const TARGET_SECONDS = 5;

const copy = await privateProvinceCopy("fund");

const { prisma } = await import("../app/utils/db.server");
const { policyDateForYear, trainingFundPolicyOn } = await import("../app/services/fund/training-fund.server");
const { runTrainingFundYear } = await import("../app/services/fund/run.server");

const added = await prisma.$executeRaw`
  INSERT INTO "PayrollDeclaration" ("enterpriseId", "year", "version", "payrollFen", "createdAt")
  SELECT e."id", ${YEAR}, 1, e."headcount" * CAST(8000000 AS BIGINT) + (e."id" % 97) * 137, ${new Date()}
  FROM "Enterprise" e
  WHERE NOT EXISTS (SELECT 1 FROM "PayrollDeclaration" d WHERE d."enterpriseId" = e."id" AND d."year" = ${YEAR})`;
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

const [allocations, run] = await Promise.all([
  prisma.fundAllocation.count({ where: { runId: fundRun.id } }),
  prisma.fundRun.findUniqueOrThrow({ where: { id: fundRun.id }, select: { unpairedEnterprises: true } }),
]);
console.log(`enterprises ${enterprises} (declarations added for the bench: ${added}), computed ${result.enterprises}`);
console.log(`allocations written ${allocations}, enterprises in parks without a paired college ${run.unpairedEnterprises}`);
console.log(`yearly run ${YEAR}: ${seconds.toFixed(2)} s (target < ${TARGET_SECONDS} s${seconds < TARGET_SECONDS ? ", met" : ", NOT met"})`);
await closeBenchHandles();
await copy.drop();
