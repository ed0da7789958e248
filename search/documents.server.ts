/**
 * What each index holds for a database record: the mappers from Prisma rows to
 * search documents. A record that should not be found (a closed job, a draft order)
 * maps to nothing, and sync removes it from the index.
 */
import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import type { IndexName, SearchDocument } from "./types";

function list(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

const time = (date: Date | null | undefined) => (date ? date.getTime() : 0);

type Catalogue = { majors: Map<string, string>; classes: Map<string, string> };

async function loadCatalogue(): Promise<Catalogue> {
  const [majors, classes] = await Promise.all([
    prisma.major.findMany({ select: { code: true, name: true } }),
    prisma.majorClass.findMany({ select: { code: true, name: true } }),
  ]);
  return {
    majors: new Map(majors.map((m) => [m.code, m.name])),
    classes: new Map(classes.map((c) => [c.code, c.name])),
  };
}

/** One index's records: how to read a batch of them and turn each into a document. */
type Source = {
  read(where: { id: { in: number[] } | { gt: number } }, take?: number): Promise<{ id: number }[]>;
  toDocument(row: never, catalogue: Catalogue): SearchDocument | null;
};

const jobSelect = {
  id: true,
  title: true,
  description: true,
  majorClasses: true,
  skillLevelRequired: true,
  wageMinFen: true,
  wageMaxFen: true,
  cityCode: true,
  parkId: true,
  openings: true,
  status: true,
  postedAt: true,
  enterpriseId: true,
  city: { select: { name: true } },
  park: { select: { name: true } },
  enterprise: { select: { name: true, cluster: { select: { id: true, name: true } } } },
} satisfies Prisma.JobSelect;
type JobRow = Prisma.JobGetPayload<{ select: typeof jobSelect }>;

function jobDocument(job: JobRow, catalogue: Catalogue): SearchDocument | null {
  if (job.status !== "open") return null;
  const classes = list(job.majorClasses);
  return {
    id: job.id,
    title: job.title,
    description: job.description,
    enterpriseId: job.enterpriseId,
    enterpriseName: job.enterprise.name,
    clusterName: job.enterprise.cluster?.name ?? "",
    parkName: job.park.name,
    cityName: job.city.name,
    majorClassNames: classes.map((c) => catalogue.classes.get(c) ?? "").filter(Boolean).join(" "),
    cityCode: job.cityCode,
    parkId: job.parkId,
    clusterId: job.enterprise.cluster?.id ?? 0,
    majorCategories: [...new Set(classes.map((c) => c.slice(0, 2)))],
    majorClasses: classes,
    level: job.skillLevelRequired ?? 0,
    wageMinFen: job.wageMinFen,
    wageMaxFen: job.wageMaxFen,
    postedAt: time(job.postedAt),
    openings: job.openings,
  };
}

const orderSelect = {
  id: true,
  title: true,
  majorCode: true,
  skillTags: true,
  skillLevel: true,
  quantity: true,
  quantityFilled: true,
  startDate: true,
  wageFen: true,
  collegeId: true,
  status: true,
  createdAt: true,
  enterprise: { select: { name: true, parkId: true, park: { select: { name: true, cityCode: true } } } },
} satisfies Prisma.OrderSelect;
type OrderRow = Prisma.OrderGetPayload<{ select: typeof orderSelect }>;

function orderDocument(order: OrderRow, catalogue: Catalogue): SearchDocument | null {
  if (order.status === "draft") return null;
  return {
    id: order.id,
    title: order.title,
    majorName: catalogue.majors.get(order.majorCode) ?? "",
    skillTags: list(order.skillTags),
    enterpriseName: order.enterprise.name,
    parkName: order.enterprise.park.name,
    status: order.status,
    cityCode: order.enterprise.park.cityCode,
    parkId: order.enterprise.parkId,
    majorCode: order.majorCode,
    majorClass: order.majorCode.slice(0, 4),
    majorCategory: order.majorCode.slice(0, 2),
    skillLevel: order.skillLevel,
    collegeId: order.collegeId ?? 0,
    startDate: time(order.startDate),
    wageFen: order.wageFen,
    createdAt: time(order.createdAt),
    quantityOpen: order.quantity - order.quantityFilled,
  };
}

const graduateSelect = {
  id: true,
  name: true,
  collegeId: true,
  majorCode: true,
  schoolLevel: true,
  graduationDate: true,
  skillLevel: true,
  verifiedSkillLevel: true,
  skillTags: true,
  preferredCities: true,
  willingToRelocate: true,
  status: true,
  college: { select: { name: true } },
  certificates: { select: { name: true } },
} satisfies Prisma.GraduateSelect;
type GraduateRow = Prisma.GraduateGetPayload<{ select: typeof graduateSelect }>;

/** No identity number, phone or birth date: the index only serves matching. */
function graduateDocument(graduate: GraduateRow, catalogue: Catalogue): SearchDocument {
  return {
    id: graduate.id,
    name: graduate.name,
    majorName: catalogue.majors.get(graduate.majorCode) ?? "",
    skillTags: list(graduate.skillTags),
    certificates: graduate.certificates.map((c) => c.name),
    collegeName: graduate.college.name,
    status: graduate.status,
    collegeId: graduate.collegeId,
    majorCode: graduate.majorCode,
    majorClass: graduate.majorCode.slice(0, 4),
    majorCategory: graduate.majorCode.slice(0, 2),
    schoolLevel: graduate.schoolLevel,
    skillLevel: graduate.skillLevel ?? 0,
    // For the scorer (an unverified certificate counts half, ADR 165) and the senior gate's filter (ADR 166).
    verifiedSkillLevel: graduate.verifiedSkillLevel ?? 0,
    preferredCities: list(graduate.preferredCities),
    willingToRelocate: graduate.willingToRelocate ? 1 : 0,
    graduationDate: time(graduate.graduationDate),
  };
}

const cohortSelect = {
  id: true,
  collegeId: true,
  majorCode: true,
  level: true,
  size: true,
  expectedGraduation: true,
  skillsTaught: true,
  targetSkillLevel: true,
  college: { select: { name: true, cityCode: true } },
  trainingBase: { select: { name: true } },
} satisfies Prisma.CohortSelect;
type CohortRow = Prisma.CohortGetPayload<{ select: typeof cohortSelect }>;

function cohortDocument(cohort: CohortRow, catalogue: Catalogue): SearchDocument {
  return {
    id: cohort.id,
    majorName: catalogue.majors.get(cohort.majorCode) ?? "",
    skillsTaught: list(cohort.skillsTaught),
    collegeName: cohort.college.name,
    trainingBaseName: cohort.trainingBase?.name ?? "",
    collegeId: cohort.collegeId,
    cityCode: cohort.college.cityCode,
    majorCode: cohort.majorCode,
    majorClass: cohort.majorCode.slice(0, 4),
    majorCategory: cohort.majorCode.slice(0, 2),
    level: cohort.level,
    targetSkillLevel: cohort.targetSkillLevel,
    expectedGraduation: time(cohort.expectedGraduation),
    size: cohort.size,
  };
}

const SOURCES: Record<IndexName, Source> = {
  jobs: {
    read: (where, take) => prisma.job.findMany({ where, take, orderBy: { id: "asc" }, select: jobSelect }),
    toDocument: jobDocument as Source["toDocument"],
  },
  orders: {
    read: (where, take) => prisma.order.findMany({ where, take, orderBy: { id: "asc" }, select: orderSelect }),
    toDocument: orderDocument as Source["toDocument"],
  },
  graduates: {
    read: (where, take) => prisma.graduate.findMany({ where, take, orderBy: { id: "asc" }, select: graduateSelect }),
    toDocument: graduateDocument as Source["toDocument"],
  },
  cohorts: {
    read: (where, take) => prisma.cohort.findMany({ where, take, orderBy: { id: "asc" }, select: cohortSelect }),
    toDocument: cohortDocument as Source["toDocument"],
  },
};

/** The current documents of the given records; a record absent from the result should leave the index. */
export async function loadSearchDocuments(index: IndexName, ids: readonly number[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  const source = SOURCES[index];
  const [rows, catalogue] = await Promise.all([source.read({ id: { in: [...ids] } }), loadCatalogue()]);
  return rows.map((row) => source.toDocument(row as never, catalogue)).filter((d): d is SearchDocument => d !== null);
}

/** Every document of an index, batch by batch, in id order. */
export async function* allSearchDocuments(index: IndexName, batchSize: number): AsyncGenerator<SearchDocument[]> {
  const source = SOURCES[index];
  const catalogue = await loadCatalogue();
  let after = 0;
  for (;;) {
    const rows = await source.read({ id: { gt: after } }, batchSize);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows.map((row) => source.toDocument(row as never, catalogue)).filter((d): d is SearchDocument => d !== null);
  }
}

/** How many records of an index the database holds that should be found. */
export async function countRecords(index: IndexName): Promise<number> {
  switch (index) {
    case "jobs":
      return prisma.job.count({ where: { status: "open" } });
    case "orders":
      return prisma.order.count({ where: { status: { not: "draft" } } });
    case "graduates":
      return prisma.graduate.count();
    case "cohorts":
      return prisma.cohort.count();
  }
}
