import type { Principal } from "~/utils/principal.server";
import { graduateScope, mayReadFullIdNumber, requireActor, hasRole } from "~/utils/scopes.server";
import type { Prisma } from "~/utils/db.server";
import { containsText } from "~/utils/sql.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { conflict, notFound } from "~/utils/errors.server";
import { countsOf, PAGE_SIZE, pageWindow, type ListQuery, type Paged } from "~/utils/list-query";
import { decryptIdNumber } from "~/utils/pii.server";
import type { CertificateInput, ProfileInput } from "./schemas";
import { recordSearchChange, requestSearchDelivery } from "~/services/search/sync.server";

const jsonList = (text: string) => JSON.parse(text) as string[];

export const GRADUATE_SORTS = ["name", "graduationDate", "majorCode", "createdAt", "status"] as const;

/** A college's graduates (or any graduates the principal may see), each with their latest placement and its 对口 flag. */
export async function listGraduates({
  principal, query, status, q, cohortId,
}: { principal: Principal; query: ListQuery<(typeof GRADUATE_SORTS)[number]>; status?: "available" | "placed"; q?: string; cohortId?: number }) {
  const where: Prisma.GraduateWhereInput = {
    AND: [
      graduateScope(principal),
      status ? { status } : {},
      cohortId ? { cohortId } : {},
      q ? { OR: [{ name: containsText(q) }, { majorCode: { startsWith: q } }] } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    prisma.graduate.findMany({
      where,
      orderBy: [{ [query.sort === "name" ? "nameSort" : query.sort]: query.direction }, { id: "asc" }],
      ...pageWindow(query),
      select: {
        id: true, name: true, idNumberMasked: true, majorCode: true, schoolLevel: true, graduationDate: true, status: true,
        cohort: { select: { id: true } },
        placements: {
          orderBy: { startDate: "desc" },
          take: 1,
          select: { majorRelevant: true, inProvincePark: true, startDate: true, confirmedAt: true, enterprise: { select: { name: true } } },
        },
      },
    }),
    prisma.graduate.count({ where }),
  ]);
  const applications = await countsOf(rows, (ids) => prisma.application.groupBy({ by: ["graduateId"], where: { graduateId: { in: ids } }, _count: { _all: true } }), "graduateId");
  const withCounts = rows.map((r) => ({ ...r, _count: { applications: applications(r.id) } }));
  return { rows: withCounts, total, page: query.page, pageSize: query.pageSize ?? PAGE_SIZE, sort: query.sort, direction: query.direction } satisfies Paged<unknown>;
}

/**
 * One graduate as the principal may see them: the identity number in full only for
 * its owner (and a reviewing bureau), masked for everyone else; their applications
 * with every status change, and their placements.
 */
export async function getGraduate({ principal, graduateId }: { principal: Principal; graduateId: number }) {
  const graduate = await prisma.graduate.findFirst({
    where: { AND: [{ id: graduateId }, graduateScope(principal)] },
    select: {
      id: true, name: true, gender: true, phone: true, idNumberCipher: true, idNumberMasked: true, majorCode: true,
      schoolLevel: true, graduationDate: true, skillLevel: true, skillTags: true, preferredCities: true,
      willingToRelocate: true, status: true,
      college: { select: { name: true } },
      cohort: { select: { id: true, majorCode: true, expectedGraduation: true } },
      certificates: {
        orderBy: { issuedAt: "desc" },
        select: { id: true, name: true, level: true, issuedAt: true, issuingBody: true, certificateNo: true, verifiedAt: true, revision: true },
      },
      applications: {
        // An enterprise sees only the applications to its own jobs and orders.
        where:
          hasRole(principal, "enterprise")
            ? { OR: [{ job: { enterpriseId: principal.enterpriseId ?? -1 } }, { order: { enterpriseId: principal.enterpriseId ?? -1 } }] }
            : {},
        orderBy: { createdAt: "desc" },
        select: {
          id: true, status: true, createdAt: true,
          job: { select: { title: true, enterprise: { select: { name: true } } } },
          order: { select: { title: true, enterprise: { select: { name: true } } } },
          events: { orderBy: [{ at: "asc" }, { id: "asc" }], select: { id: true, fromStatus: true, toStatus: true, at: true, actor: { select: { displayName: true } } } },
        },
      },
      placements: {
        orderBy: { startDate: "desc" },
        select: {
          id: true, startDate: true, monthlyWageFen: true, majorRelevant: true, inProvincePark: true, contractMonths: true,
          insuredMonths: true, confirmedAt: true, endedOn: true, endReason: true, endReportedOn: true, endReportedReason: true,
          enterprise: { select: { name: true } },
          job: { select: { title: true } }, order: { select: { title: true } },
        },
      },
    },
  });
  if (!graduate) throw notFound("毕业生");
  const { idNumberCipher, ...rest } = graduate;
  const idNumber = (await mayReadFullIdNumber(principal, graduate.id)) ? decryptIdNumber(idNumberCipher, env().PII_KEY) : graduate.idNumberMasked;
  return { ...rest, idNumber, skillTags: jsonList(graduate.skillTags), preferredCities: jsonList(graduate.preferredCities) };
}

