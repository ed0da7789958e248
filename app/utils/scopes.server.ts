import type { Role } from "~/domain/constants";
import { SUBJECT_LABELS, type SubjectType } from "~/domain/assessment/indicators";
import type { Dimension } from "~/domain/reports/placements";
import type { Prisma } from "./db.server";
import { prisma } from "./db.server";
import { forbidden } from "./errors.server";
import type { Principal } from "./principal.server";

/**
 * What a principal may touch: the role guards services call before acting, and the
 * Prisma `where` builders that put scope into every query
 * (docs/decisions/003-sessions-and-authorisation.md). A new kind of record gets its
 * builder here, never an ad-hoc role test in a service or route.
 */

// ───── Role guards ─────

/** The roles that act for one graduate or organisation, and the principal field naming it. */
const ACTOR_ID = {
  graduate: "graduateId",
  college: "collegeId",
  enterprise: "enterpriseId",
  bureau: "bureauId",
  park: "parkId",
} as const satisfies Partial<Record<Role, keyof Principal>>;

export type Actor = keyof typeof ACTOR_ID;

/**
 * The id of the graduate or organisation a principal of `role` acts for (a bureau's
 * `bureauId`, a graduate's `graduateId`, …); 403 with `message` for anyone else.
 */
export function requireActor(p: Principal, role: Actor, message?: string): number {
  const id = actorIdOf(p, role);
  if (!id) throw forbidden(message);
  return id;
}

/** The id of the graduate or organisation a principal acts for when its role is `role`; null for any other role. */
export function actorIdOf(p: Principal, role: Actor): number | null {
  return p.role === role ? p[ACTOR_ID[role]] : null;
}

/**
 * Whether the principal's role is one of `roles`: for what a role is shown or told
 * (an enterprise sees only its own orders' results, a graduate's move notifies the
 * enterprise); to refuse a caller use `requireRole` or `requireActor`.
 */
export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return roles.includes(p.role);
}

/** Refuses (403 with `message`) a principal whose role is not one of `roles`. */
export function requireRole(p: Principal, roles: readonly Role[], message?: string): void {
  if (!hasRole(p, ...roles)) throw forbidden(message);
}

/** Province and park administrators: they run registries and allocation rounds for their area. */
export const ADMIN_ROLES = ["province", "park"] as const satisfies readonly Role[];

/** The roles that manage postings and may look at their candidates: the enterprise, its park, the province. */
export const MANAGE_ROLES = ["enterprise", "park", "province"] as const satisfies readonly Role[];

// ───── Scope: which rows a principal may see ─────

/** Graduates whose personal data the principal may see. */
export function graduateScope(p: Principal): Prisma.GraduateWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "graduate":
      return { id: p.graduateId ?? -1 };
    case "college":
      return { collegeId: p.collegeId ?? -1 };
    case "enterprise":
      return {
        applications: {
          some: { OR: [{ job: { enterpriseId: p.enterpriseId ?? -1 } }, { order: { enterpriseId: p.enterpriseId ?? -1 } }] },
        },
      };
    case "bureau":
      return { claims: { some: { bureauId: p.bureauId ?? -1 } } };
    case "park":
      return { placements: { some: { enterprise: { parkId: p.parkId ?? -1 } } } };
  }
}

/** Enterprises whose records the principal may edit. */
export function editableEnterpriseScope(p: Principal): Prisma.EnterpriseWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "park":
      return { parkId: p.parkId ?? -1 };
    case "enterprise":
      return { id: p.enterpriseId ?? -1 };
    default:
      return { id: -1 };
  }
}

/**
 * Identity numbers are shown in full only to their owner and to the bureau that
 * reviews one of the owner's subsidy claims; everyone else sees the masked form.
 */
export async function mayReadFullIdNumber(p: Principal, graduateId: number): Promise<boolean> {
  if (p.role === "graduate") return p.graduateId === graduateId;
  if (p.role === "bureau" && p.bureauId) {
    const claim = await prisma.subsidyClaim.findFirst({
      where: { graduateId, bureauId: p.bureauId },
      select: { id: true },
    });
    return claim !== null;
  }
  return false;
}

