import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { FormError, SelectField, SkillLevelOptions } from "~/components/labour";
import { ListTable } from "~/components/list-controls";
import { HIGHER_VOCATIONAL_CLASSES } from "~/domain/catalogue/majors";
import { formatYuan } from "~/domain/money";
import { createJob, JOB_SORTS, listEnterpriseJobs, setJobStatus } from "~/services/labour/postings.server";
import { JobSchema } from "~/services/labour/schemas";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFieldsWithLists, idField } from "~/utils/forms";
import { parseListQuery } from "~/utils/list-query";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "岗位 · 园校通" }];

const StatusSchema = z.object({ id: idField, status: z.enum(["open", "closed"]) });

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const query = parseListQuery(new URL(request.url), { sorts: JOB_SORTS, defaultSort: "postedAt", defaultDirection: "desc" });
    return json({ jobs: await listEnterpriseJobs({ principal, query }) });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["enterprise"]);
    if (form.get("intent") === "status") {
      const parsed = StatusSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) throw new AppError({ message: "岗位状态无效" });
      await setJobStatus({ principal, jobId: parsed.data.id, status: parsed.data.status });
      return redirectWithFlash(request, parsed.data.status === "open" ? "岗位已重新开放" : "岗位已关闭");
    }
    const parsed = parseFieldsWithLists(JobSchema, form, { lists: ["majorClasses"] });
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await attempt(() => createJob({ principal, input: parsed.data }));
    if (!result.ok) return result.response;
    return redirectWithFlash(request, `岗位已发布：${parsed.data.title}`);
  });
}

export default function EnterpriseJobsPage() {
  const { jobs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="stack">
      <h1>岗位</h1>
      <details className="panel" open={result?.ok === false}>
        <summary>
          <strong>发布新岗位</strong>
        </summary>
        <Form method="post" className="stack">
          <CsrfInput />
          <div className="form-grid">
            <Field label="岗位名称" name="title" required maxLength={60} error={errors.title} />
            <Field label="招聘人数" name="openings" type="number" min={1} max={1000} required error={errors.openings} />
            <Field label="最低月薪（元）" name="wageMinFen" inputMode="decimal" required error={errors.wageMinFen} />
            <Field label="最高月薪（元）" name="wageMaxFen" inputMode="decimal" required error={errors.wageMaxFen} />
            <SelectField label="技能等级要求" name="skillLevelRequired" defaultValue="">
              <SkillLevelOptions blank="不限" />
            </SelectField>
          </div>
          <div className="field">
            <label htmlFor="job-description">岗位描述</label>
            <textarea id="job-description" name="description" rows={4} maxLength={2000} required aria-invalid={errors.description ? true : undefined} />
            {errors.description ? <p className="field-error">{errors.description}</p> : null}
          </div>
          <fieldset className="field">
            <legend>接受的专业类（对口判定依据）</legend>
            <div className="actions">
              {HIGHER_VOCATIONAL_CLASSES.map((c) => (
                <label key={c.code}>
                  <input type="checkbox" name="majorClasses" value={c.code} /> {c.code} {c.name}
                </label>
              ))}
            </div>
            {errors.majorClasses ? <p className="field-error">{errors.majorClasses}</p> : null}
          </fieldset>
          <FormError message={result?.formError} />
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              发布岗位
            </button>
          </div>
        </Form>
      </details>
      <ListTable headings={[{ label: "岗位", sort: "title" }, "专业类", { label: "月薪", sort: "wageMinFen" }, { label: "人数", sort: "openings" }, { label: "发布日期", sort: "postedAt" }, "申请 / 录用", "状态"]} rows={jobs.rows} empty="还没有岗位" sort={jobs} pager={jobs}>
        {(j) => (
          <tr key={j.id}>
            <td>{j.title}</td>
            <td>{j.majorClasses.join("、")}</td>
            <td>
              {formatYuan(j.wageMinFen)}–{formatYuan(j.wageMaxFen)}
            </td>
            <td>{j.openings}</td>
            <td>{chinaDate(j.postedAt)}</td>
            <td>
              <Link to={`/enterprise/applicants?jobId=${j.id}`}>
                {j._count.applications} / {j._count.placements}
              </Link>{" "}
              <Link to={`/enterprise/jobs/${j.id}/candidates`}>候选人</Link>
            </td>
            <td>
              <Form method="post" className="actions">
                <CsrfInput />
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="id" value={j.id} />
                <span>{j.status === "open" ? "招聘中" : j.status === "closed" ? "已关闭" : "草稿"}</span>
                <button type="submit" name="status" value={j.status === "open" ? "closed" : "open"} className="button button-quiet">
                  {j.status === "open" ? "关闭" : "重新开放"}
                </button>
              </Form>
            </td>
          </tr>
        )}
      </ListTable>
    </div>
  );
}
