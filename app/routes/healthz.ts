/**
 * GET /healthz — liveness: the process runs and answers. It checks no dependency, so a
 * database or Redis outage never makes an orchestrator restart every web process
 * (readiness is GET /readyz). No caller data: no principal needed.
 */
import { json } from "@remix-run/node";

export function loader() {
  return json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
