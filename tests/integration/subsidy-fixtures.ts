import { identityCheckChar, maskIdentityNumber } from "~/domain/ids/identity-number";
import { SUBSIDY_POLICY_KIND, type SubsidyPolicy } from "~/domain/subsidy/policy";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { encryptIdNumber, hashIdNumber } from "~/utils/pii.server";
import { createAccount } from "./fixtures";

/** The default policy of product.md §5.1. */
export const DEFAULT_POLICY: SubsidyPolicy = {
  eligibleSchoolLevels: ["高职", "中职"],
  graduationWindowYears: 2,
  minContractMonths: 12,
  minInsuredMonths: 3,
  tuitionFen: { 高职: 300000, 中职: 200000 },
  livingFenPerMonth: 50000,
  livingMaxMonths: 6,
  noticeWorkingDays: 5,
};

export async function createSubsidyPolicy(version: number, effectiveFrom: string, changes: Partial<SubsidyPolicy> = {}) {
  return prisma.policyVersion.create({
    data: {
      kind: SUBSIDY_POLICY_KIND,
      version,
      effectiveFrom: new Date(`${effectiveFrom}T00:00:00Z`),
      data: JSON.stringify({ ...DEFAULT_POLICY, ...changes }),
    },
  });
}

/** Two counties of 南昌, each with a park, an enterprise, a bureau and its officer; one college. */
export async function buildSubsidyRegistry() {
  await prisma.city.create({ data: { code: "360100", name: "南昌市", lng: 115.892, lat: 28.676 } });
  const counties = [
    { code: "360121", name: "南昌县", park: "小蓝经开区", credit: "91360121MA0000001X" },
    { code: "360104", name: "青云谱区", park: "青云谱产业园", credit: "91360104MA0000002X" },
  ];
  const college = await prisma.college.create({
    data: { schoolCode: "4136000001", name: "江西测试职业技术学院", level: "高职", cityCode: "360100", lng: 115.9, lat: 28.7 },
  });
  const collegeAccount = await createAccount("sub-college", "college", { collegeId: college.id });
  const sites = [];
  for (const [i, c] of counties.entries()) {
    await prisma.county.create({ data: { code: c.code, name: c.name, cityCode: "360100" } });
    const park = await prisma.park.create({
      data: { name: c.park, level: "national", cityCode: "360100", countyCode: c.code, lng: 115.9, lat: 28.5 },
    });
    const enterprise = await prisma.enterprise.create({
      data: { creditCode: c.credit, name: `${c.name}测试制造有限公司`, parkId: park.id, clusterRole: "leading", headcount: 300 },
    });
    const bureau = await prisma.bureau.create({ data: { name: `${c.name}人力资源和社会保障局`, level: "county", countyCode: c.code } });
    const officer = await createAccount(`sub-bureau-${i}`, "bureau", { bureauId: bureau.id });
    sites.push({ park, enterprise, bureau, officer });
  }
  return { college, collegeAccount, sites: sites as [(typeof sites)[0], (typeof sites)[0]] };
}

let serial = 0;

/** A well-formed identity number, unique per call. */
export function nextIdNumber(): string {
  serial += 1;
  const first17 = `360121200305${String(10 + (serial % 18)).padStart(2, "0")}${String(serial).padStart(3, "0")}`;
  return first17 + identityCheckChar(first17);
}

/** A graduate with a protected identity number (hash, cipher, masked), and their account. */
export async function createProtectedGraduate(
  collegeId: number,
  options: { name?: string; schoolLevel?: string; graduationDate?: string; idNumber?: string } = {},
) {
  const idNumber = options.idNumber ?? nextIdNumber();
  const graduate = await prisma.graduate.create({
    data: {
      idNumberHash: hashIdNumber(idNumber, env().PII_KEY),
      idNumberCipher: encryptIdNumber(idNumber, env().PII_KEY),
      idNumberMasked: maskIdentityNumber(idNumber),
      name: options.name ?? `毕业生${serial}`,
      gender: "M",
      birthDate: new Date("2003-05-01"),
      phone: "13800000000",
      collegeId,
      majorCode: "460103",
      schoolLevel: options.schoolLevel ?? "高职",
      graduationDate: new Date(`${options.graduationDate ?? "2026-06-30"}T00:00:00Z`),
      skillTags: "[]",
      preferredCities: "[]",
    },
  });
  const account = await createAccount(`sub-grad-${graduate.id}`, "graduate", { graduateId: graduate.id });
  return { graduate, account, idNumber };
}

/** A placement, confirmed by the enterprise unless `confirmed` is false. */
export async function createPlacement(
  graduateId: number,
  enterpriseId: number,
  options: { startDate?: string; contractMonths?: number; insuredMonths?: number; confirmed?: boolean; endedOn?: string } = {},
) {
  return prisma.placement.create({
    data: {
      graduateId,
      enterpriseId,
      startDate: new Date(`${options.startDate ?? "2026-07-15"}T00:00:00Z`),
      contractMonths: options.contractMonths ?? 36,
      insuredMonths: options.insuredMonths ?? 4,
      monthlyWageFen: 450000,
      majorRelevant: true,
      inProvincePark: true,
      confirmedAt: options.confirmed === false ? null : new Date(),
      ...(options.endedOn ? { endedOn: new Date(`${options.endedOn}T00:00:00Z`), endReason: "合同期满" } : {}),
    },
  });
}

export async function fundBureau(bureauId: number, year: number, allocations: Record<string, number>) {
  const budget = await prisma.bureauBudget.create({ data: { bureauId, year } });
  for (const [source, amountFen] of Object.entries(allocations)) {
    await prisma.budgetAllocation.create({ data: { budgetId: budget.id, source, amountFen } });
  }
  return budget;
}

/** The principal of an account, as principal.server would build it. */
export async function principalOf(accountId: number): Promise<Principal> {
  const a = await prisma.account.findUniqueOrThrow({ where: { id: accountId } });
  return {
    accountId: a.id,
    login: a.login,
    displayName: a.displayName,
    role: a.role as Principal["role"],
    parkId: a.parkId,
    collegeId: a.collegeId,
    enterpriseId: a.enterpriseId,
    bureauId: a.bureauId,
    graduateId: a.graduateId,
    via: "session",
  };
}
