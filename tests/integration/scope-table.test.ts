import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "~/domain/constants";
import { DIMENSIONS, type Dimension } from "~/domain/reports/placements";
import { listApplications, getApplication } from "~/services/labour/applications.server";
import { getGraduate, listGraduates } from "~/services/labour/graduates.server";
import { getJob, getOrder, listOrders } from "~/services/labour/postings.server";
import { listPlacements, placementsOfGraduate } from "~/services/labour/placements.server";
import { getClaim } from "~/services/subsidy/claims.server";
import { listCertificates, verifyCertificate } from "~/services/labour/certificates.server";
import { listFundAllocations } from "~/services/fund/training-fund.server";
import { exportRows, listRegistry, readRecord } from "~/services/registry/registry.server";
import { listImportJobs, readImportJob } from "~/services/registry/imports.server";
import { getRound, listRounds } from "~/services/allocation/rounds.server";
import * as scopes from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { encryptIdNumber } from "~/utils/pii.server";
import { AppError } from "~/utils/errors.server";
import { principalOfAccount, type Principal } from "~/utils/principal.server";
import { DEMO_LOGIN_OF, loadDemo } from "./demo-fixture";

/**
 * Every scope rule of app/utils/scopes.server.ts, for every role (issue 21, item 1).
 *
 * Each row of SCOPE_TABLE says, in plain code that does not go through Prisma's `where`,
 * which records a role may see (`may`), and the test compares it with what the builder
 * selects from the demo data set (plus a few records made here): the same ids, at least
 * one the role may see and one it may not (unless the rule is "all" or "nothing"). The
 * paths that use a builder — a list, a detail page, an export — are then run as each role
 * against one visible and one hidden record. An exported function without a row fails
 * the meta-test.
 */

type Row = Record<string, unknown> & { id: number };
type Rule = (r: any, p: Principal) => boolean; // eslint-disable-line @typescript-eslint/no-explicit-any
type ScopeRow = {
  /** The Prisma model the builder filters. */
  model: string;
  /** What the rules read of a record. */
  select: Record<string, unknown>;
  /** Per role: may the role see this record? ALL / NONE for rules without exceptions. */
  may: Record<Role, Rule | "ALL" | "NONE">;
};

const ALL = "ALL" as const;
const NONE = "NONE" as const;
const pk = { select: { parkId: true } } as const;

const enterpriseRule: ScopeRow["may"] = {
  province: ALL,
  park: (e, p) => e.parkId === p.parkId,
  enterprise: (e, p) => e.id === p.enterpriseId,
  college: NONE,
  bureau: NONE,
  graduate: NONE,
};
const parkOwned: ScopeRow["may"] = { province: ALL, park: (r, p) => r.parkId === p.parkId, college: NONE, enterprise: NONE, bureau: NONE, graduate: NONE };
const managedJob: ScopeRow["may"] = {
  province: ALL,
  park: (j, p) => j.parkId === p.parkId,
  enterprise: (j, p) => j.enterpriseId === p.enterpriseId,
  college: NONE,
  bureau: NONE,
  graduate: NONE,
};
const ruleOf = (row: ScopeRow["may"], role: Role): Rule => {
  const rule = row[role];
  return rule === ALL ? () => true : rule === NONE ? () => false : rule;
};
const openOrManaged = (role: Role): Rule => (j, p) => j.status === "open" || ruleOf(managedJob, role)(j, p);
const adminRound: ScopeRow["may"] = { province: ALL, park: (r, p) => r.parkId === p.parkId, college: NONE, enterprise: NONE, bureau: NONE, graduate: NONE };

