import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.REDIS_PREFIX = `pb-test-${process.pid}-${Date.now()}`;
});

import { searchEngine } from "../../search/engine.server";
import { INDEXES } from "../../search/settings";
import { deliverSearchChanges } from "../../search/sync.server";
import { scoreMatch } from "~/domain/matching/score";
import { applyTo } from "~/services/labour/applications.server";
import { certificateWithHistory, correctVerification, revokeVerification, verifyCertificate } from "~/services/labour/certificates.server";
import { addCertificate, removeCertificate } from "~/services/labour/graduates.server";
import { candidateOfDocument } from "~/services/matching/matching.server";
import { prisma } from "~/utils/db.server";
import type { Principal } from "~/utils/principal.server";
import { buildRegistry, createGraduate, refusal } from "./fixtures";
import { principalOf, seedMajors } from "./labour-fixtures";

/** ADR 167: the graduate's college or the verifying bureau corrects or revokes a verification, with a reason, in an append-only log. */
let registry: Awaited<ReturnType<typeof buildRegistry>>;
let college: Principal;
let otherCollege: Principal;
let bureau: Principal;
let otherBureau: Principal;
let enterprise: Principal;
let graduate: Principal;
let graduateId: number;
let byCollege: number;
let byBureau: number;
let seniorOrderId: number;

const BODY = { issuingBody: "江西省职业技能鉴定指导中心", certificateNo: "FIX-0001" };

async function indexedCandidate(id: number) {
  await deliverSearchChanges({ engine: searchEngine() });
  const hit = (await searchEngine().search(INDEXES.graduates, { q: "", filters: [{ field: "collegeId", anyOf: [registry.college.id] }] })).hits.find((h) => h.document.id === id);
  return candidateOfDocument(hit!.document);
}

beforeAll(async () => {
  registry = await buildRegistry();
  await seedMajors();
  college = await principalOf("fix-college", "college", { collegeId: registry.college.id });
  otherCollege = await principalOf("fix-other-college", "college", { collegeId: registry.otherCollege.id });
  bureau = await principalOf("fix-bureau", "bureau", { bureauId: registry.bureau.id });
  await prisma.county.create({ data: { code: "360124", name: "进贤县", cityCode: "360100" } });
  const another = await prisma.bureau.create({ data: { name: "进贤县人力资源和社会保障局", level: "county", countyCode: "360124" } });
  otherBureau = await principalOf("fix-other-bureau", "bureau", { bureauId: another.id });
  enterprise = await principalOf("fix-ent", "enterprise", { enterpriseId: registry.enterprise.id });
  graduateId = (await createGraduate(registry.college.id, "更正")).id;
  graduate = await principalOf("fix-grad", "graduate", { graduateId });
  byCollege = (await addCertificate({ principal: graduate, input: { name: "数控车工", level: 3, issuedAt: new Date("2026-05-20") } })).id;
  byBureau = (await addCertificate({ principal: graduate, input: { name: "电工", level: 5, issuedAt: new Date("2026-04-01") } })).id;
  await verifyCertificate({ principal: college, certificateId: byCollege, input: BODY });
  // The bureau verifies the certificates of graduates whose claims it reviews (ADR 165).
  const placement = await prisma.placement.create({
    data: { graduateId, enterpriseId: registry.enterprise.id, startDate: new Date("2026-07-01"), monthlyWageFen: 500_000, majorRelevant: true, inProvincePark: true, endedOn: new Date("2026-08-01") },
  });
  const policy = await prisma.policyVersion.create({ data: { kind: "subsidy", version: 1, effectiveFrom: new Date("2024-01-01"), data: "{}" } });
  await prisma.subsidyClaim.create({
    data: { graduateId, placementId: placement.id, kind: "living", origin: "automatic", amountFen: 100_000, bureauId: registry.bureau.id, policyVersionId: policy.id, evaluation: "{}" },
  });
  await verifyCertificate({ principal: bureau, certificateId: byBureau, input: { issuingBody: "南昌县职业技能鉴定所", certificateNo: "NC-1" } });
  seniorOrderId = (
    await prisma.order.create({
      data: { enterpriseId: registry.enterprise.id, title: "高级工订单班", majorCode: "460103", skillTags: "[]", skillLevel: 3, quantity: 2, startDate: new Date("2027-03-01"), wageFen: 520_000, status: "open" },
    })
  ).id;
});

