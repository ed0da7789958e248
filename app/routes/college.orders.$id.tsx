import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrderDetail } from "~/components/order-detail";
import { orderMovesFor, type OrderStatus } from "~/domain/labour/order-status";
import { checkCohortForOrder } from "~/domain/labour/order-terms";
import { cohortChoices } from "~/services/labour/cohorts.server";
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
    const principal = await requirePrincipal(request, ["college"]);
    const [order, choices] = await Promise.all([getOrder({ principal, orderId: idParam(params.id, "订单") }), cohortChoices({ principal })]);
    // Only cohorts of the order's major or its class may be bound (product.md §10).
    const cohorts = choices.cohorts.filter((c) => checkCohortForOrder({ orderMajorCode: order.majorCode, cohortMajorCode: c.majorCode }).ok);
    return json({ order, moves: orderMovesFor(order.status as OrderStatus, "college"), cohorts });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["college"]);
    const result = await attempt(() => moveOrderFromForm({ principal, orderId: idParam(params.id, "订单"), form }));
    if (!result.ok) return result.response;
    return redirectWithFlash(request, result.data.message);
  });
}

export default function CollegeOrderPage() {
  const { order, moves, cohorts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <p>
        <Link to="/college/orders">← 订单培训</Link>
      </p>
      <OrderDetail order={order} moves={moves} cohorts={cohorts} formError={result?.ok === false ? result.formError : null} />
    </div>
  );
}
