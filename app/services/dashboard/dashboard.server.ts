import { APPLICATION_STATUS_LABELS, CLAIM_STATUS_LABELS } from "~/domain/constants";
import { fenOf, formatYuan } from "~/domain/money";
import type { Principal } from "~/utils/principal.server";
import { mayReadFullIdNumber } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { notFound } from "~/utils/errors.server";
import { decryptIdNumber } from "~/utils/pii.server";
import { chinaDate } from "~/domain/china-time";

/** A figure on a home page: a label, a value, and where it leads. */
export type Kpi = { label: string; value: number; to?: string };
/** `toggle`: a link that shows or hides the fact in full (the owner's own identity number). */
export type HomeFact = { label: string; value: string; toggle?: { href: string; text: string } };
export type HomeList = { title: string; empty: string; rows: { text: string; note?: string }[] };
export type HomeData = { title: string; facts: HomeFact[]; kpis: Kpi[]; lists: HomeList[] };

const today = () => new Date();

/** Parks with no pairing in force today. */
function parksWithoutCurrentPairing(where: { id?: number } = {}) {
  const now = today();
  return prisma.park.findMany({
    where: {
      ...where,
      pairings: { none: { startDate: { lte: now }, OR: [{ endDate: null }, { endDate: { gte: now } }] } },
    },
    select: { id: true, name: true, city: { select: { name: true } } },
    orderBy: { nameSort: "asc" },
  });
}

async function provinceHome(): Promise<HomeData> {
  const [parks, clusters, enterprises, colleges, bases, graduates, placed, openOrders, unpaired] =
    await Promise.all([
      prisma.park.count(),
      prisma.cluster.count(),
      prisma.enterprise.count(),
      prisma.college.count(),
      prisma.trainingBase.count(),
      prisma.graduate.count(),
      prisma.graduate.count({ where: { status: "placed" } }),
      prisma.order.count({ where: { status: { in: ["open", "contracted", "in_training"] } } }),
      parksWithoutCurrentPairing(),
    ]);
  return {
    title: "全省园校对接总览",
    facts: [],
    kpis: [
      { label: "工业园区", value: parks },
      { label: "产业集群", value: clusters },
      { label: "园区企业", value: enterprises },
      { label: "职业院校", value: colleges },
      { label: "园校对接实训基地", value: bases },
      { label: "在册毕业生", value: graduates },
      { label: "已就业毕业生", value: placed },
      { label: "进行中的订单", value: openOrders },
    ],
    lists: [
      {
        title: `尚无在期对接院校的园区（${unpaired.length}）`,
        empty: "所有园区均已对接院校。",
        rows: unpaired.map((p) => ({ text: p.name, note: p.city.name })),
      },
    ],
  };
}

// Counts are read with count() by the foreign key: Prisma's `_count` on one row groups the
// whole child table first (the college's home page read 300,000 graduates that way).

async function parkHome(p: Principal): Promise<HomeData> {
  const park = await prisma.park.findUnique({
    where: { id: p.parkId ?? -1 },
    select: {
      id: true,
      name: true,
      level: true,
      city: { select: { name: true } },
      county: { select: { name: true } },
      clusters: { select: { name: true, chain: true }, orderBy: { nameSort: "asc" } },
      pairings: { select: { startDate: true, endDate: true, college: { select: { name: true } } } },
    },
  });
  if (!park) throw notFound("园区");
  const parkId = park.id;
  const _count = {
    enterprises: await prisma.enterprise.count({ where: { parkId } }),
    bases: await prisma.trainingBase.count({ where: { parkId } }),
    jobs: await prisma.job.count({ where: { parkId } }),
  };
  const unpaired = await parksWithoutCurrentPairing({ id: park.id });
  return {
    title: park.name,
    facts: [
      { label: "所在地", value: `${park.city.name}${park.county.name}` },
      { label: "级别", value: park.level === "national" ? "国家级" : "省级" },
      { label: "对接状态", value: unpaired.length ? "⚠ 暂无在期对接院校" : "已对接" },
    ],
    kpis: [
      { label: "产业集群", value: park.clusters.length },
      { label: "园区企业", value: _count.enterprises },
      { label: "实训基地", value: _count.bases },
      { label: "在招岗位", value: _count.jobs },
    ],
    lists: [
      {
        title: "产业集群",
        empty: "暂无集群",
        rows: park.clusters.map((c) => ({ text: c.name, note: c.chain })),
      },
      {
        title: "对接院校",
        empty: "暂无对接院校",
        rows: park.pairings.map((x) => ({
          text: x.college.name,
          note: `${chinaDate(x.startDate)} 起${x.endDate ? `，至 ${chinaDate(x.endDate)}` : ""}`,
        })),
      },
    ],
  };
}

