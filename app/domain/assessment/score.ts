import { INDICATORS, type IndicatorId, type IndicatorItem, type IndicatorSet } from "./indicators";

/**
 * The score of one subject under an indicator set (product.md §11):
 * score = Σ weight × min(value ÷ target, 1) × 100 over Σ weight, where a "lower is
 * better" indicator uses target ÷ value (a value of 0 earns full points). An indicator
 * with no value (nothing to measure yet) is left out and its weight is shared among
 * the others in proportion (ADR 130); with no measured weight at all there is no score.
 * Scores and points are rounded to hundredths. Rates over fewer than
 * MIN_RANKED_GRADUATES graduates are shown but not ranked.
 */

export const MIN_RANKED_GRADUATES = 30;

export type IndicatorValues = Partial<Record<IndicatorId, number | null>>;
export type IndicatorResult = { indicator: IndicatorId; value: number | null; target: number; weight: number; direction: IndicatorItem["direction"]; points: number | null; maxPoints: number | null };
export type SubjectScore = { score: number | null; indicators: IndicatorResult[] };

const hundredths = (x: number) => Math.round(x * 100) / 100;

/** min(value ÷ target, 1) for "higher", min(target ÷ value, 1) for "lower" (0 … 1). */
export function attainment(item: Pick<IndicatorItem, "target" | "direction">, value: number): number {
  if (item.direction === "higher") return value <= 0 ? 0 : Math.min(value / item.target, 1);
  return value <= 0 ? 1 : Math.min(item.target / value, 1);
}

export function scoreSubject(set: IndicatorSet, values: IndicatorValues): SubjectScore {
  const measured = set.items.filter((i) => values[i.indicator] !== null && values[i.indicator] !== undefined);
  const measuredWeight = measured.reduce((s, i) => s + i.weight, 0);
  let total = 0;
  const indicators = set.items.map((item): IndicatorResult => {
    const value = values[item.indicator] ?? null;
    if (value === null || measuredWeight === 0) {
      return { indicator: item.indicator, value, target: item.target, weight: item.weight, direction: item.direction, points: null, maxPoints: null };
    }
    const share = (item.weight / measuredWeight) * 100;
    const points = share * attainment(item, value);
    total += points;
    return { indicator: item.indicator, value, target: item.target, weight: item.weight, direction: item.direction, points: hundredths(points), maxPoints: hundredths(share) };
  });
  return { score: measuredWeight === 0 ? null : Math.min(100, hundredths(total)), indicators };
}

export type ScoredSubject = { key: string; name: string; graduates: number; values: IndicatorValues; previousScore?: number | null };
export type ScorecardRow = {
  key: string;
  name: string;
  graduates: number;
  score: number | null;
  /** 1…n over the ranked subjects, a permutation; null when not ranked. */
  rank: number | null;
  unranked: "few_graduates" | "no_score" | null;
  previousScore: number | null;
  change: number | null;
  values: IndicatorValues;
  indicators: IndicatorResult[];
};

export const UNRANKED_LABELS: Record<NonNullable<ScorecardRow["unranked"]>, string> = {
  few_graduates: `可就业毕业生不足 ${MIN_RANKED_GRADUATES} 人，列示但不排名`,
  no_score: "尚无可计分的指标，不排名",
};

/**
 * Scores every subject and ranks those with a score and at least MIN_RANKED_GRADUATES
 * graduates: by score, highest first; equal scores by key, so ranks are 1…n without gaps
 * or ties. Year-on-year change is score minus the same period's score a year before.
 */
export function scoreAndRank(set: IndicatorSet, subjects: readonly ScoredSubject[]): ScorecardRow[] {
  const rows: ScorecardRow[] = subjects.map((s) => {
    const { score, indicators } = scoreSubject(set, s.values);
    const previousScore = s.previousScore ?? null;
    return {
      key: s.key,
      name: s.name,
      graduates: s.graduates,
      score,
      rank: null,
      unranked: score === null ? "no_score" : s.graduates < MIN_RANKED_GRADUATES ? "few_graduates" : null,
      previousScore,
      change: score !== null && previousScore !== null ? hundredths(score - previousScore) : null,
      values: s.values,
      indicators,
    };
  });
  const ranked = rows.filter((r) => r.unranked === null).sort((a, b) => b.score! - a.score! || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  ranked.forEach((r, i) => (r.rank = i + 1));
  return [...ranked, ...rows.filter((r) => r.unranked !== null).sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.key.localeCompare(b.key))];
}

export const indicatorLabel = (id: IndicatorId) => INDICATORS[id].label;
