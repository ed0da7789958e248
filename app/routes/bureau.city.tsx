import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pager } from "~/components/list-controls";
import { ClaimStatus, kindLabel } from "~/components/subsidy";
import { chinaDate } from "~/domain/china-time";
import { CLAIM_STATUS_LABELS } from "~/domain/constants";
import { formatYuan } from "~/domain/money";
import { currentYear } from "~/services/subsidy/budget.server";
import { CITY_CLAIM_STATUSES } from "~/domain/subsidy/claim-status";
import { getCityFigures, listCityClaims, type BureauFigures } from "~/services/subsidy/city.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "下辖区县 · 园校通" }];

const QuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).catch(() => currentYear()),
  bureau: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(CITY_CLAIM_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["bureau"]);
    const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const [figures, claims] = await Promise.all([
      getCityFigures({ principal, year: query.year }),
      listCityClaims({ principal, bureauId: query.bureau, status: query.status, page: query.page }),
    ]);
    return json({ figures, claims: { ...claims, rows: claims.rows.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) }, query });
  });
}

function FiguresRow({ f, total }: { f: BureauFigures; total?: boolean }) {
  const Cell = total ? "th" : "td";
  return (
    <tr className={total ? "total-row" : undefined}>
      <th scope="row">{f.name}</th>
      <Cell>{formatYuan(f.budgetFen)}</Cell>
      <Cell>{formatYuan(f.reservedFen)}</Cell>
      <Cell>{formatYuan(f.leftFen)}</Cell>
      <Cell>{formatYuan(f.paidFen)}</Cell>
      <Cell>{f.claims.pending_review.count}</Cell>
      <Cell>{f.claims.approved.count + f.claims.in_batch.count} 项 / {formatYuan(f.claims.approved.amountFen + f.claims.in_batch.amountFen)}</Cell>
      <Cell>{f.claims.paid.count} 项 / {formatYuan(f.claims.paid.amountFen)}</Cell>
      <Cell>{f.claims.rejected.count}</Cell>
    </tr>
  );
}

export default function CityBureauPage() {
  const { figures, claims, query } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">{figures.bureau.name}</p>
        <h1>下辖区县</h1>
        <p className="muted">
          {figures.cityName}各区县人社局的年度预算、补贴申请和发放情况，及全市合计。申请由各区县人社局审核、发放，设区市人社局只能查看。
        </p>
      </header>
      <Form method="get" className="panel filters">
        <div className="field">
          <label htmlFor="city-year">年度</label>
          <input id="city-year" name="year" type="number" min={2000} max={2100} defaultValue={figures.year} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="button button-primary">查看</button>
        </div>
      </Form>
      <section className="panel stack" aria-label="各区县情况">
        <h2>{figures.year} 年各区县情况</h2>
        <div className="table-wrap">
          <table>
            <caption className="muted">预算按年度；已占用＝已批准申请占用的预算；已发放金额为从该年度预算发放的；申请按生成日期（北京时间）计入年度。</caption>
            <thead>
              <tr>
                <th scope="col">人社局</th>
                <th scope="col">年度预算</th>
                <th scope="col">已占用</th>
                <th scope="col">余额</th>
                <th scope="col">已发放</th>
                <th scope="col">待审核</th>
                <th scope="col">已批准未发放</th>
                <th scope="col">已发放申请</th>
                <th scope="col">已驳回</th>
              </tr>
            </thead>
            <tbody>
              {figures.rows.map((f) => (
                <FiguresRow key={f.bureauId} f={f} />
              ))}
            </tbody>
            <tfoot>
              <FiguresRow f={figures.total} total />
            </tfoot>
          </table>
        </div>
      </section>
      <section className="panel stack" aria-label="区县补贴申请">
        <h2>补贴申请</h2>
        <Form method="get" className="sub-filters">
          <input type="hidden" name="year" value={figures.year} />
          <div className="field">
            <label htmlFor="city-bureau">人社局</label>
            <select id="city-bureau" name="bureau" defaultValue={query.bureau ?? ""}>
              <option value="">全部</option>
              {figures.rows.map((f) => (
                <option key={f.bureauId} value={f.bureauId ?? ""}>{f.name}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="city-status">状态</label>
            <select id="city-status" name="status" defaultValue={query.status ?? ""}>
              <option value="">全部</option>
              {CITY_CLAIM_STATUSES.map((s) => (
                <option key={s} value={s}>{CLAIM_STATUS_LABELS[s]}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">筛选</button>
        </Form>
        <p className="muted">共 {claims.total} 项</p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">姓名</th>
                <th scope="col">身份证号</th>
                <th scope="col">补贴</th>
                <th scope="col">金额</th>
                <th scope="col">就业单位</th>
                <th scope="col">审核单位</th>
                <th scope="col">状态</th>
                <th scope="col">生成日期</th>
              </tr>
            </thead>
            <tbody>
              {claims.rows.length === 0 ? (
                <tr>
                  <td colSpan={8} className="muted">没有符合条件的申请</td>
                </tr>
              ) : (
                claims.rows.map((c) => (
                  <tr key={c.id}>
                    <td><Link to={`/subsidies/claims/${c.id}`}>{c.subject.name}</Link></td>
                    <td>{c.subject.idNumberMasked}</td>
                    <td>{kindLabel(c.kind)}</td>
                    <td>{formatYuan(c.amountFen)}</td>
                    <td>{c.subject.enterpriseName}</td>
                    <td>{c.bureau.name}</td>
                    <td><ClaimStatus status={c.status} /></td>
                    <td>{chinaDate(new Date(c.createdAt))}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <Pager page={claims.page} total={claims.total} pageSize={claims.pageSize} />
      </section>
    </div>
  );
}