/**
 * Whether the principal may read a worker trainee's full identity number: the enterprise
 * that entered the employee, and a bureau reviewing one of the trainee's claims (it pays by it).
 */
export async function mayReadTraineeIdNumber(p: Principal, workerTraineeId: number): Promise<boolean> {
  if (p.role === "enterprise" && p.enterpriseId) {
    return (await prisma.workerTrainee.count({ where: { id: workerTraineeId, enterpriseId: p.enterpriseId } })) === 1;
  }
  if (p.role === "bureau" && p.bureauId) {
    return (await prisma.subsidyClaim.count({ where: { workerTraineeId, bureauId: p.bureauId } })) > 0;
  }
  return false;
}

/** Applications the principal may see: a graduate their own, an enterprise those to its jobs and orders, a college its graduates'. */
export function applicationScope(p: Principal): Prisma.ApplicationWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "graduate":
      return { graduateId: p.graduateId ?? -1 };
    case "college":
      return { graduate: { collegeId: p.collegeId ?? -1 } };
    case "enterprise":
      return { OR: [{ job: { enterpriseId: p.enterpriseId ?? -1 } }, { order: { enterpriseId: p.enterpriseId ?? -1 } }] };
    case "park":
      return { OR: [{ job: { parkId: p.parkId ?? -1 } }, { order: { enterprise: { parkId: p.parkId ?? -1 } } }] };
    case "bureau":
      return { id: -1 };
  }
}

/**
 * `applicationScope` for a list: the same rows, but an enterprise's or park's scope
 * names its jobs and orders by id (two indexed reads first). The relation form joins
 * Job and Order for an OR that SQLite can only answer by reading every application
 * (1–2 s for an enterprise's 应聘者 at province scale, 500,000 applications); by ids it
 * reads the jobId and orderId indexes.
 */
export async function applicationListScope(p: Principal): Promise<Prisma.ApplicationWhereInput> {
  if (p.role !== "enterprise" && p.role !== "park") return applicationScope(p);
  const [jobs, orders] = await Promise.all([
    prisma.job.findMany({ where: p.role === "enterprise" ? { enterpriseId: p.enterpriseId ?? -1 } : { parkId: p.parkId ?? -1 }, select: { id: true } }),
    prisma.order.findMany({ where: p.role === "enterprise" ? { enterpriseId: p.enterpriseId ?? -1 } : { enterprise: { parkId: p.parkId ?? -1 } }, select: { id: true } }),
  ]);
  return { OR: [{ jobId: { in: jobs.map((j) => j.id) } }, { orderId: { in: orders.map((o) => o.id) } }] };
}

/** Orders the principal may see: an enterprise its own, a college those open to colleges or addressed to it, a graduate the recruiting ones. */
export function orderScope(p: Principal): Prisma.OrderWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "enterprise":
      return { enterpriseId: p.enterpriseId ?? -1 };
    case "college":
      return { OR: [{ collegeId: p.collegeId ?? -1 }, { collegeId: null, status: "open" }] };
    case "graduate":
      return { status: { in: ["open", "contracted", "in_training"] } };
    case "park":
      return { enterprise: { parkId: p.parkId ?? -1 } };
    case "bureau":
      return { id: -1 };
  }
}

/** Placements the principal may see. */
export function placementScope(p: Principal): Prisma.PlacementWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "graduate":
      return { graduateId: p.graduateId ?? -1 };
    case "college":
      return { graduate: { collegeId: p.collegeId ?? -1 } };
    case "enterprise":
      return { enterpriseId: p.enterpriseId ?? -1 };
    case "park":
      return { enterprise: { parkId: p.parkId ?? -1 } };
    case "bureau":
      return { claims: { some: { bureauId: p.bureauId ?? -1 } } };
  }
}

