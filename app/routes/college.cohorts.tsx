import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { CohortFields } from "~/components/cohort-form";
import { FormError, skillLevelText } from "~/components/labour";
import { ListTable } from "~/components/list-controls";
import { COHORT_SORTS, cohortChoices, createCohort, listCohorts } from "~/services/labour/cohorts.server";
import { CohortSchema } from "~/services/labour/schemas";
import { requireForm } from "~/utils/csrf.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { requirePrincipal } from "~/utils/principal.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields } from "~/utils/forms";
import { parseListQuery } from "~/utils/list-query";
import { majorText } from "~/domain/catalogue/majors";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "培训班 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["college"]);
    const query = parseListQuery(new URL(request.url), { sorts: COHORT_SORTS, defaultSort: "createdAt", defaultDirection: "desc" });
    const [cohorts, choices] = await Promise.all([listCohorts({ principal, query }), cohortChoices({ principal })]);
    return json({ cohorts, majors: choices.majors, bases: choices.bases });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["college"]);
    const parsed = parseFields(CohortSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await attempt(() => createCohort({ principal, input: parsed.data }));
    if (!result.ok) return result.response;
    return redirectWithFlash(request, `已发布培训班（${parsed.data.majorCode}，${parsed.data.size} 人）`);
  });
}

export default function CohortsPage() {
  const { cohorts, majors, bases } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <h1>培训班</h1>
      <p className="muted">
        发布本校的订单班、培训班，企业的订单可以绑定到培训班。“导出激活函”为培训班中尚未激活账号的毕业生各签发一个新激活码（30
        天有效，此前的激活码作废），生成 Excel 激活函供打印分发。
      </p>
      <details className="panel" open={result?.ok === false}>
        <summary>
          <strong>发布新培训班</strong>
        </summary>
        <Form method="post" className="stack">
          <CsrfInput />
          <CohortFields majors={majors} bases={bases} errors={result?.fieldErrors} />
          <FormError message={result?.ok === false ? result.formError : null} />
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              发布培训班
            </button>
          </div>
        </Form>
      </details>
      {result?.ok ? (
        <p className="notice" role="status">
          培训班已发布。
        </p>
      ) : null}
      <ListTable headings={[{ label: "专业", sort: "majorCode" }, "层次", { label: "人数", sort: "size" }, { label: "预计毕业", sort: "expectedGraduation" }, "实训基地", "培训技能", "目标等级", "名册 / 订单", "激活函"]} rows={cohorts.rows} empty="还没有培训班" sort={cohorts} pager={cohorts}>
        {(c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/college/cohorts/${c.id}`}>{majorText(c.majorCode)}</Link>
            </td>
            <td>{c.level}</td>
            <td>{c.size}</td>
            <td>{chinaDate(c.expectedGraduation)}</td>
            <td>{c.trainingBase?.name ?? "—"}</td>
            <td className="wrap">{c.skillsTaught.join("、") || "—"}</td>
            <td>{skillLevelText(c.targetSkillLevel)}</td>
            <td>
              {c._count.graduates} 人 / {c._count.orders} 单
            </td>
            <td>
              <Form method="post" action={`/college/cohorts/${c.id}/letters`} reloadDocument>
                <CsrfInput />
                <button type="submit" className="button button-quiet" disabled={c._count.graduates === 0}>
                  导出激活函
                </button>
              </Form>
            </td>
          </tr>
        )}
      </ListTable>
    </div>
  );
}
