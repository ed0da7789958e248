import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, CandidatesTable } from "~/components/matching";
import { candidatesFromRequest, inviteFromForm } from "~/services/matching/forms.server";
import { withErrors } from "~/utils/errors.server";
import { majorText } from "~/domain/catalogue/majors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `候选人：${data?.order.title ?? "订单"} · 园校通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => json(await candidatesFromRequest({ request, roles: ["enterprise"], of: "order", id: params.id })));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(() => inviteFromForm({ request, of: "order", id: params.id }));
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
      <CandidatesTable result={data} invitable message={result?.formError ?? null} />
    </div>
  );
}
