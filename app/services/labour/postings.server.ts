import { seniorGate } from "~/domain/matching/senior-gate";
import { majorClassOf } from "~/domain/catalogue/majors";
import { ORDER_STATUS_LABELS } from "~/domain/constants";
import { chinaDate } from "~/domain/china-time";
import { checkOrderMove, type OrderStatus } from "~/domain/labour/order-status";
import { checkCohortForOrder, checkOrderTerms } from "~/domain/labour/order-terms";
import { isoDate } from "~/domain/subsidy/calendar";
import type { Principal } from "~/utils/principal.server";
import { orderScope, requireActor, viewableJobScope, hasRole } from "~/utils/scopes.server";
import type { Prisma } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import { AppError, conflict, notFound } from "~/utils/errors.server";
import { countsOf, PAGE_SIZE, pageWindow, type ListQuery, type Paged } from "~/utils/list-query";
import { recordSearchChange, requestSearchDelivery } from "~/services/search/sync.server";
import { closeOpenApplications } from "./applications.server";
import { notify, notifyingTransaction } from "./notifications.server";
import { labourPolicyOn } from "./offers.server";
import type { JobInput, OrderInput } from "./schemas";

/** Jobs (岗位) and orders (订单培训) posted by enterprises, and their status. */

const jsonList = (text: string): string[] => {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.map(String) : [];
};

// ───── Jobs ─────

export const JOB_SORTS = ["postedAt", "title", "wageMinFen", "openings"] as const;

export async function listEnterpriseJobs({ principal, query }: { principal: Principal; query: ListQuery<(typeof JOB_SORTS)[number]> }) {
  const where: Prisma.JobWhereInput = { enterpriseId: requireActor(principal, "enterprise", "只有企业账号可以发布岗位和订单") };
  const [rows, total] = await Promise.all([
    prisma.job.findMany({
      where,
      orderBy: [{ [query.sort]: query.direction }, { id: "desc" }],
      ...pageWindow(query),
      select: {
        id: true, title: true, status: true, openings: true, wageMinFen: true, wageMaxFen: true, majorClasses: true, postedAt: true,
      },
    }),
    prisma.job.count({ where }),
  ]);
  const [applications, placements] = await Promise.all([
    countsOf(rows, (ids) => prisma.application.groupBy({ by: ["jobId"], where: { jobId: { in: ids } }, _count: { _all: true } }), "jobId"),
    countsOf(rows, (ids) => prisma.placement.groupBy({ by: ["jobId"], where: { jobId: { in: ids } }, _count: { _all: true } }), "jobId"),
  ]);
  const counted = rows.map((r) => ({ ...r, _count: { applications: applications(r.id), placements: placements(r.id) } }));
  return { rows: counted.map((r) => ({ ...r, majorClasses: jsonList(r.majorClasses) })), total, page: query.page, pageSize: query.pageSize ?? PAGE_SIZE, sort: query.sort, direction: query.direction };
}

/** One job as its page shows it, with the accepted major classes by name and the graduate's active application, if any. */
export async function getJob({ principal, jobId }: { principal: Principal; jobId: number }) {
  const job = await prisma.job.findFirst({
    where: { AND: [{ id: jobId }, viewableJobScope(principal)] },
    select: {
      id: true, title: true, description: true, status: true, openings: true, wageMinFen: true, wageMaxFen: true, majorClasses: true,
      skillLevelRequired: true, postedAt: true,
      enterprise: { select: { name: true } }, park: { select: { name: true } }, city: { select: { name: true } },
      applications: { where: { graduateId: principal.graduateId ?? -1, activeKey: { not: null } }, select: { id: true, status: true } },
    },
  });
  if (!job) throw notFound("岗位");
  const codes = jsonList(job.majorClasses);
  const names = new Map((await prisma.majorClass.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } })).map((c) => [c.code, c.name]));
  const { applications, ...rest } = job;
  return { ...rest, majorClasses: codes.map((code) => ({ code, name: names.get(code) ?? code })), myApplication: applications[0] ?? null };
}

