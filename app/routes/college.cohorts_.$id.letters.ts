import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { issueCohortLetters, type ActivationLetter } from "~/services/accounts/activation.server";
import { requireForm } from "~/utils/csrf.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { requirePrincipal } from "~/utils/principal.server";
import { tableToXlsx, type ExportColumn } from "~/utils/table-export.server";
import { chinaDate } from "~/domain/china-time";

const LETTER_COLUMNS: readonly ExportColumn<ActivationLetter>[] = [
  { header: "姓名", value: (l) => l.name, width: 12 },
  { header: "身份证号", value: (l) => l.idNumberMasked, width: 22 },
  { header: "手机号", value: (l) => l.mobile, width: 14 },
  { header: "激活码", value: (l) => l.code, width: 14 },
  { header: "有效期至", value: (l) => chinaDate(l.expiresAt), width: 12 },
  { header: "激活网址", value: () => "/activate", width: 12 },
];

/** Opening the address is not enough: exporting issues new codes, so it takes the page's button (a POST). */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    await requirePrincipal(request, ["college"]);
    throw new AppError({ status: 405, code: "method_not_allowed", message: "导出激活函会签发新的激活码，请在“培训班”页面点击“导出激活函”" });
  });
}

/**
 * Activation letters of a cohort (XLSX): a new code for every graduate of the cohort who
 * has not activated; earlier letters of those graduates stop working. A POST, since it
 * issues codes; the file is sent with no-store so no cache keeps the codes.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal } = await requireForm(request, ["college"]);
    const cohortId = idParam(params.id, "培训班");
    const letters = await issueCohortLetters({ principal, cohortId });
    const body = await tableToXlsx("激活函", LETTER_COLUMNS, letters);
    const fileName = `激活函-培训班${cohortId}.xlsx`;
    return new Response(body, {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="letters.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "no-store",
      },
    });
  });
}
