import { z } from "zod";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { AppError, conflict, notFound } from "~/utils/errors.server";
import { requiredText } from "~/utils/forms";
import { PAGE_SIZE, pageWindow, type ListQuery, type Paged } from "~/utils/list-query";
import type { Principal } from "~/utils/principal.server";
import { certificateCorrectionScope, certificateVerificationScope, requireRole } from "~/utils/scopes.server";
import { containsText } from "~/utils/sql.server";
import { requestSearchDelivery } from "~/services/search/sync.server";
import { refreshSkillLevel } from "./graduates.server";

/**
 * Certificate verification (product.md §12, ADR 165): a college for its own graduates,
 * or a bureau for the graduates whose claims it reviews, records the issuing body and
 * the certificate number. Who verified and when are kept on the certificate, which is
 * fixed from then on (a database guard); the match score counts unverified certificates
 * at half weight.
 */

export const VERIFIER_ROLES = ["college", "bureau"] as const;

export const VerificationSchema = z.object({
  issuingBody: requiredText("发证机构", 60),
  certificateNo: requiredText("证书编号", 40).regex(/^[0-9A-Za-z\-－/（）()]+$/, { error: "证书编号只能包含字母、数字和 - / ( )" }),
});
export type VerificationInput = z.infer<typeof VerificationSchema>;

export const CERTIFICATE_SORTS = ["issuedAt", "verifiedAt", "level"] as const;
export type CertificateState = "unverified" | "verified";

const listSelect = {
  id: true, name: true, level: true, issuedAt: true, issuingBody: true, certificateNo: true, verifiedAt: true, revision: true,
  verifiedBy: { select: { displayName: true } },
  graduate: { select: { id: true, name: true, idNumberMasked: true, college: { select: { name: true } } } },
} satisfies Prisma.CertificateSelect;

