import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

/** 单位信息: a park, college or enterprise account's own registry record. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const p = await requirePrincipal(request, ["park", "college", "enterprise"]);
    if (p.role === "park") return redirect(`/registries/parks/${p.parkId ?? 0}`);
    if (p.role === "college") return redirect(`/registries/colleges/${p.collegeId ?? 0}`);
    return redirect(`/registries/enterprises/${p.enterpriseId ?? 0}`);
  });
}
