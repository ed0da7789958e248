import { z } from "zod";
import { toHigherVocationalCode } from "../catalogue/majors";
import { seniorGate, SENIOR_TECHNICIAN_LEVEL } from "./senior-gate";

/**
 * The explainable match score of a graduate for an order or a job (product.md §4):
 * five components, each a fraction in [0, 1] times its weight from the matching
 * policy (PolicyVersion kind "matching"), plus hard constraints that exclude a
 * candidate instead of lowering the score (docs/decisions/070-match-score.md).
 */

export const MATCHING_POLICY_KIND = "matching";

const weight = (label: string) =>
  z.number({ error: `${label}权重必须是数字` }).min(0, { error: `${label}权重不能为负数` }).max(1000, { error: `${label}权重不能超过 1000` });
const factor = (label: string) =>
  z.number({ error: `${label}必须是数字` }).min(0, { error: `${label}不能小于 0` }).max(1, { error: `${label}不能大于 1` });

export const MatchingPolicySchema = z.object({
  weights: z.object({
    major: weight("专业"),
    skills: weight("技能"),
    certificate: weight("证书等级"),
    location: weight("地点"),
    pairing: weight("园校对接"),
  }),
  /** Credit for a major that is not the same: same class, same category (of the 高职 codes). */
  majorFactors: z.object({ class: factor("同专业类系数"), category: factor("同专业大类系数") }).default({ class: 0.6, category: 0.3 }),
  /** Credit lost per certificate grade below the grade required. */
  certificateStepLoss: factor("每低一级扣减").default(0.5),
  /** Credit for a job in a city the graduate did not name but would move to. */
  relocationFactor: factor("愿意异地系数").default(0.5),
  /** Weight of a certificate no college or bureau has verified (product.md §12: half). */
  unverifiedCertificateFactor: factor("未核验证书系数").default(0.5),
});
export type MatchingPolicy = z.infer<typeof MatchingPolicySchema>;

export const DEFAULT_MATCHING_POLICY: MatchingPolicy = MatchingPolicySchema.parse({
  weights: { major: 40, skills: 25, certificate: 15, location: 10, pairing: 10 },
});

/** What an order or a job asks for. */
export type MatchTarget = {
  /** An order's major (6 digits); absent for a job. */
  majorCode?: string | null;
  /** A job's accepted major classes (4 digits); absent for an order. */
  majorClasses?: readonly string[];
  skills: readonly string[];
  /** Skill level required, 5 初级工 … 1 高级技师; null or 0: none. */
  level?: number | null;
  city?: string | null;
  /** Colleges paired with the target's park (any stable key: id or school code). */
  parkPairedColleges?: readonly string[];
  /** Start date (ms since epoch): a graduate must be available by then. */
  startDate?: number | null;
};

export type MatchCandidate = {
  id: number | string;
  majorCode: string;
  skills: readonly string[];
  /** Highest certificate level, 5 … 1; null: none. */
  certificateLevel?: number | null;
  /** Highest verified certificate level (ADR 165); null or absent: none verified. */
  verifiedCertificateLevel?: number | null;
  preferredCities: readonly string[];
  willingToRelocate: boolean;
  college?: string | null;
  /** Graduation date (ms): available from then. */
  availableFrom?: number | null;
  placed?: boolean;
};

export type MajorMatch = "major" | "class" | "category" | "none";
export type ComponentName = "major" | "skills" | "certificate" | "location" | "pairing";

export type ScoreComponent = { points: number; max: number; detail: string };
export type MatchScore = {
  score: number;
  components: Record<ComponentName, ScoreComponent>;
  missingSkills: string[];
};

export type Exclusion = "level" | "unverified" | "availability" | "placed";
export const EXCLUSION_LABELS: Record<Exclusion, string> = {
  level: "技能等级不满足高级技工要求",
  unverified: "高级工及以上证书尚未经院校或人社部门核验",
  availability: "开工日期前不能到岗（尚未毕业）",
  placed: "已就业",
};

export const SKILL_LEVEL_NAMES: Record<number, string> = { 5: "初级工", 4: "中级工", 3: "高级工", 2: "技师", 1: "高级技师" };
const levelName = (level: number | null | undefined) => (level ? (SKILL_LEVEL_NAMES[level] ?? `${level}级`) : "无证书");

/** 高级技工 means 高级工 (level 3) and above (domain.md §4). */
export { SENIOR_TECHNICIAN_LEVEL };

const requiredLevel = (target: MatchTarget) => (target.level && target.level > 0 ? target.level : null);
const ownLevel = (candidate: MatchCandidate) =>
  candidate.certificateLevel && candidate.certificateLevel > 0 ? candidate.certificateLevel : null;
const verifiedLevel = (candidate: MatchCandidate) =>
  candidate.verifiedCertificateLevel && candidate.verifiedCertificateLevel > 0 ? candidate.verifiedCertificateLevel : null;

