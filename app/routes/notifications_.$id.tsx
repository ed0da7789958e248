import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { openNotification } from "~/services/labour/notifications.server";
import { withErrors } from "~/utils/errors.server";
import { idParam } from "~/utils/params.server";
import { requirePrincipal } from "~/utils/principal.server";

/** GET /notifications/:id — opens a notification: marks it read and goes to its record. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    return redirect(await openNotification({ principal, id: idParam(params.id, "通知") }));
  });
}
