import { Form, Link } from "@remix-run/react";
import { ORDER_STATUS_LABELS } from "~/domain/constants";
import { remainingPlaces, type OrderMove } from "~/domain/labour/order-status";
import { formatYuan } from "~/domain/money";
import { CsrfInput } from "./csrf-input";
import { FormError, OrderStatusBadge, SelectField, skillLevelText, StatusTimeline } from "./labour";
import { majorText } from "~/domain/catalogue/majors";
import { chinaDate } from "~/domain/china-time";

export type OrderDetailData = {
  id: number;
  title: string;
  status: string;
  majorCode: string;
  skillLevel: number;
  skillTags: string[];
  quantity: number;
  quantityFilled: number;
  startDate: string;
  wageFen: number;
  enterprise: { name: string; park: { name: string } };
  college: { id: number; name: string } | null;
  cohort: { id: number; majorCode: string; expectedGraduation: string } | null;
  _count: { applications: number; placements: number };
  events: { id: number; fromStatus: string | null; toStatus: string; at: string; note: string | null; actor: { displayName: string } | null }[];
};

/** An order's facts, its status history, and the moves the viewer may make (a college accepting may bind a cohort). */
export function OrderDetail({
  order, moves, cohorts, formError, applicantsLink,
}: {
  order: OrderDetailData;
  moves: readonly OrderMove[];
  cohorts?: { id: number; majorCode: string; expectedGraduation: string; size: number }[];
  formError?: string | null;
  applicantsLink?: string;
}) {
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">
          订单培训 · {order.enterprise.name} · {order.enterprise.park.name}
        </p>
        <h1>
          {order.title} <OrderStatusBadge status={order.status} />
        </h1>
      </header>
      <dl className="facts panel">
        <div>
          <dt>专业</dt>
          <dd>{majorText(order.majorCode)}</dd>
        </div>
        <div>
          <dt>技能等级</dt>
          <dd>{skillLevelText(order.skillLevel)}</dd>
        </div>
        <div>
          <dt>技能要求</dt>
          <dd>{order.skillTags.join("、") || "—"}</dd>
        </div>
        <div>
          <dt>需求 / 已录用 / 剩余名额</dt>
          <dd>
            {order.quantity} / {order.quantityFilled} / {remainingPlaces(order)}
          </dd>
        </div>
        <div>
          <dt>开始日期</dt>
          <dd>{chinaDate(order.startDate)}</dd>
        </div>
        <div>
          <dt>月薪</dt>
          <dd>{formatYuan(order.wageFen)}</dd>
        </div>
        <div>
          <dt>承接院校</dt>
          <dd>{order.college?.name ?? "—"}</dd>
        </div>
        <div>
          <dt>绑定培训班</dt>
          <dd>{order.cohort ? `${majorText(order.cohort.majorCode)} · ${chinaDate(order.cohort.expectedGraduation)} 毕业` : "—"}</dd>
        </div>
        <div>
          <dt>申请</dt>
          <dd>{applicantsLink ? <Link to={applicantsLink}>{order._count.applications} 份</Link> : `${order._count.applications} 份`}</dd>
        </div>
      </dl>
      {moves.length > 0 ? (
        <section className="panel stack">
          <h2>办理</h2>
          <div className="actions">
            {moves.map((m) => (
              <Form method="post" key={m.to} className="actions">
                <CsrfInput />
                <input type="hidden" name="to" value={m.to} />
                {m.to === "contracted" && cohorts ? (
                  <SelectField label="绑定培训班（可选）" name="cohortId" defaultValue="">
                    <option value="">不绑定</option>
                    {cohorts.map((c) => (
                      <option key={c.id} value={c.id}>
                        {majorText(c.majorCode)} · {chinaDate(c.expectedGraduation)} 毕业 · {c.size} 人
                      </option>
                    ))}
                  </SelectField>
                ) : null}
                <button type="submit" className={`button ${m.to === "closed" ? "" : "button-primary"}`}>
                  {m.label}
                </button>
              </Form>
            ))}
          </div>
          <FormError message={formError} />
        </section>
      ) : null}
      <section className="panel">
        <h2>状态记录</h2>
        <StatusTimeline events={order.events} labels={ORDER_STATUS_LABELS} />
      </section>
    </div>
  );
}
