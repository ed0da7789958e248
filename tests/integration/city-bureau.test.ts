import { beforeAll, describe, expect, it } from "vitest";
import { loader as cityLoader } from "~/routes/bureau.city";
import { loader as claimLoader } from "~/routes/subsidies.claims.$claimId";
import { createApiToken } from "~/services/accounts/api-tokens.server";
import { getClaim } from "~/services/subsidy/claims.server";
import { getCityFigures, isCityBureau, listCityClaims } from "~/services/subsidy/city.server";
import { navigationOf } from "~/utils/navigation";
import { approveClaims } from "~/services/subsidy/review.server";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { createAccount, refusal } from "./fixtures";
import { buildSubsidyRegistry, createPlacement, createProtectedGraduate, createSubsidyPolicy, fundBureau, principalOf } from "./subsidy-fixtures";

/**
 * Issue 18 item 5 (product.md §12): a city bureau sees its counties' claims, budgets and
 * figures, with a city total, read-only (each county bureau decides its own claims); a
 * county bureau has no city view and sees only its own claims.
 */
let registry: Awaited<ReturnType<typeof buildSubsidyRegistry>>;
let city: Principal;
let county: Principal;
let cityToken = "";
let countyToken = "";
const claims: Record<string, number> = {};

beforeAll(async () => {
  registry = await buildSubsidyRegistry();
  const policy = await createSubsidyPolicy(1, "2024-01-01");
  const nanchang = await prisma.bureau.create({ data: { name: "南昌市人力资源和社会保障局", level: "city", cityCode: "360100" } });
  // Another city with its own county bureau: never in 南昌's view.
  await prisma.city.create({ data: { code: "360400", name: "九江市", lng: 116, lat: 29.7 } });
  await prisma.county.create({ data: { code: "360402", name: "濂溪区", cityCode: "360400" } });
  const jiujiang = await prisma.bureau.create({ data: { name: "濂溪区人力资源和社会保障局", level: "county", countyCode: "360402" } });
  const cityAccount = await createAccount("city-officer", "bureau", { bureauId: nanchang.id });
  city = await principalOf(cityAccount.id);
  county = await principalOf(registry.sites[0].officer.id);
  cityToken = (await createApiToken({ accountId: cityAccount.id, name: "市局" })).token;
  countyToken = (await createApiToken({ accountId: registry.sites[0].officer.id, name: "县局" })).token;

  const [a, b] = registry.sites;
  await fundBureau(a.bureau.id, 2026, { employment_subsidy: 1_000_000 });
  await fundBureau(b.bureau.id, 2026, { employment_subsidy: 500_000, unemployment_insurance: 200_000 });
  const allocationOf = (bureauId: number) => prisma.budgetAllocation.findFirstOrThrow({ where: { budget: { bureauId, year: 2026 }, source: "employment_subsidy" } });
  const claim = async (label: string, bureauId: number, enterpriseId: number, status: string, amountFen: number, allocationId: number | null = null) => {
    const { graduate } = await createProtectedGraduate(registry.college.id, { name: label });
    const placement = await createPlacement(graduate.id, enterpriseId);
    const row = await prisma.subsidyClaim.create({
      data: {
        graduateId: graduate.id, placementId: placement.id, kind: "tuition", origin: "automatic", status, amountFen, bureauId, policyVersionId: policy.id, evaluation: "{}",
        budgetAllocationId: allocationId, createdAt: new Date("2026-08-01T02:00:00Z"),
      },
    });
    claims[label] = row.id;
  };
  const allocationA = await allocationOf(a.bureau.id);
  const allocationB = await allocationOf(b.bureau.id);
  await claim("县甲待审", a.bureau.id, a.enterprise.id, "pending_review", 300_000);
  await claim("县甲已批", a.bureau.id, a.enterprise.id, "approved", 300_000, allocationA.id);
  await claim("县乙已发", b.bureau.id, b.enterprise.id, "paid", 200_000, allocationB.id);
  await claim("县乙驳回", b.bureau.id, b.enterprise.id, "rejected", 200_000);
  await claim("九江待审", jiujiang.id, b.enterprise.id, "pending_review", 300_000);
  await prisma.budgetAllocation.update({ where: { id: allocationA.id }, data: { reservedFen: 300_000 } });
  await prisma.budgetAllocation.update({ where: { id: allocationB.id }, data: { reservedFen: 200_000 } });
});