async function collegeHome(p: Principal): Promise<HomeData> {
  const college = await prisma.college.findUnique({
    where: { id: p.collegeId ?? -1 },
    select: {
      name: true,
      schoolCode: true,
      level: true,
      city: { select: { name: true } },
      pairings: { select: { park: { select: { name: true } } } },
    },
  });
  if (!college) throw notFound("院校");
  const collegeId = p.collegeId!;
  const _count = { cohorts: await prisma.cohort.count({ where: { collegeId } }), graduates: await prisma.graduate.count({ where: { collegeId } }) };
  const placed = await prisma.graduate.count({ where: { collegeId: p.collegeId!, status: "placed" } });
  return {
    title: college.name,
    facts: [
      { label: "学校标识码", value: college.schoolCode },
      { label: "办学层次", value: college.level },
      { label: "所在城市", value: college.city.name },
    ],
    kpis: [
      { label: "培训班", value: _count.cohorts },
      { label: "在册毕业生", value: _count.graduates },
      { label: "已就业", value: placed },
      { label: "待就业", value: _count.graduates - placed },
    ],
    lists: [
      {
        title: "对接园区",
        empty: "暂无对接园区",
        rows: college.pairings.map((x) => ({ text: x.park.name })),
      },
    ],
  };
}

async function enterpriseHome(p: Principal): Promise<HomeData> {
  const enterprise = await prisma.enterprise.findUnique({
    where: { id: p.enterpriseId ?? -1 },
    select: {
      name: true,
      creditCode: true,
      clusterRole: true,
      headcount: true,
      park: { select: { name: true } },
      cluster: { select: { name: true } },
    },
  });
  if (!enterprise) throw notFound("企业");
  const enterpriseId = p.enterpriseId!;
  const _count = {
    jobs: await prisma.job.count({ where: { enterpriseId } }),
    orders: await prisma.order.count({ where: { enterpriseId } }),
    placements: await prisma.placement.count({ where: { enterpriseId } }),
  };
  const orders = await prisma.order.findMany({
    where: { enterpriseId: p.enterpriseId!, status: { not: "draft" } },
    select: { title: true, quantity: true, quantityFilled: true },
    orderBy: { createdAt: "desc" },
    take: 5,
  });
  return {
    title: enterprise.name,
    facts: [
      { label: "统一社会信用代码", value: enterprise.creditCode },
      { label: "所在园区", value: enterprise.park.name },
      { label: "所属集群", value: enterprise.cluster?.name ?? "—" },
      { label: "职工人数", value: String(enterprise.headcount) },
    ],
    kpis: [
      { label: "发布岗位", value: _count.jobs },
      { label: "订单培训", value: _count.orders },
      { label: "已录用毕业生", value: _count.placements },
    ],
    lists: [
      {
        title: "最近的订单完成情况",
        empty: "暂无订单",
        rows: orders.map((o) => ({ text: o.title, note: `已到岗 ${o.quantityFilled} / ${o.quantity} 人` })),
      },
    ],
  };
}

