import { type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatChange, formatScore } from "~/components/scorecard";
import { SUBJECT_LABELS, SUBJECT_TYPES } from "~/domain/assessment/indicators";
import { chinaMinute } from "~/domain/china-time";
import type { ScorecardRow } from "~/domain/assessment/score";
import { scorecardPeriods } from "~/services/assessment/scorecards.server";
import { readScorecards, sortScorecardRows } from "~/services/assessment/views.server";
import { periodOrError } from "~/services/reports/placements.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "考核通报 · 园校通" }];

/** The one-page 通报 of a period: the first ten and last five ranked of each subject type, printable on one A4 sheet. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["province"]);
    const periods = await scorecardPeriods();
    const period = periodOrError(new URL(request.url).searchParams.get("period") || periods[0] || "");
    const sections = await Promise.all(
      SUBJECT_TYPES.map(async (subject) => {
        const view = await readScorecards({ principal, period: period.key, subject });
        const ranked = view ? sortScorecardRows(view.rows, "rank", "asc").filter((r) => r.rank !== null) : [];
        return {
          subject,
          publishedAt: view?.publishedAt?.toISOString() ?? null,
          ranked: ranked.length,
          unranked: view ? view.rows.length - ranked.length : 0,
          top: ranked.slice(0, 10),
          bottom: ranked.length > 15 ? ranked.slice(-5) : ranked.slice(10),
        };
      }),
    );
    return json({ period, sections });
  });
}

function Rows({ rows }: { rows: ScorecardRow[] }) {
  return (
    <>
      {rows.map((r) => (
        <tr key={r.key}>
          <td>{r.rank}</td>
          <th scope="row">{r.name}</th>
          <td>{formatScore(r.score)}</td>
          <td>{formatChange(r.change)}</td>
        </tr>
      ))}
    </>
  );
}

export default function ScorecardBulletin() {
  const { period, sections } = useLoaderData<typeof loader>();
  return (
    <div className="stack scorecard-bulletin">
      <header className="page-head">
        <h1>{period.label}园校对接考核情况通报</h1>
        <p className="muted">
          得分满分 100 分，按各类对象的考核指标体系计算；可就业毕业生不足 30 人的单位不排名。<Link className="screen-only" to={`/province/scorecards?period=${encodeURIComponent(period.key)}`}>返回考核评分</Link>
        </p>
      </header>
      {sections.map((s) => (
        <section key={s.subject} className="panel">
          <h2>{SUBJECT_LABELS[s.subject]}（参与排名 {s.ranked} 个{s.unranked ? `，不排名 ${s.unranked} 个` : ""}）</h2>
          {s.publishedAt ? (
            <table>
              <caption>发布于 {chinaMinute(s.publishedAt)}</caption>
              <thead>
                <tr>
                  <th scope="col">名次</th>
                  <th scope="col">{SUBJECT_LABELS[s.subject]}</th>
                  <th scope="col">得分</th>
                  <th scope="col">同比</th>
                </tr>
              </thead>
              <tbody>
                <Rows rows={s.top} />
                {s.bottom.length > 0 && s.ranked > 15 ? (
                  <tr><td colSpan={4} className="muted">……</td></tr>
                ) : null}
                <Rows rows={s.bottom} />
              </tbody>
            </table>
          ) : (
            <p className="muted">尚未发布。</p>
          )}
        </section>
      ))}
    </div>
  );
}
