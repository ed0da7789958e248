import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { idParam } from "~/utils/params.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { RoundList, ROUND_STATUS_TEXT } from "~/components/allocation";
import { MAX_CHOICES } from "~/domain/allocation/round";
import { graduateRoundView, listRounds } from "~/services/allocation/rounds.server";
import { preferencesFromForm } from "~/services/allocation/forms.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { chinaMinute } from "~/domain/china-time";

export const meta: MetaFunction = () => [{ title: "定向分配志愿 · 园校通" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    const principal = await requirePrincipal(request, ["graduate"]);
    const roundParam = new URL(request.url).searchParams.get("round");
    const rounds = (await listRounds({ principal })).filter((r) => r.status !== "running");
    const view = roundParam ? await graduateRoundView({ principal, roundId: idParam(roundParam, "分配轮次") }) : null;
    return json({ rounds, view });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { principal, form } = await requireForm(request, ["graduate"]);
    const roundId = idParam(new URL(request.url).searchParams.get("round"), "分配轮次");
    const result = await preferencesFromForm({ principal, roundId, form });
    return "message" in result ? redirectWithFlash(request, result.message) : result;
  });
}

export default function GraduateAllocationPage() {
  const { rounds, view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (!view) {
    return (
      <div className="stack">
        <h1>定向分配志愿</h1>
        <p className="muted">省园区办或园区发起定向分配后，您可在截止前按意愿填报最多 {MAX_CHOICES} 个订单；截止后统一分配，结果公布后录用通知会出现在“我的申请”。</p>
        <RoundList rounds={rounds} basePath="/graduate/allocation" linkOf={(id) => `/graduate/allocation?round=${id}`} />
      </div>
    );
  }
  const { round, orders, preferences, assignment, acceptingChoices: open, whyNot } = view;
  const chosen = preferences.map((p) => p.orderId);
  const eligible = orders.filter((o) => o.excludedBecause.length === 0);
  const assignedOrder = assignment?.orderId ? orders.find((o) => o.id === assignment.orderId) : null;
  const fieldErrors: Record<string, string> = result && "fieldErrors" in result ? result.fieldErrors : {};
  return (
    <div className="stack">
      <p>
        <Link to="/graduate/allocation">← 全部轮次</Link>
      </p>
      <h1>{round.title}</h1>
      <p>
        <span className={`status status-${round.status}`}>{ROUND_STATUS_TEXT[round.status] ?? round.status}</span>{" "}
        <span className="muted">截止 {chinaMinute(round.deadline)}</span>
      </p>
      {round.status === "published" ? (
        <section className="panel" aria-label="我的分配结果">
          <h2>我的分配结果</h2>
          {assignment === null ? (
            <p>您未参加本轮填报。</p>
          ) : assignedOrder ? (
            <p>
              您被分配到 <strong>{assignedOrder.enterprise.name}</strong> 的订单「<strong>{assignedOrder.title}</strong>」（匹配分 {assignment.score}）。录用通知见
              <Link to="/graduate/applications">我的申请</Link>。
            </p>
          ) : (
            <p>很遗憾，您填报的订单均未录取（抽签号 {assignment.lottery}）。</p>
          )}
        </section>
      ) : null}
      {result?.formError ? (
        <p className="notice notice-error" role="alert">
          {result.formError}
        </p>
      ) : null}
      {!open && round.status !== "published" ? (
        <section className="panel notice" aria-label="不能填报的原因">
          <h2>您不能参加本轮填报</h2>
          <ul>
            {whyNot.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>本轮订单</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">订单</th>
              <th scope="col">企业 · 园区</th>
              <th scope="col">名额</th>
              <th scope="col">我的匹配分</th>
              <th scope="col">条件</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={`/orders/${o.id}`}>{o.title}</Link>
                </td>
                <td>
                  {o.enterprise.name} · {o.enterprise.park.name}
                </td>
                <td className="num">{o.capacity}</td>
                <td className="num">{o.score}</td>
                <td>{o.excludedBecause.length ? <span className="tag">{o.excludedBecause.join("；")}</span> : "符合"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open ? (
        <Form method="post" className="panel stack">
          <CsrfInput />
          <h2>填报志愿（按意愿从高到低，最多 {MAX_CHOICES} 个）</h2>
          <p className="muted">企业一方按匹配分排序；您排得越靠前的订单越优先，如实填报对您最有利。</p>
          <ol className="choices">
            {Array.from({ length: Math.min(MAX_CHOICES, eligible.length) }, (_, i) => (
              <li key={i}>
                <label>
                  第 {i + 1} 志愿{" "}
                  <select name={`choice${i + 1}`} defaultValue={chosen[i] ? String(chosen[i]) : ""} aria-invalid={fieldErrors[`choice${i + 1}`] ? true : undefined}>
                    <option value="">（不填）</option>
                    {eligible.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.title}（{o.enterprise.name}）
                      </option>
                    ))}
                  </select>
                </label>
              </li>
            ))}
          </ol>
          <p>
            <button type="submit" className="button button-primary" disabled={busy}>
              保存志愿
            </button>
          </p>
        </Form>
      ) : (
        <section className="stack">
          <h2>我的志愿</h2>
          {preferences.length === 0 ? (
            <p className="muted">未填报</p>
          ) : (
            <ol>
              {preferences.map((p) => {
                const o = orders.find((x) => x.id === p.orderId);
                return <li key={p.orderId}>{o ? `${o.title}（${o.enterprise.name}）` : p.orderId}</li>;
              })}
            </ol>
          )}
        </section>
      )}
    </div>
  );
}
