import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Pager, SortHeader } from "~/components/list-controls";
import { formatYuan } from "~/domain/money";
import { BATCH_SORTS, BATCH_STATUS_LABELS } from "~/domain/subsidy/claim-status";
import { createPaymentBatch, listPaymentBatches } from "~/services/subsidy/batches.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseListQuery } from "~/utils/list-query";
import { chinaMinute } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "支付批次 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["bureau"]);
    const query = parseListQuery(new URL(request.url), { sorts: BATCH_SORTS, defaultSort: "createdAt", defaultDirection: "desc" });
    return json(await listPaymentBatches({ principal, query }));
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal } = await requireForm(request, ["bureau"]);
    try {
      const batch = await createPaymentBatch({ principal });
      return redirectWithFlash(request, `已生成支付批次 #${batch.id}`, { to: `/bureau/batches/${batch.id}` });
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return json({ message: error.message }, { status: 409 });
      throw error;
    }
  });
}

export default function BatchesPage() {
  const { rows, total, page, pageSize, sort, direction, payable, inNotice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <header className="page-head">
        <h1>支付批次</h1>
        <p className="muted">已批准的申请公示 5 个工作日（节假日顺延）期满后，可纳入支付批次，导出银行代发文件，发放后确认。</p>
      </header>
      <section className="panel sub-actions">
        <p>
          公示期满可发放：<strong>{payable.count}</strong> 项，合计 <strong>{formatYuan(payable.amountFen)}</strong>
          {inNotice > 0 ? <span className="muted">；另有 {inNotice} 项仍在公示期</span> : null}
        </p>
        <Form method="post">
          <CsrfInput />
          <button type="submit" className="button button-primary" disabled={busy || payable.count === 0}>
            生成支付批次
          </button>
        </Form>
      </section>
      {result ? <p className="panel field-error" role="alert">{result.message}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">批次号</th>
              <SortHeader label="生成时间" sortKey="createdAt" current={{ sort, direction }} />
              <th scope="col">笔数</th>
              <SortHeader label="金额" sortKey="totalFen" current={{ sort, direction }} />
              <th scope="col">状态</th>
              <th scope="col">发放时间</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr><td colSpan={6} className="muted">还没有支付批次</td></tr>
            ) : (
              rows.map((b) => (
                <tr key={b.id}>
                  <td><Link to={`/bureau/batches/${b.id}`}>#{b.id}</Link></td>
                  <td>{chinaMinute(b.createdAt)}</td>
                  <td>{b._count.claims}</td>
                  <td>{formatYuan(b.totalFen)}</td>
                  <td>{BATCH_STATUS_LABELS[b.status] ?? b.status}</td>
                  <td>{chinaMinute(b.paidAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager total={total} page={page} pageSize={pageSize} />
    </div>
  );
}
