import { randomBytes } from "node:crypto";
import { z } from "zod";
import { QUEUES, enqueueOrDefer } from "~/utils/queue.server";
import { participationOf } from "~/domain/allocation/participation";
import { MAX_CHOICES, RESULT_PAGE_SIZE, solveScoredRound } from "~/domain/allocation/round";
import { activeKeyOf } from "~/domain/labour/application-status";
import { allocationOfferTerms } from "~/domain/labour/offer";
import { checkChinaDateTime } from "~/domain/calendar-date";
import { dateOf, isoDate } from "~/domain/subsidy/calendar";
import { chinaDate } from "~/domain/china-time";
import { remainingPlaces } from "~/domain/labour/order-status";
import { EXCLUSION_LABELS, exclusionsOf, prepareCandidate, prepareTarget, scoreMatch, scoreValue, type MatchCandidate, type MatchTarget, type PreparedCandidate } from "~/domain/matching/score";
import type { Principal } from "~/utils/principal.server";
import { ADMIN_ROLES, adminRoundScope, orderScope, requireActor, requireRole, roundScope, hasRole, actorIdOf } from "~/utils/scopes.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { AppError, conflict, notFound } from "~/utils/errors.server";
import { refuseWhenCommitted } from "~/services/labour/applications.server";
import { notify, notifyingTransaction } from "~/services/labour/notifications.server";
import { matchingPolicyOn, pairedCollegesByPark } from "~/services/matching/matching.server";
import { idField } from "~/utils/forms";

/**
 * 定向分配 rounds (product.md §4, docs/decisions/071-allocation-round.md): an
 * administrator opens a round over open orders with a deadline; graduates rank up to
 * ten of its orders; at the deadline (a delayed job) or on demand the round runs
 * deferred acceptance once; publishing turns the assignments into offers.
 */

export const ROUND_STATUSES = ["open", "running", "solved", "published"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  open: "填报中",
  running: "分配中",
  solved: "已分配（待发布）",
  published: "已发布",
};
export const ALLOCATION_RUN_JOB = "run-round";


