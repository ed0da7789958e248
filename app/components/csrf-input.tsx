import { useRouteLoaderData } from "@remix-run/react";
import type { RootLoaderData } from "~/root";

export const CSRF_FIELD = "_csrf";

/** The hidden CSRF token every form posts (checked by requireForm on the server). */
export function CsrfInput() {
  const data = useRouteLoaderData<RootLoaderData>("root");
  return <input type="hidden" name={CSRF_FIELD} value={data?.csrfToken ?? ""} />;
}
