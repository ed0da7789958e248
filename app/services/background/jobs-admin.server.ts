/**
 * The background-jobs page of the province administrator: every queue with its
 * counts, the running and failed jobs (with their error), retry and remove; and the
 * jobs kept in the database while Redis was down.
 */
import type { Job } from "bullmq";
import { QUEUES, type QueueName, closeBackgroundQueues, pendingJobsOverview, readyWebQueue, webQueue, withinMs } from "~/utils/queue.server";
import { AppError } from "~/utils/errors.server";

export const QUEUE_LABELS: Record<QueueName, string> = {
  maintenance: "系统维护",
  "search-sync": "搜索索引同步",
  "search-alerts": "订阅提醒",
  "training-fund": "培训经费核算",
  subsidy: "补贴申请",
  imports: "批量导入",
  reports: "就业报表",
  "pending-jobs": "积压任务转交",
  allocation: "定向分配",
  labour: "录用通知到期",
  messages: "短信发送",
};

/** The jobs' names in Chinese, as the 后台任务 page shows them (the English name stays in the page for whoever reads the logs). */
export const JOB_LABELS: Record<string, string> = {
  "compute-year": "年度经费核算",
  "deliver-search-changes": "同步搜索索引",
  "lapse-offers": "录用通知到期处理",
  "lapse-overdue-offers": "清理逾期录用通知",
  "move-pending-jobs": "转交积压任务",
  "purge-expired-sessions": "清理过期登录",
  "reconcile-subsidy-claims": "补贴申请对账",
  "saved-search-alerts": "发送订阅提醒",
  "placement-report": "生成就业报表",
  "scheduled-placement-report": "定期就业报表",
  "monthly-placement-report": "月度就业报表",
  "quarterly-placement-report": "季度就业报表",
  "run-import": "执行批量导入",
  "run-round": "运行定向分配",
  "create-claims": "生成补贴申请",
};

/** A queue's or a job's Chinese label; an unknown name is shown as it is. */
export const queueLabel = (name: string) => QUEUE_LABELS[name as QueueName] ?? name;
export const jobLabel = (name: string) => JOB_LABELS[name] ?? name;

const READY_WAIT_MS = 1_500;

export function isQueueName(name: string): name is QueueName {
  return (Object.values(QUEUES) as string[]).includes(name);
}

export type JobView = {
  queue: QueueName;
  queueLabel: string;
  id: string;
  name: string;
  label: string;
  data: string;
  attemptsMade: number;
  failedReason: string | null;
  progress: string;
  timestamp: number;
  processedOn: number | null;
  finishedOn: number | null;
};

function jobView(queue: QueueName, job: Job): JobView {
  const progress = job.progress as unknown;
  const progressText =
    progress && typeof progress === "object" && "done" in progress && "total" in progress
      ? `${(progress as { done: number }).done} / ${(progress as { total: number }).total}`
      : typeof progress === "number" && progress > 0
        ? `${progress}%`
        : "";
  return {
    queue,
    queueLabel: queueLabel(queue),
    id: String(job.id),
    name: job.name,
    label: jobLabel(job.name),
    data: JSON.stringify(job.data).slice(0, 200),
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason ?? null,
    progress: progressText,
    timestamp: job.timestamp,
    processedOn: job.processedOn ?? null,
    finishedOn: job.finishedOn ?? null,
  };
}

export type QueueView = {
  name: QueueName;
  label: string;
  counts: { waiting: number; active: number; delayed: number; failed: number; completed: number };
  active: JobView[];
  failed: JobView[];
};

/** Every queue's counts, the running and failed jobs; `redisUp: false` when Redis does not answer. */
export async function queuesOverview({ failedLimit = 20 }: { failedLimit?: number } = {}) {
  const pending = await pendingJobsOverview();
  try {
    const names = Object.values(QUEUES) as QueueName[];
    // Right after Redis comes back the connection may still be reconnecting: give it a moment.
    await readyWebQueue(names[0]!, READY_WAIT_MS);
    const queues: QueueView[] = await Promise.all(
      names.map(async (name): Promise<QueueView> => {
        const queue = webQueue(name);
        await withinMs(queue.waitUntilReady(), READY_WAIT_MS, "redis");
        const [counts, active, failed] = await Promise.all([
          withinMs(queue.getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized", "waiting-children"), READY_WAIT_MS, "redis"),
          withinMs(queue.getJobs(["active"], 0, 19), READY_WAIT_MS, "redis"),
          withinMs(queue.getJobs(["failed"], 0, failedLimit - 1), READY_WAIT_MS, "redis"),
        ]);
        return {
          name,
          label: QUEUE_LABELS[name] ?? name,
          counts: {
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
            failed: counts.failed ?? 0,
            completed: counts.completed ?? 0,
          },
          active: active.filter(Boolean).map((j) => jobView(name, j)),
          failed: failed.filter(Boolean).map((j) => jobView(name, j)),
        };
      }),
    );
    return { redisUp: true, queues, pending };
  } catch (error) {
    console.warn("[jobs] Redis did not answer:", (error as Error).message);
    await closeBackgroundQueues();
    return { redisUp: false, queues: [] as QueueView[], pending };
  }
}

async function findJob(queueName: string, jobId: string): Promise<Job> {
  if (!isQueueName(queueName)) throw new AppError({ code: "bad_queue", field: "queue", message: "未知的队列" });
  let job: Job | undefined;
  try {
    job = await withinMs(webQueue(queueName).getJob(jobId), READY_WAIT_MS, "redis");
  } catch (cause) {
    throw new AppError({ status: 503, code: "redis_down", message: "后台任务服务（Redis）暂不可用，请稍后再试", cause });
  }
  if (!job) throw new AppError({ status: 404, code: "not_found", message: "任务不存在或已被清理" });
  return job;
}

/** Puts a failed job back in its queue for another set of attempts. */
export async function retryJob({ queue, jobId }: { queue: string; jobId: string }) {
  const job = await findJob(queue, jobId);
  if (!(await job.isFailed())) throw new AppError({ code: "not_failed", message: "只有失败的任务可以重试" });
  await job.retry("failed");
}

/** Removes a job that is not running. */
export async function removeJob({ queue, jobId }: { queue: string; jobId: string }) {
  const job = await findJob(queue, jobId);
  if (await job.isActive()) throw new AppError({ code: "running", message: "任务正在运行，不能删除" });
  await job.remove();
}
