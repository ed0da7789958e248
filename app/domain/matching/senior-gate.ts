/**
 * The senior-technician gate (issue 19 item 5, ADR 166): an order or job that requires
 * 高级工 or above (level 3, 2 or 1; domain.md §4) admits only a graduate holding a
 * certificate of 高级工 or above that a college or a bureau has verified (ADR 165).
 * A graduate whose senior certificate is still unverified is told so, apart from one
 * who holds no senior certificate at all. Targets that require 初级工 / 中级工 or
 * nothing admit anyone. Pure: used by matching, allocation, applying and hiring.
 */

/** 高级技工 means 高级工 (level 3) and above (domain.md §4); a smaller number is a higher level. */
export const SENIOR_TECHNICIAN_LEVEL = 3;

export type SeniorGateFailure = "senior_certificate_required" | "senior_certificate_unverified";
export type SeniorGate = { ok: true } | { ok: false; code: SeniorGateFailure; message: string };

export const SENIOR_GATE_MESSAGES: Record<SeniorGateFailure, string> = {
  senior_certificate_required: "该订单要求高级工及以上职业技能等级证书，您没有此等级的证书",
  senior_certificate_unverified: "该订单要求经院校或人社部门核验的高级工及以上证书，您的证书尚未核验，请联系所在院校核验",
};

/** The same refusals told to the enterprise, the park or the province about a graduate. */
export const SENIOR_GATE_MESSAGES_ABOUT: Record<SeniorGateFailure, string> = {
  senior_certificate_required: "该订单要求高级工及以上职业技能等级证书，该毕业生没有此等级的证书",
  senior_certificate_unverified: "该订单要求经核验的高级工及以上证书，该毕业生的证书尚未核验（或核验已撤销）",
};

const levelOf = (level: number | null | undefined) => (level && level > 0 ? level : null);

/** Whether a required level makes the target a senior-technician one. */
export const isSeniorLevel = (required: number | null | undefined): boolean => {
  const level = levelOf(required);
  return level !== null && level <= SENIOR_TECHNICIAN_LEVEL;
};

/**
 * The gate for one holder: `certificateLevel` is the highest certificate of all,
 * `verifiedCertificateLevel` the highest verified one (null or 0: none).
 */
export function seniorGate(
  required: number | null | undefined,
  holder: { certificateLevel?: number | null; verifiedCertificateLevel?: number | null },
): SeniorGate {
  if (!isSeniorLevel(required)) return { ok: true };
  const verified = levelOf(holder.verifiedCertificateLevel);
  if (verified !== null && verified <= SENIOR_TECHNICIAN_LEVEL) return { ok: true };
  const own = levelOf(holder.certificateLevel);
  const code: SeniorGateFailure = own !== null && own <= SENIOR_TECHNICIAN_LEVEL ? "senior_certificate_unverified" : "senior_certificate_required";
  return { ok: false, code, message: SENIOR_GATE_MESSAGES[code] };
}