/** Credit of a certificate of `has` for a target requiring `need`: full when it meets it, less per grade below. */
const levelCredit = (need: number, has: number | null, policy: MatchingPolicy) =>
  has === null ? 0 : Math.max(0, 1 - Math.max(0, has - need) * policy.certificateStepLoss);

/**
 * The certificate fraction: the better of the highest verified certificate at full weight
 * and the highest certificate of all at the unverified factor (ADR 165). A verified
 * certificate is also counted by `certificateLevel`, so the second term never undercounts.
 */
const certificateCredit = (need: number, candidate: MatchCandidate, policy: MatchingPolicy) =>
  Math.max(levelCredit(need, verifiedLevel(candidate), policy), policy.unverifiedCertificateFactor * levelCredit(need, ownLevel(candidate), policy));

/**
 * Hard constraints: an order or job for 高级技工 (level 3 or above required) takes only
 * a verified certificate of 高级工 or above (the senior gate, ADR 166): "level" when the
 * graduate holds no such certificate, "unverified" when it is not verified; nobody who
 * graduates after the start date; nobody already placed.
 */
export function exclusionsOf(target: MatchTarget, candidate: MatchCandidate): Exclusion[] {
  const out: Exclusion[] = [];
  const gate = seniorGate(target.level, candidate);
  if (!gate.ok) out.push(gate.code === "senior_certificate_unverified" ? "unverified" : "level");
  if (target.startDate != null && candidate.availableFrom != null && candidate.availableFrom > target.startDate) out.push("availability");
  if (candidate.placed) out.push("placed");
  return out;
}

/** Similarity of majors by code, 中职 and 本科 codes mapped onto 高职 codes first (domain.md §4). */
export function majorMatchOf(target: MatchTarget, majorCode: string): MajorMatch {
  const mine = toHigherVocationalCode(majorCode);
  if (target.majorCode) {
    const theirs = toHigherVocationalCode(target.majorCode);
    if (theirs === mine) return "major";
    if (theirs.slice(0, 4) === mine.slice(0, 4)) return "class";
    if (theirs.slice(0, 2) === mine.slice(0, 2)) return "category";
    return "none";
  }
  const classes = (target.majorClasses ?? []).map(toHigherVocationalCode);
  // A job names classes, not majors: a graduate of an accepted class is its best match.
  if (classes.some((c) => c.slice(0, 4) === mine.slice(0, 4))) return "major";
  if (classes.some((c) => c.slice(0, 2) === mine.slice(0, 2))) return "category";
  return "none";
}

const MAJOR_MATCH_LABELS: Record<MajorMatch, string> = { major: "专业对口", class: "同专业类", category: "同专业大类", none: "专业不相关" };

/** Skill tags compare without case and surrounding spaces (PLC = plc). */
export const normaliseSkill = (tag: string) => tag.trim().toLowerCase();

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The score of one candidate for one target, with every component explained. */
export function scoreMatch(target: MatchTarget, candidate: MatchCandidate, policy: MatchingPolicy = DEFAULT_MATCHING_POLICY): MatchScore {
  const w = policy.weights;

  const majorMatch = majorMatchOf(target, candidate.majorCode);
  const majorFraction =
    majorMatch === "major" ? 1 : majorMatch === "class" ? policy.majorFactors.class : majorMatch === "category" ? policy.majorFactors.category : 0;

  const required = [...new Map(target.skills.map((s) => [normaliseSkill(s), s.trim()])).entries()].filter(([k]) => k !== "");
  const own = new Set(candidate.skills.map(normaliseSkill));
  const missingSkills = required.filter(([k]) => !own.has(k)).map(([, s]) => s);
  const skillFraction = required.length === 0 ? 1 : (required.length - missingSkills.length) / required.length;

  const needLevel = requiredLevel(target);
  const hasLevel = ownLevel(candidate);
  let certificateFraction: number;
  let certificateDetail: string;
  if (needLevel === null) {
    certificateFraction = 1;
    certificateDetail = "不限等级";
  } else if (hasLevel === null) {
    certificateFraction = 0;
    certificateDetail = `要求${levelName(needLevel)}，无证书`;
  } else {
    certificateFraction = certificateCredit(needLevel, candidate, policy);
    const verified = verifiedLevel(candidate);
    certificateDetail =
      verified === hasLevel
        ? `要求${levelName(needLevel)}，持${levelName(hasLevel)}（已核验）`
        : verified === null
          ? `要求${levelName(needLevel)}，持${levelName(hasLevel)}（未核验，按${policy.unverifiedCertificateFactor * 100}%计）`
          : `要求${levelName(needLevel)}，持${levelName(hasLevel)}（未核验），已核验${levelName(verified)}`;
  }

  let locationFraction: number;
  let locationDetail: string;
  if (!target.city) {
    locationFraction = 1;
    locationDetail = "不限地点";
  } else if (candidate.preferredCities.includes(target.city)) {
    locationFraction = 1;
    locationDetail = "意向城市";
  } else if (candidate.willingToRelocate) {
    locationFraction = policy.relocationFactor;
    locationDetail = "非意向城市，愿意异地就业";
  } else {
    locationFraction = 0;
    locationDetail = "非意向城市，不愿异地";
  }

  const paired = candidate.college != null && (target.parkPairedColleges ?? []).includes(candidate.college);

  const component = (fraction: number, max: number, detail: string): ScoreComponent => ({ points: round2(fraction * max), max, detail });
  const components: Record<ComponentName, ScoreComponent> = {
    major: component(majorFraction, w.major, MAJOR_MATCH_LABELS[majorMatch]),
    skills: component(skillFraction, w.skills, required.length === 0 ? "无技能要求" : `覆盖 ${required.length - missingSkills.length}/${required.length}`),
    certificate: component(certificateFraction, w.certificate, certificateDetail),
    location: component(locationFraction, w.location, locationDetail),
    pairing: component(paired ? 1 : 0, w.pairing, paired ? "院校与园区对接" : "非对接院校"),
  };
  const score = round2(Object.values(components).reduce((sum, c) => sum + c.points, 0));
  return { score, components, missingSkills };
}

