import type { LoaderFunctionArgs } from "@remix-run/node";
import { rosterTemplate } from "~/services/labour/roster.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { importTemplateResponse } from "~/utils/table-export.server";

/** The graduate roster's XLSX template: headers, an example row this college could import, a sheet explaining each column. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["college"]);
    return importTemplateResponse({ fileName: "毕业生名册导入模板", ...(await rosterTemplate({ principal })) });
  });
}
