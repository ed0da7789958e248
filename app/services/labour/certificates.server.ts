import { z } from "zod";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { conflict, notFound } from "~/utils/errors.server";
import { requiredText } from "~/utils/forms";
import { PAGE_SIZE, pageWindow, type ListQuery, type Paged } from "~/utils/list-query";
import type { Principal } from "~/utils/principal.server";
import { certificateVerificationScope, requireRole } from "~/utils/scopes.server";
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
  id: true, name: true, level: true, issuedAt: true, issuingBody: true, certificateNo: true, verifiedAt: true,
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

/** Marks one certificate verified; 404 outside the principal's scope, 409 when it already is or the number is taken. */
export async function verifyCertificate({ principal, certificateId, input, now = new Date() }: { principal: Principal; certificateId: number; input: VerificationInput; now?: Date }) {
  requireRole(principal, VERIFIER_ROLES, "只有院校或人社局可以核验证书");
  try {
    const verified = await prisma.$transaction(async (tx) => {
      const certificate = await tx.certificate.findFirst({
        where: { AND: [{ id: certificateId }, certificateVerificationScope(principal)] },
        select: { id: true, graduateId: true, verifiedAt: true },
      });
      if (!certificate) throw notFound("证书");
      // Conditional on still being unverified: two verifiers at once, one wins and the other is told.
      const { count } = await tx.certificate.updateMany({
        where: { id: certificate.id, verifiedAt: null },
        data: { issuingBody: input.issuingBody, certificateNo: input.certificateNo, verifiedAt: now, verifiedById: principal.accountId },
      });
      if (count !== 1) throw conflict("该证书已核验，请刷新页面");
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
