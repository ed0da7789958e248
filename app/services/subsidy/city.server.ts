/**
 * A city bureau's view of its counties (product.md §12, issue 18 item 5): per county
 * bureau and for the city bureau itself, the year's budget and its use and the claims
 * by status, with a city total; and the claims list of them all. Read-only: each county
 * bureau decides its own claims and keeps its own budget.
 */
import { CHINA_OFFSET_MS } from "~/domain/china-time";
import { fenOf } from "~/domain/money";
import type { Prisma } from "~/utils/db.server";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { forbidden } from "~/utils/errors.server";
import { actorIdOf, readableBureauScope, readableClaimScope, requireActor } from "~/utils/scopes.server";
import { claimSubjectSelect, subjectOf } from "./claims.server";

import { CITY_CLAIM_STATUSES, type CityClaimStatus } from "~/domain/subsidy/claim-status";
const PAGE_SIZE = 50;

export type BureauFigures = {
  bureauId: number | null;
  name: string;
  level: string;
  budgetFen: number;
  reservedFen: number;
  leftFen: number;
  paidFen: number;
  claims: Record<CityClaimStatus, { count: number; amountFen: number }>;
};

const emptyClaims = () => Object.fromEntries(CITY_CLAIM_STATUSES.map((s) => [s, { count: 0, amountFen: 0 }])) as BureauFigures["claims"];

/** The first instant of a China calendar year, as a UTC Date. */
const chinaYearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS);

/** Whether the principal acts for a city-level bureau (which has the city pages). */
export async function isCityBureau(principal: Principal): Promise<boolean> {
  const bureauId = actorIdOf(principal, "bureau");
  if (!bureauId) return false;
  const bureau = await prisma.bureau.findUnique({ where: { id: bureauId }, select: { level: true } });
  return bureau?.level === "city";
}

/** The city-level bureau of the principal, or 403: county bureaus and other roles have no city view. */
async function requireCityBureau(principal: Principal) {
  const bureauId = requireActor(principal, "bureau", "只有设区市人社局可以查看下辖区县");
  const bureau = await prisma.bureau.findUniqueOrThrow({ where: { id: bureauId }, select: { id: true, name: true, level: true, cityCode: true } });
  if (bureau.level !== "city" || !bureau.cityCode) throw forbidden("只有设区市人社局可以查看下辖区县");
  return bureau;
}

/**
 * Figures of a year per bureau the city bureau may read (itself first, then its counties
 * by name) and the city total: budget, reserved by approved claims, left, paid from that
 * year's budget; claims generated in the year (China time) by status, with amounts.
 */
export async function getCityFigures({ principal, year }: { principal: Principal; year: number }) {
  const own = await requireCityBureau(principal);
  const scope = await readableBureauScope(principal);
  const bureaus = await prisma.bureau.findMany({ where: scope, select: { id: true, name: true, level: true } });
  const ids = bureaus.map((b) => b.id);
  const [allocations, paid, claims, city] = await Promise.all([
    prisma.budgetAllocation.findMany({ where: { budget: { bureauId: { in: ids }, year } }, select: { amountFen: true, reservedFen: true, budget: { select: { bureauId: true } } } }),
    prisma.subsidyClaim.groupBy({ by: ["bureauId"], where: { bureauId: { in: ids }, status: "paid", budgetAllocation: { budget: { year } } }, _sum: { amountFen: true } }),
    prisma.subsidyClaim.groupBy({
      by: ["bureauId", "status"],
      where: { bureauId: { in: ids }, createdAt: { gte: chinaYearStart(year), lt: chinaYearStart(year + 1) } },
      _count: { _all: true },
      _sum: { amountFen: true },
    }),
    prisma.city.findUnique({ where: { code: own.cityCode! }, select: { name: true } }),
  ]);
  const figures = new Map<number, BureauFigures>(
    bureaus.map((b) => [b.id, { bureauId: b.id, name: b.name, level: b.level, budgetFen: 0, reservedFen: 0, leftFen: 0, paidFen: 0, claims: emptyClaims() }]),
  );
  for (const a of allocations) {
    const f = figures.get(a.budget.bureauId)!;
    f.budgetFen += fenOf(a.amountFen);
    f.reservedFen += fenOf(a.reservedFen);
  }
  for (const p of paid) figures.get(p.bureauId)!.paidFen += p._sum.amountFen ?? 0;
  for (const c of claims) {
    const status = c.status as CityClaimStatus;
    const f = figures.get(c.bureauId)!;
    if (f.claims[status]) f.claims[status] = { count: c._count._all, amountFen: c._sum.amountFen ?? 0 };
  }
  const rows = [...figures.values()]
    .map((f) => ({ ...f, leftFen: f.budgetFen - f.reservedFen }))
    .sort((a, b) => (a.bureauId === own.id ? -1 : b.bureauId === own.id ? 1 : a.name.localeCompare(b.name, "zh")));
  const total: BureauFigures = { bureauId: null, name: `${city?.name ?? own.cityCode}合计`, level: "city_total", budgetFen: 0, reservedFen: 0, leftFen: 0, paidFen: 0, claims: emptyClaims() };
  for (const r of rows) {
    total.budgetFen += r.budgetFen;
    total.reservedFen += r.reservedFen;
    total.leftFen += r.leftFen;
    total.paidFen += r.paidFen;
    for (const s of CITY_CLAIM_STATUSES) {
      total.claims[s] = { count: total.claims[s].count + r.claims[s].count, amountFen: total.claims[s].amountFen + r.claims[s].amountFen };
    }
  }
  return { bureau: { id: own.id, name: own.name }, cityName: city?.name ?? own.cityCode!, year, rows, total };
}

/** The claims of the city's bureaus (newest first, 50 a page), optionally of one bureau and one status. */
export async function listCityClaims({ principal, bureauId, status, page }: { principal: Principal; bureauId?: number; status?: CityClaimStatus; page: number }) {
  await requireCityBureau(principal);
  const where: Prisma.SubsidyClaimWhereInput = { AND: [await readableClaimScope(principal), { bureauId, status }] };
  const [rows, total] = await Promise.all([
    prisma.subsidyClaim.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        status: true,
        amountFen: true,
        createdAt: true,
        bureau: { select: { name: true } },
        ...claimSubjectSelect,
      },
    }),
    prisma.subsidyClaim.count({ where }),
  ]);
  // A graduate's claim or an enterprise's worker-training claim (ADR 160), shown alike.
  return { rows: rows.map(({ graduate, placement, workerTrainee, ...r }) => ({ ...r, subject: subjectOf({ graduate, placement, workerTrainee }) })), total, page, pageSize: PAGE_SIZE };
}
