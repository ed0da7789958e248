import { searchEngine } from "../../../search/engine.server";
import { INDEXES } from "../../../search/settings";
import { ensureIndexBuilt } from "../../../search/sync.server";
import type { Filter, SearchDocument } from "../../../search/types";
import { toHigherVocationalCode } from "~/domain/catalogue/majors";
import { activeKeyOf } from "~/domain/labour/application-status";
import { ORDER_RECRUITING_STATUSES } from "~/domain/labour/order-status";
import {
  DEFAULT_MATCHING_POLICY,
  MATCHING_POLICY_KIND,
  MatchingPolicySchema,
  SENIOR_TECHNICIAN_LEVEL,
  exclusionsOf,
  majorMatchOf,
  rankCandidates,
  scoreMatch,
  type MajorMatch,
  type MatchCandidate,
  type MatchingPolicy,
  type MatchScore,
  type MatchTarget,
} from "~/domain/matching/score";
import { isSeniorLevel } from "~/domain/matching/senior-gate";
import { policyInForce } from "~/utils/policy.server";
import type { Principal } from "~/utils/principal.server";
import { graduateScope, MANAGE_ROLES, managedJobScope, orderScope, requireRole } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { singleton } from "~/utils/singleton.server";
import { AppError, notFound } from "~/utils/errors.server";
import { notify, notifyingTransaction } from "~/services/labour/notifications.server";

/**
 * Candidate matching (product.md §4): hard filters go to the search index, the
 * explainable score runs in memory on what comes back
 * (docs/decisions/070-match-score.md).
 */

/** Candidates read from the index per request, in pages (Meilisearch answers at most 1,000 hits by default). */
export const RETRIEVAL_PAGE = 500;
export const RETRIEVAL_CAP = 500;
/** Orders and jobs read per recommendation list, each. */
export const RECOMMENDATION_CAP = 300;

function list(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

/** The matching policy in force on a day; the defaults when none has been set. */
export async function matchingPolicyOn(on: Date): Promise<{ policy: MatchingPolicy; version: number | null }> {
  const row = await policyInForce({ kind: MATCHING_POLICY_KIND, on });
  if (!row) return { policy: DEFAULT_MATCHING_POLICY, version: null };
  const parsed = MatchingPolicySchema.safeParse(row.data);
  if (!parsed.success) throw new AppError({ status: 500, code: "bad_policy", message: `匹配政策第 ${row.version} 版的参数无效` });
  return { policy: parsed.data, version: row.version };
}

/** Colleges paired (园校对接) with each park on a day, as college ids in text (the scorer's keys). */
export async function pairedCollegesByPark(parkIds: readonly number[], on: Date): Promise<Map<number, string[]>> {
  const rows = await prisma.pairing.findMany({
    where: { parkId: { in: [...new Set(parkIds)] }, startDate: { lte: on }, OR: [{ endDate: null }, { endDate: { gte: on } }] },
    select: { parkId: true, collegeId: true },
  });
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.parkId, [...(out.get(r.parkId) ?? []), String(r.collegeId)]);
  return out;
}

/** A code's equivalents across levels: the 高职 code, its 中职 (+20) and 职业本科 (−20) counterparts. */
function equivalents(codes: readonly string[], digits: number): string[] {
  const out = new Set<string>();
  for (const code of codes) {
    const higher = toHigherVocationalCode(code).slice(0, digits);
    const category = Number(higher.slice(0, 2));
    for (const shift of [0, 20, -20]) out.add(`${category + shift}${higher.slice(2)}`);
  }
  return [...out];
}

/**
 * Retrieval tiers by major similarity, closest first: the same major (6 digits),
 * the same class (4), the same category (2) — the largest weight of the score — so
 * that the cap, when reached, leaves out the least similar (docs/decisions/070).
 * Codes absent from the catalogue (most 中职 and 本科 counterparts) are not asked for.
 */