/** The table: one row per `where` builder exported by app/utils/scopes.server.ts. */
const SCOPE_TABLE: Record<string, ScopeRow> = {
  graduateScope: {
    model: "graduate",
    select: {
      id: true,
      collegeId: true,
      applications: { select: { job: { select: { enterpriseId: true } }, order: { select: { enterpriseId: true } } } },
      claims: { select: { bureauId: true } },
      placements: { select: { enterprise: pk } },
    },
    may: {
      province: ALL,
      graduate: (g, p) => g.id === p.graduateId,
      college: (g, p) => g.collegeId === p.collegeId,
      enterprise: (g, p) => g.applications.some((a: any) => a.job?.enterpriseId === p.enterpriseId || a.order?.enterpriseId === p.enterpriseId), // eslint-disable-line @typescript-eslint/no-explicit-any
      bureau: (g, p) => g.claims.some((c: { bureauId: number }) => c.bureauId === p.bureauId),
      park: (g, p) => g.placements.some((pl: { enterprise: { parkId: number } }) => pl.enterprise.parkId === p.parkId),
    },
  },
  editableEnterpriseScope: { model: "enterprise", select: { id: true, parkId: true }, may: enterpriseRule },
  applicationScope: {
    model: "application",
    select: { id: true, graduateId: true, graduate: { select: { collegeId: true } }, job: { select: { enterpriseId: true, parkId: true } }, order: { select: { enterpriseId: true, enterprise: pk } } },
    may: {
      province: ALL,
      graduate: (a, p) => a.graduateId === p.graduateId,
      college: (a, p) => a.graduate.collegeId === p.collegeId,
      enterprise: (a, p) => a.job?.enterpriseId === p.enterpriseId || a.order?.enterpriseId === p.enterpriseId,
      park: (a, p) => a.job?.parkId === p.parkId || a.order?.enterprise.parkId === p.parkId,
      bureau: NONE,
    },
  },
  // The same rule, with an enterprise's or park's jobs and orders read by id first (a faster list query).
  applicationListScope: {
    model: "application",
    select: { id: true, graduateId: true, graduate: { select: { collegeId: true } }, job: { select: { enterpriseId: true, parkId: true } }, order: { select: { enterpriseId: true, enterprise: pk } } },
    may: {
      province: ALL,
      graduate: (a, p) => a.graduateId === p.graduateId,
      college: (a, p) => a.graduate.collegeId === p.collegeId,
      enterprise: (a, p) => a.job?.enterpriseId === p.enterpriseId || a.order?.enterpriseId === p.enterpriseId,
      park: (a, p) => a.job?.parkId === p.parkId || a.order?.enterprise.parkId === p.parkId,
      bureau: NONE,
    },
  },
  orderScope: {
    model: "order",
    select: { id: true, enterpriseId: true, collegeId: true, status: true, enterprise: pk },
    may: {
      province: ALL,
      enterprise: (o, p) => o.enterpriseId === p.enterpriseId,
      college: (o, p) => o.collegeId === p.collegeId || (o.collegeId === null && o.status === "open"),
      // A graduate sees the orders that recruit or train, never drafts, closed or cancelled ones.
      graduate: (o) => ["open", "contracted", "in_training"].includes(o.status),
      park: (o, p) => o.enterprise.parkId === p.parkId,
      bureau: NONE,
    },
  },
  placementScope: {
    model: "placement",
    select: { id: true, graduateId: true, enterpriseId: true, graduate: { select: { collegeId: true } }, enterprise: pk, claims: { select: { bureauId: true } } },
    may: {
      province: ALL,
      graduate: (pl, p) => pl.graduateId === p.graduateId,
      college: (pl, p) => pl.graduate.collegeId === p.collegeId,
      enterprise: (pl, p) => pl.enterpriseId === p.enterpriseId,
      park: (pl, p) => pl.enterprise.parkId === p.parkId,
      bureau: (pl, p) => pl.claims.some((c: { bureauId: number }) => c.bureauId === p.bureauId),
    },
  },
  payrollDeclarationScope: {
    model: "payrollDeclaration",
    select: { id: true, enterpriseId: true, enterprise: pk },
    may: {
      province: ALL,
      park: (d, p) => d.enterprise.parkId === p.parkId,
      enterprise: (d, p) => d.enterpriseId === p.enterpriseId,
      college: NONE,
      bureau: NONE,
      graduate: NONE,
    },
  },
  fundAllocationScope: {
    model: "fundAllocation",
    select: { id: true, enterpriseId: true, collegeId: true, enterprise: pk },
    may: {
      province: ALL,
      park: (f, p) => f.enterprise.parkId === p.parkId,
      enterprise: (f, p) => f.enterpriseId === p.enterpriseId,
      college: (f, p) => f.collegeId === p.collegeId,
      bureau: NONE,
      graduate: NONE,
    },
  },
  enterpriseRegistrationScope: {
    model: "enterpriseRegistration",
    select: { id: true, parkId: true },
    may: {
      province: ALL,
      park: (r, p) => r.parkId === p.parkId,
      college: NONE,
      enterprise: NONE,
      bureau: NONE,
      graduate: NONE,
    },
  },
  outboxScope: {
    model: "outboxMessage",
    select: { id: true, collegeId: true },
    may: {
      province: ALL,
      college: (m, p) => m.collegeId === p.collegeId,
      park: NONE,
      enterprise: NONE,
      bureau: NONE,
      graduate: NONE,
    },
  },
  fundPaymentScope: {
    model: "fundPayment",
    select: { id: true, enterpriseId: true, collegeId: true, enterprise: pk },
    may: {
      province: ALL,
      park: (f, p) => f.enterprise.parkId === p.parkId,
      enterprise: (f, p) => f.enterpriseId === p.enterpriseId,
      college: (f, p) => f.collegeId === p.collegeId,
      bureau: NONE,
      graduate: NONE,
    },
  },
  decidableFundPaymentScope: {
    model: "fundPayment",
    select: { id: true, recipient: true, collegeId: true },
    may: {
      province: (f) => f.recipient === "province_pool",
      college: (f, p) => f.recipient === "college" && f.collegeId === p.collegeId,
      park: NONE,
      enterprise: NONE,
      bureau: NONE,
      graduate: NONE,
    },
  },
  collegeLedgerScope: {
    model: "college",
    select: { id: true, pairings: { select: { parkId: true } } },
    may: {
      province: ALL,
      // A park reads the ledgers of the colleges it is or was paired with.
      park: (c, p) => c.pairings.some((x: { parkId: number }) => x.parkId === p.parkId),
      college: (c, p) => c.id === p.collegeId,
      enterprise: NONE,
      bureau: NONE,
      graduate: NONE,
    },
  },
  certificateVerificationScope: {
    model: "certificate",
    select: { id: true, graduate: { select: { collegeId: true, claims: { select: { bureauId: true } } } } },
    may: {
      // A college verifies its own graduates' certificates, a bureau those of the graduates whose claims it reviews (ADR 165).
      college: (c, p) => c.graduate.collegeId === p.collegeId,
      bureau: (c, p) => c.graduate.claims.some((x: { bureauId: number }) => x.bureauId === p.bureauId),
      province: NONE,
      park: NONE,
      enterprise: NONE,
      graduate: NONE,
    },
  },
  certificateCorrectionScope: {
    model: "certificate",
    select: { id: true, graduate: { select: { collegeId: true } }, verifiedBy: { select: { bureauId: true } } },
    may: {
      // A college corrects or revokes its own graduates' verifications, a bureau those its accounts made (ADR 167).
      college: (c, p) => c.graduate.collegeId === p.collegeId,
      bureau: (c, p) => c.verifiedBy !== null && c.verifiedBy.bureauId === p.bureauId,
      province: NONE,
      park: NONE,
      enterprise: NONE,
      graduate: NONE,
    },
  },
  subsidyClaimScope: {
    model: "subsidyClaim",
    select: { id: true, graduateId: true, bureauId: true, graduate: { select: { collegeId: true } }, workerTrainee: { select: { enterpriseId: true } } },
    may: {
      province: ALL,
      graduate: (c, p) => c.graduateId !== null && c.graduateId === p.graduateId,
      // A college reads the claims of its own graduates only, not those of other colleges' graduates.
      college: (c, p) => c.graduate?.collegeId === p.collegeId,
      bureau: (c, p) => c.bureauId === p.bureauId,
      // An enterprise reads its own worker-training claims only (ADR 160), never a graduate's.
      enterprise: (c, p) => c.workerTrainee?.enterpriseId === p.enterpriseId,
      park: NONE,
    },
  },
  // The demo bureau is a county bureau: itself only. A city-level bureau: see "a city-level bureau" below.
  readableBureauScope: {
    model: "bureau",
    select: { id: true },
    may: { province: ALL, bureau: (b, p) => b.id === p.bureauId, park: NONE, college: NONE, enterprise: NONE, graduate: NONE },
  },
  readableClaimScope: {
    model: "subsidyClaim",
    select: { id: true, graduateId: true, bureauId: true, graduate: { select: { collegeId: true } }, workerTrainee: { select: { enterpriseId: true } } },
    may: {
      province: ALL,
      graduate: (c, p) => c.graduateId !== null && c.graduateId === p.graduateId,
      college: (c, p) => c.graduate?.collegeId === p.collegeId,
      bureau: (c, p) => c.bureauId === p.bureauId,
      enterprise: (c, p) => c.workerTrainee?.enterpriseId === p.enterpriseId,
      park: NONE,
    },
  },
  editableParkScope: {
    model: "park",
    select: { id: true },
    may: { province: ALL, park: (k, p) => k.id === p.parkId, college: NONE, enterprise: NONE, bureau: NONE, graduate: NONE },
  },
  editableClusterScope: { model: "cluster", select: { id: true, parkId: true }, may: parkOwned },
  editableCollegeScope: {
    model: "college",
    select: { id: true },
    may: { province: ALL, college: (c, p) => c.id === p.collegeId, park: NONE, enterprise: NONE, bureau: NONE, graduate: NONE },
  },
  editablePairingScope: { model: "pairing", select: { id: true, parkId: true }, may: parkOwned },
  editableTrainingBaseScope: { model: "trainingBase", select: { id: true, parkId: true }, may: parkOwned },
  editableSecondmentScope: {
    model: "secondment",
    select: { id: true, enterprise: pk },
    may: { province: ALL, park: (s, p) => s.enterprise.parkId === p.parkId, college: NONE, enterprise: NONE, bureau: NONE, graduate: NONE },
  },
  secondmentScope: {
    model: "secondment",
    select: { id: true, collegeId: true, enterpriseId: true, enterprise: pk },
    may: {
      province: ALL,
      park: (s, p) => s.enterprise.parkId === p.parkId,
      college: (s, p) => s.collegeId === p.collegeId,
      enterprise: (s, p) => s.enterpriseId === p.enterpriseId,
      bureau: NONE,
      graduate: NONE,
    },
  },
  managedJobScope: { model: "job", select: { id: true, parkId: true, enterpriseId: true, status: true }, may: managedJob },
  viewableJobScope: {
    model: "job",
    select: { id: true, parkId: true, enterpriseId: true, status: true },
    may: {
      province: ALL,
      park: openOrManaged("park"),
      enterprise: openOrManaged("enterprise"),
      college: openOrManaged("college"),
      bureau: openOrManaged("bureau"),
      graduate: openOrManaged("graduate"),
    },
  },
  choosableParkScope: {
    model: "park",
    select: { id: true, enterprises: { select: { id: true } } },
    may: {
      province: ALL,
      park: (k, p) => k.id === p.parkId,
      enterprise: (k, p) => k.enterprises.some((e: { id: number }) => e.id === p.enterpriseId),
      college: NONE,
      bureau: NONE,
      graduate: NONE,
    },
  },
  importJobScope: {
    model: "importJob",
    select: { id: true, accountId: true },
    may: {
      province: ALL,
      park: (i, p) => i.accountId === p.accountId,
      college: (i, p) => i.accountId === p.accountId,
      enterprise: (i, p) => i.accountId === p.accountId,
      bureau: (i, p) => i.accountId === p.accountId,
      graduate: (i, p) => i.accountId === p.accountId,
    },
  },
  adminRoundScope: { model: "allocationRound", select: { id: true, parkId: true }, may: adminRound },
  roundScope: {
    model: "allocationRound",
    select: { id: true, parkId: true, orders: { select: { order: { select: { enterpriseId: true } } } } },
    may: {
      province: ALL,
      park: (r, p) => r.parkId === p.parkId,
      enterprise: (r, p) => r.orders.some((o: { order: { enterpriseId: number } }) => o.order.enterpriseId === p.enterpriseId),
      graduate: ALL,
      college: NONE,
      bureau: NONE,
    },
  },
};

