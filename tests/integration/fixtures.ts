import { hashPassword } from "~/utils/session.server";
import { prisma } from "~/utils/db.server";
import type { Role } from "~/domain/constants";
import type { AppError } from "~/utils/errors.server";

/** A minimal registry built by hand: one city, county, park, college, enterprise, bureau. */
export async function buildRegistry() {
  await prisma.city.create({ data: { code: "360100", name: "南昌市", lng: 115.892, lat: 28.676 } });
  await prisma.county.create({ data: { code: "360121", name: "南昌县", cityCode: "360100" } });
  const park = await prisma.park.create({
    data: { name: "南昌小蓝经开区", level: "national", cityCode: "360100", countyCode: "360121", lng: 115.9, lat: 28.5 },
  });
  const otherPark = await prisma.park.create({
    data: { name: "进贤产业园", level: "provincial", cityCode: "360100", countyCode: "360121", lng: 116.2, lat: 28.4 },
  });
  const college = await prisma.college.create({
    data: { schoolCode: "4136000001", name: "江西测试职业技术学院", level: "高职", cityCode: "360100", lng: 115.9, lat: 28.7 },
  });
  const otherCollege = await prisma.college.create({
    data: { schoolCode: "4136000002", name: "江西另一职业技术学院", level: "高职", cityCode: "360100", lng: 115.8, lat: 28.6 },
  });
  const enterprise = await prisma.enterprise.create({
    data: { creditCode: "91350100M000100Y43", name: "南昌测试科技有限公司", parkId: park.id, clusterRole: "leading", headcount: 200 },
  });
  const bureau = await prisma.bureau.create({ data: { name: "南昌县人力资源和社会保障局", level: "county", countyCode: "360121" } });
  return { park, otherPark, college, otherCollege, enterprise, bureau };
}

let sequence = 0;

/** A graduate with a made-up (but well-formed) protected identity number. */
export async function createGraduate(collegeId: number, name = "张三") {
  sequence += 1;
  return prisma.graduate.create({
    data: {
      idNumberHash: `hash-${sequence}-${Math.random()}`,
      idNumberCipher: "not-used",
      idNumberMasked: "3601**********123X",
      name,
      gender: "M",
      birthDate: new Date("2003-05-01"),
      phone: "13800000000",
      collegeId,
      majorCode: "460103",
      schoolLevel: "高职",
      graduationDate: new Date("2026-06-30"),
      skillTags: "[]",
      preferredCities: "[]",
    },
  });
}

export const PASSWORD = "Test@2026";

export async function createAccount(login: string, role: Role, scope: Record<string, number | undefined> = {}) {
  return prisma.account.create({
    data: { login, role, displayName: login, passwordHash: await hashPassword(PASSWORD), ...scope },
  });
}

/** The AppError a service call is refused with (fails the test when it succeeds). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected a refusal");
}
