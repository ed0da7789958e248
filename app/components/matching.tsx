import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { CsrfInput } from "./csrf-input";
import { ListTable } from "~/components/list-controls";

export type ScoreComponents = Record<"major" | "skills" | "certificate" | "location" | "pairing", { points: number; max: number; detail: string }>;

export const COMPONENT_LABELS: Record<keyof ScoreComponents, string> = {
  major: "专业",
  skills: "技能",
  certificate: "证书",
  location: "地点",
  pairing: "园校对接",
};
const COMPONENT_COLOURS: Record<keyof ScoreComponents, string> = {
  major: "#1f6feb",
  skills: "#2da44e",
  certificate: "#bf8700",
  location: "#8250df",
  pairing: "#cf222e",
};
const KEYS = Object.keys(COMPONENT_LABELS) as (keyof ScoreComponents)[];

/** The score as a stacked bar: one segment per component, its length the points earned. */
export function ScoreBar({ components }: { components: ScoreComponents }) {
  const total = KEYS.reduce((s, k) => s + components[k].max, 0) || 1;
  const widths = KEYS.map((k) => (components[k].points / total) * 100);
  const starts = widths.map((_, i) => widths.slice(0, i).reduce((s, w) => s + w, 0));
  return (
    <svg className="score-bar" viewBox="0 0 100 8" width="100%" height="8" preserveAspectRatio="none" role="img" aria-label={KEYS.map((k) => `${COMPONENT_LABELS[k]} ${components[k].points}/${components[k].max}`).join("，")}>
      <rect x="0" y="0" width="100" height="8" fill="#eaeef2" />
      {KEYS.map((k, i) => (
        <rect key={k} x={starts[i]} y="0" width={widths[i]} height="8" fill={COMPONENT_COLOURS[k]} />
      ))}
    </svg>
  );
}

export function ScoreLegend() {
  return (
    <p className="muted score-legend">
      {KEYS.map((k) => (
        <span key={k}>
          <span className="swatch" style={{ background: COMPONENT_COLOURS[k] }} /> {COMPONENT_LABELS[k]}
        </span>
      ))}
    </p>
  );
}

/** Each component as "points/max detail". */
export function ComponentCells({ components }: { components: ScoreComponents }) {
  return (
    <>
      {KEYS.map((k) => (
        <td key={k} data-label={COMPONENT_LABELS[k]}>
          <span className="num">
            {components[k].points}/{components[k].max}
          </span>
          <br />
          <small className="muted">{components[k].detail}</small>
        </td>
      ))}
    </>
  );
}

export type CandidateView = {
  graduateId: number;
  name: string;
  collegeName: string;
  majorName: string;
  majorCode: string;
  score: number;
  components: ScoreComponents;
  missingSkills: string[];
};

const SORTS: [string, string][] = [
  ["score", "总分"],
  ["major", "专业"],
  ["skills", "技能"],
  ["certificate", "证书"],
  ["location", "地点"],
  ["pairing", "园校对接"],
];

/** The ranked candidates of an order or a job: filters, the table with every component, and invite to apply. */
export function CandidatesTable({ result, invitable, message }: {
  result: { rows: CandidateView[]; total: number; page: number; pageSize: number; retrieved: number; excluded: number };
  invitable: boolean;
  message: string | null;
}) {
  const { rows, total, page, pageSize, retrieved, excluded } = result;
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <Form method="get" className="filters">
        <label>
          专业匹配
          <select name="majorMatch" defaultValue={params.get("majorMatch") ?? ""}>
            <option value="">全部</option>
            <option value="major">专业对口</option>
            <option value="class">同专业类</option>
            <option value="category">同专业大类</option>
          </select>
        </label>
        <label>
          最低分
          <input name="minScore" type="number" min={0} max={100} defaultValue={params.get("minScore") ?? ""} inputMode="numeric" />
        </label>
        <label>
          排序
          <select name="sort" defaultValue={params.get("sort") ?? "score"}>
            {SORTS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" name="city" value="1" defaultChecked={params.get("city") === "1"} /> 只看意向城市
        </label>
        <label className="check">
          <input type="checkbox" name="paired" value="1" defaultChecked={params.get("paired") === "1"} /> 只看对接院校
        </label>
        <button type="submit" className="button">
          筛选
        </button>
      </Form>
      <p className="muted">
        经搜索索引按硬性条件（技能等级、开工前毕业、未就业、相关专业大类）检索 {retrieved} 人，排除 {excluded} 人，符合筛选 {total} 人。
      </p>
      {message ? (
        <p className="field-error" role="alert">
          {message}
        </p>
      ) : null}
      <ScoreLegend />
      <ListTable
        headings={["#", "毕业生", "总分", ...KEYS.map((k) => COMPONENT_LABELS[k]), "缺少的技能", ...(invitable ? ["操作"] : [])]}
        rows={rows}
        empty="没有符合条件的候选人"
        pager={{ total, page, pageSize }}
        className="candidates"
      >
        {(r, i) => (
          <tr key={r.graduateId}>
            <td>{(page - 1) * pageSize + i + 1}</td>
            <td>
              <strong>{r.name}</strong>
              <br />
              <small className="muted">
                {r.collegeName} · {r.majorName || r.majorCode}
              </small>
            </td>
            <td className="score-cell">
              <strong className="num">{r.score}</strong>
              <ScoreBar components={r.components} />
            </td>
            <ComponentCells components={r.components} />
            <td>{r.missingSkills.length ? r.missingSkills.map((s) => <span key={s} className="tag">{s}</span>) : <span className="muted">无</span>}</td>
            {invitable ? (
              <td>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="graduateId" value={r.graduateId} />
                  <button type="submit" className="button" disabled={busy}>
                    邀请投递
                  </button>
                </Form>
              </td>
            ) : null}
          </tr>
        )}
      </ListTable>
    </div>
  );
}

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <p>
      <Link to={to}>← {label}</Link>
    </p>
  );
}
