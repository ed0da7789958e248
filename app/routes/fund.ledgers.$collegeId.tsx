import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { LedgerSummary } from "~/components/fund-ledger";
import { Pager } from "~/components/list-controls";
import { getCollegeLedger } from "~/services/fund/ledger.server";
import { withErrors } from "~/utils/errors.server";
import { PAGE_SIZE } from "~/utils/list-query";
import { idParam } from "~/utils/params.server";
import { requirePrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "院校专款专用台账 · 园校通" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["park", "province"]);
    const collegeId = idParam(params.collegeId, "院校");
    const page = z.coerce.number().int().min(1).max(100_000).catch(1).parse(new URL(request.url).searchParams.get("page") ?? undefined);
    return json(await getCollegeLedger({ principal, collegeId, page }));
  });
}

export default function CollegeLedgerDetailPage() {
  const ledger = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow"><Link to="/fund/ledgers">院校专款专用台账</Link></p>
        <h1>{ledger.college.name}</h1>
      </header>
      <LedgerSummary ledger={ledger} />
      <Pager page={Number(params.get("page") ?? 1)} total={ledger.total} pageSize={PAGE_SIZE} />
    </div>
  );
}
