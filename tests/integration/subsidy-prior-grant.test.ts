import { beforeAll, describe, expect, it } from "vitest";
import { evaluatePlacement, grantKeyOf } from "~/services/subsidy/claims.server";
import { prisma } from "~/utils/db.server";
import { buildSubsidyRegistry, createPlacement, createProtectedGraduate, createSubsidyPolicy } from "./subsidy-fixtures";

/**
 * The one-subsidy-per-person rule (product.md §5.1) through the evaluator (issue 21, item 3):
 * a subsidy granted on an earlier placement makes the next placement ineligible for that
 * kind; the placement's own grant, a rejected claim and the other kind do not count.
 */
let registry: Awaited<ReturnType<typeof buildSubsidyRegistry>>;
let policyId = 0;

beforeAll(async () => {
  registry = await buildSubsidyRegistry();
  policyId = (await createSubsidyPolicy(1, "2020-01-01")).id;
});

async function claimOn(placement: { id: number; graduateId: number }, kind: "tuition" | "living", status: "paid" | "rejected", idNumberHash: string) {
  return prisma.subsidyClaim.create({
    data: {
      graduateId: placement.graduateId,
      placementId: placement.id,
      kind,
      origin: "automatic",
      status,
      amountFen: kind === "tuition" ? 300_000 : 300_000,
      bureauId: registry.sites[0].bureau.id,
      policyVersionId: policyId,
      evaluation: "{}",
      grantKey: status === "paid" ? grantKeyOf(idNumberHash, kind) : null,
      ...(status === "paid" ? { approvedAt: new Date("2026-08-01T02:00:00Z"), paidAt: new Date("2026-08-20T02:00:00Z") } : { rejectReason: "材料不全" }),
    },
  });
}

describe("a subsidy granted on another placement", () => {
  it("makes the next placement ineligible for that kind only, with the rule's reason", async () => {
    const { graduate } = await createProtectedGraduate(registry.college.id, { graduationDate: "2026-06-30" });
    const first = await createPlacement(graduate.id, registry.sites[0].enterprise.id, { startDate: "2026-07-01", endedOn: "2026-10-31", insuredMonths: 4 });
    await claimOn(first, "living", "paid", graduate.idNumberHash);
    await claimOn(first, "tuition", "rejected", graduate.idNumberHash);
    const second = await createPlacement(graduate.id, registry.sites[1].enterprise.id, { startDate: "2026-11-02", insuredMonths: 4 });

    const next = await evaluatePlacement(second.id);
    expect([next.facts.priorLivingSubsidy, next.facts.priorTuitionSubsidy]).toEqual([true, false]);
    expect(next.evaluation.living).toMatchObject({ eligible: false, amountFen: 0 });
    expect(next.evaluation.tuition).toEqual({ eligible: true, amountFen: 300_000 });
    const failed = next.evaluation.rules.filter((r) => !r.passed);
    expect(failed.map((r) => [r.rule, r.detail, r.appliesTo])).toEqual([["no_prior_living", "已享受过生活补贴（每人限享受一次）", ["living"]]]);

    // The placement that holds the grant is not its own "prior" grant: re-evaluating it keeps it eligible.
    const own = await evaluatePlacement(first.id);
    expect([own.facts.priorLivingSubsidy, own.facts.priorTuitionSubsidy]).toEqual([false, false]);
  });

  it("is another person's grant only when the identity number differs", async () => {
    const a = await createProtectedGraduate(registry.college.id);
    const b = await createProtectedGraduate(registry.college.id);
    const aPlacement = await createPlacement(a.graduate.id, registry.sites[0].enterprise.id, { startDate: "2026-07-01", endedOn: "2026-09-30" });
    await claimOn(aPlacement, "tuition", "paid", a.graduate.idNumberHash);
    const bPlacement = await createPlacement(b.graduate.id, registry.sites[0].enterprise.id, { startDate: "2026-08-03" });
    const evaluated = await evaluatePlacement(bPlacement.id);
    expect([evaluated.facts.priorTuitionSubsidy, evaluated.facts.priorLivingSubsidy]).toEqual([false, false]);
    expect(evaluated.evaluation.tuition.eligible).toBe(true);
  });
});
