import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ApplicationStatusBadge, PostingFacts, skillLevelText } from "~/components/labour";
import { ORDER_STATUS_LABELS } from "~/domain/constants";
import { ORDER_RECRUITING_STATUSES, remainingPlaces, type OrderStatus } from "~/domain/labour/order-status";
import { formatWholeYuan } from "~/domain/money";
import { APPLIED, applyTo } from "~/services/labour/applications.server";
import { getOrder } from "~/services/labour/postings.server";
import { attempt } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam } from "~/utils/params.server";
import { requirePrincipal } from "~/utils/principal.server";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.order.title ?? "订单"} · 园校通` }];

/** Where the enterprise and the college manage an order; graduates read it here and apply. */
const MANAGE_PATH: Partial<Record<string, string>> = { enterprise: "/enterprise/orders", college: "/college/orders" };

/** An order's page (订单培训) for every signed-in role that may see it (orderScope); a graduate applies from it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request);
    const order = await getOrder({ principal, orderId: idParam(params.id, "订单") });
    const manage = MANAGE_PATH[principal.role];
    return json({
      order: {
        id: order.id, title: order.title, status: order.status, majorCode: order.majorCode, majorName: order.majorName,
        skillLevel: order.skillLevel, skillTags: order.skillTags, quantity: order.quantity, quantityFilled: order.quantityFilled,
        startDate: order.startDate, wageFen: order.wageFen, enterprise: order.enterprise, college: order.college?.name ?? null,
        myApplication: order.myApplication,
      },
      gateRefusal: order.myGateRefusal ? { code: order.myGateRefusal.code, message: order.myGateRefusal.message } : null,
      mayApply: principal.role === "graduate",
      manageLink: manage ? `${manage}/${order.id}` : null,
    });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal } = await requireForm(request, ["graduate"]);
    const result = await attempt(() => applyTo({ principal, target: { orderId: idParam(params.id, "订单") } }));
    if (!result.ok) return result.response;
    return redirectWithFlash(request, APPLIED);
  });
}

export default function OrderPage() {
  const { order, mayApply, manageLink, gateRefusal } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const left = remainingPlaces(order);
  const recruiting = ORDER_RECRUITING_STATUSES.includes(order.status as OrderStatus) && left > 0;
  const facts: [string, string][] = [
    ["用人单位", order.enterprise.name],
    ["园区", order.enterprise.park.name],
    ["专业", order.majorName ? `${order.majorName}（${order.majorCode}）` : order.majorCode],
    ["技能等级", skillLevelText(order.skillLevel)],
    ["技能要求", order.skillTags.join("、") || "—"],
    ["月薪", formatWholeYuan(order.wageFen)],
    ["开始日期", chinaDate(order.startDate)],
    ["名额", `剩余 ${left} / 共 ${order.quantity} 人`],
    ["承接院校", order.college ?? "待院校承接"],
  ];
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">订单培训 · {order.enterprise.name}</p>
        <h1>
          {order.title}{" "}
          <span className={`badge ${recruiting ? "badge-yes" : "badge-no"}`}>
            {recruiting ? "招募中" : left === 0 ? "名额已满" : (ORDER_STATUS_LABELS[order.status as OrderStatus] ?? order.status)}
          </span>
        </h1>
      </header>
      <PostingFacts result={result} facts={facts} />
      {manageLink ? (
        <p>
          <Link to={manageLink}>办理此订单 →</Link>
        </p>
      ) : null}
      {mayApply ? (
        order.myApplication ? (
          <p className="actions">
            您已申请该订单 <ApplicationStatusBadge status={order.myApplication.status} />{" "}
            <Link to={`/graduate/applications/${order.myApplication.id}`}>查看申请</Link>
          </p>
        ) : recruiting && gateRefusal ? (
          <div className="notice notice-error" role="note" data-gate={gateRefusal.code}>
            <p>{gateRefusal.message}。</p>
            <p>
              <Link to="/graduate/profile">查看我的证书</Link>
            </p>
          </div>
        ) : recruiting ? (
          <Form method="post" className="actions">
            <CsrfInput />
            <button type="submit" className="button button-primary" disabled={busy}>
              申请该订单
            </button>
          </Form>
        ) : (
          <p className="muted">该订单目前不接受申请。</p>
        )
      ) : null}
    </div>
  );
}
