import { chinaDate } from "~/domain/china-time";

/** The actions of a certificate's verification log (ADR 167). */
export const CERTIFICATE_ACTION_LABELS: Record<string, string> = { verified: "核验", corrected: "更正", revoked: "撤销核验" };

type Verification = { verifiedAt: string | null; issuingBody?: string | null; certificateNo?: string | null };

/** Whether a college or bureau has verified the certificate, with its issuing body and number when it has (ADR 165). */
export function CertificateBadge({ certificate }: { certificate: Verification }) {
  if (!certificate.verifiedAt) return <span className="badge">未核验</span>;
  const detail = [certificate.issuingBody, certificate.certificateNo ? `编号 ${certificate.certificateNo}` : null].filter(Boolean).join(" · ");
  // The badge stays short; the issuing body and number wrap beside it (a phone is 375 px wide).
  return (
    <span className="certificate-verified">
      <span className="badge badge-yes">已核验 {chinaDate(certificate.verifiedAt)}</span>
      {detail ? <span className="muted"> {detail}</span> : null}
    </span>
  );
}
