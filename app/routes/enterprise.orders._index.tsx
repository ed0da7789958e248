import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { FormError, SelectField, SkillLevelOptions } from "~/components/labour";
import { OrderTable } from "~/components/order-table";
import { createOrder, listOrders, ORDER_SORTS, orderFormChoices } from "~/services/labour/postings.server";
import { OrderSchema } from "~/services/labour/schemas";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { attempt, invalid } from "~/utils/action-result.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseFields } from "~/utils/forms";
import { parseListQuery } from "~/utils/list-query";

export const meta: MetaFunction = () => [{ title: "订单培训 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const query = parseListQuery(new URL(request.url), { sorts: ORDER_SORTS, defaultSort: "createdAt", defaultDirection: "desc" });
    const [orders, choices] = await Promise.all([listOrders({ principal, query }), orderFormChoices({ principal })]);
    return json({ orders, ...choices });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["enterprise"]);
    const parsed = parseFields(OrderSchema, form);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await attempt(() => createOrder({ principal, input: parsed.data }));
    if (!result.ok) return result.response;
    return redirectWithFlash(request, `订单已创建：${parsed.data.title}`, { to: `/enterprise/orders/${result.data.id}` });
  });
}

export default function EnterpriseOrdersPage() {
  const { orders, majors, colleges } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="stack">
      <h1>订单培训</h1>
      <details className="panel" open={result?.ok === false}>
        <summary>
          <strong>新建订单</strong>
        </summary>
        <Form method="post" className="stack">
          <CsrfInput />
          <div className="form-grid">
            <Field label="订单名称" name="title" required maxLength={60} error={errors.title} />
            <SelectField label="专业" name="majorCode" defaultValue="" error={errors.majorCode}>
              <option value="">请选择专业</option>
              {majors.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.code} {m.name}（{m.level}）
                </option>
              ))}
            </SelectField>
            <SelectField label="技能等级" name="skillLevel" defaultValue="4" error={errors.skillLevel}>
              <SkillLevelOptions />
            </SelectField>
            <Field label="需求人数" name="quantity" type="number" min={1} max={1000} required error={errors.quantity} />
            <Field label="开始日期" name="startDate" type="date" required error={errors.startDate} />
            <Field label="月薪（元）" name="wageFen" inputMode="decimal" required error={errors.wageFen} />
            <SelectField label="指定院校（可选）" name="collegeId" defaultValue="" error={errors.collegeId}>
              <option value="">面向所有院校</option>
              {colleges.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          </div>
          <Field label="技能要求（用逗号或顿号分隔）" name="skillTags" placeholder="例如：数控车床、识图" error={errors.skillTags} />
          <FormError message={result?.ok === false ? result.formError : null} />
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              保存为草稿
            </button>
          </div>
        </Form>
      </details>
      <OrderTable orders={orders} linkBase="/enterprise/orders" />
    </div>
  );
}