export async function updateOwnProfile({ principal, input }: { principal: Principal; input: ProfileInput }) {
  const graduate = await prisma.$transaction(async (tx) => {
    const updated = await tx.graduate.update({
      where: { id: requireActor(principal, "graduate", "只有毕业生本人可以修改档案") },
      data: {
        skillTags: JSON.stringify(input.skillTags),
        preferredCities: JSON.stringify(input.preferredCities),
        willingToRelocate: input.willingToRelocate,
      },
    });
    await recordSearchChange({ db: tx, index: "graduates", recordId: updated.id, op: "upsert" });
    return updated;
  });
  await requestSearchDelivery();
  return graduate;
}

/**
 * Keeps Graduate.skillLevel at the highest certificate level (1 is the highest) and
 * verifiedSkillLevel at the highest verified one (the scorer counts the others half, ADR 165).
 */
export async function refreshSkillLevel(tx: Prisma.TransactionClient, graduateId: number) {
  const [best, verified] = await Promise.all([
    tx.certificate.aggregate({ where: { graduateId }, _min: { level: true } }),
    tx.certificate.aggregate({ where: { graduateId, verifiedAt: { not: null } }, _min: { level: true } }),
  ]);
  await tx.graduate.update({ where: { id: graduateId }, data: { skillLevel: best._min.level, verifiedSkillLevel: verified._min.level } });
  // Certificates are part of the graduate's search document.
  await recordSearchChange({ db: tx, index: "graduates", recordId: graduateId, op: "upsert" });
}

export async function addCertificate({ principal, input }: { principal: Principal; input: CertificateInput }) {
  const graduateId = requireActor(principal, "graduate", "只有毕业生本人可以修改档案");
  const created = await prisma.$transaction(async (tx) => {
    const certificate = await tx.certificate.create({ data: { graduateId, name: input.name, level: input.level, issuedAt: input.issuedAt } });
    await refreshSkillLevel(tx, graduateId);
    return certificate;
  });
  await requestSearchDelivery();
  return created;
}

export async function removeCertificate({ principal, certificateId }: { principal: Principal; certificateId: number }) {
  const graduateId = requireActor(principal, "graduate", "只有毕业生本人可以修改档案");
  await prisma.$transaction(async (tx) => {
    // A verified certificate stays: its verification is the record of who vouched for it (a database guard too).
    // One whose verification was revoked keeps its log, and so stays too (ADR 167).
    const { count } = await tx.certificate.deleteMany({ where: { id: certificateId, graduateId, verifiedAt: null, events: { none: {} } } });
    if (count === 0) {
      const kept = await tx.certificate.findFirst({ where: { id: certificateId, graduateId }, select: { verifiedAt: true } });
      if (!kept) throw notFound("证书");
      throw conflict(kept.verifiedAt ? "已核验的证书不能删除" : "该证书有核验记录（核验已撤销），不能删除");
    }
    await refreshSkillLevel(tx, graduateId);
  });
  await requestSearchDelivery();
}
