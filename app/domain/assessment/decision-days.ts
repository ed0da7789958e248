/**
 * "Days from claim to bureau decision" (补贴审核平均天数, product.md §11) over every claim a
 * bureau approves: graduates' tuition and living subsidies and enterprises' worker-training
 * subsidies (ADR 162). Each approved claim counts for the park of the enterprise (the
 * graduate's employer, or the enterprise that claimed for its worker), for the college of
 * the graduate (a worker-training claim has none) and for the city of the bureau that
 * approved it. Pure: no database, no clock.
 */
import type { SubjectType } from "./indicators";

const DAY_MS = 86_400_000;

export type ApprovedClaim = {
  kind: "graduate" | "worker_training";
  /** Milliseconds since the epoch: when the claim was made and when the bureau approved it. */
  createdAt: number;
  approvedAt: number;
  /** The enterprise's park; the graduate's college (null for a worker's claim); the approving bureau's city. */
  parkId: number;
  collegeId: number | null;
  cityCode: string;
};

/** Days from claim to approval (fractional); an approval stamped before its claim counts as 0. */
export function decisionDays(claim: Pick<ApprovedClaim, "createdAt" | "approvedAt">): number {
  return Math.max(0, (claim.approvedAt - claim.createdAt) / DAY_MS);
}

/** The subjects a claim counts for, by subject type. */
export function subjectsOf(claim: ApprovedClaim): [SubjectType, string][] {
  const subjects: [SubjectType, string][] = [["park", String(claim.parkId)]];
  if (claim.collegeId !== null) subjects.push(["college", String(claim.collegeId)]);
  if (claim.cityCode) subjects.push(["city", claim.cityCode]);
  return subjects;
}

/** Mean days to approval per subject, to one decimal (half-up); a subject with no approvals is absent. */
export function meanDecisionDays(claims: readonly ApprovedClaim[]): Record<SubjectType, Map<string, number>> {
  const sum: Record<SubjectType, Map<string, number>> = { park: new Map(), college: new Map(), city: new Map() };
  const count: Record<SubjectType, Map<string, number>> = { park: new Map(), college: new Map(), city: new Map() };
  for (const c of claims) {
    const days = decisionDays(c);
    for (const [subject, key] of subjectsOf(c)) {
      sum[subject].set(key, (sum[subject].get(key) ?? 0) + days);
      count[subject].set(key, (count[subject].get(key) ?? 0) + 1);
    }
  }
  const out: Record<SubjectType, Map<string, number>> = { park: new Map(), college: new Map(), city: new Map() };
  for (const subject of ["park", "college", "city"] as const) {
    for (const [key, n] of count[subject]) out[subject].set(key, Math.round((sum[subject].get(key)! / n) * 10) / 10);
  }
  return out;
}
