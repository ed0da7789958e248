import { Link } from "@remix-run/react";
import { ClusterMapFigure } from "~/components/cluster-map";
import { FundMoneyPanel, WorkerTrainingPanel } from "~/components/fund-report";
import type { HomeExtras } from "~/services/dashboard/extras.server";

function MonthlyBars({ title, points }: { title: string; points: { month: string; value: number }[] }) {
  const width = 360;
  const height = 150;
  const plot = height - 40;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = width / points.length;
  const bar = Math.min(22, step * 0.7);
  return (
    <figure className="chart panel">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} width="100%" preserveAspectRatio="xMinYMin meet">
        {points.map((p, i) => {
          const h = Math.round((p.value / max) * plot);
          const cx = i * step + step / 2;
          return (
            <g key={p.month}>
              <title>{`${p.month}：${p.value} 人`}</title>
              <rect x={cx - bar / 2} y={16 + plot - h} width={bar} height={h} fill="#0b6e4f" opacity={0.8} />
              <text x={cx} y={12 + plot - h} fontSize={9} textAnchor="middle" fill="#33414f">
                {p.value}
              </text>
              <text x={cx} y={height - 8} fontSize={9} textAnchor="middle" fill="#5b6b7b">
                {p.month.slice(5)}月
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function ProgressBars({ title, rows }: { title: string; rows: { label: string; value: number; max: number; text: string }[] }) {
  return (
    <section className="panel">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">暂无数据</p>
      ) : (
        <ul className="rows bar-list">
          {rows.map((r, i) => (
            <li key={i}>
              <span>{r.label}</span>
              <progress className="progress" max={Math.max(r.max, 1)} value={Math.min(r.value, Math.max(r.max, 1))} aria-label={`${r.label}：${r.text}`} />
              <span className="muted">{r.text}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Trends, the latest report, progress bars and the cluster map of a home page (whichever the role has). */
export function HomeExtrasView({ extras }: { extras: HomeExtras }) {
  return (
    <>
      {extras.report ? (
        <section className="panel" aria-label="最新就业报表">
          <h2>
            最新就业报表（{extras.report.period}）{extras.report.href ? <Link to={extras.report.href}>查看报表 →</Link> : null}
          </h2>
          <dl className="facts">
            {extras.report.figures.map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {extras.trend || extras.bars ? (
        <div className="grid-2">
          {extras.trend ? <MonthlyBars title={extras.trend.title} points={extras.trend.points} /> : null}
          {extras.bars ? <ProgressBars title={extras.bars.title} rows={extras.bars.rows} /> : null}
        </div>
      ) : null}
      {extras.fund ? <FundMoneyPanel report={extras.fund} byPark /> : null}
      {extras.workerTraining ? <WorkerTrainingPanel report={extras.workerTraining} /> : null}
      {extras.map ? <ClusterMapFigure map={extras.map} caption="全省工业产业集群分布" /> : null}
    </>
  );
}
