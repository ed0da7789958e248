import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { BackLink } from "~/components/matching";
import { RoundResults } from "~/components/allocation";
import { RESULT_PAGE_SIZE } from "~/domain/allocation/round";
import { allocationAdminArea, loadRoundResults, roundIntentFromForm } from "~/services/allocation/forms.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";

/** One round, for the province and for parks: app/routes/park.allocation_.$id.tsx serves this module under /park. */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.title ?? "分配轮次"} · 定向分配 · 园校通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const { role, basePath } = allocationAdminArea(request);
    const principal = await requirePrincipal(request, [role]);
    return json({ ...(await loadRoundResults({ principal, roundId: idParam(params.id, "分配轮次"), url: new URL(request.url) })), basePath });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, [allocationAdminArea(request).role]);
    const result = await roundIntentFromForm({ principal, roundId: idParam(params.id, "分配轮次"), form });
    return "message" in result ? redirectWithFlash(request, result.message) : result;
  });
}

export default function AllocationRoundPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const message = result?.formError ?? (params.get("unscheduled") ? "后台任务服务暂不可用，截止时自动分配的任务已记录，将在后台稍后处理；也可到期后点击“立即执行分配”。" : null);
  return (
    <div className="stack">
      <BackLink to={data.basePath} label="定向分配" />
      <RoundResults data={data} manage pageSize={RESULT_PAGE_SIZE} message={message} />
    </div>
  );
}
