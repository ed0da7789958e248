import { majorClassOf } from "../catalogue/majors";
import { PROVINCE_CODE } from "../geo/divisions";

/**
 * 对口 (major relevance) for a job: the job's accepted 4-digit classes contain the
 * graduate's class, both taken in the 高职 code space (a 中职 code is mapped −20
 * onto its 高职 counterpart first, domain.md §4).
 */
export function isMajorRelevantToJob(graduateMajorCode: string, jobMajorClasses: readonly string[]): boolean {
  const mine = majorClassOf(graduateMajorCode);
  return jobMajorClasses.some((c) => majorClassOf(c) === mine);
}

/** 对口 for an order: the order's major and the graduate's major are in the same class. */
export function isMajorRelevantToOrder(graduateMajorCode: string, orderMajorCode: string): boolean {
  return majorClassOf(graduateMajorCode) === majorClassOf(orderMajorCode);
}

/** Whether an employer's park is one of this province's parks (its city code lies in the province). */
export function isInProvincePark(park: { cityCode: string } | null): boolean {
  return park !== null && park.cityCode.slice(0, 2) === PROVINCE_CODE.slice(0, 2);
}
