import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportRegistry } from "~/services/registry/export.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

/** GET /registries/:kind/export?format=csv|xlsx&<the list's filters> — the whole filtered list as a file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    const { body, fileName, contentType } = await exportRegistry({ principal, kind: params.kind, params: new URL(request.url).searchParams });
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": contentType,
        "Content-Disposition": `attachment; filename="export.${fileName.split(".").pop()}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "no-store",
      },
    });
  });
}
