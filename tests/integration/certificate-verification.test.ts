import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.REDIS_PREFIX = `pb-test-${process.pid}-${Date.now()}`;
});

import { searchEngine } from "../../search/engine.server";
import { INDEXES } from "../../search/settings";
import { deliverSearchChanges } from "../../search/sync.server";
import { scoreMatch } from "~/domain/matching/score";
import { listCertificates, verifyCertificate } from "~/services/labour/certificates.server";
import { addCertificate, removeCertificate } from "~/services/labour/graduates.server";
import { candidateOfDocument } from "~/services/matching/matching.server";
import { prisma } from "~/utils/db.server";
import type { Principal } from "~/utils/principal.server";
import { buildRegistry, createGraduate, refusal } from "./fixtures";
import { principalOf, seedMajors } from "./labour-fixtures";

let registry: Awaited<ReturnType<typeof buildRegistry>>;
let college: Principal;
let otherCollege: Principal;
let bureau: Principal;
let enterprise: Principal;
let graduate: Principal;
let graduateId: number;
let certificateId: number;

const BODY = { issuingBody: "江西省职业技能鉴定指导中心", certificateNo: "S360100202600123" };
const VERIFIED_AT = new Date("2026-07-01T02:00:00Z");
const query = { page: 1, sort: "issuedAt" as const, direction: "desc" as const, filters: {} };

async function indexedCandidate(id: number) {
  await deliverSearchChanges({ engine: searchEngine() });
  const hit = (await searchEngine().search(INDEXES.graduates, { q: "", filters: [{ field: "collegeId", anyOf: [registry.college.id] }] })).hits.find(
    (h) => h.document.id === id,
  );
  return candidateOfDocument(hit!.document);
}

beforeAll(async () => {
  registry = await buildRegistry();
  await seedMajors();
  college = await principalOf("cert-college", "college", { collegeId: registry.college.id });
  otherCollege = await principalOf("cert-other", "college", { collegeId: registry.otherCollege.id });
  bureau = await principalOf("cert-bureau", "bureau", { bureauId: registry.bureau.id });
  enterprise = await principalOf("cert-ent", "enterprise", { enterpriseId: registry.enterprise.id });
  graduateId = (await createGraduate(registry.college.id, "王证")).id;
  graduate = await principalOf("cert-grad", "graduate", { graduateId });
  certificateId = (await addCertificate({ principal: graduate, input: { name: "数控车工", level: 4, issuedAt: new Date("2026-05-20") } })).id;
});

