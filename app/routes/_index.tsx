import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getPrincipal } from "~/utils/principal.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await getPrincipal(request);
  return redirect(principal ? "/home" : "/login");
}
