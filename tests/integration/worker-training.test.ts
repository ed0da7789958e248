import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import type { BulkOutcome } from "~/services/subsidy/review.server";
import { approveClaim, listReviewQueue, rejectClaim } from "~/services/subsidy/review.server";
import { createPaymentBatch, exportPaymentBatchCsv, markPaymentBatchPaid } from "~/services/subsidy/batches.server";
import { getClaim } from "~/services/subsidy/claims.server";
import {
  createWorkerTrainingClaim,
  evaluateWorkerTrainingClaim,
  listWorkerTrainingClaims,
  verifyWorkerCertificate,
  type WorkerTrainingInput,
} from "~/services/subsidy/worker-training.server";
import { ensureDatabaseReady, prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import type { Principal } from "~/utils/principal.server";
import { action as evaluateEndpoint } from "~/routes/api.v1.training-subsidies.evaluate";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { createAccount } from "./fixtures";
import { buildSubsidyRegistry, createSubsidyPolicy, fundBureau, nextIdNumber, principalOf } from "./subsidy-fixtures";

/**
 * Worker training subsidies (product.md §12, issue 19 item 4, ADR 160): an enterprise's
 * claim for an insured employee goes through the graduate subsidies' review, budget,
 * notice, batch and audit. Runs on SQLite and, with TEST_DATABASE=postgresql, on PostgreSQL.
 */
let registry: Awaited<ReturnType<typeof buildSubsidyRegistry>>;
let baseId: number;
let clusterFirm: Principal;
let plainFirm: Principal;
let officer: Principal;
let secondOfficerId: number;
const YEAR = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const DAY = 86_400_000;

beforeAll(async () => {
  registry = await buildSubsidyRegistry();
  // 技师 (level 2) is subsidised by this policy, so that one person can reach four levels in a year.
  await createSubsidyPolicy(1, "2020-01-01", { workerTraining: { amounts: { "5": 100_000, "4": 150_000, "3": 200_000, "2": 300_000 }, maxPerYear: 3 } });
  const here = registry.sites[0];
  const cluster = await prisma.cluster.create({ data: { parkId: here.park.id, chain: "电子信息", name: "小蓝电子信息", lng: 115.9, lat: 28.5 } });
  await prisma.enterprise.update({ where: { id: here.enterprise.id }, data: { clusterId: cluster.id } });
  // A second enterprise in the same park, outside any cluster.
  const plain = await prisma.enterprise.create({
    data: { creditCode: "91360121MA0000009X", name: "南昌县普通加工有限公司", parkId: here.park.id, clusterRole: "supporting", headcount: 50 },
  });
  const pairing = await prisma.pairing.create({ data: { parkId: here.park.id, collegeId: registry.college.id, startDate: new Date("2024-01-01") } });
  baseId = (
    await prisma.trainingBase.create({ data: { name: "小蓝园校实训基地", parkId: here.park.id, pairingId: pairing.id, capacity: 200, trades: "[]", lng: 115.9, lat: 28.5 } })
  ).id;
  clusterFirm = await principalOf((await createAccount("wt-cluster-firm", "enterprise", { enterpriseId: here.enterprise.id })).id);
  plainFirm = await principalOf((await createAccount("wt-plain-firm", "enterprise", { enterpriseId: plain.id })).id);
  officer = await principalOf(here.officer.id);
  secondOfficerId = (await prisma.account.create({ data: { login: "wt-bureau-0b", role: "bureau", displayName: "第二审核员", passwordHash: "x", bureauId: here.bureau.id } })).id;
  await ensureDatabaseReady();
});

const input = (changes: Partial<WorkerTrainingInput> = {}): WorkerTrainingInput => ({
  name: "李师傅",
  idNumber: nextIdNumber(),
  insuredFrom: `${YEAR}-01-01`,
  insuredMonths: 12,
  baseId,
  trainingEndedOn: `${YEAR}-01-20`,
  certificateName: "电工",
  certificateLevel: 4,
  certificateIssuedOn: `${YEAR}-02-01`,
  certificateIssuer: "江西省职业技能鉴定指导中心",
  certificateNumber: `S${Math.random().toString().slice(2, 12)}`,
  ...changes,
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** A claim made by the enterprise and its certificate verified by the bureau: ready to approve. */
async function verifiedClaim(firm: Principal, changes: Partial<WorkerTrainingInput> = {}) {
  const made = await createWorkerTrainingClaim({ principal: firm, input: input(changes) });
  await verifyWorkerCertificate({ principal: officer, claimId: made.claimId, issuer: "江西省职业技能鉴定指导中心", number: "V-001" });
  return made.claimId;
}

function officerInAnotherProcess(accountId: number, source: string, claimIds: number[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/helpers/approve-claims.ts", String(accountId), source, claimIds.join(",")], {
    env: process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let signalReady: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on("data", (d) => {
    out += d;
    if (out.startsWith("ready\n")) signalReady();
  });
  child.stderr.on("data", (d) => (err += d));
  const outcome = new Promise<BulkOutcome>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!) as BulkOutcome) : reject(new Error(`exit ${code}: ${err}`)))),
  );
  return { ready, go: () => child.stdin.end("go\n"), outcome };
}

