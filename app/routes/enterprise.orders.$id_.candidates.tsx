import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, CandidatesTable } from "~/components/matching";
import { candidatesForOrder, readCandidateQuery } from "~/services/matching/matching.server";
import { inviteFromForm } from "~/services/matching/forms.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { majorText } from "~/domain/catalogue/majors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `候选人：${data?.order.title ?? "订单"} · 园校通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const query = readCandidateQuery(new URL(request.url).searchParams);
    const result = await candidatesForOrder({ principal, orderId: idParam(params.id, "订单"), ...query });
    return json(result);
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["enterprise"]);
    const invited = await inviteFromForm({ principal, form, target: { orderId: idParam(params.id, "订单") } });
    return "message" in invited ? redirectWithFlash(request, invited.message) : invited;
  });
}

export default function OrderCandidatesPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <BackLink to={`/enterprise/orders/${data.order.id}`} label={data.order.title} />
      <h1>候选人：{data.order.title}</h1>
      <p className="muted">
        专业 {majorText(data.order.majorCode)}，技能要求 {data.order.skillTags.join("、") || "无"}，匹配政策
        {data.policyVersion ? `第 ${data.policyVersion} 版` : "默认权重"}
      </p>
      <CandidatesTable
        rows={data.rows}
        total={data.total}
        page={data.page}
        pageSize={data.pageSize}
        retrieved={data.retrieved}
        excluded={data.excluded}
        invitable
        message={result?.formError ?? null}
      />
    </div>
  );
}
