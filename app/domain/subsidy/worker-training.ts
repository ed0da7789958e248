/**
 * Worker training subsidies (职业技能提升补贴, product.md §12) as pure rules: an enterprise
 * claims for an insured employee who obtained a skill certificate after training at a
 * park–school training base. Amounts are integer fen; dates "YYYY-MM-DD".
 *
 * The claims themselves go through the graduate subsidies' review, budget, notice, batch
 * and audit (app/services/subsidy/worker-training.server.ts, ADR 160).
 */

/** Skill levels: 5 初级工, 4 中级工, 3 高级工, 2 技师, 1 高级技师. */
export const WORKER_TRAINING_DEFAULT_AMOUNTS: Readonly<Record<number, number>> = { 5: 100_000, 4: 150_000, 3: 200_000 };
export const WORKER_TRAINING_MAX_PER_YEAR = 3;

export type WorkerTrainingPolicy = {
  /** Fen per certificate level; a level without an amount (技师, 高级技师 unless set by policy) is not subsidised. */
  amounts: Readonly<Record<number, number>>;
  maxPerYear: number;
};
export const DEFAULT_WORKER_TRAINING_POLICY: WorkerTrainingPolicy = { amounts: WORKER_TRAINING_DEFAULT_AMOUNTS, maxPerYear: WORKER_TRAINING_MAX_PER_YEAR };

/** The worker-training part of a stored subsidy policy (levels as strings in JSON), or the defaults when the policy has none. */
export function workerTrainingPolicyOf(stored: { amounts: Partial<Record<string, number>>; maxPerYear: number } | undefined): WorkerTrainingPolicy {
  if (!stored) return DEFAULT_WORKER_TRAINING_POLICY;
  const amounts: Record<number, number> = {};
  for (const [level, fen] of Object.entries(stored.amounts)) if (fen !== undefined) amounts[Number(level)] = fen;
  return { amounts, maxPerYear: stored.maxPerYear };
}

export type WorkerTrainingFacts = {
  /** The certificate's level and the day it was issued. */
  level: number;
  certificateIssuedOn: string;
  certificateVerified: boolean;
  /** The training at a park–school base: whether there was one, and the day it ended. */
  trainedAtBase: boolean;
  trainingEndedOn: string | null;
  /** Insured at the claiming enterprise on the certificate's day (social-insurance record). */
  insuredAtEnterprise: boolean;
  /** Levels of this person's earlier granted worker-training subsidies, with their years. */
  priorGrants: readonly { level: number; year: number }[];
};

export type WorkerTrainingRule = "level" | "verified" | "base" | "after_training" | "insured" | "once_per_level" | "per_year";
export type WorkerTrainingRuleResult = { rule: WorkerTrainingRule; passed: boolean; detail: string };
export type WorkerTrainingEvaluation = { eligible: boolean; amountFen: number; rules: WorkerTrainingRuleResult[] };

export const LEVEL_NAMES: Record<number, string> = { 5: "初级工", 4: "中级工", 3: "高级工", 2: "技师", 1: "高级技师" };
const levelName = (level: number) => LEVEL_NAMES[level] ?? `${level}级`;
const yuan = (fen: number) => `${Math.trunc(fen / 100)}${fen % 100 ? `.${String(fen % 100).padStart(2, "0")}` : ""} 元`;

/** Every rule, passed or failed, with its explanation in Chinese; eligible when all pass. */
export function evaluateWorkerTraining(facts: WorkerTrainingFacts, policy: WorkerTrainingPolicy = DEFAULT_WORKER_TRAINING_POLICY): WorkerTrainingEvaluation {
  const amount = policy.amounts[facts.level];
  const year = Number(facts.certificateIssuedOn.slice(0, 4));
  const sameLevel = facts.priorGrants.some((g) => g.level === facts.level);
  const thisYear = facts.priorGrants.filter((g) => g.year === year).length;
  const rules: WorkerTrainingRuleResult[] = [
    {
      rule: "level",
      passed: amount !== undefined && amount > 0,
      detail: amount ? `${levelName(facts.level)}证书补贴 ${yuan(amount)}` : `${levelName(facts.level)}证书不在补贴范围（政策未设金额）`,
    },
    { rule: "verified", passed: facts.certificateVerified, detail: facts.certificateVerified ? "证书已核验" : "证书尚未由院校或人社局核验" },
    { rule: "base", passed: facts.trainedAtBase, detail: facts.trainedAtBase ? "在园校对接实训基地参加培训" : "未在园校对接实训基地参加培训" },
    {
      rule: "after_training",
      passed: facts.trainingEndedOn !== null && facts.trainingEndedOn <= facts.certificateIssuedOn,
      detail:
        facts.trainingEndedOn === null
          ? "没有培训结束日期"
          : facts.trainingEndedOn <= facts.certificateIssuedOn
            ? `培训于 ${facts.trainingEndedOn} 结束，${facts.certificateIssuedOn} 取得证书`
            : `证书（${facts.certificateIssuedOn}）早于培训结束（${facts.trainingEndedOn}）`,
    },
    { rule: "insured", passed: facts.insuredAtEnterprise, detail: facts.insuredAtEnterprise ? "取证时在本企业参加社会保险" : "取证时未在本企业参加社会保险" },
    { rule: "once_per_level", passed: !sameLevel, detail: sameLevel ? `已享受过${levelName(facts.level)}证书补贴（每人每个等级限一次）` : "该等级未享受过补贴" },
    {
      rule: "per_year",
      passed: thisYear < policy.maxPerYear,
      detail: thisYear < policy.maxPerYear ? `${year} 年已享受 ${thisYear} 次（每年最多 ${policy.maxPerYear} 次）` : `${year} 年已享受 ${thisYear} 次，达到每年 ${policy.maxPerYear} 次上限`,
    },
  ];
  const eligible = rules.every((r) => r.passed);
  return { eligible, amountFen: eligible ? amount! : 0, rules };
}

/** The month `months` after a day "YYYY-MM-DD", clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * Whether an employee insured at the enterprise from `insuredFrom` for `insuredMonths`
 * consecutive months was insured there on `day`: insuredFrom ≤ day < insuredFrom + months.
 */
export function insuredOn({ insuredFrom, insuredMonths, day }: { insuredFrom: string; insuredMonths: number; day: string }): boolean {
  return insuredMonths > 0 && insuredFrom <= day && day < addMonths(insuredFrom, insuredMonths);
}

export const WORKER_TRAINING_KIND = "worker_training";

/** The grant key an approved claim holds: unique in the database, so once per person per level. */
export const workerTrainingGrantKey = (idNumberHash: string, level: number) => `${idNumberHash}:${WORKER_TRAINING_KIND}:${level}`;

/**
 * The yearly slots a person's approved claims take, one each ("<hash>:<year>:<n>", n = 1 …
 * maxPerYear); each is unique in the database, so no more than maxPerYear claims of a
 * person are approved in a year however approvals interleave (ADR 160).
 */
export function annualSlotKeys(idNumberHash: string, year: number, maxPerYear: number): string[] {
  return Array.from({ length: Math.max(0, maxPerYear) }, (_, i) => `${idNumberHash}:${year}:${i + 1}`);
}

/** The first slot not yet taken, or null when the year is full. */
export function freeAnnualSlot(keys: readonly string[], taken: ReadonlySet<string>): string | null {
  return keys.find((k) => !taken.has(k)) ?? null;
}
