import { Link } from "@remix-run/react";
import { BarRows } from "~/components/bar-rows";
import { INDICATORS, SUBJECT_LABELS, formatIndicatorValue, type IndicatorId, type SubjectType } from "~/domain/assessment/indicators";
import { UNRANKED_LABELS, type IndicatorResult, type ScorecardRow } from "~/domain/assessment/score";

export const formatScore = (score: number | null) => (score === null ? "—" : score.toFixed(2));
export const formatChange = (change: number | null) => (change === null ? "—" : `${change > 0 ? "+" : ""}${change.toFixed(2)}`);

function targetText(i: Pick<IndicatorResult, "indicator" | "target" | "direction">) {
  const unit = INDICATORS[i.indicator].unit;
  return `${i.direction === "lower" ? "≤" : "≥"} ${formatIndicatorValue(unit, i.target)}`;
}

/** One subject's card: score, rank, year-on-year change, and every indicator's value, target and points with its definition. */
export function ScorecardCard({ row, subject, ranked, periodLabel }: { row: ScorecardRow; subject: SubjectType; ranked: number; periodLabel: string }) {
  return (
    <article className="panel stack scorecard" aria-label={`${row.name}考核评分`}>
      <header className="scorecard-head">
        <h2>{row.name}</h2>
        <p className="muted">{periodLabel} · {SUBJECT_LABELS[subject]}考核评分</p>
        <dl className="scorecard-figures">
          <div><dt>得分</dt><dd className="scorecard-score">{formatScore(row.score)}</dd></div>
          <div><dt>排名</dt><dd>{row.rank !== null ? `第 ${row.rank} 名 / 共 ${ranked} 个` : "不排名"}</dd></div>
          <div><dt>同比</dt><dd>{formatChange(row.change)}</dd></div>
          <div><dt>可就业毕业生</dt><dd>{row.graduates} 人</dd></div>
        </dl>
        {row.unranked ? <p className="notice" role="note">{UNRANKED_LABELS[row.unranked]}</p> : null}
      </header>
      <div className="table-wrap">
        <table className="scorecard-table">
          <caption>{row.name}各项指标</caption>
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col">实际值</th>
              <th scope="col">目标</th>
              <th scope="col">权重</th>
              <th scope="col">得分</th>
              <th scope="col">口径</th>
            </tr>
          </thead>
          <tbody>
            {row.indicators.map((i) => (
              <tr key={i.indicator}>
                <th scope="row">{INDICATORS[i.indicator].label}</th>
                <td>{formatIndicatorValue(INDICATORS[i.indicator].unit, i.value)}</td>
                <td>{targetText(i)}</td>
                <td>{i.weight}</td>
                <td>{i.points === null ? "不计分" : `${i.points.toFixed(2)} / ${i.maxPoints!.toFixed(2)}`}</td>
                <td className="muted scorecard-definition">
                  {INDICATORS[i.indicator].definition}
                  {i.value === null && i.indicator === "retention6_rate" ? "。本期尚无满 6 个月的就业记录，留存率待就业满 6 个月后计算。" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

/** Scores over quarters as bars (0–100 full width), oldest first. */
export function ScoreTrend({ trend, title }: { trend: { period: string; label: string; score: number | null; rank: number | null; of: number }[]; title: string }) {
  if (trend.length === 0) return null;
  return (
    <figure className="sub-chart">
      <figcaption>{title}</figcaption>
      {trend.map((t) => (
        <div key={t.period} className="sub-chart-row">
          <span className="sub-chart-label">{t.label}</span>
          <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
            <rect x="0" y="0" width={t.score ?? 0} height="10" fill="#0b6e4f" />
          </svg>
          <span className="sub-chart-value">
            {formatScore(t.score)} 分{t.rank !== null ? `，第 ${t.rank}/${t.of} 名` : "，不排名"}
          </span>
        </div>
      ))}
    </figure>
  );
}

/** Scores of many subjects as bars on a 0–100 scale. */
export function ScoreBars({ rows, title }: { rows: { name: string; score: number | null }[]; title: string }) {
  return <BarRows title={title} rows={rows.map((r) => ({ key: r.name, name: r.name, share: (r.score ?? 0) / 100, text: formatScore(r.score) }))} />;
}

export const indicatorHeader = (id: IndicatorId) => INDICATORS[id].label;

export function SubjectTabs({ current, base, period }: { current: SubjectType; base: string; period: string }) {
  return (
    <nav className="tabs" aria-label="考核对象">
      {(["park", "college", "city"] as const).map((s) => (
        <Link key={s} to={`${base}?period=${encodeURIComponent(period)}&subject=${s}`} aria-current={s === current ? "page" : undefined} className={s === current ? "button button-primary" : "button"}>
          {SUBJECT_LABELS[s]}
        </Link>
      ))}
    </nav>
  );
}
