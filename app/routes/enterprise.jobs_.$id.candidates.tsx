import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, CandidatesTable } from "~/components/matching";
import { candidatesForJob, readCandidateQuery } from "~/services/matching/matching.server";
import { inviteFromForm } from "~/services/matching/forms.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `候选人：${data?.job.title ?? "岗位"} · 园校通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const query = readCandidateQuery(new URL(request.url).searchParams);
    const result = await candidatesForJob({ principal, jobId: idParam(params.id, "岗位"), ...query });
    return json(result);
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["enterprise"]);
    const invited = await inviteFromForm({ principal, form, target: { jobId: idParam(params.id, "岗位") } });
    return "message" in invited ? redirectWithFlash(request, invited.message) : invited;
  });
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
      <CandidatesTable
        rows={data.rows}
        total={data.total}
        page={data.page}
        pageSize={data.pageSize}
        retrieved={data.retrieved}
        excluded={data.excluded}
        invitable={data.job.status === "open"}
        message={result?.formError ?? null}
      />
    </div>
  );
}
