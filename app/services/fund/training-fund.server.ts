import { fenOf } from "~/domain/money";
import { z } from "zod";
import { computeTrainingFund, type FundComputation, type FundPolicy } from "~/domain/fund/compute";
import { formatFraction, formatPercent, parseDecimal, parseRatio } from "~/domain/fund/decimal";
import { type PayrollParts, checkPayrollParts, PAYROLL_PARTS, withAdjustments } from "~/domain/fund/payroll";
import type { Principal } from "~/utils/principal.server";
import { editableEnterpriseScope, fundAllocationScope, payrollDeclarationScope, requireRole } from "~/utils/scopes.server";
import { type Prisma, prisma } from "~/utils/db.server";
import { containsText } from "~/utils/sql.server";
import { AppError, conflict, notFound } from "~/utils/errors.server";
import { QUEUES, enqueueOrDefer } from "~/utils/queue.server";
import { policyInForce } from "~/utils/policy.server";
import { TRAINING_FUND_POLICY_KIND, TrainingFundPolicySchema, type UnpairedRule } from "~/domain/fund/policy";
import { PAGE_SIZE, pageCount } from "~/utils/list-query";
import { RECIPIENT_LABELS, type FundRecipient } from "~/domain/fund/settlement";

export { TRAINING_FUND_POLICY_KIND } from "~/domain/fund/policy";

// ───── Policy ─────

export type TrainingFundPolicy = FundPolicy & {
  policyVersionId: number;
  version: number;
  effectiveFrom: Date;
  /** Months after a statement at which its lines fall due (default 3). */
  dueMonths: number;
  /** The share of an enterprise whose park has no current pairing (default: a province pool). */
  unpairedRule: UnpairedRule;
};

/** The training-fund policy (rate, share ratio) in force on a date. */
export async function trainingFundPolicyOn(on: Date): Promise<TrainingFundPolicy> {
  const row = await policyInForce({ kind: TRAINING_FUND_POLICY_KIND, on });
  if (!row) {
    throw new AppError({
      status: 409,
      code: "no_policy",
      message: `${on.toISOString().slice(0, 10)} 没有生效的培训经费政策，请省园区办先设置政策参数`,
    });
  }
  return readPolicy(row);
}

/** One stored version of the training-fund policy (a run keeps the version it was asked for). */
export async function trainingFundPolicyVersion(id: number): Promise<TrainingFundPolicy> {
  const row = await prisma.policyVersion.findFirstOrThrow({
    where: { id, kind: TRAINING_FUND_POLICY_KIND },
    select: { id: true, version: true, effectiveFrom: true, data: true },
  });
  return readPolicy({ ...row, data: JSON.parse(row.data) as unknown });
}

function readPolicy(row: { id: number; version: number; effectiveFrom: Date; data: unknown }): TrainingFundPolicy {
  const data = TrainingFundPolicySchema.safeParse(row.data);
  const rate = data.success ? parseRatio(data.data.rate) : null;
  const shareRatio = data.success ? parseRatio(data.data.shareRatio) : null;
  if (!data.success || !rate?.ok || !shareRatio?.ok) {
    throw new AppError({ status: 500, code: "bad_policy", message: `培训经费政策第 ${row.version} 版的参数无效` });
  }
  return {
    policyVersionId: row.id,
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    rate: rate.value,
    shareRatio: shareRatio.value,
    dueMonths: data.data.dueMonths,
    unpairedRule: data.data.unpairedRule,
  };
}

/** A year's computation uses the policy in force on the year's last day, when its payroll is complete. */
export function policyDateForYear(year: number): Date {
  return new Date(Date.UTC(year, 11, 31));
}

export function describePolicy(policy: TrainingFundPolicy) {
  return {
    version: policy.version,
    effectiveFrom: policy.effectiveFrom.toISOString().slice(0, 10),
    rate: formatFraction(policy.rate),
    shareRatio: formatFraction(policy.shareRatio),
    ratePercent: formatPercent(policy.rate),
    shareRatioPercent: formatPercent(policy.shareRatio),
    dueMonths: policy.dueMonths,
    unpairedRule: policy.unpairedRule,
  };
}

// ───── Dry run (POST /api/v1/training-fund/compute) ─────