/** Payroll declarations the principal may read: its own enterprise, its park's, or all for the province. */
export function payrollDeclarationScope(p: Principal): Prisma.PayrollDeclarationWhereInput {
  return { enterprise: editableEnterpriseScope(p) };
}

/**
 * The rule training-fund allocations and payments share: the paying enterprise, the
 * receiving college, the enterprise's park, or the province (both records carry
 * `enterpriseId`, `collegeId` and the enterprise).
 */
function fundRecordScope(p: Principal) {
  switch (p.role) {
    case "province":
      return {};
    case "park":
      return { enterprise: { parkId: p.parkId ?? -1 } };
    case "enterprise":
      return { enterpriseId: p.enterpriseId ?? -1 };
    case "college":
      return { collegeId: p.collegeId ?? -1 };
    default:
      return { id: -1 };
  }
}

/** Training-fund allocations: the paying enterprise, the receiving college, their park, or the province. */
export function fundAllocationScope(p: Principal): Prisma.FundAllocationWhereInput {
  return fundRecordScope(p);
}

/** Training-fund payments: the paying enterprise, the receiving college, their park, or the province. */
export function fundPaymentScope(p: Principal): Prisma.FundPaymentWhereInput {
  return fundRecordScope(p);
}

/** Training-fund payments the principal confirms or disputes as their recipient: a college those to it, the province the province pool's. */
export function decidableFundPaymentScope(p: Principal): Prisma.FundPaymentWhereInput {
  switch (p.role) {
    case "college":
      return { recipient: "college", collegeId: p.collegeId ?? -1 };
    case "province":
      return { recipient: "province_pool" };
    default:
      return { id: -1 };
  }
}

/**
 * Colleges whose 专款专用 ledger the principal may read: its own, the colleges paired
 * with a park (at any time), every college for the province.
 */
export function collegeLedgerScope(p: Principal): Prisma.CollegeWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "college":
      return { id: p.collegeId ?? -1 };
    case "park":
      return { pairings: { some: { parkId: p.parkId ?? -1 } } };
    default:
      return { id: -1 };
  }
}

/** Subsidy claims the principal may see: their own, their graduates', their enterprise's worker-training claims, their bureau's queue. */
export function subsidyClaimScope(p: Principal): Prisma.SubsidyClaimWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "graduate":
      return { graduateId: p.graduateId ?? -1 };
    case "college":
      return { graduate: { collegeId: p.collegeId ?? -1 } };
    case "bureau":
      return { bureauId: p.bureauId ?? -1 };
    case "enterprise":
      // Its own worker-training claims (ADR 160); graduates' claims stay the graduate's.
      return { workerTrainee: { enterpriseId: p.enterpriseId ?? -1 } };
    case "park":
      return { id: -1 };
  }
}

/**
 * Certificates a principal verifies (ADR 165): a college those of its own graduates, a
 * bureau those of the graduates whose subsidy claims it reviews; nobody else.
 */
export function certificateVerificationScope(p: Principal): Prisma.CertificateWhereInput {
  switch (p.role) {
    case "college":
      return { graduate: { collegeId: p.collegeId ?? -1 } };
    case "bureau":
      return { graduate: { claims: { some: { bureauId: p.bureauId ?? -1 } } } };
    default:
      return { id: -1 };
  }
}

/**
 * Certificates whose verification a principal may correct or revoke (ADR 167): a college
 * those of its own graduates, whoever verified them; a bureau those an account of that
 * bureau verified; nobody else.
 */
export function certificateCorrectionScope(p: Principal): Prisma.CertificateWhereInput {
  switch (p.role) {
    case "college":
      return { graduate: { collegeId: p.collegeId ?? -1 } };
    case "bureau":
      return { verifiedBy: { bureauId: p.bureauId ?? -1 } };
    default:
      return { id: -1 };
  }
}

// ───── Registries (parks, clusters, colleges, pairings, training bases, secondments) ─────

const NOTHING = { id: -1 } as const;

