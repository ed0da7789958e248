/**
 * Horizontal bars as rows of text: each subject's full name and its figure printed,
 * the bar under them proportional to the share of the scale (0 draws no bar). Text,
 * not SVG text, so names are never cut and stay readable on a phone (issue 20). For a
 * screen reader the rows are one image whose name reads every name and figure.
 */
export type BarRow = { key: string; name: string; share: number; text: string };

export function BarRows({ rows, title, color = "#0b6e4f" }: { rows: BarRow[]; title: string; color?: string }) {
  return (
    <figure className="sub-chart">
      <figcaption>{title}</figcaption>
      <div role="img" aria-label={`${title}：${rows.map((r) => `${r.name} ${r.text}`).join("，")}`}>
        {rows.map((r) => (
          <div key={r.key} className="sub-chart-row">
            <span className="sub-chart-label">{r.name}</span>
            <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
              <rect x="0" y="0" width={Math.max(0, Math.min(1, r.share)) * 100} height="10" fill={color} />
            </svg>
            <span className="sub-chart-value">{r.text}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}
