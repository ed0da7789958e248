import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { COMPONENT_LABELS, ScoreBar, ScoreLegend } from "~/components/matching";
import { recommendationsForGraduate } from "~/services/matching/matching.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "为我推荐 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["graduate"]);
    return json(await recommendationsForGraduate({ principal, graduateId: principal.graduateId ?? -1 }));
  });
}

export default function RecommendationsPage() {
  const { graduate, recommendations, policyVersion } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>为我推荐</h1>
      <p className="muted">
        按您的专业、技能、证书、意向城市和所在院校的园校对接情况，为您匹配招募中的订单和在招岗位（匹配政策{policyVersion ? `第 ${policyVersion} 版` : "默认权重"}）。
        完善<Link to="/graduate/profile">我的档案</Link>可让推荐更准确。
      </p>
      {graduate.placed ? <p className="notice">您已就业，以下推荐仅供参考。</p> : null}
      <ScoreLegend />
      {recommendations.length === 0 ? (
        <p className="muted">暂时没有与您专业相关的订单或岗位。</p>
      ) : (
        <ol className="recommendations stack">
          {recommendations.map((r) => (
            <li key={`${r.kind}-${r.id}`} className="panel">
              <p>
                <span className="tag">{r.kind === "order" ? "订单培训" : "岗位"}</span> <Link to={r.link}>{r.title}</Link>{" "}
                <span className="muted">
                  {r.enterpriseName} · {r.parkName}
                </span>
              </p>
              <p>
                匹配分 <strong className="num">{r.score}</strong>
              </p>
              <ScoreBar components={r.components} />
              <ul className="reasons">
                {(Object.keys(COMPONENT_LABELS) as (keyof typeof COMPONENT_LABELS)[]).map((k) => (
                  <li key={k}>
                    {COMPONENT_LABELS[k]} {r.components[k].points}/{r.components[k].max}：{r.components[k].detail}
                  </li>
                ))}
                {r.missingSkills.length ? <li>还需掌握：{r.missingSkills.join("、")}</li> : null}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