/** The certificates the principal verifies, waiting or done, newest first; `q` matches the holder's name or the certificate's. */
export async function listCertificates({
  principal, query, state, q,
}: { principal: Principal; query: ListQuery<(typeof CERTIFICATE_SORTS)[number]>; state: CertificateState; q?: string }) {
  requireRole(principal, VERIFIER_ROLES, "只有院校或人社局可以核验证书");
  const where: Prisma.CertificateWhereInput = {
    AND: [
      certificateVerificationScope(principal),
      state === "verified" ? { verifiedAt: { not: null } } : { verifiedAt: null },
      q ? { OR: [{ name: containsText(q) }, { graduate: { name: containsText(q) } }] } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    prisma.certificate.findMany({ where, orderBy: [{ [query.sort]: query.direction }, { id: "asc" }], ...pageWindow(query), select: listSelect }),
    prisma.certificate.count({ where }),
  ]);
  return { rows, total, page: query.page, pageSize: query.pageSize ?? PAGE_SIZE, sort: query.sort, direction: query.direction } satisfies Paged<unknown>;
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

type Tx = Prisma.TransactionClient;
export type CertificateAction = "verified" | "corrected" | "revoked";

/**
 * Moves a certificate to its next revision (ADR 167): first the revision's log entry (the
 * database lets a verified certificate change only to a revision whose entry exists), then
 * the change, conditional on the revision read. Two changes at once claim the same
 * revision; the second is told `raced`. The one step of verifying, correcting and revoking.
 */
async function advanceRevision(
  tx: Tx,
  principal: Principal,
  certificate: { id: number; revision: number },
  change: { action: CertificateAction; reason: string | null; detail: unknown; at: Date; data: Prisma.CertificateUncheckedUpdateManyInput; unless?: Prisma.CertificateWhereInput },
  raced: string,
) {
  const revision = certificate.revision + 1;
  try {
    await tx.certificateEvent.create({
      data: { certificateId: certificate.id, revision, action: change.action, actorAccountId: principal.accountId, reason: change.reason, detail: JSON.stringify(change.detail), at: change.at },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(raced);
    throw error;
  }
  const { count } = await tx.certificate.updateMany({
    where: { ...change.unless, id: certificate.id, revision: certificate.revision },
    data: { ...change.data, revision },
  });
  if (count !== 1) throw conflict(raced);
}

/** Marks one certificate verified; 404 outside the principal's scope, 409 when it already is or the number is taken. */
export async function verifyCertificate({ principal, certificateId, input, now = new Date() }: { principal: Principal; certificateId: number; input: VerificationInput; now?: Date }) {
  requireRole(principal, VERIFIER_ROLES, "只有院校或人社局可以核验证书");
  try {
    const verified = await prisma.$transaction(async (tx) => {
      const certificate = await tx.certificate.findFirst({
        where: { AND: [{ id: certificateId }, certificateVerificationScope(principal)] },
        select: { id: true, graduateId: true, verifiedAt: true, revision: true },
      });
      if (!certificate) throw notFound("证书");
      if (certificate.verifiedAt) throw conflict("该证书已核验，请刷新页面");
      // Conditional on still being unverified: two verifiers at once, one wins and the other is told.
      await advanceRevision(
        tx,
        principal,
        certificate,
        {
          action: "verified", reason: null, detail: { after: input }, at: now, unless: { verifiedAt: null },
          data: { issuingBody: input.issuingBody, certificateNo: input.certificateNo, verifiedAt: now, verifiedById: principal.accountId },
        },
        "该证书已核验，请刷新页面",
      );
      await refreshSkillLevel(tx, certificate.graduateId);
      return tx.certificate.findUniqueOrThrow({ where: { id: certificate.id }, select: listSelect });
    });
    await requestSearchDelivery();
    return verified;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`${input.issuingBody}的证书编号 ${input.certificateNo} 已登记在另一张证书上`, "certificateNo");
    throw error;
  }
}

// ───── Corrections and revocations (ADR 167) ─────

const reason = (label: string) => requiredText(label, 200);
export const CorrectionSchema = VerificationSchema.extend({ reason: reason("更正原因") });
export type CorrectionInput = z.infer<typeof CorrectionSchema>;
export const RevocationSchema = z.object({ reason: reason("撤销原因") });

/** The verified certificate the principal may correct or revoke, read inside the transaction; 404 outside the scope, 409 unverified. */
async function verifiedInScope(tx: Tx, principal: Principal, certificateId: number) {
  const certificate = await tx.certificate.findFirst({
    where: { AND: [{ id: certificateId }, certificateCorrectionScope(principal)] },
    select: { id: true, graduateId: true, revision: true, issuingBody: true, certificateNo: true, verifiedAt: true, verifiedById: true },
  });
  if (!certificate) throw notFound("证书");
  if (!certificate.verifiedAt) throw conflict("该证书尚未核验（或核验已撤销），无可更正的核验记录");
  return certificate;
}

const RACED = "该证书的核验记录刚被他人更正或撤销，请刷新页面";

/**
 * Corrects the issuing body and number of a verified certificate, with a reason: the
 * certificate keeps its verifier and time, the log keeps what it said before and who
 * corrected it. 409 when nothing changes, when the number is taken, or on a race.
 */
export async function correctVerification({
  principal, certificateId, input, now = new Date(),
}: { principal: Principal; certificateId: number; input: CorrectionInput; now?: Date }) {
  requireRole(principal, VERIFIER_ROLES, "只有院校或人社局可以更正证书核验");
  try {
    const corrected = await prisma.$transaction(async (tx) => {
      const certificate = await verifiedInScope(tx, principal, certificateId);
      if (certificate.issuingBody === input.issuingBody && certificate.certificateNo === input.certificateNo) {
        throw new AppError({ status: 409, code: "unchanged", field: "certificateNo", message: "更正后的发证机构和证书编号与原记录相同" });
      }
      const before = { issuingBody: certificate.issuingBody, certificateNo: certificate.certificateNo };
      const after = { issuingBody: input.issuingBody, certificateNo: input.certificateNo };
      await advanceRevision(tx, principal, certificate, { action: "corrected", reason: input.reason, detail: { before, after }, at: now, data: after }, RACED);
      return tx.certificate.findUniqueOrThrow({ where: { id: certificateId }, select: listSelect });
    });
    return corrected;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`${input.issuingBody}的证书编号 ${input.certificateNo} 已登记在另一张证书上`, "certificateNo");
    throw error;
  }
}

/**
 * Revokes a verification, with a reason: the certificate is unverified again everywhere
 * (issuing body, number, verifier and time cleared; the graduate's verified level and the
 * search index refreshed, so the match score halves and the senior gate closes, ADR 166),
 * and the log keeps what it was.
 */
export async function revokeVerification({
  principal, certificateId, reason: why, now = new Date(),
}: { principal: Principal; certificateId: number; reason: string; now?: Date }) {
  requireRole(principal, VERIFIER_ROLES, "只有院校或人社局可以撤销证书核验");
  const revoked = await prisma.$transaction(async (tx) => {
    const certificate = await verifiedInScope(tx, principal, certificateId);
    const before = {
      issuingBody: certificate.issuingBody, certificateNo: certificate.certificateNo,
      verifiedAt: certificate.verifiedAt!.toISOString(), verifiedById: certificate.verifiedById,
    };
    await advanceRevision(
      tx,
      principal,
      certificate,
      { action: "revoked", reason: why, detail: { before }, at: now, data: { issuingBody: null, certificateNo: null, verifiedAt: null, verifiedById: null } },
      RACED,
    );
    await refreshSkillLevel(tx, certificate.graduateId);
    return tx.certificate.findUniqueOrThrow({ where: { id: certificateId }, select: listSelect });
  });
  await requestSearchDelivery();
  return revoked;
}

/**
 * One certificate with its log, for a verifier who may see it (verification scope) or
 * correct it (correction scope); `mayCorrect` when the latter and it is verified.
 */
export async function certificateWithHistory({ principal, certificateId }: { principal: Principal; certificateId: number }) {
  requireRole(principal, VERIFIER_ROLES, "只有院校或人社局可以查看证书核验记录");
  // Each scope ANDed with the id on its own (never inside an OR: a scope may be "everything").
  const inScope = async (scope: Prisma.CertificateWhereInput) => (await prisma.certificate.count({ where: { AND: [{ id: certificateId }, scope] } })) > 0;
  const [verifiable, correctable] = await Promise.all([inScope(certificateVerificationScope(principal)), inScope(certificateCorrectionScope(principal))]);
  if (!verifiable && !correctable) throw notFound("证书");
  const certificate = await prisma.certificate.findUniqueOrThrow({
    where: { id: certificateId },
    select: {
      ...listSelect,
      events: { orderBy: { revision: "asc" }, select: { id: true, revision: true, action: true, reason: true, detail: true, at: true, actor: { select: { displayName: true } } } },
    },
  });
  return {
    ...certificate,
    events: certificate.events.map((e) => ({ ...e, action: e.action as CertificateAction, detail: JSON.parse(e.detail) as Record<string, Record<string, unknown> | undefined> })),
    mayCorrect: correctable && certificate.verifiedAt !== null,
  };
}