export async function majorTiers(majorCodes: readonly string[], byClassOnly: boolean): Promise<Filter[]> {
  const known = await catalogueCodes();
  const own = new Set(majorCodes.map(toHigherVocationalCode));
  // The target's own codes are always asked for, in the catalogue or not.
  const existing = (codes: string[]) => codes.filter((c) => known.has(c) || [...own].some((o) => o.startsWith(c)));
  const tiers: Filter[] = [];
  if (!byClassOnly) tiers.push({ field: "majorCode", anyOf: existing(equivalents(majorCodes, 6)) });
  tiers.push({ field: "majorClass", anyOf: existing(equivalents(majorCodes, 4)) });
  tiers.push({ field: "majorCategory", anyOf: existing(equivalents(majorCodes, 2)) });
  return tiers;
}

/** Every major, class and category code of the catalogue, reread every ten minutes. */
async function catalogueCodes(): Promise<Set<string>> {
  const cache = singleton("catalogue-codes", () => ({ at: 0, codes: new Set<string>() }));
  if (cache.at > 0 && Date.now() - cache.at < 600_000) return cache.codes;
  const [majors, classes, categories] = await Promise.all([
    prisma.major.findMany({ select: { code: true } }),
    prisma.majorClass.findMany({ select: { code: true } }),
    prisma.majorCategory.findMany({ select: { code: true } }),
  ]);
  const codes = new Set([...majors, ...classes, ...categories].map((r) => r.code));
  Object.assign(cache, { at: Date.now(), codes });
  return codes;
}

/** A graduates-index document as the scorer's candidate. */
export function candidateOfDocument(d: SearchDocument): MatchCandidate & { name: string; collegeName: string; majorName: string } {
  const level = Number(d.skillLevel ?? 0);
  const verified = Number(d.verifiedSkillLevel ?? 0);
  return {
    id: d.id,
    name: String(d.name ?? ""),
    collegeName: String(d.collegeName ?? ""),
    majorName: String(d.majorName ?? ""),
    majorCode: String(d.majorCode ?? ""),
    skills: Array.isArray(d.skillTags) ? d.skillTags : [],
    certificateLevel: level > 0 ? level : null,
    verifiedCertificateLevel: verified > 0 ? verified : null,
    preferredCities: Array.isArray(d.preferredCities) ? d.preferredCities : [],
    willingToRelocate: Number(d.willingToRelocate) === 1 || d.willingToRelocate === true,
    college: String(d.collegeId ?? ""),
    availableFrom: Number(d.graduationDate ?? 0) || null,
    placed: d.status === "placed",
  };
}

/** The hard filters of a target, as index filters. */
export function hardFilters(target: MatchTarget): Filter[] {
  const filters: Filter[] = [{ field: "status", anyOf: ["available"] }];
  if (target.startDate != null) filters.push({ field: "graduationDate", max: target.startDate });
  // The senior gate (ADR 166): only a verified certificate of 高级工 or above.
  if (isSeniorLevel(target.level)) filters.push({ field: "verifiedSkillLevel", min: 1, max: SENIOR_TECHNICIAN_LEVEL });
  return filters;
}

/** Documents of an index under the hard filters, tier by tier, page by page, up to the cap. */
async function retrieveTiered(index: "graduates" | "orders" | "jobs", filters: Filter[], tiers: Filter[], cap: number) {
  const engine = searchEngine();
  await ensureIndexBuilt(engine, index);
  const documents = new Map<number, SearchDocument>();
  let totalHits = 0;
  // One value per query: SQLite's planner takes the index of an equality (the major)
  // over the status index, where a list of values would send it scanning every available graduate.
  const queries = tiers.flatMap((tier): Filter[] => ("anyOf" in tier ? tier.anyOf.map((value) => ({ field: tier.field, anyOf: [value] })) : [tier]));
  for (const query of queries) {
    for (let page = 1; documents.size < cap; page++) {
      const result = await engine.search(INDEXES[index], { q: "", filters: [...filters, query], page, hitsPerPage: RETRIEVAL_PAGE });
      totalHits += page === 1 ? result.totalHits : 0;
      for (const h of result.hits) if (documents.size < cap) documents.set(h.document.id, h.document);
      if (page >= result.totalPages) break;
    }
    if (documents.size >= cap) break;
  }
  return { documents: [...documents.values()], totalHits };
}