/** Parks whose records (the park itself and what hangs from it) the principal may edit. */
export function editableParkScope(p: Principal): Prisma.ParkWhereInput {
  if (p.role === "province") return {};
  if (p.role === "park") return { id: p.parkId ?? -1 };
  return NOTHING;
}

/** Records that belong to one park (clusters, pairings, training bases): the province edits all, a park its own. */
function parkOwnedScope(p: Principal): { parkId?: number; id?: number } {
  if (p.role === "province") return {};
  if (p.role === "park") return { parkId: p.parkId ?? -1 };
  return NOTHING;
}

export function editableClusterScope(p: Principal): Prisma.ClusterWhereInput {
  return parkOwnedScope(p);
}

export function editableCollegeScope(p: Principal): Prisma.CollegeWhereInput {
  if (p.role === "province") return {};
  if (p.role === "college") return { id: p.collegeId ?? -1 };
  return NOTHING;
}

export function editablePairingScope(p: Principal): Prisma.PairingWhereInput {
  return parkOwnedScope(p);
}

export function editableTrainingBaseScope(p: Principal): Prisma.TrainingBaseWhereInput {
  return parkOwnedScope(p);
}

/** A park administrator manages the secondments that involve the park's enterprises. */
export function editableSecondmentScope(p: Principal): Prisma.SecondmentWhereInput {
  if (p.role === "province") return {};
  if (p.role === "park") return { enterprise: { parkId: p.parkId ?? -1 } };
  return NOTHING;
}

/** Secondments name people: each side sees its own, a park those of its enterprises, the province all. */
export function secondmentScope(p: Principal): Prisma.SecondmentWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "park":
      return { enterprise: { parkId: p.parkId ?? -1 } };
    case "college":
      return { collegeId: p.collegeId ?? -1 };
    case "enterprise":
      return { enterpriseId: p.enterpriseId ?? -1 };
    default:
      return NOTHING;
  }
}


/** Jobs whose candidates a posting manager may look at: an enterprise its own, a park its park's, the province all. */
export function managedJobScope(p: Principal): Prisma.JobWhereInput {
  switch (p.role) {
    case "province":
      return {};
    case "park":
      return { parkId: p.parkId ?? -1 };
    case "enterprise":
      return { enterpriseId: p.enterpriseId ?? -1 };
    default:
      return NOTHING;
  }
}

/** Jobs a signed-in person may read: every open job, and the drafts and closed jobs of the postings they manage. */
export function viewableJobScope(p: Principal): Prisma.JobWhereInput {
  // Prisma reads an empty filter inside OR as matching nothing, so the province's "all" is said outright.
  return p.role === "province" ? {} : { OR: [{ status: "open" }, managedJobScope(p)] };
}

/** The parks an enterprise form may choose: an enterprise stays in its own park. */
export function choosableParkScope(p: Principal): Prisma.ParkWhereInput {
  return p.role === "enterprise" ? { enterprises: { some: { id: p.enterpriseId ?? -1 } } } : editableParkScope(p);
}

/** Import jobs: the province sees every import, anyone else the ones they started. */
export function importJobScope(p: Principal): Prisma.ImportJobWhereInput {
  return p.role === "province" ? {} : { accountId: p.accountId };
}

/** Enterprise registrations a reviewer decides: the province every park's, a park its own (anyone else none). */
export function enterpriseRegistrationScope(p: Principal): Prisma.EnterpriseRegistrationWhereInput {
  if (p.role === "province") return {};
  if (p.role === "park") return { parkId: p.parkId ?? -1 };
  return { id: -1 };
}

/** Outbox messages an operator reads: the province every message, a college those for its own graduates. */
export function outboxScope(p: Principal): Prisma.OutboxMessageWhereInput {
  if (p.role === "province") return {};
  if (p.role === "college") return { collegeId: p.collegeId ?? -1 };
  return { id: -1 };
}

// ───── Allocation rounds ─────

