import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ApplicationStatusBadge } from "~/components/labour";

/** A search result's 申请 button, or the graduate's application to it with its status. */
export function ApplyButton({ kind, id, application, busy }: { kind: "jobId" | "orderId"; id: number; application: { id: number; status: string } | null; busy: boolean }) {
  if (application) {
    return (
      <p className="actions">
        已申请 <ApplicationStatusBadge status={application.status} /> <Link to={`/graduate/applications/${application.id}`}>查看进度</Link>
      </p>
    );
  }
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name={kind} value={id} />
      <button type="submit" className="button button-primary" disabled={busy}>
        申请
      </button>
    </Form>
  );
}

