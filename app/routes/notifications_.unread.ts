import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { countUnreadNotifications } from "~/services/labour/notifications.server";
import { withErrors } from "~/utils/errors.server";
import { requirePrincipal } from "~/utils/principal.server";

/**
 * The header's unread count, read on its own (components/unread-count.tsx): after each
 * navigation, when the window gets the focus back, and every minute. The root's data is
 * not read again on navigation (ADR 112), so without this the count changed only after a
 * form post.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    return json({ unread: await countUnreadNotifications(principal) }, { headers: { "Cache-Control": "no-store" } });
  });
}
