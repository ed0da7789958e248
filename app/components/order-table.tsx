import { Link } from "@remix-run/react";
import { remainingPlaces } from "~/domain/labour/order-status";
import { formatYuan } from "~/domain/money";
import { OrderStatusBadge } from "./labour";
import { Pager, SortHeader } from "~/components/list-controls";
import type { SortDirection } from "~/utils/list-query";
import { majorText } from "~/domain/catalogue/majors";
import { chinaDate } from "~/domain/china-time";

type Row = {
  id: number;
  title: string;
  status: string;
  majorCode: string;
  quantity: number;
  quantityFilled: number;
  startDate: string;
  wageFen: number;
  enterprise: { name: string };
  college: { name: string } | null;
  _count: { applications: number };
};

/** A sortable, paged table of orders. */
export function OrderTable({
  orders, linkBase, showEnterprise,
}: { orders: { rows: Row[]; total: number; page: number; pageSize: number; sort: string; direction: SortDirection }; linkBase: string; showEnterprise?: boolean }) {
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <SortHeader label="订单" sortKey="title" current={orders} />
              {showEnterprise ? <th scope="col">企业</th> : null}
              <th scope="col">专业</th>
              <SortHeader label="需求人数" sortKey="quantity" current={orders} />
              <th scope="col">剩余名额</th>
              <SortHeader label="开始日期" sortKey="startDate" current={orders} />
              <th scope="col">月薪</th>
              <th scope="col">承接院校</th>
              <SortHeader label="状态" sortKey="status" current={orders} />
              <th scope="col">申请</th>
            </tr>
          </thead>
          <tbody>
            {orders.rows.length === 0 ? (
              <tr>
                <td colSpan={10} className="muted">
                  暂无订单
                </td>
              </tr>
            ) : (
              orders.rows.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`${linkBase}/${o.id}`}>{o.title}</Link>
                  </td>
                  {showEnterprise ? <td>{o.enterprise.name}</td> : null}
                  <td>{majorText(o.majorCode)}</td>
                  <td>{o.quantity}</td>
                  <td>{remainingPlaces(o)}</td>
                  <td>{chinaDate(o.startDate)}</td>
                  <td>{formatYuan(o.wageFen)}</td>
                  <td>{o.college?.name ?? "—"}</td>
                  <td>
                    <OrderStatusBadge status={o.status} />
                  </td>
                  <td>{o._count.applications}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager total={orders.total} page={orders.page} pageSize={orders.pageSize} />
    </>
  );
}