const integer = (field: string, label: string) =>
  z
    .number({ error: `${field}：${label}应为整数` })
    .int({ error: `${field}：${label}应为整数` })
    .min(0, { error: `${field}：${label}不能为负数` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${field}：${label}过大` });

const DryRunSchema = z.object({
  payrollFen: integer("payrollFen", "工资总额（分）"),
  rate: z.string({ error: "rate：提取比例应为小数字符串，例如 \"0.025\"" }).optional(),
  shareRatio: z.string({ error: "shareRatio：院校分成比例应为小数字符串，例如 \"0.2\"" }).optional(),
  colleges: z
    .array(
      z.object({
        code: z
          .string({ error: "学校标识码应为10位数字字符串" })
          .regex(/^\d{10}$/, { error: "学校标识码应为10位数字" }),
        placements: integer("placements", "就业人数"),
      }),
      { error: "colleges：应为院校数组" },
    )
    .max(1000, { error: "colleges：院校不能超过 1000 所" }),
});

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => (typeof key === "number" ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), "");
}

function ratioOrDefault(text: string | undefined, field: "rate" | "shareRatio", label: string) {
  if (text === undefined) return null;
  const parsed = parseDecimal(text);
  if (!parsed.ok) throw new AppError({ code: "invalid", field, message: `${field}：${label}${parsed.reason}` });
  const ratio = parseRatio(text);
  if (!ratio.ok) throw new AppError({ code: "invalid", field, message: `${field}：${label}${ratio.reason}` });
  return ratio.value;
}

/**
 * Computes fee, share and allocations for a body sent to the API, without storing
 * anything. Rates missing from the body come from the policy in force on `on`.
 */
export async function dryRunTrainingFund({ body, on }: { body: unknown; on: Date }): Promise<FundComputation> {
  const parsed = DryRunSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fieldName(issue.path) || "body";
    const message = issue.path.length === 0 ? "请求体应为 JSON 对象：payrollFen、rate、shareRatio、colleges" : issue.message;
    throw new AppError({ code: "invalid", field, message: message.startsWith(field) ? message : `${field}：${message}` });
  }
  const { payrollFen, colleges } = parsed.data;
  const rate = ratioOrDefault(parsed.data.rate, "rate", "提取比例");
  const shareRatio = ratioOrDefault(parsed.data.shareRatio, "shareRatio", "院校分成比例");
  const seen = new Set<string>();
  colleges.forEach((college, index) => {
    if (seen.has(college.code)) {
      throw new AppError({
        code: "invalid",
        field: `colleges[${index}].code`,
        message: `colleges[${index}].code：学校标识码 ${college.code} 重复`,
      });
    }
    seen.add(college.code);
  });
  const inForce = rate && shareRatio ? null : await trainingFundPolicyOn(on);
  const policy = { rate: rate ?? inForce!.rate, shareRatio: shareRatio ?? inForce!.shareRatio };
  return computeTrainingFund({ payrollFen, policy, colleges });
}

// ───── Payroll declarations ─────

export type PayrollVersion = {
  id: number;
  version: number;
  payrollFen: number;
  parts: PayrollParts;
  declaredBy: string | null;
  createdAt: Date;
  adjustmentFen: number | null;
};

const PartsSchema = z.partialRecord(z.enum(PAYROLL_PARTS), z.number().int().min(0));

function readParts(json: string | null): PayrollParts {
  if (!json) return {};
  const parsed = PartsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : {};
}

/**
 * Declares an enterprise's 工资总额 for a year. A correction is a new version; the
 * earlier versions stay as they were, and each shows its adjustment.
 */
export async function declarePayroll(input: {
  principal: Principal;
  enterpriseId: number;
  year: number;
  payrollFen: number;
  parts: PayrollParts;
}) {
  const { principal, enterpriseId, year, payrollFen, parts } = input;
  const enterprise = await prisma.enterprise.findFirst({
    where: { AND: [{ id: enterpriseId }, editableEnterpriseScope(principal)] },
    select: { id: true },
  });
  if (!enterprise) throw notFound("企业");
  const problem = checkPayrollParts(payrollFen, parts);
  if (problem) throw new AppError({ code: "invalid", field: "payroll", message: problem });
  const partsJson = Object.keys(parts).length > 0 ? JSON.stringify(parts) : null;
  try {
    return await prisma.$transaction(async (tx) => {
      const last = await tx.payrollDeclaration.findFirst({
        where: { enterpriseId, year },
        orderBy: { version: "desc" },
        select: { version: true, payrollFen: true, parts: true },
      });
      if (last && fenOf(last.payrollFen) === payrollFen && last.parts === partsJson) {
        throw new AppError({ code: "unchanged", field: "payroll", message: `与 ${year} 年度当前申报（第 ${last.version} 版）相同，无需更正` });
      }
      return tx.payrollDeclaration.create({
        data: { enterpriseId, year, version: (last?.version ?? 0) + 1, payrollFen, parts: partsJson, declaredById: principal.accountId },
        select: { id: true, version: true },
      });
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw conflict("该年度申报刚被他人更正，请刷新后重试");
    }
    throw error;
  }
}

/** Every version of an enterprise's declaration for a year, oldest first, with adjustments. */
export async function listPayrollVersions(input: {
  principal: Principal;
  enterpriseId: number;
  year: number;
}): Promise<PayrollVersion[]> {
  const rows = await prisma.payrollDeclaration.findMany({
    where: { AND: [{ enterpriseId: input.enterpriseId, year: input.year }, payrollDeclarationScope(input.principal)] },
    orderBy: { version: "asc" },
    select: { id: true, version: true, payrollFen: true, parts: true, createdAt: true, declaredBy: { select: { displayName: true } } },
  });
  return withAdjustments(
    rows.map((r) => ({
      id: r.id,
      version: r.version,
      payrollFen: fenOf(r.payrollFen),
      parts: readParts(r.parts),
      declaredBy: r.declaredBy?.displayName ?? null,
      createdAt: r.createdAt,
    })),
  );
}

// ───── Yearly runs ─────

const runSelect = {
  id: true,
  year: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  totalEnterprises: true,
  doneEnterprises: true,
  unpairedEnterprises: true,
  error: true,
  policyVersion: { select: { version: true, data: true } },
} satisfies Prisma.FundRunSelect;

/** The finished run whose allocations are the year's statements: the one that finished last. */
export async function currentFundRun(year: number) {
  return prisma.fundRun.findFirst({
    where: { year, status: "done" },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    select: runSelect,
  });
}

/** Recent runs, newest first, with their progress. */
export async function listFundRuns({ take = 10 }: { take?: number } = {}) {
  return prisma.fundRun.findMany({ orderBy: [{ startedAt: "desc" }, { id: "desc" }], take, select: runSelect });
}

/**
 * Asks the worker to compute a year over all enterprises. One run per year and
 * policy version: asking again recomputes that run (after corrections) in place.
 */
export async function requestFundRun({ principal, year }: { principal: Principal; year: number }) {
  requireRole(principal, ["province"], "只有省园区办可以发起年度核算");
  const policy = await trainingFundPolicyOn(policyDateForYear(year));
  const busy = await prisma.fundRun.findFirst({ where: { year, status: { in: ["queued", "running"] } }, select: { id: true } });
  if (busy) throw new AppError({ status: 409, code: "busy", field: "year", message: `${year} 年度正在核算中，请等待完成` });
  const run = await prisma.fundRun.upsert({
    where: { year_policyVersionId: { year, policyVersionId: policy.policyVersionId } },
    create: { year, policyVersionId: policy.policyVersionId, status: "queued" },
    update: { status: "queued", startedAt: new Date(), finishedAt: null, doneEnterprises: 0, error: null },
    select: { id: true },
  });
  // While Redis is down the run waits in the database (PendingJob) and starts once it is back.
  const { deferred } = await enqueueOrDefer({
    queue: QUEUES.trainingFund,
    name: "compute-year",
    data: { runId: run.id },
    jobId: `fund-run-${run.id}-${Date.now()}`,
  });
  return { ...run, deferred };
}

// ───── Statements ─────

export const STATEMENT_SORTS = ["enterprise", "college", "amount"] as const;
export type StatementSort = (typeof STATEMENT_SORTS)[number];

const ORDER_BY: Record<StatementSort, Prisma.FundAllocationOrderByWithRelationInput[]> = {
  enterprise: [{ enterprise: { nameSort: "asc" } }, { college: { schoolCode: "asc" } }],
  college: [{ college: { schoolCode: "asc" } }, { enterprise: { nameSort: "asc" } }],
  amount: [{ amountFen: "desc" }, { enterprise: { nameSort: "asc" } }, { college: { schoolCode: "asc" } }],
};

const allocationSelect = {
  id: true,
  year: true,
  feeFen: true,
  shareFen: true,
  amountFen: true,
  placements: true,
  declarationId: true,
  recipient: true,
  collegeId: true,
  enterprise: { select: { id: true, name: true, creditCode: true, park: { select: { id: true, name: true } } } },
  college: { select: { id: true, schoolCode: true, name: true } },
} satisfies Prisma.FundAllocationSelect;

type AllocationRow = Prisma.FundAllocationGetPayload<{ select: typeof allocationSelect }>;
type AllocationWithNames = Omit<AllocationRow, "feeFen" | "shareFen" | "amountFen"> & { feeFen: number; shareFen: number; amountFen: number };

/** The statement row with its BIGINT amounts as numbers (ADR 101). */
function allocationInNumbers(r: AllocationRow): AllocationWithNames {
  return { ...r, feeFen: fenOf(r.feeFen), shareFen: fenOf(r.shareFen), amountFen: fenOf(r.amountFen) };
}

export type StatementFilter = {
  principal: Principal;
  year: number;
  /** Part of an enterprise's or a college's name. */
  q?: string;
  enterpriseId?: number;
  sort: StatementSort;
};

function statementWhere(runId: number, filter: StatementFilter): Prisma.FundAllocationWhereInput {
  const q = filter.q?.trim();
  return {
    AND: [
      { runId },
      fundAllocationScope(filter.principal),
      filter.enterpriseId ? { enterpriseId: filter.enterpriseId } : {},
      q ? { OR: [{ enterprise: { name: containsText(q) } }, { college: { name: containsText(q) } }] } : {},
    ],
  };
}

/**
 * The year's allocations the principal may see: for an enterprise what it owes to
 * whom (payable), for a college what it receives from whom (receivable).
 */
export async function listFundAllocations(filter: StatementFilter & { page?: number; all?: boolean }) {
  const run = await currentFundRun(filter.year);
  if (!run) return { run: null, rows: [] as AllocationWithNames[], count: 0, totalFen: 0, page: 1, pages: 1 };
  const where = statementWhere(run.id, filter);
  const [count, sum] = await Promise.all([
    prisma.fundAllocation.count({ where }),
    prisma.fundAllocation.aggregate({ where, _sum: { amountFen: true } }),
  ]);
  const pages = pageCount(count);
  const page = Math.min(Math.max(1, filter.page ?? 1), pages);
  const rows = await prisma.fundAllocation.findMany({
    where,
    orderBy: ORDER_BY[filter.sort],
    select: allocationSelect,
    ...(filter.all ? {} : { skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  });
  return { run, rows: rows.map(allocationInNumbers), count, totalFen: fenOf(sum._sum.amountFen ?? 0), page, pages };
}

export type FundTotal = { key: string; name: string; parent: string; enterprises: number; feeFen: number; shareFen: number };
export const TOTAL_DIMENSIONS = ["city", "park", "college"] as const;
export type TotalDimension = (typeof TOTAL_DIMENSIONS)[number];

/**
 * Totals of the year's finished run within the principal's scope, per city, park
 * or receiving college, largest share first. An enterprise's fee counts once per
 * city or park; per college only the part that college receives is summed.
 */
export async function fundTotals(input: { principal: Principal; year: number; by: TotalDimension; q?: string; page?: number }) {
  const { run, rows } = await allFundTotals(input);
  const q = input.q?.trim();
  const matching = q ? rows.filter((r) => r.name.includes(q)) : rows;
  const sum = matching.reduce(
    (total, r) => ({ enterprises: total.enterprises + r.enterprises, feeFen: total.feeFen + r.feeFen, shareFen: total.shareFen + r.shareFen }),
    { enterprises: 0, feeFen: 0, shareFen: 0 },
  );
  const pages = pageCount(matching.length);
  const page = Math.min(Math.max(1, input.page ?? 1), pages);
  const shown = input.page === undefined ? matching : matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return { run, rows: shown, count: matching.length, sum, page, pages };
}

async function allFundTotals(input: { principal: Principal; year: number; by: TotalDimension }) {
  const run = await currentFundRun(input.year);
  if (!run) return { run: null, rows: [] as FundTotal[] };
  const where = { AND: [{ runId: run.id }, fundAllocationScope(input.principal)] };
  if (input.by === "college") {
    const groups = await prisma.fundAllocation.groupBy({
      by: ["collegeId"],
      where,
      _sum: { amountFen: true },
      _count: { enterpriseId: true },
    });
    const colleges = await prisma.college.findMany({
      where: { id: { in: groups.flatMap((g) => (g.collegeId === null ? [] : [g.collegeId])) } },
      select: { id: true, name: true, schoolCode: true },
    });
    const byId = new Map(colleges.map((c) => [c.id, c]));
    // Pool lines (no college) are totalled per pool, shown beside the colleges, never dropped.
    const pools = await prisma.fundAllocation.groupBy({
      by: ["recipient"],
      where: { AND: [where, { collegeId: null }] },
      _sum: { amountFen: true },
      _count: { enterpriseId: true },
    });
    const rows = groups
      .filter((g) => g.collegeId !== null)
      .map((g) => ({
        key: byId.get(g.collegeId!)!.schoolCode,
        name: byId.get(g.collegeId!)!.name,
        parent: byId.get(g.collegeId!)!.schoolCode,
        enterprises: g._count.enterpriseId,
        feeFen: 0,
        shareFen: fenOf(g._sum.amountFen ?? 0),
      }))
      .concat(
        pools.map((p) => ({
          key: p.recipient,
          name: RECIPIENT_LABELS[p.recipient as FundRecipient] ?? p.recipient,
          parent: "—",
          enterprises: p._count.enterpriseId,
          feeFen: 0,
          shareFen: fenOf(p._sum.amountFen ?? 0),
        })),
      );
    return { run, rows: rows.sort(byShareThenName) };
  }
  const perEnterprise = await prisma.fundAllocation.groupBy({
    by: ["enterpriseId"],
    where,
    _max: { feeFen: true, shareFen: true },
  });
  const enterprises = await prisma.enterprise.findMany({
    where: { id: { in: perEnterprise.map((g) => g.enterpriseId) } },
    select: { id: true, park: { select: { id: true, name: true, city: { select: { code: true, name: true } } } } },
  });
  const parkOf = new Map(enterprises.map((e) => [e.id, e.park]));
  const totals = new Map<string, FundTotal>();
  for (const g of perEnterprise) {
    const park = parkOf.get(g.enterpriseId)!;
    const [key, name, parent] =
      input.by === "city" ? [park.city.code, park.city.name, "江西省"] : [String(park.id), park.name, park.city.name];
    const total = totals.get(key) ?? { key, name, parent, enterprises: 0, feeFen: 0, shareFen: 0 };
    total.enterprises += 1;
    total.feeFen += fenOf(g._max.feeFen ?? 0);
    total.shareFen += fenOf(g._max.shareFen ?? 0);
    totals.set(key, total);
  }
  return { run, rows: [...totals.values()].sort(byShareThenName) };
}

function byShareThenName(a: FundTotal, b: FundTotal) {
  return b.shareFen - a.shareFen || a.name.localeCompare(b.name, "zh-CN");
}

/** An enterprise's own statement for a year: its declarations, what it owes, and to whom. */
export async function enterpriseFundStatement(input: { principal: Principal; enterpriseId: number; year: number }) {
  const versions = await listPayrollVersions(input);
  const latest = versions.at(-1) ?? null;
  const policy = await trainingFundPolicyOn(policyDateForYear(input.year)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "no_policy") return null;
    throw error;
  });
  const estimate = latest && policy ? computeTrainingFund({ payrollFen: latest.payrollFen, policy, colleges: [] }) : null;
  const { run, rows } = await listFundAllocations({
    principal: input.principal,
    year: input.year,
    enterpriseId: input.enterpriseId,
    sort: "college",
    all: true,
  });
  const usedDeclarationId = rows[0]?.declarationId ?? null;
  return {
    versions,
    policy: policy ? describePolicy(policy) : null,
    estimate: estimate ? { feeFen: estimate.feeFen, shareFen: estimate.shareFen } : null,
    run,
    rows,
    /** The run used an earlier version than the latest: a correction waits for the next run. */
    stale: usedDeclarationId !== null && latest !== null && usedDeclarationId !== latest.id,
  };
}

// ───── Page filters (also used by the exports, so a download has the page's rows) ─────

const currentYear = () => new Date().getUTCFullYear();

const StatementQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).catch(currentYear),
  q: z.string().trim().max(50).catch(""),
  sort: z.enum(STATEMENT_SORTS).catch("enterprise"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type StatementQuery = z.infer<typeof StatementQuerySchema>;

/** Year, search text, sort and page from a statement page's address; anything unreadable falls back to its default. */
export function readStatementQuery(url: URL, defaults: Partial<StatementQuery> = {}): StatementQuery {
  const params = Object.fromEntries(url.searchParams);
  return StatementQuerySchema.parse({ ...defaults, ...params });
}

/** Years the statements can be asked for: from the platform's first year to the current one. */
export function statementYears(): number[] {
  const years: number[] = [];
  for (let y = currentYear(); y >= 2020; y -= 1) years.push(y);
  return years;
}
