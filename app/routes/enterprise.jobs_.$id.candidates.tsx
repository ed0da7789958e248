import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, CandidatesTable } from "~/components/matching";
import { candidatesFromRequest, inviteFromForm } from "~/services/matching/forms.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `候选人：${data?.job.title ?? "岗位"} · 园校通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => json(await candidatesFromRequest({ request, roles: ["enterprise"], of: "job", id: params.id })));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(() => inviteFromForm({ request, of: "job", id: params.id }));
}

export default function JobCandidatesPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <BackLink to="/enterprise/jobs" label="岗位" />
      <h1>候选人：{data.job.title}</h1>
      <p className="muted">
        接受专业类 {data.job.majorClasses.join("、")}，匹配政策{data.policyVersion ? `第 ${data.policyVersion} 版` : "默认权重"}
      </p>
      <CandidatesTable result={data} invitable={data.job.status === "open"} message={result?.formError ?? null} />
    </div>
  );
}
