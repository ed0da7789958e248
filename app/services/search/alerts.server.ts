import { jobSearchParams } from "~/domain/search/job-query";
import { notifyAccounts, notifyingTransaction } from "~/services/labour/notifications.server";
import { searchJobs } from "~/services/search/job-search.server";
import { SAVED_SEARCH_ALERT, savedQuery } from "~/services/search/saved-searches.server";
import { prisma } from "~/utils/db.server";

const TITLES_IN_ALERT = 3;
const ID_CHUNK = 500;

/**
 * The posting time up to which every job is in the index: just before the earliest
 * posting among jobs whose change still waits in the outbox.
 */
async function jobsIndexedUntil(now: Date): Promise<Date> {
  const pending = await prisma.searchOutbox.findMany({
    where: { indexName: "jobs", deliveredAt: null },
    select: { recordId: true },
    distinct: ["recordId"],
  });
  let until = now.getTime();
  for (let i = 0; i < pending.length; i += ID_CHUNK) {
    const ids = pending.slice(i, i + ID_CHUNK).map((p) => p.recordId);
    const { _min } = await prisma.job.aggregate({ where: { id: { in: ids } }, _min: { postedAt: true } });
    if (_min.postedAt) until = Math.min(until, _min.postedAt.getTime() - 1);
  }
  return new Date(until);
}

/**
 * Tells each graduate about jobs posted since their saved search was last checked.
 * The window ends where the index is known complete (no job posted earlier still
 * waits in the outbox), so a job indexed late is found by the next run.
 * Moving the window and creating the notification commit together, and only if the
 * window has not moved meanwhile: a retry or a second worker never notifies twice.
 */
export async function sendSavedSearchAlerts({ now }: { now: Date }) {
  const until = await jobsIndexedUntil(now);
  const searches = await prisma.savedSearch.findMany({
    where: { lastCheckedAt: { lt: until }, account: { active: true, role: "graduate" } },
    select: { id: true, accountId: true, name: true, query: true, lastCheckedAt: true },
    orderBy: { id: "asc" },
  });
  let notified = 0;
  for (const search of searches) {
    const query = savedQuery(search.query);
    let found: Awaited<ReturnType<typeof searchJobs>> | null = null;
    if (query) {
      found = await searchJobs({
        query: { ...query, sort: "newest", page: 1, perPage: TITLES_IN_ALERT },
        now,
        postedBetween: { from: search.lastCheckedAt.getTime() + 1, to: until.getTime() },
      });
    }
    const created = await notifyingTransaction(async (tx) => {
      const moved = await tx.savedSearch.updateMany({
        where: { id: search.id, lastCheckedAt: search.lastCheckedAt },
        data: { lastCheckedAt: until },
      });
      if (moved.count !== 1 || !query || !found || found.totalHits === 0) return false;
      await notifyAccounts(tx, [{
        accountId: search.accountId,
        kind: SAVED_SEARCH_ALERT,
        title: `「${search.name}」有 ${found.totalHits} 个新岗位`,
        body: found.hits.map((hit) => `${hit.title}（${hit.enterpriseName}）`).join("；"),
        link: `/graduate/jobs?${jobSearchParams(query, { sort: "newest", page: 1 }).toString()}`,
      }]);
      return true;
    });
    if (created) notified += 1;
  }
  return { checked: searches.length, notified };
}
