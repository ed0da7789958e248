import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ApplicationStatusBadge, dateText, FormError, RelevanceBadge, StatusTimeline } from "~/components/labour";
import { APPLICATION_STATUS_LABELS } from "~/domain/constants";
import { isActiveApplication } from "~/domain/labour/application-status";
import { formatYuan } from "~/domain/money";
import { getApplication, moveApplication } from "~/services/labour/applications.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { attempt } from "~/utils/action-result.server";
import { withErrors, notFound } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "申请进度 · 园校通" }];

const idOf = (raw: string | undefined) => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound("申请");
  return id;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["graduate"]);
    return json({ application: await getApplication({ principal, applicationId: idOf(params.id) }) });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal } = await requireForm(request, ["graduate"]);
    const result = await attempt(() => moveApplication({ principal, applicationId: idOf(params.id), to: "withdrawn" }));
    if (!result.ok) return result.response;
    return json({ ok: true as const, formError: null });
  });
}

export default function ApplicationPage() {
  const { application: a } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const target = a.job ?? a.order;
  return (
    <div className="stack">
      <p>
        <Link to="/graduate/applications">← 我的申请</Link>
      </p>
      <header className="page-head">
        <p className="eyebrow">
          {a.order ? "订单培训" : "岗位"} · {target?.enterprise.name}
        </p>
        <h1>
          {target?.title} <ApplicationStatusBadge status={a.status} />
        </h1>
      </header>
      {a.placement ? (
        <section className="panel">
          <h2>录用信息</h2>
          <p className="actions">
            {dateText(a.placement.startDate)} 入职 · {formatYuan(a.placement.monthlyWageFen)}/月 <RelevanceBadge relevant={a.placement.majorRelevant} />
            <span className="badge">{a.placement.inProvincePark ? "省内园区" : "省外"}</span>
            <span className="muted">
              {a.placement.confirmedAt ? `企业已确认：合同 ${a.placement.contractMonths} 月，社保 ${a.placement.insuredMonths} 月` : "等待企业确认合同与社保"}
            </span>
          </p>
        </section>
      ) : null}
      <section className="panel">
        <h2>状态记录</h2>
        <StatusTimeline events={a.events} labels={APPLICATION_STATUS_LABELS} />
      </section>
      {isActiveApplication(a.status) ? (
        <Form method="post" className="actions">
          <CsrfInput />
          <button type="submit" className="button">
            撤回申请
          </button>
          <FormError message={result?.ok === false ? result.formError : null} />
        </Form>
      ) : null}
    </div>
  );
}
