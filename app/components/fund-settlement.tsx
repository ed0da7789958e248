import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { LINE_STATUS_LABELS, PAYMENT_STATUS_LABELS, type LineStatus, type PaymentStatus } from "~/domain/fund/settlement";
import { formatYuan } from "~/domain/money";

/** Pieces of the settlement pages: statement lines with their status, payments, ledger entries. */

export function LineStatusBadge({ status }: { status: string }) {
  const tone = status === "paid" ? "badge-yes" : status === "overdue" || status === "disputed" ? "badge-no" : "";
  return <span className={`badge ${tone}`}>{LINE_STATUS_LABELS[status as LineStatus] ?? status}</span>;
}

export type LineRow = {
  key: string;
  enterprise: { id: number; name: string };
  recipientName: string;
  owedFen: number;
  confirmedFen: number;
  pendingFen: number;
  outstandingFen: number;
  dueOn: string;
  status: string;
};

export function SettlementTable({ rows, showEnterprise, empty }: { rows: LineRow[]; showEnterprise: boolean; empty: string }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {showEnterprise ? <th scope="col">企业</th> : null}
            <th scope="col">收款方</th>
            <th scope="col" className="num">应付</th>
            <th scope="col" className="num">已确认到账</th>
            <th scope="col" className="num">待确认</th>
            <th scope="col" className="num">未付清</th>
            <th scope="col">到期日</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={showEnterprise ? 8 : 7} className="muted">{empty}</td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={`${r.enterprise.id}:${r.key}`}>
                {showEnterprise ? <td>{r.enterprise.name}</td> : null}
                <td>{r.recipientName}</td>
                <td className="num"><strong>{formatYuan(r.owedFen)}</strong></td>
                <td className="num">{formatYuan(r.confirmedFen)}</td>
                <td className="num">{formatYuan(r.pendingFen)}</td>
                <td className="num">{formatYuan(r.outstandingFen)}</td>
                <td>{r.dueOn}</td>
                <td><LineStatusBadge status={r.status} /></td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export type PaymentRow = {
  id: number;
  enterprise: { name: string };
  recipientName: string;
  paidOn: string;
  amountFen: number;
  voucherNo: string;
  status: string;
  disputeReason: string | null;
};

/** Payments; with `decide`, each pending one gets confirm and dispute buttons (the recipient's page). */
export function PaymentTable({ rows, decide, empty }: { rows: PaymentRow[]; decide?: boolean; empty: string }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">企业</th>
            <th scope="col">收款方</th>
            <th scope="col" className="num">金额</th>
            <th scope="col">付款日期</th>
            <th scope="col">凭证号</th>
            <th scope="col">状态</th>
            {decide ? <th scope="col">确认</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={decide ? 7 : 6} className="muted">{empty}</td>
            </tr>
          ) : (
            rows.map((p) => (
              <tr key={p.id}>
                <td>{p.enterprise.name}</td>
                <td>{p.recipientName}</td>
                <td className="num"><strong>{formatYuan(p.amountFen)}</strong></td>
                <td>{p.paidOn}</td>
                <td><code>{p.voucherNo}</code></td>
                <td>
                  {PAYMENT_STATUS_LABELS[p.status as PaymentStatus] ?? p.status}
                  {p.disputeReason ? <span className="muted">：{p.disputeReason}</span> : null}
                </td>
                {decide ? (
                  <td>
                    {p.status === "pending" ? (
                      <div className="stack">
                        <Form method="post" className="inline-form">
                          <CsrfInput />
                          <input type="hidden" name="paymentId" value={p.id} />
                          <button type="submit" name="intent" value="confirm" className="button button-primary">
                            确认到账
                          </button>
                        </Form>
                        <Form method="post" className="inline-form">
                          <CsrfInput />
                          <input type="hidden" name="paymentId" value={p.id} />
                          <label>
                            异议原因
                            <input name="reason" maxLength={200} aria-label={`凭证号 ${p.voucherNo} 的异议原因`} />
                          </label>
                          <button type="submit" name="intent" value="dispute" className="button">
                            提出异议
                          </button>
                        </Form>
                      </div>
                    ) : (
                      "—"
                    )}
                  </td>
                ) : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export type LedgerEntryRow = {
  id: number;
  kind: string;
  categoryLabel: string | null;
  amountFen: number;
  entryOn: string;
  purpose: string;
  attachmentRef: string | null;
  balanceFen: number;
};

export function LedgerTable({ rows }: { rows: LedgerEntryRow[] }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">日期</th>
            <th scope="col">类型</th>
            <th scope="col" className="num">金额</th>
            <th scope="col" className="num">余额</th>
            <th scope="col">用途</th>
            <th scope="col">附件编号</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">尚无收支记录</td>
            </tr>
          ) : (
            rows.map((e) => (
              <tr key={e.id}>
                <td>{e.entryOn}</td>
                <td>{e.kind === "receipt" ? "收入" : `支出 · ${e.categoryLabel ?? ""}`}</td>
                <td className="num">
                  <strong>{e.kind === "receipt" ? "+" : "−"}{formatYuan(e.amountFen)}</strong>
                </td>
                <td className="num">{formatYuan(e.balanceFen)}</td>
                <td>{e.purpose}</td>
                <td>{e.attachmentRef ?? "—"}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