/** Posts a job in the enterprise's own park and city; it is open at once. */
export async function createJob({ principal, input }: { principal: Principal; input: JobInput }) {
  const enterpriseId = requireActor(principal, "enterprise", "只有企业账号可以发布岗位和订单");
  const enterprise = await prisma.enterprise.findUniqueOrThrow({ where: { id: enterpriseId }, select: { parkId: true, park: { select: { cityCode: true } } } });
  const job = await prisma.$transaction(async (tx) => {
    const created = await tx.job.create({
      data: {
        enterpriseId,
        title: input.title,
        description: input.description,
        majorClasses: JSON.stringify([...new Set(input.majorClasses.map(majorClassOf))]),
        skillLevelRequired: input.skillLevelRequired ?? null,
        wageMinFen: input.wageMinFen,
        wageMaxFen: input.wageMaxFen,
        cityCode: enterprise.park.cityCode,
        parkId: enterprise.parkId,
        openings: input.openings,
        status: "open",
      },
    });
    await recordSearchChange({ db: tx, index: "jobs", recordId: created.id, op: "upsert" });
    return created;
  });
  await requestSearchDelivery();
  return job;
}

/** Opens or closes a job; closing ends its open applications, each graduate told (closeOpenApplications). */
export async function setJobStatus({ principal, jobId, status }: { principal: Principal; jobId: number; status: "open" | "closed" }) {
  const count = await notifyingTransaction(async (tx) => {
    const result = await tx.job.updateMany({ where: { id: jobId, enterpriseId: requireActor(principal, "enterprise", "只有企业账号可以发布岗位和订单") }, data: { status } });
    if (result.count > 0) await recordSearchChange({ db: tx, index: "jobs", recordId: jobId, op: "upsert" });
    if (result.count > 0 && status === "closed") {
      const { title } = await tx.job.findUniqueOrThrow({ where: { id: jobId }, select: { title: true } });
      await closeOpenApplications(tx, { actorAccountId: principal.accountId, target: { jobId }, title, reason: "岗位已关闭" });
    }
    return result.count;
  });
  if (count === 0) throw notFound("岗位");
  await requestSearchDelivery();
}

// ───── Orders ─────

export const ORDER_SORTS = ["createdAt", "title", "startDate", "quantity", "status"] as const;

const orderListSelect = {
  id: true, title: true, status: true, majorCode: true, skillLevel: true, quantity: true, quantityFilled: true,
  startDate: true, wageFen: true, createdAt: true, skillTags: true,
  enterprise: { select: { name: true, park: { select: { name: true } } } },
  college: { select: { id: true, name: true } },
  cohort: { select: { id: true, majorCode: true, expectedGraduation: true } },
} satisfies Prisma.OrderSelect;

/** Each order's applications and placements, counted for these orders only (see `countsOf`). */
async function withOrderCounts<T extends { id: number }>(rows: T[]) {
  const [applications, placements] = await Promise.all([
    countsOf(rows, (ids) => prisma.application.groupBy({ by: ["orderId"], where: { orderId: { in: ids } }, _count: { _all: true } }), "orderId"),
    countsOf(rows, (ids) => prisma.placement.groupBy({ by: ["orderId"], where: { orderId: { in: ids } }, _count: { _all: true } }), "orderId"),
  ]);
  return rows.map((r) => ({ ...r, _count: { applications: applications(r.id), placements: placements(r.id) } }));
}

