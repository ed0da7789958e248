import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ApplicationStatusBadge, PostingFacts, skillLevelText } from "~/components/labour";
import { formatWholeYuan } from "~/domain/money";
import { APPLIED, applyTo } from "~/services/labour/applications.server";
import { getJob } from "~/services/labour/postings.server";
import { attempt } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam } from "~/utils/params.server";
import { requirePrincipal } from "~/utils/principal.server";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.job.title ?? "岗位"} · 园校通` }];

const JOB_STATUS_TEXT: Record<string, string> = { open: "招聘中", closed: "已关闭", draft: "草稿" };

/** A job's page, for every signed-in role; a graduate applies from it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    const job = await getJob({ principal, jobId: idParam(params.id, "岗位") });
    return json({ job, mayApply: principal.role === "graduate" });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal } = await requireForm(request, ["graduate"]);
    const result = await attempt(() => applyTo({ principal, target: { jobId: idParam(params.id, "岗位") } }));
    if (!result.ok) return result.response;
    return redirectWithFlash(request, APPLIED);
  });
}


export default function JobPage() {
  const { job, mayApply } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const facts: [string, string][] = [
    ["用人单位", job.enterprise.name],
    ["园区 / 城市", `${job.park.name} · ${job.city.name}`],
    ["月薪", `${formatWholeYuan(job.wageMinFen)}–${formatWholeYuan(job.wageMaxFen)}`],
    ["接受专业", job.majorClasses.map((c) => c.name).join("、") || "不限"],
    ["技能等级要求", skillLevelText(job.skillLevelRequired)],
    ["招聘人数", `${job.openings} 人`],
    ["发布日期", chinaDate(job.postedAt)],
  ];
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">
          岗位 · {job.enterprise.name}
        </p>
        <h1>
          {job.title} <span className={`badge ${job.status === "open" ? "badge-yes" : "badge-no"}`}>{JOB_STATUS_TEXT[job.status] ?? job.status}</span>
        </h1>
      </header>
      <PostingFacts result={result} facts={facts} />
      <section className="panel">
        <h2>岗位描述</h2>
        {job.description.split(/\n+/).map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </section>
      {mayApply && job.status === "open" ? (
        job.myApplication ? (
          <p className="actions">
            您已申请该岗位 <ApplicationStatusBadge status={job.myApplication.status} />{" "}
            <Link to={`/graduate/applications/${job.myApplication.id}`}>查看申请</Link>
          </p>
        ) : (
          <Form method="post" className="actions">
            <CsrfInput />
            <button type="submit" className="button button-primary" disabled={busy}>
              申请该岗位
            </button>
          </Form>
        )
      ) : null}
    </div>
  );
}
