/**
 * Worker-training subsidies in the demo (issue 19): after the rows are loaded, the demo
 * enterprise files claims for six of its employees and the county bureau (demo login
 * `bureau`) deals with them through the application's own services — filing, certificate
 * check, approval from the 2026 budget, rejection, payment batch, bank file, payment — on
 * fixed days of 2026, so that the enterprise, the bureau and the city bureau (`citybureau`,
 * whose city the enterprise's park is in) see every state:
 *
 * - two paid in one batch (filed in March and April, paid in May);
 * - one rejected (June);
 * - one approved, not yet batched (September);
 * - one with its certificate verified, waiting for approval (October);
 * - one just filed, its certificate not yet checked (November).
 *
 * Run by prisma/seed.ts with DATABASE_URL pointing at the loaded database.
 */
import { identityCheckChar } from "../../app/domain/ids/identity-number";
import { createPaymentBatch, exportPaymentBatchCsv, markPaymentBatchPaid } from "../../app/services/subsidy/batches.server";
import { approveClaim, rejectClaim } from "../../app/services/subsidy/review.server";
import { createWorkerTrainingClaim, verifyWorkerCertificate } from "../../app/services/subsidy/worker-training.server";
import { prisma } from "../../app/utils/db.server";
import { type Principal, principalOfAccount } from "../../app/utils/principal.server";

async function demoPrincipal(login: string): Promise<Principal> {
  const account = await prisma.account.findUniqueOrThrow({ where: { login }, select: { id: true } });
  return (await principalOfAccount(account.id))!;
}

/** 10:00 China time on a day of 2026 ("MM-DD"). */
const at = (day: string) => new Date(`2026-${day}T02:00:00Z`);

type Step = "filed" | "verified" | "approved" | "rejected" | "paid";
type DemoEmployee = {
  name: string;
  /** The first 17 characters of the identity number (the check character is computed). */
  first17: string;
  certificateName: string;
  level: number;
  /** Days of 2026, "MM-DD": the certificate, the filing, the certificate check, the decision. */
  issued: string;
  filed: string;
  verified?: string;
  decided?: string;
  step: Step;
};

const EMPLOYEES: readonly DemoEmployee[] = [
  { name: "刘建华", first17: "36010219850314271", certificateName: "焊工", level: 4, issued: "03-18", filed: "03-25", verified: "03-30", decided: "04-01", step: "paid" },
  { name: "陈志强", first17: "36012219900721351", certificateName: "电工", level: 3, issued: "04-10", filed: "04-15", verified: "04-21", decided: "04-22", step: "paid" },
  { name: "赵磊", first17: "36012319921105457", certificateName: "焊工", level: 3, issued: "05-28", filed: "06-10", verified: "06-15", decided: "06-18", step: "rejected" },
  { name: "王丽", first17: "36010419950208262", certificateName: "数控车工", level: 5, issued: "08-26", filed: "09-08", verified: "09-14", decided: "09-15", step: "approved" },
  { name: "张伟", first17: "36011119880930473", certificateName: "钳工", level: 4, issued: "10-09", filed: "10-20", verified: "10-27", step: "verified" },
  { name: "李娜", first17: "36010319970412584", certificateName: "电子设备装接工", level: 5, issued: "11-06", filed: "11-16", step: "filed" },
];
/** The batch of the two paid claims: made, exported and paid after both notices ended. */
const BATCHED_ON = "05-12";
const PAID_ON = "05-15";

export async function fileDemoWorkerTrainingClaims(): Promise<{ claims: number; paid: number }> {
  if (await prisma.subsidyClaim.count({ where: { kind: "worker_training" } })) return { claims: 0, paid: 0 };
  const enterprise = await demoPrincipal("enterprise");
  const bureau = await demoPrincipal("bureau");
  const park = await prisma.enterprise.findUniqueOrThrow({ where: { id: enterprise.enterpriseId! }, select: { parkId: true } });
  const base =
    (await prisma.trainingBase.findFirst({ where: { parkId: park.parkId }, orderBy: { id: "asc" }, select: { id: true } })) ??
    (await prisma.trainingBase.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } }));
  // The skills-upgrade account (职业技能提升行动专账资金) when the bureau's 2026 budget has one, else the employment subsidy fund.
  const sources = await prisma.budgetAllocation.findMany({ where: { budget: { bureauId: bureau.bureauId!, year: 2026 } }, select: { source: true } });
  const source = sources.some((s) => s.source === "skills_upgrade") ? "skills_upgrade" : "employment_subsidy";

  const claimOf = new Map<DemoEmployee, number>();
  for (const e of EMPLOYEES) {
    const { claimId } = await createWorkerTrainingClaim({
      principal: enterprise,
      input: {
        name: e.name,
        idNumber: e.first17 + identityCheckChar(e.first17),
        insuredFrom: "2025-03-01",
        insuredMonths: 24,
        baseId: base.id,
        trainingEndedOn: `2026-${e.issued.slice(0, 2)}-01`,
        certificateName: e.certificateName,
        certificateLevel: e.level,
        certificateIssuedOn: `2026-${e.issued}`,
        certificateIssuer: "江西省职业技能鉴定指导中心",
        certificateNumber: `S2026360${String(claimOf.size + 1).padStart(6, "0")}`,
      },
      now: at(e.filed),
    });
    claimOf.set(e, claimId);
  }
  // Decisions in the order of their days: the two paid ones, their batch, then the later ones.
  const verifyAndDecide = async (e: DemoEmployee) => {
    const claimId = claimOf.get(e)!;
    if (!e.verified) return;
    const trainee = await prisma.workerTrainee.findFirstOrThrow({ where: { claims: { some: { id: claimId } } }, select: { certificateIssuer: true, certificateNumber: true } });
    await verifyWorkerCertificate({ principal: bureau, claimId, issuer: trainee.certificateIssuer, number: trainee.certificateNumber, now: at(e.verified) });
    if (!e.decided) return;
    if (e.step === "rejected") {
      await rejectClaim({ principal: bureau, claimId, reason: "社保缴费记录显示该职工取证时已离职，与申报不符", now: at(e.decided) });
    } else {
      await approveClaim({ principal: bureau, claimId, source, now: at(e.decided) });
    }
  };
  const paid = EMPLOYEES.filter((e) => e.step === "paid");
  for (const e of paid) await verifyAndDecide(e);
  const batch = await createPaymentBatch({ principal: bureau, now: at(BATCHED_ON) });
  await exportPaymentBatchCsv({ principal: bureau, batchId: batch.id, now: at(BATCHED_ON) });
  await markPaymentBatchPaid({ principal: bureau, batchId: batch.id, now: at(PAID_ON) });
  for (const e of EMPLOYEES.filter((e) => e.step !== "paid")) await verifyAndDecide(e);
  return { claims: EMPLOYEES.length, paid: paid.length };
}