/** Orders the principal may see (their own for an enterprise; those open to colleges or taken by it for a college). */
export async function listOrders({
  principal, query, status,
}: { principal: Principal; query: ListQuery<(typeof ORDER_SORTS)[number]>; status?: OrderStatus }) {
  const where: Prisma.OrderWhereInput = { AND: [orderScope(principal), status ? { status } : {}] };
  const [rows, total] = await Promise.all([
    prisma.order.findMany({
      where,
      orderBy: [{ [query.sort]: query.direction }, { id: "desc" }],
      ...pageWindow(query),
      select: orderListSelect,
    }),
    prisma.order.count({ where }),
  ]);
  return {
    rows: (await withOrderCounts(rows)).map((r) => ({ ...r, skillTags: jsonList(r.skillTags) })),
    total, page: query.page, pageSize: query.pageSize ?? PAGE_SIZE, sort: query.sort, direction: query.direction,
  } satisfies Paged<unknown>;
}

/** One order as its pages show it, with the major by name and, for a graduate, their active application to it. */
export async function getOrder({ principal, orderId }: { principal: Principal; orderId: number }) {
  const order = await prisma.order.findFirst({
    where: { AND: [{ id: orderId }, orderScope(principal)] },
    select: {
      ...orderListSelect,
      enterpriseId: true,
      events: {
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: { id: true, fromStatus: true, toStatus: true, at: true, note: true, actor: { select: { displayName: true } } },
      },
    },
  });
  if (!order) throw notFound("订单");
  const [major, mine, me] = await Promise.all([
    prisma.major.findUnique({ where: { code: order.majorCode }, select: { name: true } }),
    principal.graduateId
      ? prisma.application.findFirst({ where: { orderId: order.id, graduateId: principal.graduateId, activeKey: { not: null } }, select: { id: true, status: true } })
      : null,
    principal.graduateId ? prisma.graduate.findUnique({ where: { id: principal.graduateId }, select: { skillLevel: true, verifiedSkillLevel: true } }) : null,
  ]);
  const [counted] = await withOrderCounts([order]);
  // The senior gate for the graduate reading the order (ADR 166): why applying would be refused.
  const gate = me ? seniorGate(order.skillLevel, { certificateLevel: me.skillLevel, verifiedCertificateLevel: me.verifiedSkillLevel }) : null;
  return { ...counted!, skillTags: jsonList(order.skillTags), majorName: major?.name ?? null, myApplication: mine, myGateRefusal: gate && !gate.ok ? gate : null };
}

/** Places an order as a draft; the college wanted, if any, must exist; start and wage within checkOrderTerms. */
export async function createOrder({ principal, input, now = new Date() }: { principal: Principal; input: OrderInput; now?: Date }) {
  const enterpriseId = requireActor(principal, "enterprise", "只有企业账号可以发布岗位和订单");
  const major = await prisma.major.findUnique({ where: { code: input.majorCode }, select: { code: true } });
  if (!major) throw new AppError({ message: "所选专业不在专业目录中", field: "majorCode" });
  if (input.collegeId && !(await prisma.college.findUnique({ where: { id: input.collegeId }, select: { id: true } }))) {
    throw new AppError({ message: "所选院校不存在", field: "collegeId" });
  }
  const today = chinaDate(now);
  const terms = checkOrderTerms({ startDate: isoDate(input.startDate), wageFen: input.wageFen }, { today, policy: await labourPolicyOn(today) });
  if (!terms.ok) throw new AppError({ message: terms.reason, field: terms.field });
  const created = await prisma.$transaction(async (tx) => {
    const order = await tx.order.create({
      data: {
        enterpriseId,
        title: input.title,
        majorCode: input.majorCode,
        skillTags: JSON.stringify(input.skillTags),
        skillLevel: input.skillLevel,
        quantity: input.quantity,
        startDate: input.startDate,
        wageFen: input.wageFen,
        collegeId: input.collegeId ?? null,
        status: "draft",
      },
    });
    await tx.orderEvent.create({ data: { orderId: order.id, fromStatus: null, toStatus: "draft", actorAccountId: principal.accountId } });
    await recordSearchChange({ db: tx, index: "orders", recordId: order.id, op: "upsert" });
    return order;
  });
  await requestSearchDelivery();
  return created;
}

