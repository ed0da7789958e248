import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OrderTable } from "~/components/order-table";
import { listOrders, ORDER_SORTS } from "~/services/labour/postings.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { parseListQuery } from "~/utils/list-query";

export const meta: MetaFunction = () => [{ title: "订单培训 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["college"]);
    const query = parseListQuery(new URL(request.url), { sorts: ORDER_SORTS, defaultSort: "createdAt", defaultDirection: "desc" });
    return json({ orders: await listOrders({ principal, query }) });
  });
}

export default function CollegeOrdersPage() {
  const { orders } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>订单培训</h1>
      <p className="muted">企业发布、尚未被承接的订单，以及本校已承接的订单。打开订单可承接并绑定培训班。</p>
      <OrderTable orders={orders} linkBase="/college/orders" showEnterprise />
    </div>
  );
}
