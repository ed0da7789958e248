import type { Principal } from "~/utils/principal.server";
import { requireActor } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors.server";
import { countsOf, PAGE_SIZE, pageWindow, type ListQuery, type Paged } from "~/utils/list-query";
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
      },
    }),
    prisma.cohort.count({ where }),
  ]);
  const [graduates, orders] = await Promise.all([
    countsOf(rows, (ids) => prisma.graduate.groupBy({ by: ["cohortId"], where: { cohortId: { in: ids } }, _count: { _all: true } }), "cohortId"),
    countsOf(rows, (ids) => prisma.order.groupBy({ by: ["cohortId"], where: { cohortId: { in: ids } }, _count: { _all: true } }), "cohortId"),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, skillsTaught: JSON.parse(r.skillsTaught) as string[], _count: { graduates: graduates(r.id), orders: orders(r.id) } })),
    total, page: query.page, pageSize: query.pageSize ?? PAGE_SIZE, sort: query.sort, direction: query.direction,
  } satisfies Paged<unknown>;
}

/** Choices for the cohort form and for binding an order: the college's majors, bases and cohorts. */
export async function cohortChoices({ principal }: { principal: Principal }) {
  const collegeId = requireActor(principal, "college", "只有院校账号可以管理培训班");
  const [majors, bases, cohorts] = await Promise.all([
    prisma.major.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true, level: true } }),
    prisma.trainingBase.findMany({ where: { colleges: { some: { collegeId } } }, orderBy: { nameSort: "asc" }, select: { id: true, name: true } }),
    prisma.cohort.findMany({ where: { collegeId }, orderBy: { createdAt: "desc" }, select: { id: true, majorCode: true, expectedGraduation: true, size: true } }),
  ]);
  return { majors, bases, cohorts };
}

export async function createCohort({ principal, input }: { principal: Principal; input: CohortInput }) {
  const collegeId = requireActor(principal, "college", "只有院校账号可以管理培训班");
  await checkCohortInput(collegeId, input);
  const cohort = await prisma.$transaction(async (tx) => {
    const created = await tx.cohort.create({
      data: { collegeId, ...cohortData(input) },
    });
    await recordSearchChange({ db: tx, index: "cohorts", recordId: created.id, op: "upsert" });
    return created;
  });
  await requestSearchDelivery();
  return cohort;
}

/** One of the college's cohorts with its graduates (counted by status) and the orders bound to it. */
export async function getCohort({ principal, id }: { principal: Principal; id: number }) {
  const collegeId = requireActor(principal, "college", "只有院校账号可以管理培训班");
  const cohort = await prisma.cohort.findFirst({
    where: { id, collegeId },
    select: {
      id: true, majorCode: true, level: true, size: true, expectedGraduation: true, skillsTaught: true, targetSkillLevel: true, createdAt: true,
      trainingBaseId: true,
      trainingBase: { select: { id: true, name: true } },
      orders: { orderBy: { id: "desc" }, select: { id: true, title: true, status: true, quantity: true, quantityFilled: true, enterprise: { select: { name: true } } } },
    },
  });
  if (!cohort) throw notFound("培训班");
  const byStatus = await prisma.graduate.groupBy({ by: ["status"], where: { cohortId: id }, _count: { _all: true } });
  const count = (status: string) => byStatus.find((s) => s.status === status)?._count._all ?? 0;
  const graduates = byStatus.reduce((sum, s) => sum + s._count._all, 0);
  return { ...cohort, skillsTaught: JSON.parse(cohort.skillsTaught) as string[], graduates, placed: count("placed") };
}

/** Changes a cohort; its size may not drop below the graduates already in it. */
export async function updateCohort({ principal, id, input }: { principal: Principal; id: number; input: CohortInput }) {
  const collegeId = requireActor(principal, "college", "只有院校账号可以管理培训班");
  const cohort = await prisma.cohort.findFirst({ where: { id, collegeId }, select: { id: true, _count: { select: { graduates: true } } } });
  if (!cohort) throw notFound("培训班");
  await checkCohortInput(collegeId, input);
  if (input.size < cohort._count.graduates) {
    throw new AppError({ message: `人数不能少于已归入本班的 ${cohort._count.graduates} 名毕业生`, field: "size" });
  }
  await prisma.$transaction(async (tx) => {
    await tx.cohort.update({
      where: { id },
      data: cohortData(input),
    });
    await recordSearchChange({ db: tx, index: "cohorts", recordId: id, op: "upsert" });
  });
  await requestSearchDelivery();
}

/** The major is in the catalogue and the training base is one of the college's. */
async function checkCohortInput(collegeId: number, input: CohortInput) {
  const major = await prisma.major.findUnique({ where: { code: input.majorCode }, select: { code: true } });
  if (!major) throw new AppError({ message: "所选专业不在专业目录中", field: "majorCode" });
  if (input.trainingBaseId) {
    const base = await prisma.trainingBase.findFirst({ where: { id: input.trainingBaseId, colleges: { some: { collegeId } } }, select: { id: true } });
    if (!base) throw new AppError({ message: "所选实训基地不属于本校", field: "trainingBaseId" });
  }
}

/** A cohort's columns from the form's values (skills kept as a JSON list). */
function cohortData(input: CohortInput) {
  return {
    majorCode: input.majorCode,
    level: input.level,
    size: input.size,
    expectedGraduation: input.expectedGraduation,
    trainingBaseId: input.trainingBaseId ?? null,
    skillsTaught: JSON.stringify(input.skillsTaught),
    targetSkillLevel: input.targetSkillLevel,
  };
}