/** Rounds an administrator runs: the province all of them, a park its own. */
export function adminRoundScope(p: Principal): Prisma.AllocationRoundWhereInput {
  if (p.role === "province") return {};
  if (p.role === "park") return { parkId: p.parkId ?? -1 };
  return NOTHING;
}

/** Rounds a principal may see: administrators theirs, an enterprise those with its orders, graduates every round. */
export function roundScope(p: Principal): Prisma.AllocationRoundWhereInput {
  switch (p.role) {
    case "province":
    case "park":
      return adminRoundScope(p);
    case "enterprise":
      return { orders: { some: { order: { enterpriseId: p.enterpriseId ?? -1 } } } };
    case "graduate":
      return {};
    default:
      return NOTHING;
  }
}

// ───── Reports ─────

/** Which dimensions a role may read, and the keys of its own groups (null: all). */
export async function reportScope(principal: Principal, dimension: Dimension): Promise<Set<string> | null> {
  if (principal.role === "province") return null;
  if (principal.role === "park" && principal.parkId) {
    if (dimension === "park") return new Set([String(principal.parkId)]);
    if (dimension === "cluster") {
      const clusters = await prisma.cluster.findMany({ where: { parkId: principal.parkId }, select: { id: true } });
      return new Set(clusters.map((c) => String(c.id)));
    }
  }
  if (principal.role === "college" && principal.collegeId && dimension === "college") return new Set([String(principal.collegeId)]);
  throw forbidden("您无权查看该维度的报表");
}

// ───── Scorecards ─────

/** The city of a city-level bureau; null for a county bureau. */
async function bureauCity(principal: Principal): Promise<string | null> {
  const bureauId = actorIdOf(principal, "bureau");
  if (!bureauId) return null;
  const bureau = await prisma.bureau.findUnique({ where: { id: bureauId }, select: { level: true, cityCode: true } });
  return bureau?.level === "city" ? bureau.cityCode : null;
}

/**
 * The scorecard subject keys a principal may see of a subject type (null: all of them):
 * a park or college its own card, a city bureau its city's card and its parks' cards.
 */
export async function scorecardScope(principal: Principal, subject: SubjectType): Promise<Set<string> | null> {
  if (principal.role === "province") return null;
  if (principal.role === "park" && principal.parkId && subject === "park") return new Set([String(principal.parkId)]);
  if (principal.role === "college" && principal.collegeId && subject === "college") return new Set([String(principal.collegeId)]);
  if (principal.role === "bureau") {
    const city = await bureauCity(principal);
    if (city && subject === "city") return new Set([city]);
    if (city && subject === "park") {
      const parks = await prisma.park.findMany({ where: { cityCode: city }, select: { id: true } });
      return new Set(parks.map((p) => String(p.id)));
    }
  }
  throw forbidden(`您无权查看${SUBJECT_LABELS[subject]}考核评分`);
}

// ───── City bureaus: their counties' claims, budgets and figures ─────

/**
 * Bureaus whose claims, budgets and figures a principal may read: the province every
 * bureau; a bureau itself and, for a city-level bureau, the county bureaus of its city
 * (read-only: each county decides its own claims and keeps its own budget); anyone
 * else none (product.md §12, issue 18 item 5).
 */
export async function readableBureauScope(p: Principal): Promise<Prisma.BureauWhereInput> {
  if (p.role === "province") return {};
  const bureauId = actorIdOf(p, "bureau");
  if (!bureauId) return NOTHING;
  const city = await bureauCity(p);
  return city ? { OR: [{ id: bureauId }, { level: "county", county: { cityCode: city } }] } : { id: bureauId };
}

/**
 * Subsidy claims a principal may read: `subsidyClaimScope`, and for a city-level bureau
 * also the claims its counties' bureaus decide. Deciding stays with the claim's own
 * bureau (the review and batch services name `bureauId`).
 */
export async function readableClaimScope(p: Principal): Promise<Prisma.SubsidyClaimWhereInput> {
  if (p.role !== "bureau") return subsidyClaimScope(p);
  return { bureau: await readableBureauScope(p) };
}