async function retrieveGraduates(filters: Filter[], tiers: Filter[]) {
  const { documents, totalHits } = await retrieveTiered("graduates", filters, tiers, RETRIEVAL_CAP);
  return { candidates: documents.map(candidateOfDocument), totalHits };
}

export const CANDIDATE_SORTS = ["score", "major", "skills", "certificate", "location", "pairing"] as const;
export type CandidateSort = (typeof CANDIDATE_SORTS)[number];
export type CandidateFilters = { majorMatch?: MajorMatch | ""; minScore?: number; city?: string; paired?: boolean; sort?: CandidateSort };

export type CandidateRow = MatchScore & {
  graduateId: number;
  name: string;
  collegeName: string;
  majorCode: string;
  majorName: string;
  certificateLevel: number | null;
  majorMatch: MajorMatch;
};

function applyCandidateFilters(rows: CandidateRow[], filters: CandidateFilters, target: MatchTarget): CandidateRow[] {
  return rows.filter(
    (r) =>
      (!filters.majorMatch || r.majorMatch === filters.majorMatch) &&
      (filters.minScore === undefined || r.score >= filters.minScore) &&
      (!filters.city || !target.city || r.components.location.points === r.components.location.max) &&
      (!filters.paired || r.components.pairing.points > 0),
  );
}

async function rankForTarget(target: MatchTarget, tiers: Filter[], filters: CandidateFilters, page: number, pageSize: number) {
  const { policy, version } = await matchingPolicyOn(new Date());
  const { candidates, totalHits } = await retrieveGraduates(hardFilters(target), tiers);
  const { ranked, excluded } = rankCandidates(target, candidates, policy);
  const rows: CandidateRow[] = ranked.map((r) => ({
    score: r.score,
    components: r.components,
    missingSkills: r.missingSkills,
    graduateId: Number(r.candidate.id),
    name: r.candidate.name,
    collegeName: r.candidate.collegeName,
    majorCode: r.candidate.majorCode,
    majorName: r.candidate.majorName,
    certificateLevel: r.candidate.certificateLevel ?? null,
    majorMatch: majorMatchOf(target, r.candidate.majorCode),
  }));
  const filtered = applyCandidateFilters(rows, filters, target);
  const sort = filters.sort;
  // Array sort is stable: equal components keep the order of the total score.
  if (sort && sort !== "score") filtered.sort((a, b) => b.components[sort].points - a.components[sort].points);
  const start = (page - 1) * pageSize;
  const shown = filtered.slice(start, start + pageSize);
  // The index may lag the database: a graduate placed since is dropped from what is shown.
  const stillAvailable = new Set(
    (await prisma.graduate.findMany({ where: { id: { in: shown.map((r) => r.graduateId) }, status: "available" }, select: { id: true } })).map((g) => g.id),
  );
  return {
    rows: shown.filter((r) => stillAvailable.has(r.graduateId)),
    total: filtered.length,
    retrieved: candidates.length,
    matchingInIndex: totalHits,
    excluded: excluded.length,
    page,
    pageSize,
    policyVersion: version,
  };
}

/** The order as a scoring target; the caller must be its enterprise, its park or the province. */
export async function orderTarget({ principal, orderId }: { principal: Principal; orderId: number }) {
  requireRole(principal, MANAGE_ROLES, "只有企业、园区和省园区办可以查看候选人");
  const order = await prisma.order.findFirst({
    where: { AND: [{ id: orderId }, orderScope(principal)] },
    select: {
      id: true, title: true, majorCode: true, skillTags: true, skillLevel: true, startDate: true, quantity: true, quantityFilled: true, status: true,
      enterpriseId: true, enterprise: { select: { name: true, parkId: true, park: { select: { name: true, cityCode: true } } } },
    },
  });
  if (!order) throw notFound("订单");
  const paired = await pairedCollegesByPark([order.enterprise.parkId], new Date());
  const target: MatchTarget = {
    majorCode: order.majorCode,
    skills: list(order.skillTags),
    level: order.skillLevel,
    city: order.enterprise.park.cityCode,
    parkPairedColleges: paired.get(order.enterprise.parkId) ?? [],
    startDate: order.startDate.getTime(),
  };
  return { order, target };
}