type Officer = ReturnType<typeof officerInAnotherProcess>;

async function approveAtOnce(officers: [Officer, Officer]): Promise<[BulkOutcome, BulkOutcome]> {
  await Promise.all(officers.map((o) => o.ready));
  for (const o of officers) o.go();
  return Promise.all([officers[0].outcome, officers[1].outcome]);
}

describe("an enterprise's worker-training claim, from application to a paid batch", () => {
  it("is explained rule by rule, reviewed first for a cluster enterprise, approved from the budget after the certificate check, noticed, batched and paid, all in the audit log", async () => {
    const site = registry.sites[0];
    await fundBureau(site.bureau.id, YEAR, { skills_upgrade: 1_000_000 });
    const person = input({ name: "王焊工", certificateName: "焊工", certificateLevel: 3 });

    const dryRun = await evaluateWorkerTrainingClaim({ principal: clusterFirm, input: person });
    expect(dryRun).toMatchObject({ eligible: false, claimable: true, amountFen: 200_000, policyVersion: 1 });
    expect(dryRun.rules.find((r) => r.rule === "verified")).toMatchObject({ passed: false, detail: "证书尚未由院校或人社局核验" });
    expect(dryRun.rules.find((r) => r.rule === "base")?.detail).toContain("小蓝园校实训基地");

    const plainClaim = await createWorkerTrainingClaim({ principal: plainFirm, input: input({ name: "赵普工" }) });
    const { claimId, amountFen } = await createWorkerTrainingClaim({ principal: clusterFirm, input: person });
    expect(amountFen).toBe(200_000);
    expect(await listWorkerTrainingClaims({ principal: clusterFirm })).toEqual([
      expect.objectContaining({ id: claimId, status: "pending_review", amountFen: 200_000, trainee: expect.objectContaining({ name: "王焊工", certificateVerifiedAt: null }) }),
    ]);

    // The cluster enterprise's claim heads the bureau's queue although it came later.
    const queue = await listReviewQueue({ principal: officer, filter: { status: "pending_review", kind: "worker_training" }, query: { page: 1, sort: "createdAt", direction: "asc", filters: {} } });
    expect(queue.rows.map((r) => r.id)).toEqual([claimId, plainClaim.claimId]);
    expect(queue.rows[0]).toMatchObject({ reviewFirst: true, subject: { name: "王焊工", enterpriseName: site.enterprise.name } });

    // Not before the certificate is verified.
    expect((await refusal(approveClaim({ principal: officer, claimId, source: "skills_upgrade" }))).message).toContain("证书尚未由院校或人社局核验");
    await verifyWorkerCertificate({ principal: officer, claimId, issuer: "江西省职业技能鉴定指导中心", number: "2026-HG-0001" });
    const approvedAt = new Date();
    const approval = await approveClaim({ principal: officer, claimId, source: "skills_upgrade", now: approvedAt });
    expect(approval.amountFen).toBe(200_000);
    const allocation = await prisma.budgetAllocation.findFirstOrThrow({ where: { budget: { bureauId: site.bureau.id, year: YEAR }, source: "skills_upgrade" } });
    expect(allocation.reservedFen).toBe(200_000n);

    // The notice period holds it back; after it, a batch takes it, the bank file pays by full identity number.
    await expect(createPaymentBatch({ principal: officer, now: approvedAt })).rejects.toThrow("没有公示期满");
    const later = new Date(approvedAt.getTime() + 30 * DAY);
    const batch = await createPaymentBatch({ principal: officer, now: later });
    expect(batch).toMatchObject({ count: 1, totalFen: 200_000 });
    const { csv } = await exportPaymentBatchCsv({ principal: officer, batchId: batch.id, now: later });
    expect(csv).toContain(`王焊工,${person.idNumber},职业技能提升补贴,2000.00,职业技能提升行动专账资金,${site.enterprise.name}`);
    await markPaymentBatchPaid({ principal: officer, batchId: batch.id, now: later });

    const seen = await getClaim({ principal: clusterFirm, claimId });
    expect(seen.status).toBe("paid");
    expect(seen.events.map((e) => e.action)).toEqual(["created", "certificate_verified", "approved", "batched", "exported", "paid"]);
    expect(seen.evaluation.rules?.every((r) => r.passed)).toBe(true);
    expect(seen.workerTrainee).toMatchObject({ name: "王焊工", idNumber: person.idNumber, certificateNumber: "2026-HG-0001" });
    // Another enterprise does not see it.
    await expect(getClaim({ principal: plainFirm, claimId })).rejects.toThrow("不存在");
  });

  it("refuses a claim whose rules fail, with each failed rule's reason, and a second claim for the same person and level", async () => {
    const notInsured = await refusal(createWorkerTrainingClaim({ principal: plainFirm, input: input({ insuredFrom: `${YEAR}-03-01` }) }));
    expect(notInsured).toMatchObject({ status: 422, code: "not_eligible" });
    expect(notInsured.message).toContain("取证时未在本企业参加社会保险");
    const early = await refusal(createWorkerTrainingClaim({ principal: plainFirm, input: input({ trainingEndedOn: `${YEAR}-02-10` }) }));
    expect(early.message).toContain(`证书（${YEAR}-02-01）早于培训结束（${YEAR}-02-10）`);
    const senior = await refusal(createWorkerTrainingClaim({ principal: plainFirm, input: input({ certificateLevel: 1 }) }));
    expect(senior.message).toContain("高级技师证书不在补贴范围");
    const unknownBase = await refusal(evaluateWorkerTrainingClaim({ principal: plainFirm, input: input({ baseId: 999_999 }) }));
    expect(unknownBase).toMatchObject({ status: 422, code: "unknown_base", field: "baseId" });
    await expect(evaluateWorkerTrainingClaim({ principal: officer, input: input() })).rejects.toMatchObject({ status: 403 });

    const idNumber = nextIdNumber();
    await createWorkerTrainingClaim({ principal: plainFirm, input: input({ idNumber, certificateLevel: 5 }) });
    const again = await refusal(createWorkerTrainingClaim({ principal: clusterFirm, input: input({ idNumber, certificateLevel: 5 }) }));
    expect(again).toMatchObject({ status: 409 });
    expect(again.message).toContain("每人每个等级限一次");
  });

  it("stores one of four filings made at once for the same person and level, and refuses the others with the form's 409", async () => {
    const idNumber = nextIdNumber();
    const certificateNumber = `RACE-${idNumber.slice(-8)}`;
    const outcomes = await Promise.allSettled(
      [clusterFirm, plainFirm, clusterFirm, plainFirm].map((firm) =>
        createWorkerTrainingClaim({ principal: firm, input: input({ idNumber, certificateLevel: 3, certificateNumber }) }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as AppError] : []));
    expect(refused.map((e) => [e.status, e.message.includes("每人每个等级限一次")])).toEqual([[409, true], [409, true], [409, true]]);
    expect(await prisma.subsidyClaim.count({ where: { workerTrainee: { certificateNumber } } })).toBe(1);
    expect(await prisma.workerTrainee.count({ where: { certificateNumber } })).toBe(1);
  });

  it("grants once per person per level: the approval re-checks, and the database holds one grant key per person and level", async () => {
    await prisma.budgetAllocation.updateMany({ where: { budget: { bureauId: registry.sites[0].bureau.id, year: YEAR } }, data: { amountFen: 100_000_000 } });
    const first = await verifiedClaim(plainFirm, { certificateLevel: 4 });
    await approveClaim({ principal: officer, claimId: first, source: "skills_upgrade" });
    // A second claim for the same person and level written straight to the database (past the application check).
    const source = await prisma.subsidyClaim.findUniqueOrThrow({ where: { id: first }, include: { workerTrainee: true } });
    const { id: _id, createdAt: _c, ...trainee } = source.workerTrainee!;
    const copy = await prisma.workerTrainee.create({ data: { ...trainee, enterpriseId: registry.sites[0].enterprise.id } });
    const second = await prisma.subsidyClaim.create({
      data: { workerTraineeId: copy.id, kind: "worker_training", origin: "enterprise", status: "pending_review", amountFen: 150_000, bureauId: source.bureauId, policyVersionId: source.policyVersionId, evaluation: "{}" },
    });
    const refused = await refusal(approveClaim({ principal: officer, claimId: second.id, source: "skills_upgrade" }));
    expect(refused.message).toContain("已享受过中级工证书补贴（每人每个等级限一次）");
    await expect(prisma.subsidyClaim.update({ where: { id: second.id }, data: { grantKey: source.grantKey } })).rejects.toThrow();
    expect(await prisma.subsidyClaim.count({ where: { grantKey: source.grantKey } })).toBe(1);
  });

  it("approves at most three claims of a person in a year when two officers approve four levels at once (yearly slots)", async () => {
    const idNumber = nextIdNumber();
    const ids = [];
    for (const level of [5, 4, 3, 2]) ids.push(await verifiedClaim(clusterFirm, { idNumber, certificateLevel: level }));
    const [a, b] = await approveAtOnce([
      officerInAnotherProcess(registry.sites[0].officer.id, "skills_upgrade", [ids[0]!, ids[2]!]),
      officerInAnotherProcess(secondOfficerId, "skills_upgrade", [ids[1]!, ids[3]!]),
    ]);
    expect(a.done.length + b.done.length).toBe(3);
    expect([...a.failed, ...b.failed].map((f) => f.message).join()).toMatch(/每年|上限/);
    const approved = await prisma.subsidyClaim.findMany({ where: { id: { in: ids }, status: "approved" }, select: { annualSlot: true } });
    expect(approved).toHaveLength(3);
    expect(new Set(approved.map((c) => c.annualSlot)).size).toBe(3);
  });

  it("never exceeds the funding source's budget when two officers approve worker-training claims at once", async () => {
    const bureau = registry.sites[1].bureau;
    const officerThere = await principalOf(registry.sites[1].officer.id);
    const other = await prisma.account.create({ data: { login: "wt-bureau-1b", role: "bureau", displayName: "第二审核员", passwordHash: "x", bureauId: bureau.id } });
    await fundBureau(bureau.id, YEAR, { poverty_training: 450_000 });
    const firm = await principalOf((await createAccount("wt-there-firm", "enterprise", { enterpriseId: registry.sites[1].enterprise.id })).id);
    const ids = [];
    for (let i = 0; i < 6; i++) {
      const made = await createWorkerTrainingClaim({ principal: firm, input: input({ name: `职工${i}` }) });
      await verifyWorkerCertificate({ principal: officerThere, claimId: made.claimId, issuer: "江西省职业技能鉴定指导中心", number: `P-${i}` });
      ids.push(made.claimId);
    }
    const [a, b] = await approveAtOnce([
      officerInAnotherProcess(registry.sites[1].officer.id, "poverty_training", ids.slice(0, 3)),
      officerInAnotherProcess(other.id, "poverty_training", ids.slice(3)),
    ]);
    expect(a.done.length + b.done.length).toBe(3);
    expect([...a.failed, ...b.failed].every((f) => f.message.includes("预算余额不足"))).toBe(true);
    const allocation = await prisma.budgetAllocation.findFirstOrThrow({ where: { budget: { bureauId: bureau.id, year: YEAR }, source: "poverty_training" } });
    expect(allocation.reservedFen).toBe(450_000n);
    const held = await prisma.subsidyClaim.aggregate({ where: { budgetAllocationId: allocation.id }, _sum: { amountFen: true } });
    expect(BigInt(held._sum.amountFen ?? 0)).toBe(allocation.reservedFen);
  });

  it("keeps the audit log append-only and every claim with exactly one subject", async () => {
    const claimId = (await createWorkerTrainingClaim({ principal: plainFirm, input: input() })).claimId;
    await rejectClaim({ principal: officer, claimId, reason: "证书编号查无此证" });
    const event = await prisma.subsidyAuditEvent.findFirstOrThrow({ where: { claimId } });
    await expect(prisma.subsidyAuditEvent.update({ where: { id: event.id }, data: { action: "approved" } })).rejects.toThrow();
    await expect(prisma.subsidyAuditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    expect((await prisma.subsidyAuditEvent.findMany({ where: { claimId } })).map((e) => e.action)).toEqual(["created", "rejected"]);

    const claim = await prisma.subsidyClaim.findUniqueOrThrow({ where: { id: claimId } });
    const graduate = await prisma.graduate.findFirst({ select: { id: true } });
    // Neither subject, or a graduate's kind on a trainee: refused by the database.
    await expect(prisma.subsidyClaim.update({ where: { id: claimId }, data: { workerTraineeId: null } })).rejects.toThrow();
    await expect(prisma.subsidyClaim.update({ where: { id: claimId }, data: { kind: "tuition" } })).rejects.toThrow();
    if (graduate) await expect(prisma.subsidyClaim.update({ where: { id: claimId }, data: { graduateId: graduate.id } })).rejects.toThrow();
    expect((await prisma.subsidyClaim.findUniqueOrThrow({ where: { id: claimId } })).kind).toBe(claim.kind);
  });
});


describe("POST /api/v1/training-subsidies/evaluate", () => {
  async function evaluate(body: unknown, accountLogin = "wt-cluster-firm") {
    const account = await prisma.account.findUniqueOrThrow({ where: { login: accountLogin } });
    const { token } = await createApiToken({ accountId: account.id, name: "测试" });
    const request = new Request("http://app/api/v1/training-subsidies/evaluate", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const response = (await evaluateEndpoint({ request, params: {}, context: {} })) as Response;
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("answers every rule, the amount and whether a claim can be made, storing nothing", async () => {
    const before = await prisma.workerTrainee.count();
    const { status, body } = await evaluate(input({ certificateLevel: 5 }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ eligible: false, claimable: true, amountFen: 100_000, policyVersion: 1 });
    expect((body.rules as { rule: string }[]).map((r) => r.rule)).toEqual(["level", "verified", "base", "after_training", "insured", "once_per_level", "per_year"]);
    expect(await prisma.workerTrainee.count()).toBe(before);
    const refused = await evaluate(input({ insuredMonths: 0 }));
    expect(refused.body).toMatchObject({ claimable: false, amountFen: 0 });
    expect((refused.body.rules as { rule: string; passed: boolean; detail: string }[]).find((r) => r.rule === "insured")).toEqual({ rule: "insured", passed: false, detail: "取证时未在本企业参加社会保险" });
  });

  it.each([
    ["a day that does not exist", { certificateIssuedOn: "2026-02-30" }, "certificateIssuedOn"],
    ["a level outside 1 … 5", { certificateLevel: 6 }, "certificateLevel"],
    ["months as text", { insuredMonths: "12" }, "insuredMonths"],
    ["a bad identity number", { idNumber: "360121200305100000" }, "idNumber"],
    ["no certificate number", { certificateNumber: "" }, "certificateNumber"],
  ])("refuses %s with a 400 naming the field", async (_label, change, field) => {
    const { status, body } = await evaluate({ ...input(), ...change });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: "invalid_claim", field } });
    expect(typeof (body.error as { message: string }).message).toBe("string");
  });

  it("names an unknown training base, and answers only enterprises", async () => {
    expect(await evaluate(input({ baseId: 999_999 }))).toMatchObject({ status: 422, body: { error: { code: "unknown_base", field: "baseId", message: "实训基地 999999 不存在" } } });
    expect(await evaluate("{not json")).toMatchObject({ status: 400, body: { error: { code: "bad_json" } } });
    expect(await evaluate(input(), "sub-bureau-0")).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  });
});
