import { CLAIM_STATUS_LABELS, ROLE_LABELS, type Role } from "~/domain/constants";
import { chinaMinute } from "~/domain/china-time";
import { formatYuan } from "~/domain/money";
import { AUDIT_ACTION_LABELS, CLAIM_PATH, claimProgress } from "~/domain/subsidy/claim-status";
import type { RuleResult } from "~/domain/subsidy/evaluate";
import { CLAIM_KIND_LABELS } from "~/domain/subsidy/policy";

export const kindLabel = (kind: string) => CLAIM_KIND_LABELS[kind] ?? kind;

export function ClaimStatus({ status }: { status: string }) {
  const tone = status === "rejected" ? "sub-status-bad" : status === "paid" ? "sub-status-good" : "";
  return <span className={`sub-status ${tone}`}>{CLAIM_STATUS_LABELS[status] ?? status}</span>;
}

/** The normal path of a claim, with the steps done, the current one and those to come. */
export function ClaimSteps({ status, worker = false }: { status: string; worker?: boolean }) {
  const at = claimProgress(status);
  if (at < 0) return <p className="sub-status sub-status-bad">已驳回</p>;
  // A worker-training claim starts at the bureau's review: no college confirms a graduation (ADR 160).
  return (
    <ol className="sub-steps" aria-label="办理进度">
      {CLAIM_PATH.map((step, i) => (worker && step.status === "pending_college" ? null : (
        <li key={step.status} className={i < at || status === "paid" ? "done" : i === at ? "current" : ""} aria-current={i === at ? "step" : undefined}>
          {step.label}
        </li>
      )))}
    </ol>
  );
}

/** Every eligibility rule with pass or fail and its reason. */
export function RuleList({ rules }: { rules: { rule: RuleResult["rule"] | string; passed: boolean; detail: string }[] }) {
  return (
    <ul className="sub-rules">
      {rules.map((r) => (
        <li key={r.rule} className={r.passed ? "pass" : "fail"}>
          <span aria-hidden="true">{r.passed ? "✓" : "✗"}</span>
          <span className="visually-hidden">{r.passed ? "符合：" : "不符合："}</span>
          {r.detail}
        </li>
      ))}
    </ul>
  );
}

type AuditEvent = { id: number; action: string; at: string; detail: Record<string, unknown>; actor: { displayName: string; role: string } | null };

function describeDetail(detail: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof detail.amountFen === "number") parts.push(`金额 ${formatYuan(detail.amountFen)}`);
  if (typeof detail.previousAmountFen === "number" && detail.previousAmountFen !== detail.amountFen) {
    parts.push(`（原 ${formatYuan(detail.previousAmountFen)}）`);
  }
  if (typeof detail.policyVersion === "number") parts.push(`政策第 ${detail.policyVersion} 版`);
  if (typeof detail.payableFrom === "string") parts.push(`公示期满 ${detail.payableFrom} 起可发放`);
  if (typeof detail.batchId === "number") parts.push(`批次 #${detail.batchId}`);
  if (typeof detail.reason === "string") parts.push(`理由：${detail.reason}`);
  if (detail.origin === "graduate") parts.push("毕业生本人申请");
  if (detail.origin === "automatic") parts.push("就业确认后自动生成（免申即享）");
  if (detail.origin === "enterprise") parts.push("企业为职工申请");
  if (typeof detail.issuer === "string" && typeof detail.number === "string") parts.push(`发证机构：${detail.issuer}，证书编号：${detail.number}`);
  return parts.join("，");
}

/** The append-only audit log of a claim: who did what, when. */
export function AuditTimeline({ events }: { events: AuditEvent[] }) {
  return (
    <ol className="sub-timeline">
      {events.map((e) => (
        <li key={e.id}>
          <strong>{AUDIT_ACTION_LABELS[e.action] ?? e.action}</strong>
          <span className="muted">
            {" "}
            {chinaMinute(e.at)} · {e.actor ? `${e.actor.displayName}（${ROLE_LABELS[e.actor.role as Role] ?? e.actor.role}）` : "系统"}
          </span>
          {describeDetail(e.detail) ? <div>{describeDetail(e.detail)}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * Horizontal bars in plain SVG, one per row, scaled to the largest value; an
 * optional part is drawn over its bar (used against allocated, paid against approved).
 */
export function BarChart({
  rows,
  title,
  format = formatYuan,
  partLabel,
}: {
  rows: { label: string; value: number; part?: number }[];
  title: string;
  format?: (n: number) => string;
  partLabel?: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const withParts = rows.some((r) => r.part !== undefined);
  // Lengths are proportional to the numbers printed beside them. With parts (used of a
  // budget), the outlined box is the whole and only the solid fill is the part: a source
  // with nothing used shows an empty box, never a full bar.
  return (
    <figure className="sub-chart">
      <figcaption>{title}</figcaption>
      {withParts ? (
        <p className="muted sub-chart-key">
          <span className="sub-chart-swatch sub-chart-swatch-part" aria-hidden="true" />
          {partLabel || "已使用"}
          <span className="sub-chart-swatch" aria-hidden="true" />
          总额（方框长度）
        </p>
      ) : null}
      {rows.map((r) => {
        const whole = (r.value / max) * 100;
        const share = r.part !== undefined && r.value > 0 ? Math.min(r.part, r.value) / r.value : null;
        return (
          <div key={r.label} className="sub-chart-row">
            <span className="sub-chart-label">{r.label}</span>
            <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
              {r.part !== undefined ? (
                <>
                  <rect x="0.25" y="0.5" width={Math.max(whole - 0.5, 0)} height="9" fill="#fff" stroke="#5b6b7b" strokeWidth="0.5" vectorEffect="non-scaling-stroke" />
                  <rect x="0" y="0" width={(Math.min(r.part, r.value) / max) * 100} height="10" fill="#0b6e4f" />
                </>
              ) : (
                <rect x="0" y="0" width={whole} height="10" fill="#0b6e4f" />
              )}
            </svg>
            <span className="sub-chart-value">
              {r.part !== undefined ? `${partLabel ?? ""}${format(r.part)} / ` : ""}
              {format(r.value)}
              {share !== null ? `（${Math.round(share * 100)}%）` : ""}
            </span>
          </div>
        );
      })}
    </figure>
  );
}
