import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { fundTotals, listFundAllocations, readStatementQuery } from "~/services/fund/training-fund.server";
import type { FundTotal } from "~/services/fund/training-fund.server";
import { recipientName } from "~/components/fund";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, withErrors } from "~/utils/errors.server";
import type { ExportColumn } from "~/utils/table-export.server";
import { EXPORT_FORMATS, exportTable } from "~/utils/table-export.server";

/**
 * GET /training-fund/export?table=…&format=csv|xlsx&year=…&q=…&sort=… — the
 * statement a page shows, with the page's filters and within the caller's scope.
 */
const ExportSchema = z.object({
  table: z.enum(["allocations", "cities", "parks", "colleges"], { error: "未知的报表" }),
  format: z.enum(EXPORT_FORMATS, { error: "导出格式应为 csv 或 xlsx" }),
});

type Allocation = Awaited<ReturnType<typeof listFundAllocations>>["rows"][number];

const allocationColumns = (year: number): ExportColumn<Allocation>[] => [
  { header: "年度", value: () => year, width: 8 },
  { header: "企业名称", value: (r) => r.enterprise.name, width: 32 },
  { header: "统一社会信用代码", value: (r) => r.enterprise.creditCode, width: 22 },
  { header: "园区", value: (r) => r.enterprise.park.name },
  { header: "学校标识码", value: (r) => r.college?.schoolCode ?? "", width: 14 },
  { header: "院校名称", value: (r) => recipientName(r), width: 28 },
  { header: "当年就业人数", value: (r) => r.placements, width: 12 },
  { header: "培训经费（元）", value: (r) => r.feeFen, money: true },
  { header: "院校分成总额（元）", value: (r) => r.shareFen, money: true },
  { header: "划拨金额（元）", value: (r) => r.amountFen, money: true },
];

const totalColumns = (nameLabel: string, parentLabel: string | null, withFee: boolean): ExportColumn<FundTotal>[] => [
  { header: nameLabel, value: (r) => r.name, width: 28 },
  ...(parentLabel ? [{ header: parentLabel, value: (r: FundTotal) => r.parent }] : []),
  { header: "企业数", value: (r) => r.enterprises, width: 10 },
  ...(withFee ? [{ header: "培训经费（元）", value: (r: FundTotal) => r.feeFen, money: true }] : []),
  { header: "院校分成（元）", value: (r) => r.shareFen, money: true },
];

const SHEETS = {
  allocations: "划拨明细",
  cities: "各设区市合计",
  parks: "各园区合计",
  colleges: "各院校应收合计",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise", "college", "park", "province"]);
    const url = new URL(request.url);
    const parsed = ExportSchema.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError({ code: "invalid", field: String(issue.path[0]), message: issue.message });
    }
    const { table, format } = parsed.data;
    const query = readStatementQuery(url);
    const sheetName = SHEETS[table];
    const fileName = `培训经费-${sheetName}-${query.year}`;
    if (table === "allocations") {
      const { rows } = await listFundAllocations({ principal, ...query, all: true });
      return exportTable({ format, fileName, sheetName, columns: allocationColumns(query.year), rows });
    }
    const { rows } = await fundTotals({ principal, year: query.year, by: table === "cities" ? "city" : table === "parks" ? "park" : "college", q: query.q });
    const columns =
      table === "cities"
        ? totalColumns("设区市", null, true)
        : table === "parks"
          ? totalColumns("园区", "设区市", true)
          : totalColumns("院校", "学校标识码", false);
    return exportTable({ format, fileName, sheetName, columns, rows });
  });
}