/** A target with its codes mapped and skills normalised once, for scoring many candidates. */
export type PreparedTarget = {
  target: MatchTarget;
  major: string | null;
  classes: string[];
  skills: string[];
  paired: Set<string>;
};
/** A candidate with its code mapped and skills normalised once. */
export type PreparedCandidate = { candidate: MatchCandidate; major: string; skills: Set<string> };

export function prepareTarget(target: MatchTarget): PreparedTarget {
  return {
    target,
    major: target.majorCode ? toHigherVocationalCode(target.majorCode) : null,
    classes: (target.majorClasses ?? []).map((c) => toHigherVocationalCode(c).slice(0, 4)),
    skills: [...new Set(target.skills.map(normaliseSkill))].filter((k) => k !== ""),
    paired: new Set(target.parkPairedColleges ?? []),
  };
}

export function prepareCandidate(candidate: MatchCandidate): PreparedCandidate {
  return { candidate, major: toHigherVocationalCode(candidate.majorCode), skills: new Set(candidate.skills.map(normaliseSkill)) };
}

/**
 * The total of scoreMatch without the explanation: the same fractions and the same
 * rounding, for the round's millions of choices (a property test holds them equal).
 */
export function scoreValue(t: PreparedTarget, c: PreparedCandidate, policy: MatchingPolicy = DEFAULT_MATCHING_POLICY): number {
  const w = policy.weights;
  let majorFraction = 0;
  if (t.major !== null) {
    if (t.major === c.major) majorFraction = 1;
    else if (t.major.slice(0, 4) === c.major.slice(0, 4)) majorFraction = policy.majorFactors.class;
    else if (t.major.slice(0, 2) === c.major.slice(0, 2)) majorFraction = policy.majorFactors.category;
  } else {
    const cls = c.major.slice(0, 4);
    const cat = c.major.slice(0, 2);
    if (t.classes.includes(cls)) majorFraction = 1;
    else if (t.classes.some((x) => x.slice(0, 2) === cat)) majorFraction = policy.majorFactors.category;
  }
  let covered = 0;
  for (const k of t.skills) if (c.skills.has(k)) covered++;
  const skillFraction = t.skills.length === 0 ? 1 : covered / t.skills.length;
  const need = requiredLevel(t.target);
  const certificateFraction = need === null ? 1 : certificateCredit(need, c.candidate, policy);
  const city = t.target.city;
  const locationFraction = !city || c.candidate.preferredCities.includes(city) ? 1 : c.candidate.willingToRelocate ? policy.relocationFactor : 0;
  const paired = c.candidate.college != null && t.paired.has(c.candidate.college) ? 1 : 0;
  return round2(
    round2(majorFraction * w.major) +
      round2(skillFraction * w.skills) +
      round2(certificateFraction * w.certificate) +
      round2(locationFraction * w.location) +
      round2(paired * w.pairing),
  );
}

export type RankedCandidate<C extends MatchCandidate> = MatchScore & { candidate: C };
export type ExcludedCandidate<C extends MatchCandidate> = { candidate: C; reasons: Exclusion[] };

/** Scores every candidate, drops those a hard constraint excludes, best first (equal scores: by id). */
export function rankCandidates<C extends MatchCandidate>(
  target: MatchTarget,
  candidates: readonly C[],
  policy: MatchingPolicy = DEFAULT_MATCHING_POLICY,
): { ranked: RankedCandidate<C>[]; excluded: ExcludedCandidate<C>[] } {
  const ranked: RankedCandidate<C>[] = [];
  const excluded: ExcludedCandidate<C>[] = [];
  for (const candidate of candidates) {
    const reasons = exclusionsOf(target, candidate);
    if (reasons.length > 0) excluded.push({ candidate, reasons });
    else ranked.push({ ...scoreMatch(target, candidate, policy), candidate });
  }
  ranked.sort((a, b) => b.score - a.score || compareIds(a.candidate.id, b.candidate.id));
  return { ranked, excluded };
}

function compareIds(a: number | string, b: number | string): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
