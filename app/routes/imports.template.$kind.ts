import type { LoaderFunctionArgs } from "@remix-run/node";
import { importTemplateFor } from "~/services/registry/imports.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { importTemplateResponse } from "~/utils/table-export.server";

/** The XLSX template of one registry import: headers, an example row, a sheet explaining each column. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["province", "park"]);
    return importTemplateResponse(await importTemplateFor({ principal, kind: params.kind ?? "" }));
  });
}
