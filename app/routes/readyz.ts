/**
 * GET /readyz — readiness: 200 when the database, Redis and the search engine answer
 * within 2 s each, else 503 with a JSON body naming what failed (docs/deploy.md).
 * It returns no caller data and no addresses: no principal needed.
 */
import { json } from "@remix-run/node";
import { checkReadiness, processProbes } from "~/services/health/readiness.server";

export async function loader() {
  const readiness = await checkReadiness(processProbes());
  return json(
    { status: readiness.ready ? "ready" : "unavailable", failed: readiness.failed, checks: readiness.checks },
    { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
