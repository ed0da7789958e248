import { jobSearchParams, parseJobSearch, type JobSearchQuery } from "~/domain/search/job-query";
import type { Principal } from "~/utils/principal.server";
import { prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";

export const MAX_SAVED_SEARCHES = 10;
export const SAVED_SEARCH_ALERT = "saved_search";

/** A saved search keeps its canonical parameters as JSON pairs; the page number is not kept. */
export function savedQueryJson(query: JobSearchQuery): string {
  return JSON.stringify([...jobSearchParams(query, { page: 1 }).entries()]);
}

/** The search a saved record describes, or null when it no longer parses. */
export function savedQuery(json: string): JobSearchQuery | null {
  try {
    const pairs = JSON.parse(json) as [string, string][];
    const parsed = parseJobSearch(new URLSearchParams(pairs), { strict: true });
    return parsed.ok ? parsed.query : null;
  } catch {
    return null;
  }
}

export async function listSavedSearches({ principal }: { principal: Principal }) {
  const rows = await prisma.savedSearch.findMany({
    where: { accountId: principal.accountId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, query: true, createdAt: true },
  });
  return rows.map((row) => {
    const query = savedQuery(row.query);
    return { id: row.id, name: row.name, createdAt: row.createdAt, link: query ? jobSearchParams(query).toString() : null };
  });
}

/** Saves a search for alerts: new matching jobs from now on are notified. */
export async function saveJobSearch({ principal, name, query }: { principal: Principal; name: string; query: JobSearchQuery }) {
  const count = await prisma.savedSearch.count({ where: { accountId: principal.accountId } });
  if (count >= MAX_SAVED_SEARCHES) {
    throw new AppError({ message: `最多保存 ${MAX_SAVED_SEARCHES} 个搜索，请先删除不用的`, field: "name", code: "too_many" });
  }
  return prisma.savedSearch.create({
    data: { accountId: principal.accountId, name, query: savedQueryJson(query) },
    select: { id: true },
  });
}

export async function deleteSavedSearch({ principal, id }: { principal: Principal; id: number }) {
  await prisma.savedSearch.deleteMany({ where: { id, accountId: principal.accountId } });
}

/** The latest new-job alerts of the caller's saved searches. */
export async function recentSearchAlerts({ principal, take = 5 }: { principal: Principal; take?: number }) {
  return prisma.notification.findMany({
    where: { accountId: principal.accountId, kind: SAVED_SEARCH_ALERT },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, title: true, body: true, link: true, createdAt: true, readAt: true },
  });
}
