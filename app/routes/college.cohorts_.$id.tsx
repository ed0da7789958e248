import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CohortFields } from "~/components/cohort-form";
import { CsrfInput } from "~/components/csrf-input";
import { FormError, skillLevelText } from "~/components/labour";
import { majorText } from "~/domain/catalogue/majors";
import { ORDER_STATUS_LABELS } from "~/domain/constants";
import { cohortChoices, getCohort, updateCohort } from "~/services/labour/cohorts.server";
import { CohortSchema } from "~/services/labour/schemas";
import { attempt, invalid } from "~/utils/action-result.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields } from "~/utils/forms";
import { idParam } from "~/utils/params.server";
import { requirePrincipal } from "~/utils/principal.server";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${majorText(data.cohort.majorCode)}培训班 · 园校通` : "培训班 · 园校通" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["college"]);
    const id = idParam(params.id, "培训班");
    const [cohort, choices] = await Promise.all([getCohort({ principal, id }), cohortChoices({ principal })]);
    return json({ cohort, majors: choices.majors, bases: choices.bases });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["college"]);
    const id = idParam(params.id, "培训班");
    const parsed = parseFields(CohortSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await attempt(() => updateCohort({ principal, id, input: parsed.data }));
    if (!result.ok) return result.response;
    return redirectWithFlash(request, "培训班已保存");
  });
}

export default function CohortPage() {
  const { cohort, majors, bases } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const orderStatus = (s: string) => ORDER_STATUS_LABELS[s as keyof typeof ORDER_STATUS_LABELS] ?? s;
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">
          <Link to="/college/cohorts">培训班</Link>
        </p>
        <h1>{majorText(cohort.majorCode)}培训班</h1>
        <p className="muted">
          {cohort.level} · {cohort.size} 人 · {chinaDate(cohort.expectedGraduation)} 毕业
        </p>
      </header>
      <dl className="facts panel">
        <div>
          <dt>专业</dt>
          <dd>{majorText(cohort.majorCode)}</dd>
        </div>
        <div>
          <dt>层次</dt>
          <dd>{cohort.level}</dd>
        </div>
        <div>
          <dt>计划人数</dt>
          <dd>{cohort.size} 人</dd>
        </div>
        <div>
          <dt>预计毕业</dt>
          <dd>{chinaDate(cohort.expectedGraduation)}</dd>
        </div>
        <div>
          <dt>实训基地</dt>
          <dd>{cohort.trainingBase?.name ?? "未指定"}</dd>
        </div>
        <div>
          <dt>培训技能</dt>
          <dd>{cohort.skillsTaught.join("、") || "—"}</dd>
        </div>
        <div>
          <dt>目标技能等级</dt>
          <dd>{skillLevelText(cohort.targetSkillLevel)}</dd>
        </div>
        <div>
          <dt>名册</dt>
          <dd>
            <Link to={`/college/graduates?cohortId=${cohort.id}`}>
              {cohort.graduates} 名毕业生（已就业 {cohort.placed} 名）
            </Link>
          </dd>
        </div>
      </dl>
      <section className="panel stack">
        <h2>绑定的订单（{cohort.orders.length}）</h2>
        {cohort.orders.length === 0 ? (
          <p className="muted">还没有订单绑定到本班。企业的订单可在订单页绑定培训班。</p>
        ) : (
          <ul className="rows">
            {cohort.orders.map((o) => (
              <li key={o.id}>
                <Link to={`/college/orders/${o.id}`}>{o.title}</Link>
                <span className="muted">
                  {o.enterprise.name} · {orderStatus(o.status)} · 已录用 {o.quantityFilled} / {o.quantity} 人
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel stack">
        <h2>修改培训班</h2>
        <Form method="post" className="stack">
          <CsrfInput />
          <CohortFields majors={majors} bases={bases} values={cohort} errors={result?.fieldErrors} />
          <FormError message={result?.formError} />
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? "正在保存…" : "保存修改"}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
