import type { Principal } from "~/utils/principal.server";
import { requireActor } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { PAGE_SIZE, pageWindow, type ListQuery, type Paged } from "~/utils/list-query";
import type { CohortInput } from "./schemas";
import { recordSearchChange, requestSearchDelivery } from "~/services/search/sync.server";

/** Trainee cohorts (培训班/订单班) a college posts. */

export const COHORT_SORTS = ["createdAt", "expectedGraduation", "size", "majorCode"] as const;

export async function listCohorts({ principal, query }: { principal: Principal; query: ListQuery<(typeof COHORT_SORTS)[number]> }) {
  const where = { collegeId: requireActor(principal, "college", "只有院校账号可以管理培训班") };
  const [rows, total] = await Promise.all([
    prisma.cohort.findMany({
      where,
      orderBy: [{ [query.sort]: query.direction }, { id: "desc" }],
      ...pageWindow(query),
      select: {
        id: true, majorCode: true, level: true, size: true, expectedGraduation: true, skillsTaught: true, targetSkillLevel: true,
        trainingBase: { select: { name: true } },
        _count: { select: { graduates: true, orders: true } },
      },
    }),
    prisma.cohort.count({ where }),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, skillsTaught: JSON.parse(r.skillsTaught) as string[] })),
    total, page: query.page, pageSize: query.pageSize ?? PAGE_SIZE, sort: query.sort, direction: query.direction,
  } satisfies Paged<unknown>;
}

/** Choices for the cohort form and for binding an order: the college's majors, bases and cohorts. */
export async function cohortChoices({ principal }: { principal: Principal }) {
  const collegeId = requireActor(principal, "college", "只有院校账号可以管理培训班");
  const [majors, bases, cohorts] = await Promise.all([
    prisma.major.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true, level: true } }),
    prisma.trainingBase.findMany({ where: { colleges: { some: { collegeId } } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.cohort.findMany({ where: { collegeId }, orderBy: { createdAt: "desc" }, select: { id: true, majorCode: true, expectedGraduation: true, size: true } }),
  ]);
  return { majors, bases, cohorts };
}

export async function createCohort({ principal, input }: { principal: Principal; input: CohortInput }) {
  const collegeId = requireActor(principal, "college", "只有院校账号可以管理培训班");
  const major = await prisma.major.findUnique({ where: { code: input.majorCode }, select: { code: true } });
  if (!major) throw new AppError({ message: "所选专业不在专业目录中", field: "majorCode" });
  if (input.trainingBaseId) {
    const base = await prisma.trainingBase.findFirst({ where: { id: input.trainingBaseId, colleges: { some: { collegeId } } }, select: { id: true } });
    if (!base) throw new AppError({ message: "所选实训基地不属于本校", field: "trainingBaseId" });
  }
  const cohort = await prisma.$transaction(async (tx) => {
    const created = await tx.cohort.create({
      data: {
      collegeId,
      majorCode: input.majorCode,
      level: input.level,
      size: input.size,
      expectedGraduation: input.expectedGraduation,
      trainingBaseId: input.trainingBaseId ?? null,
      skillsTaught: JSON.stringify(input.skillsTaught),
      targetSkillLevel: input.targetSkillLevel,
      },
    });
    await recordSearchChange({ db: tx, index: "cohorts", recordId: created.id, op: "upsert" });
    return created;
  });
  await requestSearchDelivery();
  return cohort;
}