export async function jobTarget({ principal, jobId }: { principal: Principal; jobId: number }) {
  requireRole(principal, MANAGE_ROLES, "只有企业、园区和省园区办可以查看候选人");
  const job = await prisma.job.findFirst({
    where: { AND: [{ id: jobId }, managedJobScope(principal)] },
    select: { id: true, title: true, majorClasses: true, skillLevelRequired: true, cityCode: true, parkId: true, status: true, openings: true, enterpriseId: true, park: { select: { name: true } } },
  });
  if (!job) throw notFound("岗位");
  const paired = await pairedCollegesByPark([job.parkId], new Date());
  const target: MatchTarget = {
    majorClasses: list(job.majorClasses),
    skills: [],
    level: job.skillLevelRequired,
    city: job.cityCode,
    parkPairedColleges: paired.get(job.parkId) ?? [],
    // A job starts when it is filled: a graduate must have graduated by today.
    startDate: Date.now(),
  };
  return { job, target };
}

export async function candidatesForOrder({ principal, orderId, filters = {}, page = 1, pageSize = 20 }: {
  principal: Principal; orderId: number; filters?: CandidateFilters; page?: number; pageSize?: number;
}) {
  const { order, target } = await orderTarget({ principal, orderId });
  const result = await rankForTarget(target, await majorTiers([order.majorCode], false), filters, page, pageSize);
  return { order: { ...order, skillTags: target.skills }, target, ...result };
}

export async function candidatesForJob({ principal, jobId, filters = {}, page = 1, pageSize = 20 }: {
  principal: Principal; jobId: number; filters?: CandidateFilters; page?: number; pageSize?: number;
}) {
  const { job, target } = await jobTarget({ principal, jobId });
  const classes = target.majorClasses ?? [];
  if (classes.length === 0) throw new AppError({ status: 409, code: "no_major_classes", message: "该岗位未填写接受的专业类，无法匹配候选人" });
  const result = await rankForTarget(target, await majorTiers(classes, true), filters, page, pageSize);
  return { job: { ...job, majorClasses: classes }, target, ...result };
}

// ───── Recommendations for a graduate ─────

export type Recommendation = MatchScore & {
  kind: "order" | "job";
  id: number;
  title: string;
  enterpriseName: string;
  parkName: string;
  link: string;
};

