import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { chinaMinute } from "~/domain/china-time";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { jobLabel, queueLabel, queuesOverview, removeJob, retryJob, type JobView } from "~/services/background/jobs-admin.server";
import { requireForm } from "~/utils/csrf.server";
import { requirePrincipal } from "~/utils/principal.server";
import { AppError, withErrors } from "~/utils/errors.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "后台任务 · 园校通" }];

const ActionSchema = z.object({
  intent: z.enum(["retry", "remove"]),
  queue: z.string().min(1),
  jobId: z.string().min(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  return withErrors(async () => {
    await requirePrincipal(request, ["province"]);
    const overview = await queuesOverview();
    return json({
      ...overview,
      pending: {
        count: overview.pending.count,
        oldest: overview.pending.oldest.map((p) => ({ id: p.id, queue: p.queue, queueLabel: queueLabel(p.queue), label: jobLabel(p.name), attempts: p.attempts, lastError: p.lastError, createdAt: p.createdAt.toISOString() })),
      },
    });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withErrors(async () => {
    const { form } = await requireForm(request, ["province"]);
    const parsed = ActionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return json({ ok: false, message: "请求不完整：缺少队列或任务编号" }, { status: 400 });
    const { intent, queue, jobId } = parsed.data;
    try {
      if (intent === "retry") await retryJob({ queue, jobId });
      else await removeJob({ queue, jobId });
    } catch (error) {
      if (error instanceof AppError && error.status < 500 || error instanceof AppError && error.code === "redis_down") {
        return json({ ok: false, message: (error as AppError).message }, { status: (error as AppError).status });
      }
      throw error;
    }
    return redirectWithFlash(request, intent === "retry" ? `任务 ${jobId} 已重新排队` : `任务 ${jobId} 已删除`);
  });
}


function JobRows({ jobs, failed }: { jobs: JobView[]; failed: boolean }) {
  const navigation = useNavigation();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">队列</th>
            <th scope="col">任务</th>
            <th scope="col">{failed ? "错误" : "进度"}</th>
            <th scope="col">已尝试</th>
            <th scope="col">{failed ? "失败时间" : "开始时间"}</th>
            {failed ? <th scope="col">操作</th> : null}
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={`${j.queue}-${j.id}`}>
              <td>{j.queueLabel}</td>
              <td>
                {j.label} <span className="muted">#{j.id}</span>
                <br />
                <code className="muted">{j.data}</code>
              </td>
              <td>{failed ? <span className="field-error">{j.failedReason}</span> : j.progress || "运行中"}</td>
              <td className="num">{j.attemptsMade}</td>
              <td>{chinaMinute(failed ? j.finishedOn : j.processedOn)}</td>
              {failed ? (
                <td>
                  <Form method="post" className="actions">
                    <CsrfInput />
                    <input type="hidden" name="queue" value={j.queue} />
                    <input type="hidden" name="jobId" value={j.id} />
                    <button type="submit" name="intent" value="retry" className="button" disabled={navigation.state !== "idle"}>
                      重试
                    </button>
                    <button type="submit" name="intent" value="remove" className="button button-quiet" disabled={navigation.state !== "idle"}>
                      删除
                    </button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function JobsPage() {
  const { redisUp, queues, pending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const running = queues.some((q) => q.counts.active > 0 || q.counts.waiting > 0);

  useEffect(() => {
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, running ? 2000 : 10_000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  const active = queues.flatMap((q) => q.active);
  const failed = queues.flatMap((q) => q.failed);
  return (
    <div className="stack">
      <header className="page-head">
        <p className="eyebrow">系统</p>
        <h1>后台任务</h1>
        <p className="muted">后台任务由独立的 worker 进程执行；失败的任务按指数退避自动重试 5 次，仍失败的在此列出，可重试或删除。</p>
      </header>
      {result ? (
        <p className="notice notice-error" role="alert">
          {result.message}
        </p>
      ) : null}
      {!redisUp ? (
        <p className="notice notice-error" role="alert">
          后台任务服务（Redis）暂不可用。网站照常使用；需要后台处理的操作已记录在数据库中，将在后台稍后处理，服务恢复后自动执行。
        </p>
      ) : null}
      {pending.count > 0 ? (
        <section className="panel">
          <h2>等待转交的任务（{pending.count}）</h2>
          <p className="muted">Redis 不可用期间提交的任务，服务恢复后由 worker 每 15 秒转交到各自的队列。</p>
          <ul className="rows">
            {pending.oldest.map((p) => (
              <li key={p.id}>
                <span>
                  {p.queueLabel} / {p.label}
                </span>
                <span className="muted">
                  {chinaMinute(p.createdAt)}
                  {p.lastError ? ` · 上次转交失败：${p.lastError}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {redisUp ? (
        <>
          <section className="panel">
            <h2>队列</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">队列</th>
                    <th scope="col">等待</th>
                    <th scope="col">运行中</th>
                    <th scope="col">延迟</th>
                    <th scope="col">失败</th>
                    <th scope="col">已完成</th>
                  </tr>
                </thead>
                <tbody>
                  {queues.map((q) => (
                    <tr key={q.name}>
                      <th scope="row">
                        {q.label}
                      </th>
                      <td className="num">{q.counts.waiting}</td>
                      <td className="num">{q.counts.active}</td>
                      <td className="num">{q.counts.delayed}</td>
                      <td className="num">{q.counts.failed}</td>
                      <td className="num">{q.counts.completed}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="panel">
            <h2>运行中的任务（{active.length}）</h2>
            {active.length ? <JobRows jobs={active} failed={false} /> : <p className="muted">当前没有运行中的任务。</p>}
          </section>
          <section className="panel">
            <h2>失败的任务（{failed.length}）</h2>
            {failed.length ? <JobRows jobs={failed} failed /> : <p className="muted">没有失败的任务。</p>}
          </section>
        </>
      ) : null}
    </div>
  );
}
