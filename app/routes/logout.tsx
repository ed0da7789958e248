import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireForm } from "~/utils/access.server";
import { handled } from "~/utils/errors.server";
import { endSession } from "~/utils/session.server";

export const loader = () => redirect("/home");

export const action = handled(async ({ request }: ActionFunctionArgs) => {
  await requireForm(request);
  return redirect("/login", { headers: { "Set-Cookie": await endSession(request) } });
});