describe("a city bureau's view of its counties", () => {
  it("shows each county bureau's budget and claims of the year, itself first, and the city total", async () => {
    const figures = await getCityFigures({ principal: city, year: 2026 });
    expect(figures.rows.map((r) => r.name)).toEqual(["南昌市人力资源和社会保障局", "南昌县人力资源和社会保障局", "青云谱区人力资源和社会保障局"]);
    const [own, a, b] = figures.rows;
    expect(own).toMatchObject({ budgetFen: 0, reservedFen: 0, paidFen: 0 });
    expect(a).toMatchObject({ budgetFen: 1_000_000, reservedFen: 300_000, leftFen: 700_000, paidFen: 0 });
    expect(a!.claims.pending_review).toEqual({ count: 1, amountFen: 300_000 });
    expect(a!.claims.approved).toEqual({ count: 1, amountFen: 300_000 });
    expect(b).toMatchObject({ budgetFen: 700_000, reservedFen: 200_000, leftFen: 500_000, paidFen: 200_000 });
    expect(b!.claims.paid).toEqual({ count: 1, amountFen: 200_000 });
    expect(b!.claims.rejected).toEqual({ count: 1, amountFen: 200_000 });
    // 九江's claim is in no row and not in the total.
    expect(figures.total).toMatchObject({ name: "南昌市合计", budgetFen: 1_700_000, reservedFen: 500_000, leftFen: 1_200_000, paidFen: 200_000 });
    expect(figures.total.claims.pending_review).toEqual({ count: 1, amountFen: 300_000 });
    expect((await getCityFigures({ principal: city, year: 2025 })).total).toMatchObject({ budgetFen: 0, paidFen: 0 });
  });

  it("lists every county's claims, filtered by bureau and status, never another city's", async () => {
    const all = await listCityClaims({ principal: city, page: 1 });
    expect(all.rows.map((r) => r.subject.name).sort()).toEqual(["县乙已发", "县乙驳回", "县甲已批", "县甲待审"].sort());
    const one = await listCityClaims({ principal: city, bureauId: registry.sites[1].bureau.id, status: "paid", page: 1 });
    expect(one.rows.map((r) => r.subject.name)).toEqual(["县乙已发"]);
    // Naming another city's bureau selects nothing.
    const other = await prisma.bureau.findFirstOrThrow({ where: { name: "濂溪区人力资源和社会保障局" } });
    expect((await listCityClaims({ principal: city, bureauId: other.id, page: 1 })).total).toBe(0);
  });

  it("opens a county's claim read-only: no review form, and approving is refused", async () => {
    const id = claims["县甲待审"]!;
    expect((await getClaim({ principal: city, claimId: id })).graduate?.idNumber).toMatch(/\*/);
    const page = (await claimLoader({ request: new Request(`http://app/subsidies/claims/${id}`, { headers: { Authorization: `Bearer ${cityToken}` } }), params: { claimId: String(id) }, context: {} })) as Response;
    expect(await page.json()).toMatchObject({ role: "bureau", decides: false });
    const outcome = await approveClaims({ principal: city, claimIds: [id], source: "employment_subsidy" });
    expect(outcome.done).toEqual([]);
    expect(outcome.failed).toHaveLength(1);
    expect((await prisma.subsidyClaim.findUniqueOrThrow({ where: { id } })).status).toBe("pending_review");
    expect((await refusal(getClaim({ principal: city, claimId: claims["九江待审"]! }))).status).toBe(404);
  });

  it("the page answers the city bureau and refuses a county bureau, which keeps its own claims only", async () => {
    const get = (token: string) => cityLoader({ request: new Request("http://app/bureau/city?year=2026", { headers: { Authorization: `Bearer ${token}` } }), params: {}, context: {} });
    const ok = (await get(cityToken)) as Response;
    expect(ok.status).toBe(200);
    expect((await ok.json()).figures.total.budgetFen).toBe(1_700_000);
    const refused = (await get(countyToken).catch((e: unknown) => e)) as Response;
    expect(refused.status).toBe(403);
    expect((await refusal(getCityFigures({ principal: county, year: 2026 }))).message).toBe("只有设区市人社局可以查看下辖区县");
    expect((await refusal(getClaim({ principal: county, claimId: claims["县乙已发"]! }))).status).toBe(404);
    expect((await getClaim({ principal: county, claimId: claims["县甲待审"]! })).id).toBe(claims["县甲待审"]);
  });

  it("the navigation shows the city pages to a city bureau only", async () => {
    const links = async (p: Principal) => navigationOf("bureau", { cityBureau: await isCityBureau(p) }).map((i) => i.to);
    expect(await links(city)).toEqual(expect.arrayContaining(["/bureau/city", "/bureau/scorecards", "/bureau/claims"]));
    expect(await links(county)).not.toContain("/bureau/city");
    expect(await links(county)).not.toContain("/bureau/scorecards");
  });
});
