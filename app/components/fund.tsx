import { Form, useSearchParams } from "@remix-run/react";
import { formatYuan } from "~/domain/money";
import { RECIPIENT_LABELS, type FundRecipient } from "~/domain/fund/settlement";

/** Pieces shared by the training-fund pages (enterprise, college, park, province). */

export type AllocationRow = {
  id: number;
  feeFen: number;
  shareFen: number;
  amountFen: number;
  placements: number;
  enterprise: { name: string; creditCode: string; park: { name: string } };
  /** Null on a pool line (an enterprise of a park with no paired college, product.md §12). */
  college: { schoolCode: string; name: string } | null;
  recipient: string;
};

/** Who a statement line is owed to: the college, or the pool the fund policy names. */
export function recipientName(r: { college: { name: string } | null; recipient: string }): string {
  return r.college?.name ?? RECIPIENT_LABELS[r.recipient as FundRecipient] ?? r.recipient;
}

export type TotalRow = { key: string; name: string; parent: string; enterprises: number; feeFen: number; shareFen: number };

const SORT_LABELS = { enterprise: "按企业", college: "按院校", amount: "按金额（从高到低）" } as const;

/** Year, search and sort, sent as a GET so the address (and the export links) carry them. */
export function StatementFilters({
  years,
  year,
  q,
  sort,
  searchLabel,
}: {
  years: number[];
  year: number;
  q?: string;
  sort?: string;
  searchLabel?: string;
}) {
  return (
    <Form method="get" className="panel inline-form filters">
      <div className="field">
        <label htmlFor="fund-year">年度</label>
        <select id="fund-year" name="year" defaultValue={year}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y} 年
            </option>
          ))}
        </select>
      </div>
      {searchLabel ? (
        <div className="field">
          <label htmlFor="fund-q">{searchLabel}</label>
          <input id="fund-q" name="q" defaultValue={q} maxLength={50} placeholder="名称中的文字" />
        </div>
      ) : null}
      {sort ? (
        <div className="field">
          <label htmlFor="fund-sort">排序</label>
          <select id="fund-sort" name="sort" defaultValue={sort}>
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="button">
        查询
      </button>
    </Form>
  );
}

/** CSV and XLSX downloads of a table, with the page's filters. */
export function ExportLinks({ table, only, label = "导出" }: { table: string; only?: string[]; label?: string }) {
  const [params] = useSearchParams();
  const href = (format: string) => {
    const next = new URLSearchParams(only ? [...params].filter(([key]) => only.includes(key)) : params);
    next.delete("page");
    next.set("table", table);
    next.set("format", format);
    return `/training-fund/export?${next.toString()}`;
  };
  return (
    <p className="export-links">
      {label}：
      <a href={href("csv")} download>
        CSV
      </a>
      <a href={href("xlsx")} download>
        Excel（XLSX）
      </a>
    </p>
  );
}

/**
 * Allocations as a table: which enterprise pays which college how much. The amount
 * comes right after the names, so that a phone shows it without scrolling.
 */
export function AllocationTable({
  rows,
  show,
  empty,
}: {
  rows: AllocationRow[];
  show: { enterprise: boolean; park?: boolean; college: boolean };
  empty: string;
}) {
  const showPark = show.enterprise && show.park !== false;
  const columns = (show.enterprise ? 2 : 0) + (showPark ? 1 : 0) + (show.college ? 2 : 0) + 3;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {show.enterprise ? <th scope="col">企业</th> : null}
            {show.college ? <th scope="col">院校</th> : null}
            <th scope="col" className="num">
              划拨金额
            </th>
            <th scope="col" className="num">
              当年就业人数
            </th>
            <th scope="col" className="num">
              院校分成总额
            </th>
            {show.enterprise ? <th scope="col">统一社会信用代码</th> : null}
            {showPark ? <th scope="col">园区</th> : null}
            {show.college ? <th scope="col">学校标识码</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns} className="muted">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.id}>
                {show.enterprise ? <td>{r.enterprise.name}</td> : null}
                {show.college ? <td>{r.college ? r.college.name : <span className="badge">{recipientName(r)}</span>}</td> : null}
                <td className="num">
                  <strong>{formatYuan(r.amountFen)}</strong>
                </td>
                <td className="num">{r.placements}</td>
                <td className="num">{formatYuan(r.shareFen)}</td>
                {show.enterprise ? (
                  <td>
                    <code>{r.enterprise.creditCode}</code>
                  </td>
                ) : null}
                {showPark ? <td>{r.enterprise.park.name}</td> : null}
                {show.college ? (
                  <td>
                    {r.college ? <code>{r.college.schoolCode}</code> : "—"}
                  </td>
                ) : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export function TotalsTable({
  rows,
  nameLabel,
  parentLabel,
  showFee = true,
  empty = "该年度尚无核算结果",
}: {
  rows: TotalRow[];
  nameLabel: string;
  parentLabel?: string;
  showFee?: boolean;
  /** What an empty table says (the province's page says why: not run yet, or run with nothing declared). */
  empty?: string;
}) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{nameLabel}</th>
            {parentLabel ? <th scope="col">{parentLabel}</th> : null}
            <th scope="col" className="num">
              企业数
            </th>
            {showFee ? (
              <th scope="col" className="num">
                培训经费
              </th>
            ) : null}
            <th scope="col" className="num">
              院校分成
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.key}>
                <td>{r.name}</td>
                {parentLabel ? <td>{r.parent}</td> : null}
                <td className="num">{r.enterprises.toLocaleString("zh-CN")}</td>
                {showFee ? <td className="num">{formatYuan(r.feeFen)}</td> : null}
                <td className="num">{formatYuan(r.shareFen)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Horizontal bars of the college share per row, drawn as SVG (no chart library). */
export function ShareBars({ rows, title }: { rows: TotalRow[]; title: string }) {
  if (rows.length === 0) return null;
  const max = Math.max(...rows.map((r) => r.shareFen), 1);
  const rowHeight = 24;
  const height = rows.length * rowHeight + 4;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 360 ${height}`} role="img" aria-label={title} width="100%" preserveAspectRatio="xMinYMin meet">
        {rows.map((r, i) => {
          const y = i * rowHeight + 2;
          const width = Math.round((r.shareFen / max) * 170);
          return (
            <g key={r.key}>
              <text x={0} y={y + 15} fontSize={12} fill="currentColor">
                {r.name.length > 6 ? `${r.name.slice(0, 6)}…` : r.name}
              </text>
              <rect x={80} y={y + 4} width={width} height={rowHeight - 9} rx={2} fill="#0b6e4f" />
              <text x={84 + width} y={y + 15} fontSize={11} fill="#5b6b7b">
                {formatYuan(r.shareFen)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
