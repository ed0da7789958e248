import { Form, Link, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useId, type ReactNode } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { chinaMinute } from "~/domain/china-time";
import { BarRows } from "~/components/bar-rows";
import { Pager, SortHeader } from "~/components/list-controls";
import type { SortDirection } from "~/utils/list-query";
import { formatYuan } from "~/domain/money";
import { formatRate, METRIC_COLUMNS, parsePeriod, type MetricRow } from "~/domain/reports/placements";

type Trend = { month: string; placed: number; placements: number; placementRateBp: number | null; relevanceRateBp: number | null };

export function formatMetric(kind: (typeof METRIC_COLUMNS)[number]["kind"], value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (kind === "rate") return formatRate(value as number);
  if (kind === "fen") return formatYuan(value as number);
  if (kind === "count") return (value as number).toLocaleString("zh-CN");
  return String(value);
}

/** Every metric of a report, one row per group, sortable by any column and paged. */
export function MetricTable({
  rows,
  sort,
  total,
  page,
  pageSize,
  caption,
}: {
  rows: MetricRow[];
  sort: { sort: string; direction: SortDirection };
  total: number;
  page: number;
  pageSize: number;
  caption: string;
}) {
  return (
    <>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {METRIC_COLUMNS.map((c) => (
                <SortHeader key={c.key} label={c.label} sortKey={c.key} current={sort} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                {METRIC_COLUMNS.map((c) =>
                  c.kind === "text" ? (
                    <th key={c.key} scope="row">
                      {r.name}
                    </th>
                  ) : (
                    <td key={c.key} className="num">
                      {formatMetric(c.kind, r[c.key])}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > pageSize ? <Pager total={total} page={page} pageSize={pageSize} /> : null}
    </>
  );
}

/** Horizontal bars of a rate, best first (the first 15 with a rate). */
export function RateBars({ rows, rate, title }: { rows: MetricRow[]; rate: "placementRateBp" | "relevanceRateBp"; title: string }) {
  const shown = rows.filter((r) => r[rate] !== null).slice(0, 15);
  if (shown.length === 0) return null;
  return (
    <BarRows
      title={title}
      color={rate === "placementRateBp" ? "#0b6e4f" : "#1f5fa8"}
      rows={shown.map((r) => ({ key: r.key, name: r.name, share: (r[rate] ?? 0) / 10_000, text: formatRate(r[rate]) }))}
    />
  );
}

/** Monthly new placements (bars) and placement rate (line). */
export function TrendChart({ trend, title }: { trend: Trend[]; title: string }) {
  if (trend.length === 0) return null;
  const width = 360;
  const height = 170;
  const top = 16;
  const bottom = 30;
  const plot = height - top - bottom;
  const max = Math.max(1, ...trend.map((t) => t.placements));
  const step = width / trend.length;
  const bar = Math.min(36, step * 0.6);
  const ratePoints = trend
    .map((t, i) => (t.placementRateBp === null ? null : `${i * step + step / 2},${top + plot - (t.placementRateBp / 10_000) * plot}`))
    .filter(Boolean)
    .join(" ");
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} width="100%" preserveAspectRatio="xMinYMin meet">
        {trend.map((t, i) => {
          const h = Math.round((t.placements / max) * plot);
          const x = i * step + (step - bar) / 2;
          return (
            <g key={t.month}>
              <title>{`${t.month}：新增就业 ${t.placements} 人，就业率 ${formatRate(t.placementRateBp)}`}</title>
              <rect x={x} y={top + plot - h} width={bar} height={h} fill="#9cc9b5" />
              <text x={i * step + step / 2} y={top + plot - h - 3} fontSize={10} textAnchor="middle" fill="#33414f">
                {t.placements}
              </text>
              <text x={i * step + step / 2} y={height - 12} fontSize={10} textAnchor="middle" fill="#5b6b7b">
                {trend.length > 6 ? t.month.slice(5) : t.month}
              </text>
            </g>
          );
        })}
        {ratePoints ? <polyline points={ratePoints} fill="none" stroke="#0b6e4f" strokeWidth={2} /> : null}
      </svg>
      <p className="muted">柱：当月新增就业人数；折线：当月就业率（0–100%）。</p>
    </figure>
  );
}

export type RunView = { id: number; period: string; trigger: string; status: string; total: number; done: number; error: string | null; createdAt: string };

const RUN_STATUS: Record<string, string> = { queued: "排队中", running: "生成中", done: "已完成", failed: "失败" };

/** Recent report runs with their progress. */
export function RunList({ runs }: { runs: RunView[] }) {
  if (runs.length === 0) return <p className="muted">尚未生成过报表。</p>;
  return (
    <ul className="rows">
      {runs.map((r) => (
        <li key={r.id}>
          <span>
            <Link to={`?period=${encodeURIComponent(r.period)}`}>{r.period}</Link> · {r.trigger === "schedule" ? "定时生成" : "手动生成"} ·{" "}
            {RUN_STATUS[r.status] ?? r.status}
            {r.error ? <span className="field-error"> {r.error}</span> : null}
          </span>
          {r.status === "done" ? (
            <span className="muted">{chinaMinute(r.createdAt)}</span>
          ) : (
            <span>
              <progress className="progress" max={r.total || 1} value={r.done} aria-label={`报表 ${r.period} 生成进度`} />{" "}
              <span className="muted">
                {r.done} / {r.total}
              </span>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The province's 生成 panel of the report and scorecard pages: a period to publish, the
 * submit button, what happened (`notice`), and the recent runs with their progress,
 * re-read every 1.5 s while one is queued or running. Not printed.
 */
export function RunPanel({
  title,
  submitLabel,
  periodLabel,
  periodHint,
  defaultPeriod,
  periodError,
  runs,
  notice,
}: {
  title: string;
  submitLabel: string;
  periodLabel: string;
  periodHint: string;
  defaultPeriod: string;
  periodError?: string | null;
  runs: RunView[];
  notice?: ReactNode;
}) {
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const id = useId();
  const active = runs.some((r) => r.status === "queued" || r.status === "running");
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1500);
    return () => clearInterval(timer);
  }, [active, revalidator]);
  return (
    <section className="panel screen-only" aria-labelledby={`${id}-gen`}>
      <h2 id={`${id}-gen`}>{title}</h2>
      <Form method="post" className="inline-form">
        <CsrfInput />
        <div className="field">
          <label htmlFor={`${id}-period`}>{periodLabel}</label>
          <input
            id={`${id}-period`}
            name="period"
            defaultValue={defaultPeriod}
            placeholder="2026-Q3"
            aria-invalid={periodError ? true : undefined}
            aria-describedby={`${id}-period-hint`}
          />
          <span id={`${id}-period-hint`} className="field-hint">
            {periodHint}
          </span>
          {periodError ? <span className="field-error">{periodError}</span> : null}
        </div>
        <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "提交中…" : submitLabel}
        </button>
      </Form>
      {notice}
      <h3>最近的生成任务</h3>
      <RunList runs={runs} />
    </section>
  );
}

/** The report pages' filter: the period (the current one first among the published), any further fields, 查看. */
export function PeriodFilter({ current, periods, role, children }: { current: string; periods: readonly string[]; role?: "search"; children?: ReactNode }) {
  const id = useId();
  return (
    <Form method="get" className="panel filters" role={role}>
      <div className="field">
        <label htmlFor={`${id}-p`}>统计期</label>
        <select id={`${id}-p`} name="period" defaultValue={current}>
          {[...new Set([current, ...periods])].map((p) => (
            <option key={p} value={p}>
              {parsePeriod(p)?.label ?? p}
            </option>
          ))}
        </select>
      </div>
      {children}
      <div className="filter-actions">
        <button type="submit" className="button button-primary">
          查看
        </button>
      </div>
    </Form>
  );
}

/**
 * Shown beside a snapshot computed under older metric definitions (ADR 090 "Counting": version 1 counted
 * placement rows, without retention; ADR 162: before version 3 the subsidies were graduate subsidies only):
 * published figures stay as published.
 */
export function OutdatedSnapshotNote({ outdated }: { outdated: boolean | undefined }) {
  if (!outdated) return null;
  return (
    <p className="notice" role="note">
      此快照按旧口径生成，发布后保持原样（没有的指标显示为“—”）。重新生成本期报表后按现行口径显示：就业人数按人计并含 6 个月、12 个月留存率，毕业生补贴与职工技能提升补贴分列，年度预算已用含两类补贴。
    </p>
  );
}
