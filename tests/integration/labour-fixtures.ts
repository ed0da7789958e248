import type { Role } from "~/domain/constants";
import { identityCheckChar } from "~/domain/ids/identity-number";
import type { Principal } from "~/utils/principal.server";
import { addCalendarDays } from "~/domain/subsidy/calendar";
import { chinaDate } from "~/domain/china-time";
import { moveApplication } from "~/services/labour/applications.server";
import { answerOffer, makeOffer, type OfferInput } from "~/services/labour/offers.server";
import { prisma } from "~/utils/db.server";
import { createAccount } from "./fixtures";

/** The few catalogue rows the labour tests use: 数控技术 (高职), 数控技术应用 (中职), 软件技术. */
export async function seedMajors() {
  await prisma.majorCategory.createMany({
    data: [
      { code: "46", name: "装备制造大类", level: "高职" },
      { code: "51", name: "电子与信息大类", level: "高职" },
      { code: "66", name: "加工制造类", level: "中职" },
    ],
  });
  await prisma.majorClass.createMany({
    data: [
      { code: "4601", name: "机械设计制造类", categoryCode: "46" },
      { code: "5102", name: "计算机类", categoryCode: "51" },
      { code: "6601", name: "机械设计制造类", categoryCode: "66" },
    ],
  });
  await prisma.major.createMany({
    data: [
      { code: "460103", name: "数控技术", classCode: "4601", level: "高职" },
      { code: "510203", name: "软件技术", classCode: "5102", level: "高职" },
      { code: "660103", name: "数控技术应用", classCode: "6601", level: "中职" },
    ],
  });
}

/** The Principal a signed-in account would be. */
export async function principalOf(login: string, role: Role, scope: Record<string, number | undefined> = {}): Promise<Principal> {
  const account = await createAccount(login, role, scope);
  return {
    accountId: account.id,
    login,
    displayName: login,
    role,
    parkId: account.parkId,
    collegeId: account.collegeId,
    enterpriseId: account.enterpriseId,
    bureauId: account.bureauId,
    graduateId: account.graduateId,
    via: "session",
  };
}

/** A well-formed identity number: a Nanchang division code, a birth date and a sequence. */
export function identityNumber(seq: number, birth = "20030501"): string {
  const first17 = `360102${birth}${String(seq % 1000).padStart(3, "0")}`;
  return first17 + identityCheckChar(first17);
}

export async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** Offer terms valid today: start in a month, a week to answer, ¥5,200 a month, a two-year contract. */
export function offerTerms(overrides: Partial<OfferInput> = {}): OfferInput {
  const today = chinaDate(new Date());
  return { startDate: addCalendarDays(today, 30), monthlyWageFen: 520_000, contractMonths: 24, replyBy: addCalendarDays(today, 7), ...overrides };
}

/** The principal of the graduate who made an application (the graduate's own account). */
export async function applicantOf(applicationId: number): Promise<Principal> {
  const { graduateId } = await prisma.application.findUniqueOrThrow({ where: { id: applicationId }, select: { graduateId: true } });
  const a = await prisma.account.findFirstOrThrow({ where: { graduateId, role: "graduate" } });
  return {
    accountId: a.id, login: a.login, displayName: a.displayName, role: "graduate", parkId: null, collegeId: null, enterpriseId: null, bureauId: null,
    graduateId, via: "session",
  };
}

/** Takes an application from submitted to an offer (viewed, shortlisted, offered), as the enterprise would. */
export async function makeTestOffer(enterprise: Principal, applicationId: number, terms: Partial<OfferInput> = {}) {
  for (const to of ["viewed", "shortlisted"] as const) await moveApplication({ principal: enterprise, applicationId, to });
  await makeOffer({ principal: enterprise, applicationId, input: offerTerms(terms) });
}

/** The same, and the graduate accepts: ready to be hired. */
export async function offerAccepted(enterprise: Principal, applicationId: number, terms: Partial<OfferInput> = {}) {
  await makeTestOffer(enterprise, applicationId, terms);
  await answerOffer({ principal: await applicantOf(applicationId), applicationId, answer: "accept" });
}
