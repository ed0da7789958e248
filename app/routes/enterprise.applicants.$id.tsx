import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { ApplicationStatusBadge, cityNames, FormError, OfferTermsPanel, RelevanceBadge, skillLevelText, StatusTimeline } from "~/components/labour";
import { APPLICATION_STATUS_LABELS } from "~/domain/constants";
import { applicationMovesFor, type ApplicationStatus } from "~/domain/labour/application-status";
import { formatYuan } from "~/domain/money";
import { addCalendarDays } from "~/domain/subsidy/calendar";
import { chinaDate } from "~/domain/china-time";
import { getApplication, hireApplicant, moveApplication } from "~/services/labour/applications.server";
import { makeOffer } from "~/services/labour/offers.server";
import { OfferSchema } from "~/services/labour/schemas";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields } from "~/utils/forms";
import { majorText } from "~/domain/catalogue/majors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.application.graduate.name ?? "应聘者"} · 园校通` }];

const MoveSchema = z.object({
  to: z.enum(["viewed", "shortlisted", "rejected"], { error: "申请状态无效" }),
  note: z.string().trim().max(200, { error: "说明不能超过 200 个字符" }).optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const application = await getApplication({ principal, applicationId: idParam(params.id, "申请") });
    const moves = applicationMovesFor(application.status as ApplicationStatus, "enterprise").filter((m) => m.to !== "hired" && m.to !== "offered");
    return json({ application, moves, today: chinaDate(new Date()) });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["enterprise"]);
    const applicationId = idParam(params.id, "申请");
    if (form.get("intent") === "hire") {
      const result = await attempt(() => hireApplicant({ principal, applicationId }));
      if (!result.ok) return result.response;
      return redirectWithFlash(request, "已录用，请在就业记录中确认合同与社保");
    }
    if (form.get("intent") === "offer") {
      const parsed = parseFields(OfferSchema, form);
      if (!parsed.ok) return invalid(parsed.fieldErrors);
      const result = await attempt(() => makeOffer({ principal, applicationId, input: parsed.data }));
      if (!result.ok) return result.response;
      return redirectWithFlash(request, "录用通知已发出，等待毕业生答复");
    }
    const parsed = parseFields(MoveSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await attempt(() => moveApplication({ principal, applicationId, to: parsed.data.to, note: parsed.data.note || undefined }));
    if (!result.ok) return result.response;
    return redirectWithFlash(request, "申请状态已更新");
  });
}

export default function ApplicantPage() {
  const { application: a, moves, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const g = a.graduate;
  const target = a.job ?? a.order;
  const defaultWage = a.order ? a.order.wageFen : (a.job?.wageMinFen ?? 0);
  const defaultStart = a.order && chinaDate(a.order.startDate) > today ? chinaDate(a.order.startDate) : addCalendarDays(today, 14);
  return (
    <div className="stack">
      <p>
        <Link to="/enterprise/applicants">← 应聘者</Link>
      </p>
      <header className="page-head">
        <p className="eyebrow">
          {a.order ? "订单" : "岗位"}：{target?.title}
        </p>
        <h1>
          {g.name} <ApplicationStatusBadge status={a.status} />
        </h1>
      </header>
      <dl className="facts panel">
        <div>
          <dt>身份证号</dt>
          <dd>{g.idNumberMasked}</dd>
        </div>
        <div>
          <dt>手机号</dt>
          <dd>{g.phone}</dd>
        </div>
        <div>
          <dt>院校</dt>
          <dd>{g.college.name}</dd>
        </div>
        <div>
          <dt>专业 / 层次</dt>
          <dd>
            {majorText(g.majorCode)} · {g.schoolLevel}
          </dd>
        </div>
        <div>
          <dt>毕业日期</dt>
          <dd>{chinaDate(g.graduationDate)}</dd>
        </div>
        <div>
          <dt>技能等级</dt>
          <dd>{skillLevelText(g.skillLevel)}</dd>
        </div>
        <div>
          <dt>技能标签</dt>
          <dd>{g.skillTags.join("、") || "—"}</dd>
        </div>
        <div>
          <dt>意向城市</dt>
          <dd>
            {cityNames(g.preferredCities)}
            {g.willingToRelocate ? "（愿意异地就业）" : ""}
          </dd>
        </div>
        <div>
          <dt>证书</dt>
          <dd>{g.certificates.map((c) => `${c.name}（${skillLevelText(c.level)}）`).join("、") || "—"}</dd>
        </div>
      </dl>
      {a.placement ? (
        <section className="panel">
          <h2>录用结果</h2>
          <p className="actions">
            {chinaDate(a.placement.startDate)} 入职 · {formatYuan(a.placement.monthlyWageFen)}/月 <RelevanceBadge relevant={a.placement.majorRelevant} />
            <span className="badge">{a.placement.inProvincePark ? "省内园区" : "省外"}</span>
            <Link to="/enterprise/placements">{a.placement.confirmedAt ? "已确认就业信息" : "去确认合同与社保"}</Link>
          </p>
        </section>
      ) : null}
      <OfferTermsPanel application={a} />
      {moves.length > 0 || a.status === "shortlisted" || a.status === "accepted" ? (
        <section className="panel stack">
          <h2>办理</h2>
          <div className="actions">
            {moves
              .filter((m) => m.to !== "rejected")
              .map((m) => (
                <Form method="post" key={m.to}>
                  <CsrfInput />
                  <button type="submit" name="to" value={m.to} className="button button-primary" disabled={busy}>
                    {m.label}
                  </button>
                </Form>
              ))}
            {a.status === "accepted" ? (
              <Form method="post">
                <CsrfInput />
                <button type="submit" name="intent" value="hire" className="button button-primary" disabled={busy}>
                  录用（按录用通知的条件）
                </button>
              </Form>
            ) : null}
          </div>
          {a.status === "shortlisted" ? (
            <Form method="post" className="stack" aria-label="录用通知">
              <CsrfInput />
              <input type="hidden" name="intent" value="offer" />
              <h3>发录用通知</h3>
              <div className="grid-2">
                <Field label="入职日期" name="startDate" type="date" defaultValue={defaultStart} required error={result?.fieldErrors?.startDate} />
                <Field label="月薪（元）" name="monthlyWageFen" inputMode="decimal" defaultValue={(defaultWage / 100).toFixed(2)} required error={result?.fieldErrors?.monthlyWageFen} />
                <Field label="劳动合同期限（月）" name="contractMonths" inputMode="numeric" defaultValue="12" required error={result?.fieldErrors?.contractMonths} />
                <Field label="答复期限" name="replyBy" type="date" defaultValue={addCalendarDays(today, 7)} required error={result?.fieldErrors?.replyBy} />
              </div>
              <p>
                <button type="submit" className="button button-primary" disabled={busy}>
                  发出录用通知
                </button>
              </p>
            </Form>
          ) : null}
          {moves.some((m) => m.to === "rejected") ? (
            <Form method="post" className="inline-form">
              <CsrfInput />
              <Field label="不予录用的说明（可选）" name="note" maxLength={200} error={result?.fieldErrors?.note} />
              <button type="submit" name="to" value="rejected" className="button" disabled={busy}>
                不予录用
              </button>
            </Form>
          ) : null}
          <FormError message={result?.formError} />
        </section>
      ) : null}
      <section className="panel">
        <h2>状态记录</h2>
        <StatusTimeline events={a.events} labels={APPLICATION_STATUS_LABELS} />
      </section>
    </div>
  );
}
