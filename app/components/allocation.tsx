import { Form, Link, useNavigation } from "@remix-run/react";
import { chinaMinute } from "~/domain/china-time";
import { CsrfInput } from "./csrf-input";
import { ListTable } from "~/components/list-controls";
import { majorText } from "~/domain/catalogue/majors";

export const ROUND_STATUS_TEXT: Record<string, string> = {
  open: "填报中",
  running: "分配中",
  solved: "已分配（待发布）",
  published: "已发布",
};


type RoundRow = {
  id: number;
  title: string;
  status: string;
  deadline: string;
  park: { name: string } | null;
  graduatesRanked: number;
  _count: { orders: number; assignments: number };
};

export function RoundList({ rounds, basePath, linkOf }: { rounds: RoundRow[]; basePath: string; linkOf?: (id: number) => string }) {
  return (
    <ListTable headings={["轮次", "范围", "状态", "截止时间", "订单数", "填报人数"]} rows={rounds} empty="暂无分配轮次">
      {(r) => (
        <tr key={r.id}>
          <td>
            <Link to={linkOf ? linkOf(r.id) : `${basePath}/${r.id}`}>{r.title}</Link>
          </td>
          <td>{r.park?.name ?? "全省"}</td>
          <td>
            <span className={`status status-${r.status}`}>{ROUND_STATUS_TEXT[r.status] ?? r.status}</span>
          </td>
          <td>{chinaMinute(r.deadline)}</td>
          <td className="num">{r._count.orders}</td>
          <td className="num">{r.graduatesRanked}</td>
        </tr>
      )}
    </ListTable>
  );
}

type Choice = { id: number; title: string; majorCode: string; quantity: number; quantityFilled: number; enterprise: { name: string } };

export function OpenRoundForm({ choices, error, fieldErrors }: { choices: Choice[]; error: string | null; fieldErrors: Record<string, string> }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="panel stack">
      <CsrfInput />
      <h2>发起分配轮次</h2>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="grid-2">
        <div className="field">
          <label htmlFor="round-title">轮次名称</label>
          <input id="round-title" name="title" required maxLength={60} aria-invalid={fieldErrors.title ? true : undefined} />
          {fieldErrors.title ? <p className="field-error">{fieldErrors.title}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="round-deadline">填报截止时间（北京时间）</label>
          <input id="round-deadline" name="deadline" type="datetime-local" required aria-invalid={fieldErrors.deadline ? true : undefined} />
          {fieldErrors.deadline ? <p className="field-error">{fieldErrors.deadline}</p> : null}
        </div>
      </div>
      <fieldset className="choice-fieldset">
        <legend>参与分配的订单（发布中、尚有名额）</legend>
        {fieldErrors.orderIds ? <p className="field-error">{fieldErrors.orderIds}</p> : null}
        <div className="table-wrap choice-list">
          <table>
            <thead>
              <tr>
                <th scope="col">选择</th>
                <th scope="col">订单</th>
                <th scope="col">企业</th>
                <th scope="col">专业</th>
                <th scope="col">剩余名额</th>
              </tr>
            </thead>
            <tbody>
              {choices.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    暂无发布中的订单
                  </td>
                </tr>
              ) : (
                choices.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <input type="checkbox" name="orderIds" value={o.id} aria-label={`选择 ${o.title}`} />
                    </td>
                    <td>{o.title}</td>
                    <td>{o.enterprise.name}</td>
                    <td>{majorText(o.majorCode)}</td>
                    <td className="num">{o.quantity - o.quantityFilled}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </fieldset>
      <p>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "正在发起…" : "发起轮次"}
        </button>
      </p>
    </Form>
  );
}

type ResultRow = {
  graduateId: number;
  orderId: number | null;
  lottery: number;
  score: number | null;
  graduate: { name: string; majorCode: string; college: { name: string } };
  order: { title: string; enterprise: { name: string } } | null;
};
type RoundOrderRow = {
  id: number;
  title: string;
  majorCode: string;
  capacity: number;
  rankedBy: number;
  filled: number;
  enterprise: { name: string; park: { name: string } };
};
export type RoundResultsData = {
  round: {
    id: number; title: string; status: string; deadline: string; seed: string | null; solvedAt: string | null; publishedAt: string | null;
    graduatesRanked: number; park: { name: string } | null; createdBy: { displayName: string };
  };
  orders: RoundOrderRow[];
  rows: ResultRow[];
  total: number;
  unmatchedGraduates: number;
  page: number;
  view: "matched" | "unmatched";
  resultsVisible: boolean;
};