/** Orders and jobs for a graduate, by the same score in the other direction, with the reasons. */
export async function recommendationsForGraduate({ principal, graduateId, limit = 20 }: { principal: Principal; graduateId: number; limit?: number }) {
  requireRole(principal, ["graduate", "college", "province"], "无权查看该毕业生的推荐");
  const graduate = await prisma.graduate.findFirst({
    where: { AND: [{ id: graduateId }, graduateScope(principal)] },
    select: {
      id: true, name: true, majorCode: true, skillTags: true, skillLevel: true, verifiedSkillLevel: true, preferredCities: true, willingToRelocate: true,
      collegeId: true, graduationDate: true, status: true,
    },
  });
  if (!graduate) throw notFound("毕业生");
  const candidate: MatchCandidate = {
    id: graduate.id,
    majorCode: graduate.majorCode,
    skills: list(graduate.skillTags),
    certificateLevel: graduate.skillLevel,
    verifiedCertificateLevel: graduate.verifiedSkillLevel,
    preferredCities: list(graduate.preferredCities),
    willingToRelocate: graduate.willingToRelocate,
    college: String(graduate.collegeId),
    availableFrom: graduate.graduationDate.getTime(),
    placed: graduate.status === "placed",
  };
  const { policy, version } = await matchingPolicyOn(new Date());
  const pairedParks = new Set(
    (
      await prisma.pairing.findMany({
        where: { collegeId: graduate.collegeId, startDate: { lte: new Date() }, OR: [{ endDate: null }, { endDate: { gte: new Date() } }] },
        select: { parkId: true },
      })
    ).map((p) => p.parkId),
  );
  // What the graduate has an active application for is not recommended again (applyTo would refuse it).
  const applied = new Set(
    (await prisma.application.findMany({ where: { graduateId: graduate.id, activeKey: { not: null } }, select: { activeKey: true } })).map((a) => a.activeKey),
  );
  const [orders, jobs] = await Promise.all([
    retrieveTiered("orders", [{ field: "status", anyOf: [...ORDER_RECRUITING_STATUSES] }], await majorTiers([graduate.majorCode], false), RECOMMENDATION_CAP),
    retrieveTiered("jobs", [], [{ field: "majorClasses", anyOf: equivalents([graduate.majorCode], 4) }, { field: "majorCategories", anyOf: equivalents([graduate.majorCode], 2) }], RECOMMENDATION_CAP),
  ]);
  const collegeKey = String(graduate.collegeId);
  const scored: Recommendation[] = [];
  const consider = (kind: "order" | "job", d: SearchDocument, target: MatchTarget, link: string) => {
    if (applied.has(activeKeyOf(kind === "job" ? { jobId: d.id, orderId: null } : { jobId: null, orderId: d.id }, "submitted"))) return;
    if (exclusionsOf(target, { ...candidate, placed: false }).length > 0) return;
    scored.push({
      ...scoreMatch(target, candidate, policy),
      kind,
      id: d.id,
      title: String(d.title ?? ""),
      enterpriseName: String(d.enterpriseName ?? ""),
      parkName: String(d.parkName ?? ""),
      link,
    });
  };
  for (const d of orders.documents) {
    if (Number(d.quantityOpen ?? 1) <= 0) continue;
    consider("order", d, {
      majorCode: String(d.majorCode),
      skills: Array.isArray(d.skillTags) ? d.skillTags : [],
      level: Number(d.skillLevel) || null,
      city: String(d.cityCode ?? ""),
      parkPairedColleges: pairedParks.has(Number(d.parkId)) ? [collegeKey] : [],
      startDate: Number(d.startDate) || null,
    }, `/orders/${d.id}`);
  }
  for (const d of jobs.documents) {
    consider("job", d, {
      majorClasses: Array.isArray(d.majorClasses) ? d.majorClasses : [],
      skills: [],
      level: Number(d.level) || null,
      city: String(d.cityCode ?? ""),
      parkPairedColleges: pairedParks.has(Number(d.parkId)) ? [collegeKey] : [],
    }, `/jobs/${d.id}`);
  }
  scored.sort((a, b) => b.score - a.score || (a.kind === b.kind ? a.id - b.id : a.kind === "order" ? -1 : 1));
  return {
    graduate: { id: graduate.id, name: graduate.name, placed: graduate.status === "placed" },
    recommendations: scored.slice(0, limit),
    considered: orders.documents.length + jobs.documents.length,
    policyVersion: version,
  };
}

// ───── Invite to apply ─────

export type InviteTarget = { orderId: number } | { jobId: number };

