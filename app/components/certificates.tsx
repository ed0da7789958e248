import { chinaDate } from "~/domain/china-time";

type Verification = { verifiedAt: string | null; issuingBody?: string | null; certificateNo?: string | null };

/** Whether a college or bureau has verified the certificate, with its issuing body and number when it has (ADR 165). */
export function CertificateBadge({ certificate }: { certificate: Verification }) {
  if (!certificate.verifiedAt) return <span className="badge">未核验</span>;
  const detail = [certificate.issuingBody, certificate.certificateNo ? `编号 ${certificate.certificateNo}` : null].filter(Boolean).join(" · ");
  return (
    <span className="badge badge-yes" title={detail || undefined}>
      已核验 {chinaDate(certificate.verifiedAt)}
      {detail ? `（${detail}）` : ""}
    </span>
  );
}