/** Exports of the module that are not record scopes: the role guards (tested through the route table) and role lists. */
const NOT_SCOPES = new Set(["requireActor", "requireRole", "actorIdOf", "hasRole", "ADMIN_ROLES", "MANAGE_ROLES"]);
/** Scope functions that are not `where` builders, tested in their own describe blocks below. */
const OTHER_SCOPES = new Set(["mayReadFullIdNumber", "mayReadTraineeIdNumber", "reportScope", "scorecardScope"]);

const principals = {} as Record<Role, Principal>;
let demoIds: { park: number; college: number; enterprise: number; bureau: number; graduate: number };

/** The ids a role may see under a row's rule and those the builder selects. */
async function visibility(name: string, role: Role) {
  const row = SCOPE_TABLE[name]!;
  const p = principals[role];
  const builder = (scopes as unknown as Record<string, (p: Principal) => object | Promise<object>>)[name]!;
  const delegate = (prisma as unknown as Record<string, { findMany: (args: object) => Promise<Row[]> }>)[row.model]!;
  const all = await delegate.findMany({ select: row.select, orderBy: { id: "asc" } });
  const rule = ruleOf(row.may, role);
  const expected = all.filter((r) => rule(r, p)).map((r) => r.id);
  const hidden = all.filter((r) => !rule(r, p)).map((r) => r.id);
  const selected = (await delegate.findMany({ where: await builder(p), select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
  return { expected, hidden, selected, total: all.length };
}

beforeAll(async () => {
  await loadDemo();
  for (const role of ROLES) {
    const account = await prisma.account.findUniqueOrThrow({ where: { login: DEMO_LOGIN_OF[role] }, select: { id: true } });
    principals[role] = (await principalOfAccount(account.id))!;
  }
  const p = principals;
  demoIds = { park: p.park.parkId!, college: p.college.collegeId!, enterprise: p.enterprise.enterpriseId!, bureau: p.bureau.bureauId!, graduate: p.graduate.graduateId! };
  // The demo data has no import jobs and no secondment of the demo enterprise: one each of every role's, and of someone else's.
  for (const role of ROLES) {
    await prisma.importJob.create({ data: { kind: "enterprises", fileName: `${role}.csv`, accountId: p[role].accountId } });
  }
  const otherEnterprise = await prisma.enterprise.findFirstOrThrow({ where: { parkId: { not: demoIds.park } }, select: { id: true } });
  const otherCollege = await prisma.college.findFirstOrThrow({ where: { id: { not: demoIds.college } }, select: { id: true } });
  const secondment = (enterpriseId: number, collegeId: number, personName: string) =>
    prisma.secondment.create({
      data: { enterpriseId, collegeId, personName, direction: "enterprise_to_college", position: "产业教授", startDate: new Date("2026-03-01") },
    });
  await secondment(demoIds.enterprise, otherCollege.id, "本企业外派");
  await secondment(otherEnterprise.id, demoIds.college, "本校接收");
  await secondment(otherEnterprise.id, otherCollege.id, "无关挂职");
  await scopeFixtures(otherEnterprise.id, otherCollege.id);
  // Enterprise registrations in the demo park and another; outbox messages of the demo college, another and none.
  const otherPark = await prisma.park.findFirstOrThrow({ where: { id: { not: demoIds.park } }, select: { id: true } });
  for (const [i, parkId] of [demoIds.park, otherPark.id].entries()) {
    await prisma.enterpriseRegistration.create({
      data: { creditCode: `91360000MA0000000${i}`, name: `申请企业${i}`, parkId, contactName: "联系人", contactPhone: "13800000000", login: `scope-reg-${i}`, passwordHash: "x" },
    });
  }
  for (const collegeId of [demoIds.college, otherCollege.id, null]) {
    await prisma.outboxMessage.create({ data: { kind: "notification", mobile: "13800000001", body: "通知", collegeId } });
  }
});

/**
 * What the demo data lacks (it has no subsidy claims, fund runs or allocation rounds, and
 * the demo graduate has no placement yet): records of the demo organisations and of others.
 */
async function scopeFixtures(otherEnterpriseId: number, otherCollegeId: number) {
  // A county bureau of another city, so that a city-level bureau's view has claims outside it too.
  const demoCity = (await prisma.bureau.findUniqueOrThrow({ where: { id: demoIds.bureau }, select: { county: { select: { cityCode: true } } } })).county!.cityCode;
  const otherBureau = await prisma.bureau.findFirstOrThrow({ where: { level: "county", county: { cityCode: { not: demoCity } } }, select: { id: true } });
  const parkEnterprise = await prisma.enterprise.findFirstOrThrow({ where: { parkId: demoIds.park, id: { not: demoIds.enterprise } }, select: { id: true } });
  const otherGraduate = await prisma.graduate.findFirstOrThrow({ where: { collegeId: otherCollegeId }, select: { id: true } });
  const classmate = await prisma.graduate.findFirstOrThrow({ where: { collegeId: demoIds.college, id: { not: demoIds.graduate }, placements: { none: {} } }, select: { id: true } });
  const placement = (graduateId: number, enterpriseId: number) =>
    prisma.placement.create({
      data: { graduateId, enterpriseId, startDate: new Date("2025-07-01"), monthlyWageFen: 500_000, majorRelevant: true, inProvincePark: true, endedOn: new Date("2026-06-30"), endReason: "合同期满" },
    });
  const own = await placement(demoIds.graduate, otherEnterpriseId);
  const classmates = await placement(classmate.id, parkEnterprise.id);
  const others = await placement(otherGraduate.id, otherEnterpriseId);
  const policy = await prisma.policyVersion.findFirstOrThrow({ select: { id: true } });
  const claim = (pl: { id: number; graduateId: number }, bureauId: number) =>
    prisma.subsidyClaim.create({
      data: { graduateId: pl.graduateId, placementId: pl.id, kind: "living", origin: "automatic", amountFen: 100_000, bureauId, policyVersionId: policy.id, evaluation: "{}" },
    });
  await claim(own, otherBureau.id); // the demo graduate's, reviewed by another bureau
  await claim(classmates, demoIds.bureau); // a graduate of the demo college, reviewed by the demo bureau
  await claim(others, otherBureau.id); // another college's graduate, another bureau
  // Worker-training claims (ADR 160): the demo enterprise's, reviewed by the demo bureau, and another enterprise's elsewhere.
  const base = await prisma.trainingBase.findFirstOrThrow({ select: { id: true } });
  const workerClaim = async (enterpriseId: number, bureauId: number, n: number) => {
    const trainee = await prisma.workerTrainee.create({
      data: {
        enterpriseId, name: `职工${n}`, idNumberHash: `scope-worker-${n}`, idNumberCipher: encryptIdNumber("36012120030510001X", env().PII_KEY), idNumberMasked: "3601**********001X",
        insuredFrom: new Date("2026-01-01"), insuredMonths: 12, baseId: base.id, trainingEndedOn: new Date("2026-02-01"),
        certificateName: "电工", certificateLevel: 4, certificateIssuedOn: new Date("2026-03-01"), certificateIssuer: "鉴定中心", certificateNumber: `W-${n}`,
      },
    });
    return prisma.subsidyClaim.create({
      data: { workerTraineeId: trainee.id, kind: "worker_training", origin: "enterprise", status: "pending_review", amountFen: 150_000, bureauId, policyVersionId: policy.id, evaluation: "{}" },
    });
  };
  await workerClaim(demoIds.enterprise, demoIds.bureau, 1);
  await workerClaim(otherEnterpriseId, otherBureau.id, 2);
  // A certificate each: the classmate's the demo college and the demo bureau verify, the other's neither.
  for (const graduateId of [classmate.id, otherGraduate.id]) {
    await prisma.certificate.create({ data: { graduateId, name: "电工", level: 4, issuedAt: new Date("2025-06-01") } });
  }
  // And one the demo bureau's account verified, of another college's graduate: the bureau may correct it, that college too (ADR 167).
  await prisma.certificate.create({
    data: {
      graduateId: otherGraduate.id, name: "焊工", level: 3, issuedAt: new Date("2025-06-01"), issuingBody: "江西省职业技能鉴定指导中心", certificateNo: "SCOPE-BUREAU-1",
      verifiedAt: new Date("2025-07-01"), verifiedById: principals.bureau.accountId,
    },
  });

  const declaration = async (enterpriseId: number) =>
    (await prisma.payrollDeclaration.findFirst({ where: { enterpriseId }, select: { id: true } })) ??
    (await prisma.payrollDeclaration.findFirstOrThrow({ select: { id: true } }));
  const run = await prisma.fundRun.create({ data: { year: 2025, policyVersionId: policy.id, status: "done", finishedAt: new Date() } });
  const allocation = async (enterpriseId: number, collegeId: number) =>
    prisma.fundAllocation.create({
      data: { runId: run.id, declarationId: (await declaration(enterpriseId)).id, enterpriseId, collegeId, year: 2025, feeFen: 1_000_000n, shareFen: 500_000n, amountFen: 250_000n, placements: 1 },
    });
  await allocation(demoIds.enterprise, demoIds.college);
  await allocation(parkEnterprise.id, otherCollegeId);
  await allocation(otherEnterpriseId, otherCollegeId);
  const payment = (enterpriseId: number, collegeId: number, voucherNo: string) =>
    prisma.fundPayment.create({ data: { year: 2025, enterpriseId, collegeId, recipient: "college", paidOn: new Date("2026-02-01"), amountFen: 1_000n, voucherNo } });
  await payment(demoIds.enterprise, demoIds.college, "S-1");
  await payment(parkEnterprise.id, otherCollegeId, "S-2");
  await payment(otherEnterpriseId, otherCollegeId, "S-3");
  // An unpaired enterprise's payment to the province pool: the province, not a college, confirms it.
  await prisma.fundPayment.create({ data: { year: 2025, enterpriseId: otherEnterpriseId, collegeId: null, recipient: "province_pool", paidOn: new Date("2026-02-01"), amountFen: 1_000n, voucherNo: "S-4" } });

  const order = async (enterpriseId: number) =>
    prisma.order.findFirst({ where: { enterpriseId }, select: { id: true } }) ??
    prisma.order.create({ data: { enterpriseId, title: "分配订单", majorCode: "460103", skillTags: "[]", skillLevel: 4, quantity: 2, startDate: new Date("2027-03-01"), wageFen: 500_000, status: "open" } });
  const ownOrder = (await order(demoIds.enterprise))!;
  const otherOrder = (await prisma.order.findFirst({ where: { enterprise: { parkId: { not: demoIds.park } } }, select: { id: true } }))!;
  const round = (parkId: number | null, orderIds: number[]) =>
    prisma.allocationRound.create({
      data: { title: "定向分配", parkId, deadline: new Date("2027-01-31"), seed: "s", createdById: principals.province.accountId, orders: { create: orderIds.map((orderId) => ({ orderId })) } },
    });
  await round(demoIds.park, [ownOrder.id]);
  await round(null, [otherOrder.id]);
  const otherPark = await prisma.park.findFirstOrThrow({ where: { id: { not: demoIds.park } }, select: { id: true } });
  await round(otherPark.id, []);
}

describe("the scope table", () => {
  it("has a row for every scope function app/utils/scopes.server.ts exports", () => {
    const exported = Object.keys(scopes).filter((k) => !NOT_SCOPES.has(k));
    const missing = exported.filter((k) => !(k in SCOPE_TABLE) && !OTHER_SCOPES.has(k));
    expect(
      missing,
      `scope functions without a row in SCOPE_TABLE (tests/integration/scope-table.test.ts): add a row with the model it filters and, per role, which records the role may see`,
    ).toEqual([]);
    expect(Object.keys(SCOPE_TABLE).filter((k) => !exported.includes(k)), "rows for functions scopes.server.ts no longer exports").toEqual([]);
  });

  const cases = Object.keys(SCOPE_TABLE).flatMap((name) => ROLES.map((role) => [name, role] as const));
  it.each(cases)("%s as %s selects exactly the records the role may see", async (name, role) => {
    const { expected, hidden, selected, total } = await visibility(name, role);
    expect(total, `the fixture has no ${SCOPE_TABLE[name]!.model} at all`).toBeGreaterThan(1);
    expect(selected).toEqual(expected);
    const rule = SCOPE_TABLE[name]!.may[role];
    if (rule === ALL) expect(hidden).toEqual([]);
    else if (rule === NONE) expect(expected).toEqual([]);
    else {
      expect(expected.length, `the fixture has no ${SCOPE_TABLE[name]!.model} ${role} may see`).toBeGreaterThan(0);
      expect(hidden.length, `the fixture has no ${SCOPE_TABLE[name]!.model} ${role} may not see`).toBeGreaterThan(0);
    }
  });
});

describe("a city-level bureau", () => {
  it("reads itself and the county bureaus of its city, and their claims; no other city's", async () => {
    const demoBureau = await prisma.bureau.findUniqueOrThrow({ where: { id: demoIds.bureau }, select: { county: { select: { cityCode: true } } } });
    const cityCode = demoBureau.county!.cityCode;
    const cityBureau = await prisma.bureau.findFirstOrThrow({ where: { level: "city", cityCode }, select: { id: true } });
    const account = await prisma.account.create({ data: { login: "scope-city-bureau", role: "bureau", displayName: "市局", passwordHash: "x", bureauId: cityBureau.id } });
    const city = (await principalOfAccount(account.id))!;
    const bureaus = await prisma.bureau.findMany({ select: { id: true, level: true, county: { select: { cityCode: true } } }, orderBy: { id: "asc" } });
    const readable = bureaus.filter((b) => b.id === cityBureau.id || (b.level === "county" && b.county?.cityCode === cityCode)).map((b) => b.id);
    expect(readable).toContain(demoIds.bureau);
    expect(readable.length).toBeLessThan(bureaus.length);
    expect((await prisma.bureau.findMany({ where: await scopes.readableBureauScope(city), select: { id: true }, orderBy: { id: "asc" } })).map((b) => b.id)).toEqual(readable);
    const claims = await prisma.subsidyClaim.findMany({ select: { id: true, bureauId: true }, orderBy: { id: "asc" } });
    const expected = claims.filter((c) => readable.includes(c.bureauId)).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(claims.length);
    expect((await prisma.subsidyClaim.findMany({ where: await scopes.readableClaimScope(city), select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id)).toEqual(expected);
    // Deciding stays with the county: the city bureau's own queue (subsidyClaimScope) holds none of them.
    expect(await prisma.subsidyClaim.count({ where: scopes.subsidyClaimScope(city) })).toBe(0);
  });
});

describe("identity numbers in full", () => {
  it("shows a worker trainee's to the enterprise that entered the employee and to a bureau reviewing the trainee's claim, to nobody else", async () => {
    const own = await prisma.workerTrainee.findFirstOrThrow({ where: { enterpriseId: demoIds.enterprise }, select: { id: true } });
    const other = await prisma.workerTrainee.findFirstOrThrow({ where: { enterpriseId: { not: demoIds.enterprise } }, select: { id: true } });
    const answers: Record<string, boolean[]> = {};
    for (const role of ROLES) answers[role] = await Promise.all([own.id, other.id].map((t) => scopes.mayReadTraineeIdNumber(principals[role], t)));
    expect(answers).toEqual({
      graduate: [false, false],
      college: [false, false],
      enterprise: [true, false],
      bureau: [true, false],
      park: [false, false],
      province: [false, false],
    });
    // The role decides, not the ids an account carries: a college account holding the enterprise's and the bureau's ids (stale) sees neither.
    const stale: Principal = { ...principals.college, enterpriseId: demoIds.enterprise, bureauId: demoIds.bureau };
    expect(await scopes.mayReadTraineeIdNumber(stale, own.id)).toBe(false);
  });

  it("shows them to the owner and to a bureau reviewing one of the owner's claims, to nobody else", async () => {
    const reviewed = await prisma.subsidyClaim.findFirstOrThrow({ where: { bureauId: demoIds.bureau, graduateId: { not: null } }, select: { graduateId: true } });
    const notReviewed = await prisma.graduate.findFirstOrThrow({
      where: { collegeId: demoIds.college, claims: { none: { bureauId: demoIds.bureau } }, id: { not: demoIds.graduate } },
      select: { id: true },
    });
    const own = demoIds.graduate;
    const answers: Record<string, boolean[]> = {};
    for (const role of ROLES) {
      answers[role] = await Promise.all([own, reviewed.graduateId!, notReviewed.id].map((g) => scopes.mayReadFullIdNumber(principals[role], g)));
    }
    const ownReviewed = reviewed.graduateId === own;
    expect(answers).toEqual({
      graduate: [true, ownReviewed, false],
      college: [false, false, false],
      enterprise: [false, false, false],
      bureau: [await hasClaimAt(own), true, false],
      park: [false, false, false],
      province: [false, false, false],
    });
  });
});

async function hasClaimAt(graduateId: number): Promise<boolean> {
  return (await prisma.subsidyClaim.count({ where: { graduateId, bureauId: demoIds.bureau } })) > 0;
}

describe("report dimensions", () => {
  /** The dimensions each role may read, and whose groups (null: every group). */
  const expected = async (role: Role, dimension: Dimension): Promise<string[] | null | "refused"> => {
    if (role === "province") return null;
    if (role === "park" && dimension === "park") return [String(demoIds.park)];
    if (role === "park" && dimension === "cluster") {
      return (await prisma.cluster.findMany({ where: { parkId: demoIds.park }, select: { id: true } })).map((c) => String(c.id)).sort();
    }
    if (role === "college" && dimension === "college") return [String(demoIds.college)];
    return "refused";
  };
  it.each(ROLES)("gives %s its own groups of the dimensions it may read and refuses the others", async (role) => {
    for (const dimension of DIMENSIONS) {
      let got: string[] | null | "refused";
      try {
        const keys = await scopes.reportScope(principals[role], dimension);
        got = keys === null ? null : [...keys].sort();
      } catch (error) {
        expect((error as AppError).status).toBe(403);
        got = "refused";
      }
      expect({ dimension, got }).toEqual({ dimension, got: await expected(role, dimension) });
    }
  });
});

// ───── The paths that use the builders: list, detail, export ─────

const query = <K extends string>(sort: K) => ({ page: 1, sort, direction: "desc" as const, filters: {} as Record<string, string> });

async function settles(promise: Promise<unknown>): Promise<"answered" | number> {
  try {
    await promise;
    return "answered";
  } catch (error) {
    if (error instanceof AppError) return error.status;
    if (error instanceof Response) return error.status;
    throw error;
  }
}

type PathRow = {
  scope: string;
  /** The ids a list shows (its first page), and its total when it counts. */
  list?: (p: Principal) => Promise<{ ids: number[]; total?: number }>;
  /** Opening one record. */
  detail?: (p: Principal, id: number) => Promise<unknown>;
  /** Every id an export writes. */
  exported?: (p: Principal) => Promise<number[]>;
  /** The roles the path serves (the route table keeps the others out). */
  roles: readonly Role[];
};

const PATHS: Record<string, PathRow> = {
  graduates: {
    scope: "graduateScope",
    roles: ROLES,
    list: async (p) => {
      const r = await listGraduates({ principal: p, query: query("createdAt") });
      return { ids: r.rows.map((g: { id: number }) => g.id), total: r.total };
    },
    detail: (p, id) => getGraduate({ principal: p, graduateId: id }),
  },
  applications: {
    scope: "applicationScope",
    roles: ROLES,
    list: async (p) => {
      const r = await listApplications({ principal: p, query: query("createdAt") });
      return { ids: r.rows.map((a: { id: number }) => a.id), total: r.total };
    },
    detail: (p, id) => getApplication({ principal: p, applicationId: id }),
  },
  orders: {
    scope: "orderScope",
    roles: ROLES,
    list: async (p) => {
      const r = await listOrders({ principal: p, query: query("createdAt") });
      return { ids: r.rows.map((o: { id: number }) => o.id), total: r.total };
    },
    detail: (p, id) => getOrder({ principal: p, orderId: id }),
  },
  placements: {
    scope: "placementScope",
    roles: ROLES,
    list: async (p) => {
      const r = await listPlacements({ principal: p, query: query("createdAt") });
      return { ids: r.rows.map((pl: { id: number }) => pl.id), total: r.total };
    },
    exported: async (p) => {
      const graduates = await prisma.placement.findMany({ distinct: ["graduateId"], select: { graduateId: true } });
      const ids: number[] = [];
      for (const { graduateId } of graduates) {
        try {
          ids.push(...(await placementsOfGraduate({ principal: p, graduateId })).map((pl: { id: number }) => pl.id));
        } catch {
          // a graduate outside the caller's scope: 404
        }
      }
      return ids;
    },
  },
  certificates: {
    scope: "certificateVerificationScope",
    roles: ["college", "bureau"],
    list: async (p) => {
      const pages = await Promise.all(
        (["unverified", "verified"] as const).map((state) => listCertificates({ principal: p, query: { ...query("issuedAt"), pageSize: 10_000 }, state })),
      );
      return { ids: pages.flatMap((r) => r.rows.map((c) => c.id)), total: pages[0]!.total + pages[1]!.total };
    },
    // Verifying one: answered (or already verified by the other role) inside the scope, 404 outside it.
    detail: (p, id) =>
      verifyCertificate({ principal: p, certificateId: id, input: { issuingBody: "江西省职业技能鉴定指导中心", certificateNo: `SCOPE-${p.role}-${id}` } }).catch((error) => {
        if (error instanceof AppError && error.status === 409) return null;
        throw error;
      }),
  },
  "subsidy claims": { scope: "subsidyClaimScope", roles: ROLES, detail: (p, id) => getClaim({ principal: p, claimId: id }) },
  jobs: { scope: "viewableJobScope", roles: ROLES, detail: (p, id) => getJob({ principal: p, jobId: id }) },
  "fund statement": {
    scope: "fundAllocationScope",
    roles: ["province", "park", "enterprise", "college"],
    exported: async (p) => {
      const years = await prisma.fundRun.findMany({ where: { status: "done" }, distinct: ["year"], select: { year: true } });
      const ids: number[] = [];
      for (const { year } of years) ids.push(...(await listFundAllocations({ principal: p, year, sort: "enterprise", all: true })).rows.map((r: { id: number }) => r.id));
      return ids;
    },
  },
  secondments: {
    scope: "secondmentScope",
    roles: ROLES,
    list: async (p) => {
      const r = await listRegistry({ principal: p, kind: "secondments", params: new URLSearchParams() });
      return { ids: r.rows.map((s) => (s as { id: number }).id), total: r.total };
    },
    detail: (p, id) => readRecord({ principal: p, kind: "secondments", id }),
    exported: async (p) => (await exportRows({ principal: p, kind: "secondments", params: new URLSearchParams() })).rows.map((s) => (s as { id: number }).id),
  },
  imports: {
    scope: "importJobScope",
    roles: ["province", "park"],
    list: async (p) => ({ ids: (await listImportJobs({ principal: p })).map((i: { id: number }) => i.id) }),
    detail: (p, id) => readImportJob({ principal: p, id }),
  },
  "allocation rounds": {
    scope: "roundScope",
    roles: ["province", "park", "enterprise", "graduate"],
    list: async (p) => ({ ids: (await listRounds({ principal: p })).map((r: { id: number }) => r.id) }),
    detail: (p, id) => getRound({ principal: p, roundId: id }),
  },
};

describe("list, detail and export paths keep to the scope", () => {
  const cases = Object.entries(PATHS).flatMap(([path, row]) => row.roles.map((role) => [path, role] as const));
  it.each(cases)("%s as %s", async (path, role) => {
    const row = PATHS[path]!;
    const { expected, hidden } = await visibility(row.scope, role);
    const may = new Set(expected);
    const p = principals[role];
    if (row.list) {
      const { ids, total } = await row.list(p);
      expect(ids.filter((id) => !may.has(id)), "the list shows records outside the scope").toEqual([]);
      if (total !== undefined) expect(total).toBe(expected.length);
      if (expected.length > 0) expect(ids.length).toBeGreaterThan(0);
    }
    if (row.detail) {
      if (expected.length > 0) expect(await settles(row.detail(p, expected[0]!))).toBe("answered");
      if (hidden.length > 0) expect([403, 404]).toContain(await settles(row.detail(p, hidden[0]!)));
    }
    if (row.exported) {
      const ids = await row.exported(p);
      expect(ids.filter((id) => !may.has(id)), "the export writes records outside the scope").toEqual([]);
      expect(new Set(ids).size).toBe(expected.length);
    }
  });
});

// ───── An account whose organisation is gone ─────

/** The principal field that names what each role acts for (the province acts for no one). */
const ID_FIELD = { graduate: "graduateId", college: "collegeId", enterprise: "enterpriseId", bureau: "bureauId", park: "parkId" } as const;

describe("an account whose graduate or organisation is gone", () => {
  // The account's links are optional relations: deleting the college, enterprise, … leaves the
  // account with its role and no id. Its scope must match none of the records the id would
  // have named — not those of the organisation numbered 1, nor all of them.
  beforeAll(async () => {
    // The fixture's claims are the demo bureau's and another's: one more, of the first graduate at the
    // first bureau (with a certificate), so that a scope falling back to id 1 would select something.
    const [graduate, bureau, enterprise] = await Promise.all([
      prisma.graduate.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } }),
      prisma.bureau.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } }),
      prisma.enterprise.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } }),
    ]);
    const policy = await prisma.policyVersion.findFirstOrThrow({ select: { id: true } });
    const placement =
      (await prisma.placement.findFirst({ where: { graduateId: graduate.id }, select: { id: true } })) ??
      (await prisma.placement.create({
        data: { graduateId: graduate.id, enterpriseId: enterprise.id, startDate: new Date("2025-07-01"), monthlyWageFen: 500_000, majorRelevant: true, inProvincePark: true },
      }));
    await prisma.subsidyClaim.create({
      data: { graduateId: graduate.id, placementId: placement.id, kind: "tuition", origin: "automatic", amountFen: 300_000, bureauId: bureau.id, policyVersionId: policy.id, evaluation: "{}" },
    });
    await prisma.certificate.create({ data: { graduateId: graduate.id, name: "焊工", level: 4, issuedAt: new Date("2025-06-01") } });
  });
  const cases = Object.keys(SCOPE_TABLE).flatMap((name) => (Object.keys(ID_FIELD) as (keyof typeof ID_FIELD)[]).map((role) => [name, role] as const));
  it.each(cases)("%s as %s without its id selects only what needs no id", async (name, role) => {
    const row = SCOPE_TABLE[name]!;
    const orphan: Principal = { ...principals[role], [ID_FIELD[role]]: null };
    const builder = (scopes as unknown as Record<string, (p: Principal) => object | Promise<object>>)[name]!;
    const delegate = (prisma as unknown as Record<string, { findMany: (args: object) => Promise<Row[]> }>)[row.model]!;
    const all = await delegate.findMany({ select: row.select, orderBy: { id: "asc" } });
    // The role's rule with an id no record has: what a rule grants without naming the id stays (open orders, open jobs, own imports).
    const rule = ruleOf(row.may, role);
    const expected = all.filter((r) => rule(r, { ...principals[role], [ID_FIELD[role]]: -1 })).map((r) => r.id);
    const selected = (await delegate.findMany({ where: await builder(orphan), select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
    expect(selected).toEqual(expected);
  });

  it("is refused where a service needs the id (requireActor), and given no full identity number", async () => {
    for (const role of Object.keys(ID_FIELD) as (keyof typeof ID_FIELD)[]) {
      const orphan: Principal = { ...principals[role], [ID_FIELD[role]]: null };
      expect(() => scopes.requireActor(orphan, role)).toThrow(expect.objectContaining({ status: 403 }));
      expect(scopes.actorIdOf(orphan, role)).toBeNull();
      expect(await scopes.mayReadFullIdNumber(orphan, demoIds.graduate)).toBe(false);
    }
  });
});