function list(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

// ───── Opening a round ─────

export const OpenRoundSchema = z.object({
  title: z.string({ error: "请填写轮次名称" }).trim().min(2, { error: "轮次名称至少 2 个字" }).max(60, { error: "轮次名称不能超过 60 个字" }),
  /** A Date from code; from a form, a datetime-local value in Beijing time read strictly (checkChinaDateTime). */
  deadline: z.union([
    z.date(),
    z.string({ error: "请填写截止时间" }).transform((s, ctx) => {
      const check = checkChinaDateTime(s, "截止时间");
      if (check.ok) return check.instant;
      ctx.addIssue({ code: "custom", message: check.reason });
      return z.NEVER;
    }),
  ], { error: "请填写截止时间" }),
  orderIds: z
    .array(idField, { error: "请选择订单" })
    .min(1, { error: "至少选择一个订单" })
    .max(20_000, { error: "一个轮次最多 20000 个订单" }),
});
export type OpenRoundInput = z.infer<typeof OpenRoundSchema>;

/** Opens a round over open orders (a park's own orders for a park); schedules its run at the deadline. */
export async function openRound({ principal, input, now = new Date() }: { principal: Principal; input: OpenRoundInput; now?: Date }) {
  requireRole(principal, ADMIN_ROLES, "只有省园区办或园区管理员可以发起定向分配");
  if (input.deadline.getTime() <= now.getTime()) throw new AppError({ message: "截止时间必须晚于现在", field: "deadline" });
  const orderIds = [...new Set(input.orderIds)];
  const round = await prisma.$transaction(async (tx) => {
    const orders = await tx.order.findMany({
      where: { AND: [{ id: { in: orderIds }, status: "open" }, orderScope(principal)] },
      select: { id: true, title: true, quantity: true, quantityFilled: true },
    });
    const usable = new Set(orders.filter((o) => remainingPlaces(o) > 0).map((o) => o.id));
    const bad = orderIds.filter((id) => !usable.has(id));
    if (bad.length > 0) {
      throw new AppError({ field: "orderIds", message: `订单 ${bad.slice(0, 5).join("、")}${bad.length > 5 ? " 等" : ""} 不是可分配的在招订单（须为发布中、尚有名额${hasRole(principal, "park") ? "、本园区企业" : ""}的订单）` });
    }
    return tx.allocationRound.create({
      data: {
        title: input.title,
        parkId: actorIdOf(principal, "park"),
        deadline: input.deadline,
        seed: randomBytes(16).toString("hex"),
        createdById: principal.accountId,
        orders: { create: orderIds.map((orderId) => ({ orderId })) },
      },
      select: { id: true, deadline: true },
    });
  });
  const scheduled = await scheduleRoundRun(round.id);
  return { roundId: round.id, scheduled };
}

/**
 * The run at the deadline: one job per round (its jobId), asked for after the round
 * is committed. It may start early (queued at once, or moved late from the database
 * when Redis was down at opening): the processor then waits in the queue until the
 * deadline (jobs/processors/allocation-round.ts). Returns false when Redis refused
 * and the job was kept in the database for the worker to queue later.
 */
export async function scheduleRoundRun(roundId: number): Promise<boolean> {
  const { deferred } = await enqueueOrDefer({ queue: QUEUES.allocation, name: ALLOCATION_RUN_JOB, data: { roundId }, jobId: `allocation-round-${roundId}` });
  return !deferred;
}

// ───── Lists and details ─────

export async function listRounds({ principal }: { principal: Principal }) {
  const rounds = await prisma.allocationRound.findMany({
    where: roundScope(principal),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: {
      id: true, title: true, status: true, deadline: true, createdAt: true, solvedAt: true, publishedAt: true,
      park: { select: { name: true } },
      _count: { select: { orders: true, assignments: true } },
    },
  });
  const graduates = await prisma.allocationPreference.groupBy({
    by: ["roundId", "graduateId"],
    where: { roundId: { in: rounds.map((r) => r.id) } },
  });
  const rankedBy = new Map<number, number>();
  for (const g of graduates) rankedBy.set(g.roundId, (rankedBy.get(g.roundId) ?? 0) + 1);
  return rounds.map((r) => ({ ...r, graduatesRanked: rankedBy.get(r.id) ?? 0 }));
}

/** Open orders an administrator may put in a round. */
export async function roundOrderChoices({ principal }: { principal: Principal }) {
  requireRole(principal, ADMIN_ROLES);
  const orders = await prisma.order.findMany({
    where: { AND: [{ status: "open" }, orderScope(principal)] },
    orderBy: { id: "asc" },
    take: 500,
    select: { id: true, title: true, majorCode: true, quantity: true, quantityFilled: true, skillLevel: true, enterprise: { select: { name: true } } },
  });
  return orders.filter((o) => remainingPlaces(o) > 0);
}

const roundOrderSelect = {
  id: true, title: true, majorCode: true, skillTags: true, skillLevel: true, startDate: true, quantity: true, quantityFilled: true, wageFen: true,
  enterpriseId: true, enterprise: { select: { name: true, parkId: true, park: { select: { name: true, cityCode: true } } } },
} satisfies Prisma.OrderSelect;

export async function getRound({ principal, roundId }: { principal: Principal; roundId: number }) {
  const round = await prisma.allocationRound.findFirst({
    where: { AND: [{ id: roundId }, roundScope(principal)] },
    select: {
      id: true, title: true, status: true, deadline: true, seed: true, createdAt: true, solvedAt: true, publishedAt: true, parkId: true,
      park: { select: { name: true } },
      createdBy: { select: { displayName: true } },
      orders: { orderBy: { orderId: "asc" }, select: { order: { select: roundOrderSelect } } },
    },
  });
  if (!round) throw notFound("分配轮次");
  const [preferenceCounts, graduatesRanked] = await Promise.all([
    prisma.allocationPreference.groupBy({ by: ["orderId"], where: { roundId }, _count: { _all: true } }),
    prisma.allocationPreference.groupBy({ by: ["graduateId"], where: { roundId } }),
  ]);
  const wanted = new Map(preferenceCounts.map((p) => [p.orderId, p._count._all]));
  const { seed, ...rest } = round;
  return {
    ...rest,
    // The seed is shown once the round has run: before, it would let anyone foresee the lottery.
    seed: round.status === "open" ? null : seed,
    graduatesRanked: graduatesRanked.length,
    orders: round.orders.map(({ order }) => ({
      ...order,
      skillTags: list(order.skillTags),
      capacity: remainingPlaces(order),
      rankedBy: wanted.get(order.id) ?? 0,
    })),
  };
}

// ───── A graduate's preferences ─────

function graduateCandidate(g: {
  id: number; majorCode: string; skillTags: string; skillLevel: number | null; verifiedSkillLevel: number | null; preferredCities: string; willingToRelocate: boolean;
  collegeId: number; graduationDate: Date; status: string;
}): MatchCandidate {
  return {
    id: g.id,
    majorCode: g.majorCode,
    skills: list(g.skillTags),
    certificateLevel: g.skillLevel,
    verifiedCertificateLevel: g.verifiedSkillLevel,
    preferredCities: list(g.preferredCities),
    willingToRelocate: g.willingToRelocate,
    college: String(g.collegeId),
    availableFrom: g.graduationDate.getTime(),
    placed: g.status === "placed",
  };
}

const graduateMatchSelect = {
  id: true, name: true, majorCode: true, skillTags: true, skillLevel: true, verifiedSkillLevel: true, preferredCities: true, willingToRelocate: true,
  collegeId: true, graduationDate: true, status: true,
} satisfies Prisma.GraduateSelect;

type RoundOrder = Prisma.OrderGetPayload<{ select: typeof roundOrderSelect }>;

function orderTargetOf(order: Omit<RoundOrder, "skillTags"> & { skillTags: string | string[] }, paired: Map<number, string[]>): MatchTarget {
  return {
    majorCode: order.majorCode,
    skills: Array.isArray(order.skillTags) ? order.skillTags : list(order.skillTags),
    level: order.skillLevel,
    city: order.enterprise.park.cityCode,
    parkPairedColleges: paired.get(order.enterprise.parkId) ?? [],
    startDate: order.startDate.getTime(),
  };
}

/** The round as a graduate sees it: its orders with the graduate's score and eligibility, the graduate's choices and result. */
export async function graduateRoundView({ principal, roundId }: { principal: Principal; roundId: number }) {
  const graduateId = requireActor(principal, "graduate", "只有毕业生可以填报志愿");
  const round = await getRound({ principal, roundId });
  const graduate = await prisma.graduate.findUniqueOrThrow({ where: { id: graduateId }, select: graduateMatchSelect });
  const candidate = graduateCandidate(graduate);
  const { policy } = await matchingPolicyOn(new Date());
  const paired = await pairedCollegesByPark(round.orders.map((o) => o.enterprise.parkId), new Date());
  const orders = round.orders.map((o) => {
    const target = orderTargetOf(o, paired);
    const reasons = exclusionsOf(target, { ...candidate, placed: false });
    return { ...o, score: scoreMatch(target, candidate, policy).score, excludedBecause: reasons.map((r) => EXCLUSION_LABELS[r]) };
  });
  const [preferences, assignment] = await Promise.all([
    prisma.allocationPreference.findMany({ where: { roundId, graduateId: graduate.id }, orderBy: { rank: "asc" }, select: { orderId: true, rank: true } }),
    round.status === "published"
      ? prisma.allocationAssignment.findUnique({
          where: { roundId_graduateId: { roundId, graduateId: graduate.id } },
          select: { orderId: true, lottery: true, score: true },
        })
      : null,
  ]);
  const [activePlacement, acceptedOffer] = await Promise.all([
    prisma.placement.findFirst({ where: { graduateId, endedOn: null }, select: { enterprise: { select: { name: true } } } }),
    prisma.application.findFirst({ where: { graduateId, status: "accepted" }, select: { job: { select: { title: true } }, order: { select: { title: true } } } }),
  ]);
  const participation = participationOf({
    round, now: new Date(), orders,
    activePlacement: activePlacement ? { enterpriseName: activePlacement.enterprise.name } : null,
    acceptedOffer: acceptedOffer ? { title: (acceptedOffer.job ?? acceptedOffer.order)?.title ?? "" } : null,
  });
  return { round, orders, preferences, assignment, placed: activePlacement !== null, acceptingChoices: participation.canChoose, whyNot: participation.reasons };
}

/** Replaces a graduate's ranked choices in an open round (up to ten distinct orders of the round). */
export async function savePreferences({ principal, roundId, orderIds, now = new Date() }: { principal: Principal; roundId: number; orderIds: number[]; now?: Date }) {
  const graduateId = requireActor(principal, "graduate", "只有毕业生可以填报志愿");
  if (orderIds.length > MAX_CHOICES) throw new AppError({ field: "orderIds", message: `最多填报 ${MAX_CHOICES} 个志愿` });
  if (new Set(orderIds).size !== orderIds.length) throw new AppError({ field: "orderIds", message: "同一个订单不能填报两次" });
  return prisma.$transaction(async (tx) => {
    const round = await tx.allocationRound.findUnique({ where: { id: roundId }, select: { status: true, deadline: true } });
    if (!round) throw notFound("分配轮次");
    if (round.status !== "open" || round.deadline.getTime() <= now.getTime()) throw conflict("该轮次已截止，不能再修改志愿");
    const graduate = await tx.graduate.findUniqueOrThrow({ where: { id: graduateId }, select: graduateMatchSelect });
    if (graduate.status === "placed") throw conflict("您已就业，不能参加定向分配");
    await refuseWhenCommitted(tx, graduateId);
    const orders = await tx.order.findMany({ where: { id: { in: orderIds }, rounds: { some: { roundId } } }, select: roundOrderSelect });
    const byId = new Map(orders.map((o) => [o.id, o]));
    const missing = orderIds.find((id) => !byId.has(id));
    if (missing !== undefined) throw new AppError({ field: "orderIds", message: `订单 ${missing} 不在本轮次中` });
    const paired = await pairedCollegesByPark(orders.map((o) => o.enterprise.parkId), now);
    const candidate = graduateCandidate(graduate);
    for (const id of orderIds) {
      const order = byId.get(id)!;
      const reasons = exclusionsOf(orderTargetOf(order, paired), candidate);
      if (reasons.length > 0) {
        throw new AppError({ field: "orderIds", message: `您不符合「${order.title}」的条件：${reasons.map((r) => EXCLUSION_LABELS[r]).join("；")}` });
      }
    }
    await tx.allocationPreference.deleteMany({ where: { roundId, graduateId } });
    await tx.allocationPreference.createMany({ data: orderIds.map((orderId, i) => ({ roundId, graduateId, orderId, rank: i + 1 })) });
    return { saved: orderIds.length };
  });
}

// ───── Running ─────

export type RunOutcome = { status: "solved"; matched: number; unmatched: number } | { status: "already"; roundStatus: string };

/**
 * The deadline job's step: runs the round once its deadline has passed, or says until
 * when to wait; null for a round that does not exist.
 */
export async function runRoundAtDeadline({ roundId, now }: { roundId: number; now: Date }): Promise<RunOutcome | { status: "waiting"; until: Date } | null> {
  const round = await prisma.allocationRound.findUnique({ where: { id: roundId }, select: { id: true, status: true, deadline: true } });
  if (!round) return null;
  if (round.status === "open" && round.deadline.getTime() > now.getTime()) return { status: "waiting", until: round.deadline };
  return runAllocationRound({ roundId: round.id });
}

/**
 * Runs a round once: claims it (open → running) so that a second trigger (the
 * deadline job and a click, or a retried job) finds it taken and does nothing; on
 * failure it returns to open. Scores come from the matching policy in force at the
 * deadline; ties fall to the lottery drawn from the round's seed.
 */
export async function runAllocationRound({ roundId }: { roundId: number }): Promise<RunOutcome> {
  const claimed = await prisma.allocationRound.updateMany({ where: { id: roundId, status: "open" }, data: { status: "running" } });
  if (claimed.count === 0) {
    const round = await prisma.allocationRound.findUnique({ where: { id: roundId }, select: { status: true } });
    if (!round) throw notFound("分配轮次");
    return { status: "already", roundStatus: round.status };
  }
  try {
    return await solveAndStore(roundId);
  } catch (error) {
    await prisma.allocationRound.update({ where: { id: roundId }, data: { status: "open" } });
    throw error;
  }
}

/** Graduates whose choices are read and scored at a time (a province round: 100,000 graduates, a million choices). */
const SCORE_CHUNK = 5_000;

async function solveAndStore(roundId: number): Promise<RunOutcome> {
  const round = await prisma.allocationRound.findUniqueOrThrow({
    where: { id: roundId },
    select: { seed: true, deadline: true, orders: { orderBy: { orderId: "asc" }, select: { order: { select: roundOrderSelect } } } },
  });
  const orders = round.orders.map((r) => r.order);
  const orderIndex = new Map(orders.map((o, i) => [o.id, i]));
  const paired = await pairedCollegesByPark(orders.map((o) => o.enterprise.parkId), round.deadline);
  const targets = orders.map((o) => prepareTarget(orderTargetOf(o, paired)));
  const { policy } = await matchingPolicyOn(round.deadline);

  // Plain SELECTs: at province scale (a million choices) Prisma's findMany spends most
  // of the run building objects; these read the same columns several times faster. The
  // choices and their graduates are read, scored and dropped SCORE_CHUNK graduates at a
  // time (by id, in id order): what stays is the typed arrays the solver takes.
  const graduateIds = (
    await prisma.$queryRaw<{ graduateId: number | bigint }[]>`
      SELECT DISTINCT "graduateId" FROM "AllocationPreference" WHERE "roundId" = ${roundId} ORDER BY "graduateId"`
  ).map((r) => Number(r.graduateId));
  const [counted] = await prisma.$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS "n" FROM "AllocationPreference" WHERE "roundId" = ${roundId}`;
  const choices = Number(counted?.n ?? 0);
  type GraduateRow = {
    id: number | bigint; majorCode: string; skillTags: string; skillLevel: number | bigint | null; verifiedSkillLevel: number | bigint | null; preferredCities: string;
    willingToRelocate: boolean | number | bigint; collegeId: number | bigint; graduationDate: Date | string; status: string;
  };
  const prefStart = new Int32Array(graduateIds.length + 1);
  const prefOrder = new Int32Array(choices);
  const prefScore = new Float64Array(choices);
  let k = 0;
  let gi = -1;
  for (let from = 0; from < graduateIds.length; from += SCORE_CHUNK) {
    const low = graduateIds[from]!;
    const high = graduateIds[Math.min(from + SCORE_CHUNK, graduateIds.length) - 1]!;
    const preferences = await prisma.$queryRaw<{ graduateId: number | bigint; orderId: number | bigint }[]>`
      SELECT "graduateId", "orderId" FROM "AllocationPreference"
       WHERE "roundId" = ${roundId} AND "graduateId" >= ${low} AND "graduateId" <= ${high} ORDER BY "graduateId", "rank"`;
    const graduateRows = await prisma.$queryRaw<GraduateRow[]>`
      SELECT g."id", g."majorCode", g."skillTags", g."skillLevel", g."verifiedSkillLevel", g."preferredCities", g."willingToRelocate", g."collegeId", g."graduationDate", g."status"
      FROM "Graduate" g
      WHERE g."id" >= ${low} AND g."id" <= ${high}
        AND g."id" IN (SELECT "graduateId" FROM "AllocationPreference" WHERE "roundId" = ${roundId} AND "graduateId" >= ${low} AND "graduateId" <= ${high})`;
    const graduates = new Map<number, PreparedCandidate>();
    for (const g of graduateRows) {
      const candidate = graduateCandidate({
        id: Number(g.id),
        majorCode: g.majorCode,
        skillTags: g.skillTags,
        skillLevel: g.skillLevel === null ? null : Number(g.skillLevel),
        verifiedSkillLevel: g.verifiedSkillLevel === null ? null : Number(g.verifiedSkillLevel),
        preferredCities: g.preferredCities,
        willingToRelocate: Boolean(Number(g.willingToRelocate)),
        collegeId: Number(g.collegeId),
        graduationDate: new Date(g.graduationDate),
        status: g.status,
      });
      graduates.set(Number(g.id), prepareCandidate(candidate));
    }
    let previous = -1;
    for (const p of preferences) {
      const graduateId = Number(p.graduateId);
      if (graduateId !== previous) {
        gi++;
        previous = graduateId;
        prefStart[gi] = k;
      }
      const o = orderIndex.get(Number(p.orderId))!;
      const candidate = graduates.get(graduateId)!;
      prefOrder[k] = o;
      prefScore[k] = exclusionsOf(targets[o]!.target, candidate.candidate).length > 0 ? -1 : scoreValue(targets[o]!, candidate, policy);
      k++;
    }
  }
  prefStart[graduateIds.length] = k;
  const capacity = Int32Array.from(orders, (o) => remainingPlaces(o));
  const { assigned, lottery } = solveScoredRound({ graduateCount: graduateIds.length, capacity, prefStart, prefOrder, prefScore, seed: round.seed });

  const rows = graduateIds.map((graduateId, g) => {
    let score: number | null = null;
    if (assigned[g]! >= 0) {
      for (let j = prefStart[g]!; j < prefStart[g + 1]!; j++) if (prefOrder[j] === assigned[g]) score = prefScore[j]!;
    }
    return { roundId, graduateId, orderId: assigned[g]! >= 0 ? orders[assigned[g]!]!.id : null, lottery: lottery[g]!, score };
  });
  await prisma.$transaction(async (tx) => {
    await tx.allocationAssignment.deleteMany({ where: { roundId } });
    // One multi-row INSERT per chunk (as the roster import): createMany is several times slower here.
    for (let i = 0; i < rows.length; i += 2_000) {
      const values = rows.slice(i, i + 2_000).map((r) => Prisma.sql`(${r.roundId}, ${r.graduateId}, ${r.orderId}, ${r.lottery}, ${r.score})`);
      await tx.$executeRaw`INSERT INTO "AllocationAssignment" ("roundId", "graduateId", "orderId", "lottery", "score") VALUES ${Prisma.join(values)}`;
    }
    await tx.allocationRound.update({ where: { id: roundId }, data: { status: "solved", solvedAt: new Date() } });
  }, { timeout: 120_000 });
  const matched = rows.filter((r) => r.orderId !== null).length;
  return { status: "solved", matched, unmatched: rows.length - matched };
}

/** On demand, from the round's page: an administrator of the round runs it now. */
export async function runRoundNow({ principal, roundId }: { principal: Principal; roundId: number }) {
  requireRole(principal, ADMIN_ROLES, "只有省园区办或园区管理员可以执行分配");
  const round = await prisma.allocationRound.findFirst({ where: { AND: [{ id: roundId }, adminRoundScope(principal)] }, select: { id: true } });
  if (!round) throw notFound("分配轮次");
  const outcome = await runAllocationRound({ roundId });
  if (outcome.status === "already") throw conflict(`该轮次${ROUND_STATUS_LABELS[outcome.roundStatus as RoundStatus] ?? outcome.roundStatus}，不会重复分配`);
  return outcome;
}

// ───── Publishing ─────

/** Publishes a solved round: each assignment becomes an offer (录用通知) on an application to the order; everyone is told. */
export async function publishRound({ principal, roundId }: { principal: Principal; roundId: number }) {
  requireRole(principal, ADMIN_ROLES, "只有省园区办或园区管理员可以发布结果");
  return notifyingTransaction(async (tx) => {
    const round = await tx.allocationRound.findFirst({ where: { AND: [{ id: roundId }, adminRoundScope(principal)] }, select: { id: true, title: true, status: true } });
    if (!round) throw notFound("分配轮次");
    const taken = await tx.allocationRound.updateMany({ where: { id: roundId, status: "solved" }, data: { status: "published", publishedAt: new Date() } });
    if (taken.count === 0) throw conflict(round.status === "published" ? "该轮次结果已发布" : "该轮次尚未完成分配，不能发布");
    const assignments = await tx.allocationAssignment.findMany({
      where: { roundId },
      select: {
        graduateId: true, orderId: true,
        order: { select: { title: true, enterpriseId: true, startDate: true, wageFen: true, enterprise: { select: { name: true } } } },
      },
    });
    const link = `/graduate/allocation?round=${roundId}`;
    const today = chinaDate(new Date());
    let offers = 0;
    const perEnterprise = new Map<number, number>();
    for (const a of assignments) {
      if (a.orderId === null || !a.order) {
        await notify(tx, { graduateId: a.graduateId }, { kind: "allocation", title: `定向分配结果：${round.title}`, body: "很遗憾，本轮您填报的订单均未录取。", link });
        continue;
      }
      const activeKey = activeKeyOf({ jobId: null, orderId: a.orderId }, "offered");
      const terms = allocationOfferTerms({ orderStartDate: isoDate(a.order.startDate), wageFen: a.order.wageFen, today });
      const offer = {
        offerStartDate: dateOf(terms.startDate), offerMonthlyWageFen: terms.monthlyWageFen, offerContractMonths: terms.contractMonths, offerReplyBy: dateOf(terms.replyBy),
      };
      const existing = await tx.application.findFirst({ where: { graduateId: a.graduateId, orderId: a.orderId, activeKey: { not: null } }, select: { id: true, status: true } });
      const applicationId = existing
        ? existing.id
        : (await tx.application.create({ data: { graduateId: a.graduateId, orderId: a.orderId, status: "offered", activeKey, ...offer }, select: { id: true } })).id;
      if (!existing || existing.status !== "offered") {
        if (existing) await tx.application.update({ where: { id: existing.id }, data: { status: "offered", activeKey, ...offer } });
        await tx.applicationEvent.create({
          data: { applicationId, fromStatus: existing?.status ?? null, toStatus: "offered", actorAccountId: principal.accountId, note: `定向分配：${round.title}` },
        });
      }
      offers++;
      perEnterprise.set(a.order.enterpriseId, (perEnterprise.get(a.order.enterpriseId) ?? 0) + 1);
      await notify(tx, { graduateId: a.graduateId }, {
        kind: "allocation",
        title: `定向分配结果：${round.title}`,
        body: `您被分配到 ${a.order.enterprise.name} 的订单「${a.order.title}」，已收到录用通知，请在 ${terms.replyBy} 前答复。`,
        link: `/graduate/applications/${applicationId}`,
      });
    }
    for (const [enterpriseId, count] of perEnterprise) {
      await notify(tx, { enterpriseId }, {
        kind: "allocation",
        title: `定向分配结果：${round.title}`,
        body: `本轮共有 ${count} 名毕业生分配到贵企业的订单，已发出录用通知。`,
        link: `/enterprise/allocation?round=${roundId}`,
      });
    }
    return { offers, unmatched: assignments.length - offers };
  }, { timeout: 120_000 });
}

// ───── Results ─────

const resultRowSelect = {
  graduateId: true, orderId: true, lottery: true, score: true,
  graduate: { select: { name: true, majorCode: true, college: { select: { name: true } } } },
  order: { select: { title: true, enterprise: { select: { name: true } } } },
} satisfies Prisma.AllocationAssignmentSelect;
type ResultRow = Prisma.AllocationAssignmentGetPayload<{ select: typeof resultRowSelect }>;

/** A round's results for an administrator or an enterprise (its own orders): assignments, and the unmatched on both sides. */
export async function roundResults({ principal, roundId, page = 1, view = "matched" }: {
  principal: Principal; roundId: number; page?: number; view?: "matched" | "unmatched";
}) {
  const round = await getRound({ principal, roundId });
  requireRole(principal, ["province", "park", "enterprise", "college", "bureau"]);
  const ownOrders = hasRole(principal, "enterprise") ? round.orders.filter((o) => o.enterpriseId === principal.enterpriseId) : round.orders;
  const orderIds = ownOrders.map((o) => o.id);
  // An enterprise sees the result once published; administrators as soon as it is solved.
  const resultsVisible = round.status === "published" || (round.status === "solved" && !hasRole(principal, "enterprise"));
  if (!resultsVisible) {
    return { round, orders: ownOrders.map((o) => ({ ...o, filled: 0 })), rows: [] as ResultRow[], total: 0, unmatchedGraduates: 0, page, view, resultsVisible };
  }
  const filled = await prisma.allocationAssignment.groupBy({ by: ["orderId"], where: { roundId, orderId: { in: orderIds } }, _count: { _all: true } });
  const filledBy = new Map(filled.map((f) => [f.orderId!, f._count._all]));
  const where: Prisma.AllocationAssignmentWhereInput =
    view === "unmatched" && !hasRole(principal, "enterprise") ? { roundId, orderId: null } : { roundId, orderId: { in: orderIds } };
  const [total, rows, unmatchedGraduates] = await Promise.all([
    prisma.allocationAssignment.count({ where }),
    prisma.allocationAssignment.findMany({
      where,
      orderBy: [{ orderId: "asc" }, { score: "desc" }, { lottery: "asc" }],
      skip: (page - 1) * RESULT_PAGE_SIZE,
      take: RESULT_PAGE_SIZE,
      select: resultRowSelect,
    }),
    prisma.allocationAssignment.count({ where: { roundId, orderId: null } }),
  ]);
  return {
    round,
    orders: ownOrders.map((o) => ({ ...o, filled: filledBy.get(o.id) ?? 0 })),
    rows,
    total,
    unmatchedGraduates: hasRole(principal, "enterprise") ? 0 : unmatchedGraduates,
    page,
    view,
    resultsVisible,
  };
}