/** Fill of the round's places as a bar: filled against capacity. */
function FillBar({ filled, capacity }: { filled: number; capacity: number }) {
  return <progress className="progress" max={Math.max(1, capacity)} value={filled} aria-label={`已分配 ${filled}/${capacity}`} />;
}

export function RoundResults({ data, manage, pageSize, message }: { data: RoundResultsData; manage: boolean; pageSize: number; message: string | null }) {
  const { round, orders } = data;
  const busy = useNavigation().state === "submitting";
  const places = orders.reduce((s, o) => s + o.capacity, 0);
  const filled = orders.reduce((s, o) => s + o.filled, 0);
  const ran = data.resultsVisible;
  const unfilledOrders = orders.filter((o) => o.filled < o.capacity);
  return (
    <div className="stack">
      <h1>{round.title}</h1>
      <p>
        <span className={`status status-${round.status}`}>{ROUND_STATUS_TEXT[round.status] ?? round.status}</span>{" "}
        <span className="muted">
          {round.park?.name ?? "全省"} · 截止 {chinaMinute(round.deadline)} · 发起人 {round.createdBy.displayName}
        </span>
      </p>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <ul className="kpis">
        <li className="kpi">
          <span className="kpi-value">{orders.length}</span>
          <span className="kpi-label">订单</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{places}</span>
          <span className="kpi-label">名额</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{round.graduatesRanked}</span>
          <span className="kpi-label">填报人数</span>
        </li>
        {ran ? (
          <li className="kpi">
            <span className="kpi-value">{filled}</span>
            <span className="kpi-label">已分配</span>
          </li>
        ) : null}
      </ul>
      {ran ? (
        <p className="muted">
          随机种子 <code>{round.seed}</code>：同分者按由该种子抽取的抽签号排序，用同一种子重新计算结果相同。
        </p>
      ) : null}
      {manage ? (
        <div className="actions">
          {round.status === "open" ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="run" />
              <button type="submit" className="button button-primary" disabled={busy}>
                {busy ? "正在分配…" : "立即执行分配"}
              </button>
            </Form>
          ) : null}
          {round.status === "solved" ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="publish" />
              <button type="submit" className="button button-primary" disabled={busy}>
                发布结果并发出录用通知
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <h2>订单</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">订单</th>
              <th scope="col">企业</th>
              <th scope="col">专业</th>
              <th scope="col">名额</th>
              <th scope="col">填报人次</th>
              <th scope="col">已分配</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id}>
                <td>{o.title}</td>
                <td>{o.enterprise.name}</td>
                <td>{majorText(o.majorCode)}</td>
                <td className="num">{o.capacity}</td>
                <td className="num">{o.rankedBy}</td>
                <td>
                  {ran ? (
                    <>
                      <span className="num">{o.filled}</span> <FillBar filled={o.filled} capacity={o.capacity} />
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ran ? (
        <>
          {manage ? (
            <section className="stack">
              <h2>未满额的订单（{unfilledOrders.length}）</h2>
              {unfilledOrders.length === 0 ? (
                <p className="muted">全部订单已满额</p>
              ) : (
                <ul>
                  {unfilledOrders.map((o) => (
                    <li key={o.id}>
                      {o.title}（{o.enterprise.name}）：空余 {o.capacity - o.filled} 个名额
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}
          <h2>分配结果</h2>
          {manage ? (
            <p className="actions">
              <Link to="?view=matched" className={`button ${data.view === "matched" ? "button-primary" : ""}`}>
                已分配
              </Link>
              <Link to="?view=unmatched" className={`button ${data.view === "unmatched" ? "button-primary" : ""}`}>
                未分配的毕业生（{data.unmatchedGraduates}）
              </Link>
            </p>
          ) : null}
          <ListTable headings={["毕业生", "院校 · 专业", "分配到", "匹配分", "抽签号"]} rows={data.rows} empty="无" pager={{ total: data.total, page: data.page, pageSize }}>
            {(r) => (
              <tr key={r.graduateId}>
                <td>{r.graduate.name}</td>
                <td>
                  {r.graduate.college.name} · {majorText(r.graduate.majorCode)}
                </td>
                <td>{r.order ? `${r.order.title}（${r.order.enterprise.name}）` : <span className="muted">未分配</span>}</td>
                <td className="num">{r.score ?? "—"}</td>
                <td className="num">{r.lottery}</td>
              </tr>
            )}
          </ListTable>
        </>
      ) : null}
    </div>
  );
}
