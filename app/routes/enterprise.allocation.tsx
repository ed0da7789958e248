import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { Link, useLoaderData } from "@remix-run/react";
import { RoundList, RoundResults } from "~/components/allocation";
import { RESULT_PAGE_SIZE } from "~/domain/allocation/round";
import { listRounds } from "~/services/allocation/rounds.server";
import { loadRoundResults } from "~/services/allocation/forms.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "定向分配结果 · 园校通" }];

/** The rounds that include the enterprise's orders, and per round the graduates assigned to them. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const url = new URL(request.url);
    const roundParam = url.searchParams.get("round");
    if (roundParam) return json({ rounds: null, results: await loadRoundResults({ principal, roundId: idParam(roundParam, "分配轮次"), url }) });
    return json({ rounds: await listRounds({ principal }), results: null });
  });
}

export default function EnterpriseAllocationPage() {
  const { rounds, results } = useLoaderData<typeof loader>();
  if (results) {
    return (
      <div className="stack">
        <p>
          <Link to="/enterprise/allocation">← 全部轮次</Link>
        </p>
        <RoundResults data={results} manage={false} pageSize={RESULT_PAGE_SIZE} message={null} />
      </div>
    );
  }
  return (
    <div className="stack">
      <h1>定向分配结果</h1>
      <p className="muted">包含贵企业订单的分配轮次。分配时企业一方按匹配分对毕业生排序；结果发布后，分配到的毕业生收到录用通知，可在“应聘者”中继续办理录用。</p>
      <RoundList rounds={rounds ?? []} basePath="/enterprise/allocation" linkOf={(id) => `/enterprise/allocation?round=${id}`} />
    </div>
  );
}