describe("correcting a certificate verification (ADR 167)", () => {
  it("lets nobody outside the scope correct or revoke: another college, a bureau that did not verify it, an enterprise, the graduate", async () => {
    const input = { ...BODY, certificateNo: "FIX-0002", reason: "编号录入错误" };
    expect((await refusal(correctVerification({ principal: otherCollege, certificateId: byCollege, input }))).status).toBe(404);
    expect((await refusal(revokeVerification({ principal: otherCollege, certificateId: byCollege, reason: "误核" }))).status).toBe(404);
    // The bureau reviews this graduate's claim, but did not verify this certificate.
    expect((await refusal(correctVerification({ principal: bureau, certificateId: byCollege, input }))).status).toBe(404);
    expect((await refusal(revokeVerification({ principal: otherBureau, certificateId: byBureau, reason: "误核" }))).status).toBe(404);
    expect((await refusal(correctVerification({ principal: enterprise, certificateId: byCollege, input }))).status).toBe(403);
    expect((await refusal(revokeVerification({ principal: graduate, certificateId: byCollege, reason: "误核" }))).status).toBe(403);
    expect((await refusal(certificateWithHistory({ principal: otherCollege, certificateId: byCollege }))).status).toBe(404);
    expect(await prisma.certificateEvent.count({ where: { certificateId: byCollege } })).toBe(1);
  });

  it("corrects the number with a reason: the verifier and time stay, the log keeps before, after, who and why", async () => {
    const before = await prisma.certificate.findUniqueOrThrow({ where: { id: byCollege } });
    await correctVerification({ principal: college, certificateId: byCollege, input: { ...BODY, certificateNo: "FIX-0002", reason: "编号录入错误" } });
    const after = await prisma.certificate.findUniqueOrThrow({ where: { id: byCollege } });
    expect(after).toMatchObject({ certificateNo: "FIX-0002", issuingBody: BODY.issuingBody, verifiedAt: before.verifiedAt, verifiedById: college.accountId, revision: 2 });
    const record = await certificateWithHistory({ principal: college, certificateId: byCollege });
    expect(record.mayCorrect).toBe(true);
    expect(record.events.map((e) => [e.revision, e.action, e.actor?.displayName, e.reason])).toEqual([
      [1, "verified", "fix-college", null],
      [2, "corrected", "fix-college", "编号录入错误"],
    ]);
    expect(record.events[1]!.detail).toEqual({ before: BODY, after: { ...BODY, certificateNo: "FIX-0002" } });
  });

  it("refuses a correction that changes nothing, or a number another certificate holds, and keeps the record", async () => {
    const same = await refusal(correctVerification({ principal: college, certificateId: byCollege, input: { ...BODY, certificateNo: "FIX-0002", reason: "再改" } }));
    expect(same).toMatchObject({ status: 409, code: "unchanged", field: "certificateNo" });
    const taken = await refusal(correctVerification({ principal: bureau, certificateId: byBureau, input: { ...BODY, certificateNo: "FIX-0002", reason: "机构错" } }));
    expect(taken).toMatchObject({ status: 409, field: "certificateNo" });
    expect(await prisma.certificateEvent.count({ where: { certificateId: byBureau } })).toBe(1);
    expect((await prisma.certificate.findUniqueOrThrow({ where: { id: byBureau } })).issuingBody).toBe("南昌县职业技能鉴定所");
  });

  it("lets the bureau that verified a certificate correct it, and the graduate's college revoke it", async () => {
    await correctVerification({ principal: bureau, certificateId: byBureau, input: { issuingBody: "南昌县职业技能鉴定中心", certificateNo: "NC-1", reason: "机构名称有误" } });
    await revokeVerification({ principal: college, certificateId: byBureau, reason: "证书查询系统中查无此证" });
    const row = await prisma.certificate.findUniqueOrThrow({ where: { id: byBureau } });
    expect(row).toMatchObject({ verifiedAt: null, verifiedById: null, issuingBody: null, certificateNo: null, revision: 3 });
    // No longer verified by the bureau: it may neither correct nor revoke it again.
    expect((await refusal(revokeVerification({ principal: bureau, certificateId: byBureau, reason: "x" }))).status).toBe(404);
    expect((await refusal(revokeVerification({ principal: college, certificateId: byBureau, reason: "x" }))).status).toBe(409);
  });

  it("drops a revoked certificate back to unverified everywhere: half weight, the senior gate closed, no deletion; verifying again restores it", async () => {
    expect(scoreMatch({ majorCode: "460103", skills: [], level: 3 }, await indexedCandidate(graduateId)).components.certificate.points).toBe(15);
    await revokeVerification({ principal: college, certificateId: byCollege, reason: "原件与登记不符" });
    expect((await prisma.graduate.findUniqueOrThrow({ where: { id: graduateId } })).verifiedSkillLevel).toBeNull();
    const candidate = await indexedCandidate(graduateId);
    expect(candidate.verifiedCertificateLevel).toBeNull();
    expect(scoreMatch({ majorCode: "460103", skills: [], level: 3 }, candidate).components.certificate).toMatchObject({ points: 7.5 });
    const refused = await refusal(applyTo({ principal: graduate, target: { orderId: seniorOrderId } }));
    expect(refused).toMatchObject({ status: 409, code: "senior_certificate_unverified" });
    expect(await refusal(removeCertificate({ principal: graduate, certificateId: byCollege }))).toMatchObject({ status: 409, message: "该证书有核验记录（核验已撤销），不能删除" });

    await verifyCertificate({ principal: college, certificateId: byCollege, input: { ...BODY, certificateNo: "FIX-0003" } });
    expect((await prisma.graduate.findUniqueOrThrow({ where: { id: graduateId } })).verifiedSkillLevel).toBe(3);
    const log = await prisma.certificateEvent.findMany({ where: { certificateId: byCollege }, orderBy: { revision: "asc" }, select: { revision: true, action: true } });
    expect(log).toEqual([
      { revision: 1, action: "verified" },
      { revision: 2, action: "corrected" },
      { revision: 3, action: "revoked" },
      { revision: 4, action: "verified" },
    ]);
  });

  it("loses no correction made at once: either one is told to refresh, or both apply in turn, each logged against what the other left", async () => {
    const results = await Promise.allSettled(
      ["FIX-A", "FIX-B"].map((no) => correctVerification({ principal: college, certificateId: byCollege, input: { ...BODY, certificateNo: no, reason: "并发" } })),
    );
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ status: 409 });
    const log = await prisma.certificateEvent.findMany({ where: { certificateId: byCollege }, orderBy: { revision: "asc" } });
    const applied = log.filter((e) => e.reason === "并发").map((e) => JSON.parse(e.detail) as { before: typeof BODY; after: typeof BODY });
    expect(applied).toHaveLength(results.filter((r) => r.status === "fulfilled").length);
    expect(applied[0]!.before.certificateNo).toBe("FIX-0003");
    if (applied[1]) expect(applied[1].before).toEqual(applied[0]!.after);
    const row = await prisma.certificate.findUniqueOrThrow({ where: { id: byCollege } });
    expect(row.certificateNo).toBe(applied.at(-1)!.after.certificateNo);
    expect(row.revision).toBe(log.at(-1)!.revision);
  });

  it("holds it in the database: a verified certificate changes only to its next logged revision, and the log is append-only", async () => {
    const { revision, certificateNo } = await prisma.certificate.findUniqueOrThrow({ where: { id: byCollege } });
    await expect(prisma.$executeRaw`UPDATE "Certificate" SET "certificateNo" = 'X' WHERE "id" = ${byCollege}`).rejects.toThrow(/verified and fixed/);
    // The next revision without its log entry, or a level change with one: refused too.
    await expect(prisma.$executeRaw`UPDATE "Certificate" SET "certificateNo" = 'X', "revision" = "revision" + 1 WHERE "id" = ${byCollege}`).rejects.toThrow(/verified and fixed/);
    await prisma.certificateEvent.create({ data: { certificateId: byCollege, revision: revision + 1, action: "corrected", reason: "t", detail: "{}" } });
    await expect(prisma.$executeRaw`UPDATE "Certificate" SET "level" = 1, "revision" = ${revision + 1} WHERE "id" = ${byCollege}`).rejects.toThrow(/verified and fixed/);
    await expect(prisma.$executeRaw`UPDATE "CertificateEvent" SET "reason" = 'changed' WHERE "certificateId" = ${byCollege}`).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRaw`DELETE FROM "CertificateEvent" WHERE "certificateId" = ${byCollege}`).rejects.toThrow(/append-only/);
    expect(await prisma.certificate.findUniqueOrThrow({ where: { id: byCollege } })).toMatchObject({ revision, certificateNo });
  });
});
