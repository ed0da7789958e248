import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { dateText, FormError, RelevanceBadge } from "~/components/labour";
import { PageLinks, SortHeader } from "~/components/page-links";
import { formatYuan } from "~/domain/money";
import { confirmPlacement, listPlacements, PLACEMENT_SORTS } from "~/services/labour/placements.server";
import { ConfirmPlacementSchema } from "~/services/labour/schemas";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields } from "~/utils/forms";
import { readListQuery } from "~/utils/list-query";

export const meta: MetaFunction = () => [{ title: "就业确认 · 园校通" }];

const ConfirmForm = ConfirmPlacementSchema.extend({ placementId: z.coerce.number().int().positive() });

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const url = new URL(request.url);
    const query = readListQuery(url, { sortKeys: PLACEMENT_SORTS, defaultSort: "-createdAt" });
    const unconfirmedOnly = url.searchParams.get("pending") === "1";
    return json({ placements: await listPlacements({ principal, query, unconfirmedOnly }), unconfirmedOnly });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["enterprise"]);
    const placementId = Number(form.get("placementId"));
    const parsed = parseFields(ConfirmForm, form);
    if (!parsed.ok) return json({ ok: false as const, formError: "请检查填写的月数", fieldErrors: parsed.fieldErrors, placementId }, { status: 400 });
    const { placementId: id, ...input } = parsed.data;
    await confirmPlacement({ principal, placementId: id, input });
    return json({ ok: true as const, formError: null, fieldErrors: {} as Record<string, string>, placementId: id });
  });
}

export default function PlacementsPage() {
  const { placements, unconfirmedOnly } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>就业确认</h1>
      <p className="muted">请为每位录用的毕业生确认劳动合同期限和已缴社保月数。确认后平台将据此办理毕业生补贴（免申即享）。</p>
      <p>
        {unconfirmedOnly ? <Link to="?">显示全部</Link> : <Link to="?pending=1">只看待确认</Link>}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">毕业生</th>
              <th scope="col">岗位 / 订单</th>
              <SortHeader label="入职日期" sortKey="startDate" current={placements.sort} />
              <SortHeader label="月薪" sortKey="monthlyWageFen" current={placements.sort} />
              <th scope="col">对口</th>
              <th scope="col">合同与社保</th>
            </tr>
          </thead>
          <tbody>
            {placements.rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted">
                  暂无录用记录
                </td>
              </tr>
            ) : (
              placements.rows.map((p) => {
                const mine = result?.placementId === p.id ? result : null;
                return (
                  <tr key={p.id}>
                    <td>
                      {p.applicationId ? <Link to={`/enterprise/applicants/${p.applicationId}`}>{p.graduate.name}</Link> : p.graduate.name}
                      <div className="muted">{p.graduate.college.name}</div>
                    </td>
                    <td>{(p.job ?? p.order)?.title}</td>
                    <td>{dateText(p.startDate)}</td>
                    <td>{formatYuan(p.monthlyWageFen)}</td>
                    <td>
                      <RelevanceBadge relevant={p.majorRelevant} />
                    </td>
                    <td>
                      <Form method="post" className="actions">
                        <CsrfInput />
                        <input type="hidden" name="placementId" value={p.id} />
                        <label>
                          合同
                          <input name="contractMonths" type="number" min={1} max={120} defaultValue={p.contractMonths ?? ""} required style={{ width: "4.5rem" }} aria-label="劳动合同期限（月）" />
                          月
                        </label>
                        <label>
                          社保
                          <input name="insuredMonths" type="number" min={0} max={120} defaultValue={p.insuredMonths ?? ""} required style={{ width: "4.5rem" }} aria-label="社保缴纳月数" />
                          月
                        </label>
                        <button type="submit" className="button button-primary">
                          {p.confirmedAt ? "更正" : "确认"}
                        </button>
                        {p.confirmedAt ? <span className="muted">已于 {dateText(p.confirmedAt)} 确认</span> : null}
                      </Form>
                      {mine?.ok === false ? <FormError message={Object.values(mine.fieldErrors)[0] ?? mine.formError} /> : null}
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      <PageLinks total={placements.total} page={placements.page} pageSize={placements.pageSize} />
    </div>
  );
}
