import { type ReactNode, useId } from "react";
import { chinaDate, chinaMinute } from "~/domain/china-time";
import { APPLICATION_STATUS_LABELS, ORDER_STATUS_LABELS, PLACEMENT_END_REASONS, SKILL_LEVEL_LABELS } from "~/domain/constants";
import { CITIES } from "~/domain/geo/divisions";
import { formatYuan } from "~/domain/money";

/** Calendar date of an ISO timestamp (dates are stored at UTC midnight). */
/** Date and time in China (UTC+8), for event timelines. */

export const skillLevelText = (level: number | null | undefined) => (level ? (SKILL_LEVEL_LABELS[level] ?? String(level)) : "—");
export const cityNames = (codes: readonly string[]) => codes.map((c) => CITIES.find((x) => x.code === c)?.name ?? c).join("、") || "—";

export function ApplicationStatusBadge({ status }: { status: string }) {
  const tone = status === "hired" ? "badge-yes" : ["rejected", "withdrawn", "declined", "lapsed", "closed"].includes(status) ? "badge-no" : "";
  return <span className={`badge ${tone}`}>{APPLICATION_STATUS_LABELS[status as keyof typeof APPLICATION_STATUS_LABELS] ?? status}</span>;
}

export function OrderStatusBadge({ status }: { status: string }) {
  return <span className="badge">{ORDER_STATUS_LABELS[status as keyof typeof ORDER_STATUS_LABELS] ?? status}</span>;
}

/** 对口 or 不对口, for a placement. */
export function RelevanceBadge({ relevant }: { relevant: boolean }) {
  return <span className={`badge ${relevant ? "badge-yes" : "badge-no"}`}>{relevant ? "对口" : "不对口"}</span>;
}

type TimelineEvent = { id: number; fromStatus: string | null; toStatus: string; at: string; note?: string | null; actor: { displayName: string } | null };

/** Every status change with its actor and time, oldest first. */
export function StatusTimeline({ events, labels }: { events: readonly TimelineEvent[]; labels: Record<string, string> }) {
  return (
    <ol className="timeline" aria-label="状态记录">
      {events.map((e) => (
        <li key={e.id}>
          <strong>{labels[e.toStatus] ?? e.toStatus}</strong>
          <span className="muted">
            {" "}
            · {chinaMinute(e.at)} · {e.actor?.displayName ?? "系统"}
          </span>
          {e.note ? <div className="muted">说明：{e.note}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/** A labelled select with its error beside it. */
export function SelectField({
  label, name, error, children, ...rest
}: { label: string; name: string; error?: string; children: ReactNode } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...rest}>
        {children}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function SkillLevelOptions({ blank }: { blank?: string }) {
  return (
    <>
      {blank ? <option value="">{blank}</option> : null}
      {[5, 4, 3, 2, 1].map((l) => (
        <option key={l} value={l}>
          {SKILL_LEVEL_LABELS[l]}
        </option>
      ))}
    </>
  );
}

/** A form's general error (not tied to a field). */
export function FormError({ message }: { message?: string | null }) {
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

type OfferFields = {
  status: string;
  offerStartDate: string | null;
  offerMonthlyWageFen: number | null;
  offerContractMonths: number | null;
  offerReplyBy: string | null;
};

/** The offer's terms (录用通知) once one was made: what the graduate answers. */
export function OfferTermsPanel({ application: a, children }: { application: OfferFields; children?: ReactNode }) {
  if (!a.offerStartDate || a.offerMonthlyWageFen === null) return null;
  return (
    <section className="panel stack" aria-label="录用通知">
      <h2>录用通知</h2>
      <dl className="facts">
        <div>
          <dt>入职日期</dt>
          <dd>{chinaDate(a.offerStartDate)}</dd>
        </div>
        <div>
          <dt>月薪</dt>
          <dd>{formatYuan(a.offerMonthlyWageFen)}</dd>
        </div>
        <div>
          <dt>劳动合同期限</dt>
          <dd>{a.offerContractMonths} 个月</dd>
        </div>
        <div>
          <dt>答复期限</dt>
          <dd>{chinaDate(a.offerReplyBy)}（当日 24 时前）</dd>
        </div>
      </dl>
      {children}
    </section>
  );
}

/** The end day and reason of a separation (recorded by the enterprise or reported by the graduate). */
export function SeparationFields() {
  return (
    <>
      <input name="endedOn" type="date" required aria-label="离职日期" />
      <select name="endReason" required aria-label="离职原因" defaultValue="">
        <option value="" disabled>
          离职原因
        </option>
        {PLACEMENT_END_REASONS.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </>
  );
}

/**
 * The body of a posting's page (job or order) under its heading: the outcome of the
 * graduate's application from the page, and the posting's facts.
 */
export function PostingFacts({
  result,
  facts,
}: {
  result: { ok: false; formError?: string | null } | undefined;
  facts: readonly (readonly [string, string])[];
}) {
  return (
    <>
      <FormError message={result?.formError} />
      <dl className="facts panel">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
