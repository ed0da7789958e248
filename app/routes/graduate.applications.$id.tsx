import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ApplicationStatusBadge, FormError, OfferTermsPanel, RelevanceBadge, SeparationFields, StatusTimeline } from "~/components/labour";
import { APPLICATION_STATUS_LABELS } from "~/domain/constants";
import { isActiveApplication } from "~/domain/labour/application-status";
import { formatYuan } from "~/domain/money";
import { getApplication, moveApplication } from "~/services/labour/applications.server";
import { answerOffer } from "~/services/labour/offers.server";
import { SeparationSchema } from "~/services/labour/schemas";
import { reportSeparation } from "~/services/labour/separations.server";
import { parseFields } from "~/utils/forms";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { attempt } from "~/utils/action-result.server";
import { notFound, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "申请进度 · 园校通" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["graduate"]);
    return json({ application: await getApplication({ principal, applicationId: idParam(params.id, "申请") }) });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["graduate"]);
    const applicationId = idParam(params.id, "申请");
    const intent = form.get("intent");
    if (intent === "report_end") {
      const parsed = parseFields(SeparationSchema, form);
      if (!parsed.ok) return json({ ok: false as const, formError: Object.values(parsed.fieldErrors)[0] ?? "请检查离职信息" }, { status: 400 });
      const { placement } = await getApplication({ principal, applicationId });
      if (!placement) throw notFound("就业记录");
      const result = await attempt(() => reportSeparation({ principal, placementId: placement.id, input: parsed.data }));
      if (!result.ok) return result.response;
      return redirectWithFlash(request, "已申报离职，等待用人单位确认（10 个工作日未答复的，由院校确认）");
    }
    if (intent === "accept" || intent === "decline") {
      const result = await attempt(() => answerOffer({ principal, applicationId, answer: intent }));
      if (!result.ok) return result.response;
      const { applications, choices } = result.data.withdrawn;
      const message =
        intent === "accept"
          ? `已接受录用通知，等待企业办理录用${applications + choices > 0 ? `；其他 ${applications} 份申请和 ${choices} 项定向分配志愿已自动撤回` : ""}`
          : "已谢绝录用通知";
      return redirectWithFlash(request, message);
    }
    const result = await attempt(() => moveApplication({ principal, applicationId, to: "withdrawn" }));
    if (!result.ok) return result.response;
    return redirectWithFlash(request, "申请已撤回");
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
          {target ? <Link to={a.order ? `/orders/${a.order.id}` : `/jobs/${a.job!.id}`}>{target.title}</Link> : null} <ApplicationStatusBadge status={a.status} />
        </h1>
      </header>
      <FormError message={result?.formError} />
      <OfferTermsPanel application={a}>
        {a.status === "offered" ? (
          <Form method="post" className="actions">
            <CsrfInput />
            <button type="submit" name="intent" value="accept" className="button button-primary">
              接受录用通知
            </button>
            <button type="submit" name="intent" value="decline" className="button">
              谢绝
            </button>
          </Form>
        ) : null}
      </OfferTermsPanel>
      {a.placement ? (
        <section className="panel">
          <h2>录用信息</h2>
          <p className="actions">
            {chinaDate(a.placement.startDate)} 入职 · {formatYuan(a.placement.monthlyWageFen)}/月 <RelevanceBadge relevant={a.placement.majorRelevant} />
            <span className="badge">{a.placement.inProvincePark ? "省内园区" : "省外"}</span>
            <span className="muted">
              {a.placement.confirmedAt ? `企业已确认：合同 ${a.placement.contractMonths} 月，社保 ${a.placement.insuredMonths} 月` : "等待企业确认合同与社保"}
            </span>
          </p>
          {a.placement.endedOn ? (
            <p>
              <span className="badge badge-no">
                已于 {chinaDate(a.placement.endedOn)} 离职（{a.placement.endReason}）
              </span>
            </p>
          ) : a.placement.endReportedOn ? (
            <p className="muted">
              您已申报 {chinaDate(a.placement.endReportedOn)} 离职（{a.placement.endReportedReason}），等待确认
            </p>
          ) : (
            <Form method="post" className="actions" aria-label="申报离职">
              <CsrfInput />
              <SeparationFields />
              <button type="submit" name="intent" value="report_end" className="button">
                申报离职
              </button>
            </Form>
          )}
        </section>
      ) : null}
      <section className="panel">
        <h2>状态记录</h2>
        <StatusTimeline events={a.events} labels={APPLICATION_STATUS_LABELS} />
      </section>
      {isActiveApplication(a.status) ? (
        <Form method="post" className="actions">
          <CsrfInput />
          <button type="submit" name="intent" value="withdraw" className="button">
            撤回申请
          </button>
        </Form>
      ) : null}
    </div>
  );
}
