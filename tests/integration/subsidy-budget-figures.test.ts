import { beforeAll, describe, expect, it } from "vitest";
import { getBureauBudget } from "~/services/subsidy/budget.server";
import { principalOfAccount, type Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { buildRegistry, createAccount, createGraduate } from "./fixtures";

/**
 * The figures of a bureau's yearly budget page (product.md §5.1: approval reserves budget,
 * a budget can never be exceeded): per funding source the allocation, what approved claims
 * reserved, what has been paid and what is left, and their totals — integer fen. Survivors
 * of the money area's mutation run (ADR 143): no test read these figures.
 */

let bureau: Principal;
let registry: Awaited<ReturnType<typeof buildRegistry>>;

beforeAll(async () => {
  registry = await buildRegistry();
  const account = await createAccount("budget-figures", "bureau", { bureauId: registry.bureau.id });
  bureau = (await principalOfAccount(account.id))!;
  const budget = await prisma.bureauBudget.create({ data: { bureauId: registry.bureau.id, year: 2026 } });
  const employment = await prisma.budgetAllocation.create({ data: { budgetId: budget.id, source: "employment_subsidy", amountFen: 1_000_000n, reservedFen: 350_000n } });
  await prisma.budgetAllocation.create({ data: { budgetId: budget.id, source: "unemployment_insurance", amountFen: 500_000n, reservedFen: 0n } });
  await prisma.bureauBudget.create({ data: { bureauId: registry.bureau.id, year: 2025 } });
  // Two paid claims and one approved (reserved, not paid) on the employment-subsidy allocation.
  const policy = await prisma.policyVersion.create({ data: { kind: "subsidy", version: 901, effectiveFrom: new Date("2025-01-01"), data: "{}" } });
  for (const [i, [status, amountFen]] of ([["paid", 300_000], ["paid", 20_000], ["approved", 30_000]] as const).entries()) {
    const graduate = await createGraduate(registry.college.id, `预算${i}`);
    const placement = await prisma.placement.create({
      data: { graduateId: graduate.id, enterpriseId: registry.enterprise.id, startDate: new Date("2025-07-01"), monthlyWageFen: 500_000, majorRelevant: true, inProvincePark: true },
    });
    await prisma.subsidyClaim.create({
      data: {
        graduateId: graduate.id, placementId: placement.id, kind: "tuition", origin: "automatic", status, amountFen,
        bureauId: registry.bureau.id, policyVersionId: policy.id, evaluation: "{}", budgetAllocationId: employment.id,
      },
    });
  }
});

describe("a bureau's budget for a year", () => {
  it("gives each funding source its allocation, reservation, payments and what is left, and the totals", async () => {
    const budget = await getBureauBudget({ principal: bureau, year: 2026 });
    expect(budget.years).toEqual([2026, 2025]);
    expect(budget.rows.map((r) => ({ source: r.source, label: r.label, amountFen: r.amountFen, reservedFen: r.reservedFen, paidFen: r.paidFen, paidCount: r.paidCount, leftFen: r.leftFen }))).toEqual([
      { source: "employment_subsidy", label: "就业补助资金", amountFen: 1_000_000, reservedFen: 350_000, paidFen: 320_000, paidCount: 2, leftFen: 650_000 },
      { source: "unemployment_insurance", label: "失业保险基金", amountFen: 500_000, reservedFen: 0, paidFen: 0, paidCount: 0, leftFen: 500_000 },
    ]);
    expect(budget.total).toEqual({ amountFen: 1_500_000, reservedFen: 350_000, paidFen: 320_000, leftFen: 1_150_000 });
  });

  it("is empty for a year without a budget", async () => {
    const budget = await getBureauBudget({ principal: bureau, year: 2024 });
    expect(budget.rows).toEqual([]);
    expect(budget.total).toEqual({ amountFen: 0, reservedFen: 0, paidFen: 0, leftFen: 0 });
  });
});