/** Invites a candidate to apply: a notification to the graduate, with a link to the job or order. */
export async function inviteToApply({ principal, graduateId, target }: { principal: Principal; graduateId: number; target: InviteTarget }) {
  requireRole(principal, ["enterprise"], "只有企业可以邀请毕业生投递");
  if (!Number.isSafeInteger(graduateId) || graduateId <= 0) throw new AppError({ field: "graduateId", message: "请选择要邀请的毕业生" });
  const posting =
    "orderId" in target
      ? await prisma.order.findFirst({
          where: { id: target.orderId, enterpriseId: principal.enterpriseId ?? -1, status: { in: [...ORDER_RECRUITING_STATUSES] } },
          select: { title: true, enterprise: { select: { name: true } } },
        })
      : await prisma.job.findFirst({
          where: { id: target.jobId, enterpriseId: principal.enterpriseId ?? -1, status: "open" },
          select: { title: true, enterprise: { select: { name: true } } },
        });
  if (!posting) throw notFound("orderId" in target ? "招募中的订单" : "在招岗位");
  const graduate = await prisma.graduate.findFirst({ where: { id: graduateId, status: "available" }, select: { id: true, name: true } });
  if (!graduate) throw new AppError({ status: 404, code: "not_found", message: "该毕业生不存在或已就业", field: "graduateId" });
  const link = "orderId" in target ? `/orders/${target.orderId}` : `/jobs/${target.jobId}`;
  const invitation = {
    kind: "invitation",
    title: `${posting.enterprise.name} 邀请您投递「${posting.title}」`,
    body: `${posting.enterprise.name} 根据您的专业与技能，邀请您投递「${posting.title}」。`,
    link,
  };
  // A graduate who has not activated yet gets the invitation on activation (§9): it waits.
  const waiting = await notifyingTransaction(async (tx) => {
    if ((await notify(tx, { graduateId }, invitation)) > 0) return false;
    await tx.pendingInvitation.create({ data: { graduateId, title: invitation.title, body: invitation.body, link } });
    return true;
  });
  return { graduateName: graduate.name, title: posting.title, waiting };
}

// ───── Query parameters of the candidate pages and API ─────

const MAJOR_MATCHES = ["major", "class", "category", "none"] as const;

/** page, perPage, majorMatch, minScore, city (only the preferred city), paired (only paired colleges). */
export function readCandidateQuery(params: URLSearchParams): { filters: CandidateFilters; page: number; pageSize: number } {
  const int = (name: string, min: number, max: number, fallback: number) => {
    const raw = params.get(name);
    if (raw === null || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new AppError({ field: name, code: "invalid_parameter", message: `${name} 必须是 ${min}–${max} 的整数` });
    return n;
  };
  const majorMatch = params.get("majorMatch") ?? "";
  if (majorMatch && !(MAJOR_MATCHES as readonly string[]).includes(majorMatch)) {
    throw new AppError({ field: "majorMatch", code: "invalid_parameter", message: `majorMatch 可选：${MAJOR_MATCHES.join("、")}` });
  }
  const minScore = params.get("minScore");
  const sort = params.get("sort") ?? "score";
  if (!(CANDIDATE_SORTS as readonly string[]).includes(sort)) {
    throw new AppError({ field: "sort", code: "invalid_parameter", message: `sort 可选：${CANDIDATE_SORTS.join("、")}` });
  }
  return {
    filters: {
      majorMatch: majorMatch as MajorMatch | "",
      minScore: minScore === null || minScore === "" ? undefined : int("minScore", 0, 1000, 0),
      city: params.get("city") === "1" ? "1" : undefined,
      paired: params.get("paired") === "1",
      sort: sort as CandidateSort,
    },
    page: int("page", 1, 1000, 1),
    pageSize: int("perPage", 1, 100, 20),
  };
}

/**
 * An order's first candidates under the matching policy in force and under a proposed
 * one, from the same retrieved graduates: the matching settings page's preview, shown
 * before a new version is published (issue 18).
 */
export async function previewOrderRanking({ principal, orderId, proposed, limit = 10 }: { principal: Principal; orderId: number; proposed: MatchingPolicy; limit?: number }) {
  const { order, target } = await orderTarget({ principal, orderId });
  const { candidates } = await retrieveGraduates(hardFilters(target), await majorTiers([order.majorCode], false));
  const { policy, version } = await matchingPolicyOn(new Date());
  const top = (p: MatchingPolicy) =>
    rankCandidates(target, candidates, p)
      .ranked.slice(0, limit)
      .map((r) => ({ graduateId: Number(r.candidate.id), name: r.candidate.name, collegeName: r.candidate.collegeName, score: r.score }));
  return { order: { id: order.id, title: order.title, enterprise: order.enterprise.name }, version, current: top(policy), proposed: top(proposed) };
}

/** The latest orders (not drafts), to pick one for the preview. */
export function recentOrdersForPreview(take = 20) {
  return prisma.order.findMany({ where: { status: { not: "draft" } }, orderBy: { id: "desc" }, take, select: { id: true, title: true, enterprise: { select: { name: true } } } });
}
