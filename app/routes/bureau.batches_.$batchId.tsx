import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ClaimStatus, kindLabel } from "~/components/subsidy";
import { FUNDING_SOURCES } from "~/domain/constants";
import { formatYuan } from "~/domain/money";
import { BATCH_STATUS_LABELS } from "~/domain/subsidy/claim-status";
import { getPaymentBatch, markPaymentBatchPaid } from "~/services/subsidy/batches.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { chinaMinute } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "支付批次 · 园校通" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["bureau"]);
    return json({ batch: await getPaymentBatch({ principal, batchId: idParam(params.batchId, "支付批次") }) });
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal } = await requireForm(request, ["bureau"]);
    try {
      await markPaymentBatchPaid({ principal, batchId: idParam(params.batchId, "支付批次") });
      return redirectWithFlash(request, "已确认发放，批次内申请均已标记为已发放");
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return json({ ok: false as const, message: error.message }, { status: 409 });
      throw error;
    }
  });
}

export default function BatchPage() {
  const { batch } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">
          <Link to="/bureau/batches">支付批次</Link>
        </p>
        <h1>批次 #{batch.id}</h1>
        <p>
          {BATCH_STATUS_LABELS[batch.status] ?? batch.status} · {batch.claims.length} 笔 · 合计 {formatYuan(batch.totalFen)} · 生成于 {chinaMinute(batch.createdAt)}
          {batch.paidAt ? ` · 发放于 ${chinaMinute(batch.paidAt)}` : ""}
        </p>
      </header>
      {result ? (
        <p className="panel field-error" role="alert">{result.message}</p>
      ) : null}
      <section className="panel sub-actions">
        <Form method="post" action={`/bureau/batches/${batch.id}/csv`} reloadDocument>
          <CsrfInput />
          <button type="submit" className="button">导出银行代发文件（CSV）</button>
        </Form>
        {batch.status === "exported" ? (
          <Form method="post">
            <CsrfInput />
            <button type="submit" className="button button-primary" disabled={busy}>确认已发放</button>
          </Form>
        ) : null}
        {batch.status === "open" ? <span className="muted">导出银行文件后刷新本页，即可确认发放。文件含完整身份证号，请妥善保管。</span> : null}
      </section>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">申请</th>
              <th scope="col">姓名</th>
              <th scope="col">身份证号</th>
              <th scope="col">补贴</th>
              <th scope="col">金额</th>
              <th scope="col">资金来源</th>
              <th scope="col">就业单位</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {batch.claims.map((c) => (
              <tr key={c.id}>
                <td><Link to={`/subsidies/claims/${c.id}`}>#{c.id}</Link></td>
                <td>{c.subject.name}</td>
                <td>{c.subject.idNumberMasked}</td>
                <td>{kindLabel(c.kind)}</td>
                <td>{formatYuan(c.amountFen)}</td>
                <td>{FUNDING_SOURCES[c.budgetAllocation?.source ?? ""] ?? "—"}</td>
                <td>{c.subject.enterpriseName}</td>
                <td><ClaimStatus status={c.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
