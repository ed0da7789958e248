import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { chinaMinute } from "~/domain/china-time";
import { Link, useLoaderData } from "@remix-run/react";
import { OutdatedSnapshotNote, PeriodFilter } from "~/components/report";
import { formatRate } from "~/domain/reports/placements";
import { periodOrError, publishedPeriods } from "~/services/reports/placements.server";
import { defaultPeriod, readBulletin } from "~/services/reports/views.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "就业通报 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    await requirePrincipal(request, ["province"]);
    const params = new URL(request.url).searchParams;
    const period = periodOrError(params.get("period") || (await defaultPeriod()));
    const [bulletin, periods] = await Promise.all([readBulletin(period.key), publishedPeriods()]);
    return json({ period, bulletin, periods: periods.map((p) => p.period) });
  });
}

type Ranked = { key: string; name: string; rank: number; relevanceRank: number | null; available: number; placed: number; placementRateBp: number | null; relevanceRateBp: number | null; placements: number };

function RankTable({ rows, what, caption }: { rows: Ranked[]; what: string; caption: string }) {
  const bottom = rows.length > 10 ? rows.slice(-5) : [];
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">就业率名次</th>
            <th scope="col">{what}</th>
            <th scope="col">可就业</th>
            <th scope="col">已就业</th>
            <th scope="col">就业率</th>
            <th scope="col">对口率</th>
            <th scope="col">对口率名次</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={bottom.includes(r) ? "row-warning" : undefined}>
              <td className="num">{r.rank}</td>
              <th scope="row">{r.name}</th>
              <td className="num">{r.available}</td>
              <td className="num">{r.placed}</td>
              <td className="num">{formatRate(r.placementRateBp)}</td>
              <td className="num">{formatRate(r.relevanceRateBp)}</td>
              <td className="num">{r.relevanceRank ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function BulletinPage() {
  const { period, bulletin, periods } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">定期通报</p>
        <h1>{period.label}园校对接就业通报</h1>
        <p className="muted">
          按已发布报表快照排名：就业率＝已就业 ÷ 可就业毕业生；对口率＝专业对口就业 ÷ 新增就业。园区以其对接院校的毕业生计。末 5 名以底色标出。
          {bulletin.publishedAt ? ` 快照发布于 ${chinaMinute(bulletin.publishedAt)}。` : ""}
        </p>
        <OutdatedSnapshotNote outdated={bulletin.outdated} />
        <p className="screen-only">
          <Link to={`/province/reports?period=${encodeURIComponent(period.key)}`}>← 返回就业报表</Link>
        </p>
      </header>
      <PeriodFilter current={period.key} periods={periods} />
      {bulletin.parks ? (
        <section className="panel">
          <h2>园区排名（{bulletin.parks.length}）</h2>
          <RankTable rows={bulletin.parks} what="园区" caption={`${period.label}园区就业率与对口率排名`} />
        </section>
      ) : (
        <p className="panel muted">该统计期尚无已发布的报表，无法通报。</p>
      )}
      {bulletin.colleges ? (
        <section className="panel">
          <h2>院校排名（{bulletin.colleges.length}）</h2>
          <RankTable rows={bulletin.colleges} what="院校" caption={`${period.label}院校就业率与对口率排名`} />
        </section>
      ) : null}
    </div>
  );
}
