import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/subsidy";
import { formatYuan } from "~/domain/money";
import { listCollegeLedgers, spendingByCategory } from "~/services/fund/ledger.server";
import { withErrors } from "~/utils/errors.server";
import { requirePrincipal } from "~/utils/principal.server";

export const meta: MetaFunction = () => [{ title: "院校专款专用台账 · 园校通" }];

/** Park (its paired colleges) and province (all): each college's 专款专用 balance, receipts and spending. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["park", "province"]);
    const [colleges, categories] = await Promise.all([listCollegeLedgers({ principal }), spendingByCategory({ principal })]);
    return json({ colleges, categories });
  });
}

export default function CollegeLedgersPage() {
  const { colleges, categories } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">企业培训经费 · 专款专用</p>
        <h1>院校专款专用台账</h1>
      </header>
      <BarChart title="各院校支出按类别合计" rows={categories.map((c) => ({ label: c.label, value: c.amountFen }))} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">院校</th>
              <th scope="col" className="num">专款余额</th>
              <th scope="col" className="num">累计收入</th>
              <th scope="col" className="num">累计支出</th>
              <th scope="col">学校标识码</th>
            </tr>
          </thead>
          <tbody>
            {colleges.length === 0 ? (
              <tr><td colSpan={5} className="muted">没有可查看的院校</td></tr>
            ) : (
              colleges.map((c) => (
                <tr key={c.id}>
                  <td><Link to={`/fund/ledgers/${c.id}`}>{c.name}</Link></td>
                  <td className="num"><strong>{formatYuan(c.balanceFen)}</strong></td>
                  <td className="num">{formatYuan(c.receivedFen)}</td>
                  <td className="num">{formatYuan(c.spentFen)}</td>
                  <td><code>{c.schoolCode}</code></td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