describe("certificate verification (product.md §12)", () => {
  it("counts a self-declared certificate at half weight in the match score", async () => {
    const candidate = await indexedCandidate(graduateId);
    expect(candidate).toMatchObject({ certificateLevel: 4, verifiedCertificateLevel: null });
    const certificate = scoreMatch({ majorCode: "460103", skills: [], level: 4 }, candidate).components.certificate;
    expect(certificate).toEqual({ points: 7.5, max: 15, detail: "要求中级工，持中级工（未核验，按50%计）" });
  });

  it("lists it for the graduate's college, not for another college, a bureau without a claim of the graduate, or an enterprise", async () => {
    const ids = async (p: Principal) => (await listCertificates({ principal: p, query, state: "unverified" })).rows.map((c) => c.id);
    expect(await ids(college)).toEqual([certificateId]);
    expect(await ids(otherCollege)).toEqual([]);
    expect(await ids(bureau)).toEqual([]);
    expect((await refusal(ids(enterprise))).status).toBe(403);
  });

  it("refuses verification outside the verifier's graduates", async () => {
    expect((await refusal(verifyCertificate({ principal: otherCollege, certificateId, input: BODY }))).status).toBe(404);
    expect((await refusal(verifyCertificate({ principal: bureau, certificateId, input: BODY }))).status).toBe(404);
    expect((await refusal(verifyCertificate({ principal: enterprise, certificateId, input: BODY }))).status).toBe(403);
    expect((await refusal(verifyCertificate({ principal: graduate, certificateId, input: BODY }))).status).toBe(403);
  });

  it("records the issuing body, number, verifier and time; the certificate then counts in full", async () => {
    await verifyCertificate({ principal: college, certificateId, input: BODY, now: VERIFIED_AT });
    const row = await prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
    expect(row).toMatchObject({ ...BODY, verifiedById: college.accountId, verifiedAt: VERIFIED_AT });
    expect((await prisma.graduate.findUniqueOrThrow({ where: { id: graduateId } })).verifiedSkillLevel).toBe(4);
    const candidate = await indexedCandidate(graduateId);
    expect(candidate.verifiedCertificateLevel).toBe(4);
    expect(scoreMatch({ majorCode: "460103", skills: [], level: 4 }, candidate).components.certificate).toEqual({
      points: 15,
      max: 15,
      detail: "要求中级工，持中级工（已核验）",
    });
    const verified = await listCertificates({ principal: college, query: { ...query, sort: "issuedAt" }, state: "verified" });
    expect(verified.rows.map((c) => [c.id, c.verifiedBy?.displayName])).toEqual([[certificateId, "cert-college"]]);
  });

  it("verifies once: a second verification is a conflict and the first stays", async () => {
    const again = await refusal(verifyCertificate({ principal: college, certificateId, input: { ...BODY, certificateNo: "OTHER-1" } }));
    expect(again.status).toBe(409);
    expect((await prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } })).certificateNo).toBe(BODY.certificateNo);
  });

  it("refuses a certificate number already recorded for another certificate of the same issuing body", async () => {
    const other = await addCertificate({ principal: graduate, input: { name: "电工", level: 5, issuedAt: new Date("2026-06-01") } });
    const taken = await refusal(verifyCertificate({ principal: college, certificateId: other.id, input: BODY }));
    expect(taken).toMatchObject({ status: 409, field: "certificateNo" });
    expect(taken.message).toContain("已登记在另一张证书上");
    expect((await prisma.certificate.findUniqueOrThrow({ where: { id: other.id } })).verifiedAt).toBeNull();
  });

  it("lets a bureau verify the certificates of a graduate whose claim it reviews", async () => {
    const other = await prisma.certificate.findFirstOrThrow({ where: { graduateId, verifiedAt: null }, select: { id: true } });
    const placement = await prisma.placement.create({
      data: { graduateId, enterpriseId: registry.enterprise.id, startDate: new Date("2026-07-01"), monthlyWageFen: 500_000, majorRelevant: true, inProvincePark: true },
    });
    const policy = await prisma.policyVersion.create({ data: { kind: "subsidy", version: 1, effectiveFrom: new Date("2024-01-01"), data: "{}" } });
    await prisma.subsidyClaim.create({
      data: { graduateId, placementId: placement.id, kind: "living", origin: "automatic", amountFen: 100_000, bureauId: registry.bureau.id, policyVersionId: policy.id, evaluation: "{}" },
    });
    const done = await verifyCertificate({ principal: bureau, certificateId: other.id, input: { issuingBody: "南昌县职业技能鉴定所", certificateNo: "NC-2026-7" } });
    expect(done).toMatchObject({ issuingBody: "南昌县职业技能鉴定所", verifiedBy: { displayName: "cert-bureau" } });
  });

  it("keeps a verified certificate: the graduate cannot delete it, and the database refuses changing or removing it", async () => {
    const removed = await refusal(removeCertificate({ principal: graduate, certificateId }));
    expect(removed).toMatchObject({ status: 409, message: "已核验的证书不能删除" });
    await expect(prisma.$executeRaw`UPDATE "Certificate" SET "certificateNo" = 'X' WHERE "id" = ${certificateId}`).rejects.toThrow(/verified and fixed/);
    await expect(prisma.$executeRaw`DELETE FROM "Certificate" WHERE "id" = ${certificateId}`).rejects.toThrow(/verified and fixed/);
    expect(await prisma.certificate.count({ where: { id: certificateId, certificateNo: BODY.certificateNo } })).toBe(1);
  });
});
