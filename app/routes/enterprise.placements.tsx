import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormError, RelevanceBadge, SeparationFields } from "~/components/labour";
import { ListTable } from "~/components/list-controls";
import { formatYuan } from "~/domain/money";
import { confirmPlacement, listPlacements, PLACEMENT_SORTS } from "~/services/labour/placements.server";
import { ConfirmPlacementSchema, SeparationSchema } from "~/services/labour/schemas";
import { confirmSeparation, endPlacement } from "~/services/labour/separations.server";
import { attempt } from "~/utils/action-result.server";
import { requireForm } from "~/utils/csrf.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { parseFields, idField } from "~/utils/forms";
import { parseListQuery } from "~/utils/list-query";
import { idParam } from "~/utils/params.server";
import { chinaDate } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "就业确认 · 园校通" }];

const ConfirmForm = ConfirmPlacementSchema.extend({ placementId: idField });
const EndForm = SeparationSchema;

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["enterprise"]);
    const url = new URL(request.url);
    const query = parseListQuery(url, { sorts: PLACEMENT_SORTS, defaultSort: "createdAt", defaultDirection: "desc" });
    const unconfirmedOnly = url.searchParams.get("pending") === "1";
    return json({ placements: await listPlacements({ principal, query, unconfirmedOnly }), unconfirmedOnly });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["enterprise"]);
    const placementId = idParam(form.get("placementId"), "就业记录");
    const intent = form.get("intent");
    if (intent === "end" || intent === "confirm_end") {
      const parsedEnd = intent === "end" ? parseFields(EndForm, form) : null;
      if (parsedEnd && !parsedEnd.ok) return json({ ok: false as const, formError: "请检查离职信息", fieldErrors: parsedEnd.fieldErrors, placementId }, { status: 400 });
      const result = await attempt(() =>
        parsedEnd?.ok ? endPlacement({ principal, placementId, input: { endedOn: parsedEnd.data.endedOn, endReason: parsedEnd.data.endReason } }) : confirmSeparation({ principal, placementId }),
      );
      if (!result.ok) {
        const failure = await result.response.json();
        // Shown beside the separation form of this row.
        return json({ ok: false as const, formError: failure.formError, fieldErrors: { endedOn: failure.formError } as Record<string, string>, placementId }, { status: result.response.status });
      }
      return redirectWithFlash(request, `已办理离职（${result.data.endedOn}，${result.data.endReason}）`);
    }
    const parsed = parseFields(ConfirmForm, form);
    if (!parsed.ok) return json({ ok: false as const, formError: "请检查填写的月数", fieldErrors: parsed.fieldErrors, placementId }, { status: 400 });
    const { placementId: id, ...input } = parsed.data;
    await confirmPlacement({ principal, placementId: id, input });
    return redirectWithFlash(request, `已确认合同 ${input.contractMonths} 个月、社保 ${input.insuredMonths} 个月`);
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
      <ListTable headings={["毕业生", "岗位 / 订单", { label: "入职日期", sort: "startDate" }, { label: "月薪", sort: "monthlyWageFen" }, "对口", "合同与社保", "在职 / 离职"]} rows={placements.rows} empty="暂无录用记录" sort={placements} pager={placements}>
        {(p) => {
          const mine = result?.placementId === p.id ? result : null;
          return (
            <tr key={p.id}>
              <td>
                {p.applicationId ? <Link to={`/enterprise/applicants/${p.applicationId}`}>{p.graduate.name}</Link> : p.graduate.name}
                <div className="muted">{p.graduate.college.name}</div>
              </td>
              <td>{(p.job ?? p.order)?.title}</td>
              <td>{chinaDate(p.startDate)}</td>
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
                  {p.confirmedAt ? <span className="muted">已于 {chinaDate(p.confirmedAt)} 确认</span> : null}
                </Form>
                {mine?.ok === false && !("endedOn" in mine.fieldErrors || "endReason" in mine.fieldErrors) ? <FormError message={Object.values(mine.fieldErrors)[0] ?? mine.formError} /> : null}
              </td>
              <td>
                <SeparationCell placement={p} />
                {mine?.ok === false && ("endedOn" in mine.fieldErrors || "endReason" in mine.fieldErrors) ? (
                  <FormError message={mine.fieldErrors.endedOn ?? mine.fieldErrors.endReason} />
                ) : null}
              </td>
            </tr>
          );
        }}
      </ListTable>
    </div>
  );
}

type SeparationFields = {
  id: number;
  endedOn: string | null;
  endReason: string | null;
  endReportedOn: string | null;
  endReportedReason: string | null;
};

/** An ended placement's end; a separation the graduate reported, to confirm; or the form to record one. */
function SeparationCell({ placement: p }: { placement: SeparationFields }) {
  if (p.endedOn) return <span className="badge badge-no">已于 {chinaDate(p.endedOn)} 离职（{p.endReason}）</span>;
  if (p.endReportedOn) {
    return (
      <Form method="post" className="actions">
        <CsrfInput />
        <input type="hidden" name="placementId" value={p.id} />
        <span>
          毕业生申报 {chinaDate(p.endReportedOn)} 离职（{p.endReportedReason}）
        </span>
        <button type="submit" name="intent" value="confirm_end" className="button button-primary">
          确认离职
        </button>
      </Form>
    );
  }
  return (
    <Form method="post" className="actions" aria-label="办理离职">
      <CsrfInput />
      <input type="hidden" name="placementId" value={p.id} />
      <SeparationFields />
      <button type="submit" name="intent" value="end" className="button">
        办理离职
      </button>
    </Form>
  );
}
