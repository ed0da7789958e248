import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrderDetail } from "~/components/order-detail";
import { orderMovesFor, type OrderStatus } from "~/domain/labour/order-status";
import { moveOrderFromForm } from "~/services/labour/order-forms.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { getOrder } from "~/services/labour/postings.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { attempt } from "~/utils/action-result.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.order.title ?? "订单"} · 园校通` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const order = await getOrder({ principal, orderId: idParam(params.id, "订单") });
    return json({ order, moves: orderMovesFor(order.status as OrderStatus, "enterprise") });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["enterprise"]);
    const result = await attempt(() => moveOrderFromForm({ principal, orderId: idParam(params.id, "订单"), form }));
    if (!result.ok) return result.response;
    return redirectWithFlash(request, result.data.message);
  });
}

export default function EnterpriseOrderPage() {
  const { order, moves } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <p>
        <Link to="/enterprise/orders">← 订单培训</Link>
      </p>
      <OrderDetail
        order={order}
        moves={moves}
        formError={result?.ok === false ? result.formError : null}
        applicantsLink={`/enterprise/applicants?orderId=${order.id}`}
      />
      <p>
        <Link to={`/enterprise/orders/${order.id}/candidates`}>查看匹配的候选人（按匹配度排序）</Link>
      </p>
    </div>
  );
}