/**
 * Moves an order along its status machine; an order that stops recruiting (closed or
 * fulfilled) ends its open applications, each graduate told. A college accepting an order
 * (open → contracted) binds it to itself and, optionally, to one of its cohorts.
 * The other party is notified; the change is kept with its actor and time.
 */
export async function moveOrder({
  principal, orderId, to, cohortId,
}: { principal: Principal; orderId: number; to: OrderStatus; cohortId?: number }) {
  const moved = await notifyingTransaction(async (tx) => {
    const order = await tx.order.findFirst({
      where: { AND: [{ id: orderId }, orderScope(principal)] },
      select: { id: true, title: true, status: true, quantity: true, quantityFilled: true, enterpriseId: true, collegeId: true, majorCode: true },
    });
    if (!order) throw notFound("订单");
    const from = order.status as OrderStatus;
    const check = checkOrderMove({ status: from, quantity: order.quantity, quantityFilled: order.quantityFilled }, to, principal.role);
    if (!check.ok) throw new AppError({ message: check.reason, status: 409, code: "bad_transition" });
    const isCollege = hasRole(principal, "college");
    const data: Prisma.OrderUncheckedUpdateManyInput = { status: to };
    if (to === "contracted") {
      data.collegeId = principal.collegeId;
      if (cohortId) {
        const cohort = await tx.cohort.findFirst({ where: { id: cohortId, collegeId: principal.collegeId ?? -1 }, select: { id: true, majorCode: true } });
        if (!cohort) throw new AppError({ message: "所选培训班不属于本校", field: "cohortId" });
        const fits = checkCohortForOrder({ orderMajorCode: order.majorCode, cohortMajorCode: cohort.majorCode });
        if (!fits.ok) throw new AppError({ message: fits.reason, field: "cohortId" });
        data.cohortId = cohort.id;
      }
    }
    const { count } = await tx.order.updateMany({ where: { id: order.id, status: from }, data });
    if (count !== 1) throw conflict("订单状态已被他人更改，请刷新后重试");
    await tx.orderEvent.create({ data: { orderId: order.id, fromStatus: from, toStatus: to, actorAccountId: principal.accountId } });
    await recordSearchChange({ db: tx, index: "orders", recordId: order.id, op: "upsert" });
    if (to === "closed" || to === "fulfilled") {
      await closeOpenApplications(tx, { actorAccountId: principal.accountId, target: { orderId: order.id }, title: order.title, reason: to === "closed" ? "订单已关闭" : "订单已完成招募" });
    }
    const collegeId = isCollege ? principal.collegeId : order.collegeId;
    const draft = {
      kind: "order_status",
      title: `订单「${order.title}」${ORDER_STATUS_LABELS[to]}`,
      body: `订单状态由「${ORDER_STATUS_LABELS[from]}」变更为「${ORDER_STATUS_LABELS[to]}」（${principal.displayName}）`,
    };
    if (isCollege) await notify(tx, { enterpriseId: order.enterpriseId }, { ...draft, link: `/enterprise/orders/${order.id}` });
    else if (collegeId) await notify(tx, { collegeId }, { ...draft, link: `/college/orders/${order.id}` });
    return { from, to };
  });
  await requestSearchDelivery();
  return moved;
}

/** Choices for the order form: the major catalogue and the colleges paired with the enterprise's park. */
export async function orderFormChoices({ principal }: { principal: Principal }) {
  const enterpriseId = requireActor(principal, "enterprise", "只有企业账号可以发布岗位和订单");
  const enterprise = await prisma.enterprise.findUniqueOrThrow({ where: { id: enterpriseId }, select: { parkId: true } });
  const [majors, colleges] = await Promise.all([
    prisma.major.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true, level: true } }),
    prisma.college.findMany({ where: { pairings: { some: { parkId: enterprise.parkId } } }, orderBy: { nameSort: "asc" }, select: { id: true, name: true } }),
  ]);
  return { majors, colleges };
}
