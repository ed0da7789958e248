/**
 * The training fund's settlement in the demo (issue 19): after the rows are loaded, the
 * 2025 statement is computed and settled through the application's own services — the
 * same computation, payments, confirmation, dispute and ledger a person would use —
 * so that the demo accounts show it:
 *
 * - the enterprise has paid a small part of its share: one payment confirmed, one disputed, the
 *   rest overdue (the statement was issued on 2026-01-10, due three months later);
 * - the college has the confirmed payment as a receipt and has booked spending against it;
 * - some other enterprises of the park paid in full, the others are in arrears.
 *
 * Run by prisma/seed.ts with DATABASE_URL pointing at the loaded database.
 */
import { trainingFundPolicyOn } from "../../app/services/fund/training-fund.server";
import { runTrainingFundYear } from "../../app/services/fund/run.server";
import { decideFundPayment, recordFundPayment, settlementLines } from "../../app/services/fund/settlement.server";
import { recordSpending } from "../../app/services/fund/ledger.server";
import { prisma } from "../../app/utils/db.server";
import { type Principal, principalOfAccount } from "../../app/utils/principal.server";

const YEAR = 2025;
const ISSUED_ON = new Date(Date.UTC(2026, 0, 10));

async function demoPrincipal(login: string): Promise<Principal> {
  const account = await prisma.account.findUniqueOrThrow({ where: { login }, select: { id: true } });
  return (await principalOfAccount(account.id))!;
}

/** Share of `fen` in whole yuan (so the demo's figures read cleanly), at least ¥1. */
const part = (fen: number, percent: number) => Math.max(100, Math.floor((fen * percent) / 10_000) * 100);

export async function settleDemoFund(): Promise<{ payments: number; spending: number }> {
  if (await prisma.fundRun.count({ where: { year: YEAR } })) return { payments: 0, spending: 0 };
  const policy = await trainingFundPolicyOn(new Date(Date.UTC(YEAR, 11, 31)));
  const run = await prisma.fundRun.create({ data: { year: YEAR, policyVersionId: policy.policyVersionId, status: "queued" } });
  await runTrainingFundYear({ runId: run.id });
  await prisma.fundRun.update({ where: { id: run.id }, data: { issuedOn: ISSUED_ON, finishedAt: ISSUED_ON } });

  const province = await demoPrincipal("province");
  const park = await demoPrincipal("park");
  const enterprise = await demoPrincipal("enterprise");
  const college = await demoPrincipal("college");
  let payments = 0;
  const pay = async (payer: Principal, enterpriseId: number, line: string, amountFen: number, paidOn: string, voucherNo: string) => {
    payments += 1;
    return recordFundPayment({ principal: payer, input: { year: YEAR, enterpriseId, line, paidOn, amountFen, voucherNo } });
  };

  // The demo enterprise: 5% paid and confirmed by the college, 3% disputed, the rest not paid (small parts, so
  // that a later re-declaration in tests/e2e/training-fund.test.ts still leaves something to pay).
  const own = (await settlementLines({ principal: enterprise, year: YEAR, enterpriseId: enterprise.enterpriseId! })).lines;
  const toCollege = own.find((l) => l.college?.id === college.collegeId) ?? own.find((l) => l.college);
  if (toCollege) {
    const confirmed = await pay(enterprise, enterprise.enterpriseId!, toCollege.key, part(toCollege.owedFen, 5), "2026-02-15", "DEMO-2025-0001");
    const decider = toCollege.college!.id === college.collegeId ? college : null;
    if (decider) await decideFundPayment({ principal: decider, paymentId: confirmed.id, decision: "confirm" });
    const disputed = await pay(enterprise, enterprise.enterpriseId!, toCollege.key, part(toCollege.owedFen, 3), "2026-03-20", "DEMO-2025-0002");
    if (decider) await decideFundPayment({ principal: decider, paymentId: disputed.id, decision: "dispute", reason: "未查到该笔到账，请核对银行回单后重新登记" });
  }

  // Other enterprises of the park: every third pays in full (recorded by the park); the demo college and the
  // province confirm theirs, other colleges' payments wait for them.
  const lines = (await settlementLines({ principal: park, year: YEAR })).lines.filter((l) => l.enterprise.id !== enterprise.enterpriseId);
  for (const [i, line] of lines.entries()) {
    if (i % 3 !== 0 || line.payableFen === 0) continue;
    const payment = await pay(park, line.enterprise.id, line.key, line.payableFen, "2026-03-31", `DEMO-2025-P${String(i).padStart(3, "0")}`);
    const decider = line.college ? (line.college.id === college.collegeId ? college : null) : province;
    if (decider) await decideFundPayment({ principal: decider, paymentId: payment.id, decision: "confirm" });
  }

  // The college books spending against what arrived: training equipment, teachers, student aid.
  let spending = 0;
  const balance = await prisma.collegeFundBalance.findUnique({ where: { collegeId: college.collegeId! }, select: { balanceFen: true } });
  const received = Number(balance?.balanceFen ?? 0);
  const entries = [
    { entryOn: "2026-04-08", category: "equipment" as const, share: 40, purpose: "数控实训车间刀具与量具补充", attachmentRef: "HT-2026-031" },
    { entryOn: "2026-05-20", category: "teachers" as const, share: 20, purpose: "企业工程师兼职授课课酬", attachmentRef: "FP-2026-118" },
    { entryOn: "2026-06-30", category: "student_aid" as const, share: 10, purpose: "订单班学生实习交通补助", attachmentRef: null },
  ];
  for (const e of entries) {
    const amountFen = part(received, e.share);
    if (received === 0 || amountFen > received) continue;
    await recordSpending({ principal: college, input: { entryOn: e.entryOn, category: e.category, amountFen, purpose: e.purpose, attachmentRef: e.attachmentRef } });
    spending += 1;
  }
  return { payments, spending };
}
