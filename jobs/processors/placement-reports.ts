import { UnrecoverableError, type Job } from "bullmq";
import { z } from "zod";
import {
  markReportRunFailed,
  REPORT_JOB,
  runPlacementReport,
  runScheduledReport,
  SCHEDULED_REPORT_JOB,
} from "~/services/reports/placements.server";

const ReportJobSchema = z.object({ runId: z.number().int().positive() });
const ScheduledJobSchema = z.object({ kind: z.enum(["month", "quarter"]) });

type JobLike = Pick<Job, "name" | "data" | "attemptsMade" | "timestamp"> & {
  opts: Pick<Job["opts"], "attempts" | "delay" | "prevMillis">;
  updateProgress: (progress: object) => Promise<unknown>;
};

/**
 * The reports queue: "placement-report" (a run asked for on demand) and
 * "scheduled-placement-report" (the month or quarter just ended). Both are idempotent:
 * a run stores each dimension's snapshot once, and a period's scheduled run is one row.
 */
export async function processReportJob(job: JobLike, now: Date = new Date()) {
  if (job.name === REPORT_JOB) {
    const parsed = ReportJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad placement-report payload: ${parsed.error.message}`);
    const { runId } = parsed.data;
    try {
      return await runPlacementReport({ runId, now, onProgress: (done, total) => job.updateProgress({ done, total }) });
    } catch (error) {
      const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await markReportRunFailed({ runId, message: (error as Error).message, final });
      throw error;
    }
  }
  if (job.name === SCHEDULED_REPORT_JOB) {
    const parsed = ScheduledJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad scheduled report payload: ${parsed.error.message}`);
    // The time the schedule was due (a scheduler creates its next job in advance, delayed until then),
    // so a job run late still reports the period it was due for.
    const due = job.opts.prevMillis ?? (job.timestamp ? job.timestamp + (job.opts.delay ?? 0) : now.getTime());
    return runScheduledReport({ kind: parsed.data.kind, now: new Date(due) });
  }
  throw new UnrecoverableError(`unknown reports job ${job.name}`);
}