async function bureauHome(p: Principal): Promise<HomeData> {
  const bureau = await prisma.bureau.findUnique({
    where: { id: p.bureauId ?? -1 },
    select: {
      name: true,
      budgets: {
        where: { year: today().getUTCFullYear() },
        select: { allocations: { select: { source: true, amountFen: true, reservedFen: true } } },
      },
    },
  });
  if (!bureau) throw notFound("人社局");
  const [pending, approved] = await Promise.all([
    prisma.subsidyClaim.count({ where: { bureauId: p.bureauId!, status: "pending_review" } }),
    prisma.subsidyClaim.count({ where: { bureauId: p.bureauId!, status: { in: ["approved", "in_batch", "paid"] } } }),
  ]);
  const allocations = bureau.budgets.flatMap((b) => b.allocations);
  const total = allocations.reduce((s, a) => s + fenOf(a.amountFen), 0);
  const used = allocations.reduce((s, a) => s + fenOf(a.reservedFen), 0);
  return {
    title: bureau.name,
    facts: [
      { label: `${today().getUTCFullYear()} 年预算`, value: formatYuan(total) },
      { label: "已使用", value: formatYuan(used) },
      { label: "剩余", value: formatYuan(total - used) },
    ],
    kpis: [
      { label: "待审核补贴申请", value: pending },
      { label: "已批准补贴", value: approved },
    ],
    lists: [],
  };
}

async function graduateHome(p: Principal, revealIdNumber: boolean): Promise<HomeData> {
  const graduate = await prisma.graduate.findUnique({
    where: { id: p.graduateId ?? -1 },
    select: {
      id: true,
      name: true,
      idNumberCipher: true,
      idNumberMasked: true,
      phone: true,
      schoolLevel: true,
      majorCode: true,
      graduationDate: true,
      status: true,
      college: { select: { name: true } },
      applications: {
        select: {
          status: true,
          job: { select: { title: true, enterprise: { select: { name: true } } } },
          order: { select: { title: true, enterprise: { select: { name: true } } } },
        },
        orderBy: { updatedAt: "desc" },
        take: 10,
      },
      claims: { select: { kind: true, status: true, amountFen: true } },
    },
  });
  if (!graduate) throw notFound("毕业生");
  // Masked unless the owner asks to see it (?showId=1): a glance at the screen should not give it away.
  const mayReveal = await mayReadFullIdNumber(p, graduate.id);
  const idFact: HomeFact =
    mayReveal && revealIdNumber
      ? { label: "身份证号", value: decryptIdNumber(graduate.idNumberCipher, env().PII_KEY), toggle: { href: "/home", text: "隐藏" } }
      : { label: "身份证号", value: graduate.idNumberMasked, toggle: mayReveal ? { href: "/home?showId=1", text: "显示完整号码" } : undefined };
  return {
    title: `${graduate.name}，您好`,
    facts: [
      idFact,
      { label: "手机号", value: graduate.phone },
      { label: "毕业院校", value: graduate.college.name },
      { label: "学历层次", value: graduate.schoolLevel },
      { label: "毕业日期", value: chinaDate(graduate.graduationDate) },
      { label: "就业状态", value: graduate.status === "placed" ? "已就业" : "求职中" },
    ],
    kpis: [
      { label: "我的申请", value: graduate.applications.length },
      { label: "补贴申请", value: graduate.claims.length },
    ],
    lists: [
      {
        title: "我的申请",
        empty: "您还没有投递申请",
        rows: graduate.applications.map((a) => {
          const target = a.job ?? a.order;
          return {
            text: `${target?.title ?? "—"} · ${target?.enterprise.name ?? ""}`,
            note: APPLICATION_STATUS_LABELS[a.status as keyof typeof APPLICATION_STATUS_LABELS] ?? a.status,
          };
        }),
      },
      {
        title: "我的补贴",
        empty: "暂无补贴记录",
        rows: graduate.claims.map((c) => ({
          text: c.kind === "tuition" ? "学费补贴" : "生活补贴",
          note: `${CLAIM_STATUS_LABELS[c.status] ?? c.status} · ${formatYuan(c.amountFen)}`,
        })),
      },
    ],
  };
}

/** The home page of the principal's role, with figures from their own scope only. */
export function getHomeData(p: Principal, { revealIdNumber = false }: { revealIdNumber?: boolean } = {}): Promise<HomeData> {
  switch (p.role) {
    case "province":
      return provinceHome();
    case "park":
      return parkHome(p);
    case "college":
      return collegeHome(p);
    case "enterprise":
      return enterpriseHome(p);
    case "bureau":
      return bureauHome(p);
    case "graduate":
      return graduateHome(p, revealIdNumber);
  }
}
