import type { LoaderFunctionArgs } from "@remix-run/node";
import { importTemplateFor } from "~/services/registry/imports.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { importTemplateResponse } from "~/utils/table-export.server";

/** The XLSX template of one import kind: headers, an example row, a sheet explaining each column. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    // Each kind's own roles are checked by importTemplateFor: registries for province and park, fund payments and worker-training claims for enterprises, 专款支出 for colleges.
    const principal = await requirePrincipal(request, ["province", "park", "enterprise", "college"]);
    return importTemplateResponse(await importTemplateFor({ principal, kind: params.kind ?? "" }));
  });
}
