import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireForm } from "~/utils/csrf.server";
import { endSession } from "~/utils/session.server";
import { withErrors } from "~/utils/errors.server";

export const loader = () => redirect("/home");

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    await requireForm(request);
    return redirect("/login", { headers: { "Set-Cookie": await endSession(request) } });
  });
}
