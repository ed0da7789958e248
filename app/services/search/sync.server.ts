import type { IndexName } from "../../../search/types";
import { QUEUES, enqueueOrDefer } from "~/utils/queue.server";
import { type Prisma, prisma } from "~/utils/db.server";

export type SearchChange = { index: IndexName; recordId: number; op: "upsert" | "delete" };

type OutboxWriter = Pick<Prisma.TransactionClient, "searchOutbox">;

/**
 * Notes that a searchable record changed. Call it inside the transaction that makes
 * the change (pass the transaction as `db`), so that the change and the note commit
 * together; then call `requestSearchDelivery()` after the commit.
 */
export async function recordSearchChange({ db = prisma, index, recordId, op }: SearchChange & { db?: OutboxWriter }) {
  await db.searchOutbox.create({ data: { indexName: index, recordId, op } });
}

/** The same for many records of one index (an import, a rename that touches many jobs). */
export async function recordSearchChanges({
  db = prisma,
  index,
  recordIds,
  op,
}: Omit<SearchChange, "recordId"> & { recordIds: readonly number[]; db?: OutboxWriter }) {
  if (recordIds.length === 0) return;
  await db.searchOutbox.createMany({ data: recordIds.map((recordId) => ({ indexName: index, recordId, op })) });
}

/** A registry record whose name search documents carry (the employer, park, cluster or college of a posting or a graduate). */
export type RegistryNameChange = { kind: "enterprise" | "park" | "cluster" | "college"; id: number };

/**
 * Search documents show registry names; when a registry record is edited, the
 * documents that show it are noted for re-indexing in the same transaction.
 */
export async function recordRegistrySearchChanges({ db, change }: { db: Prisma.TransactionClient; change: RegistryNameChange }) {
  const { kind, id } = change;
  const ids = async (rows: Promise<{ id: number }[]>) => (await rows).map((row) => row.id);
  const select = { id: true } as const;
  const indexes: [IndexName, Promise<number[]>][] = [];
  if (kind === "enterprise") {
    indexes.push(["jobs", ids(db.job.findMany({ where: { enterpriseId: id }, select }))]);
    indexes.push(["orders", ids(db.order.findMany({ where: { enterpriseId: id }, select }))]);
  } else if (kind === "park") {
    indexes.push(["jobs", ids(db.job.findMany({ where: { parkId: id }, select }))]);
    indexes.push(["orders", ids(db.order.findMany({ where: { enterprise: { parkId: id } }, select }))]);
  } else if (kind === "cluster") {
    indexes.push(["jobs", ids(db.job.findMany({ where: { enterprise: { clusterId: id } }, select }))]);
  } else {
    indexes.push(["graduates", ids(db.graduate.findMany({ where: { collegeId: id }, select }))]);
    indexes.push(["cohorts", ids(db.cohort.findMany({ where: { collegeId: id }, select }))]);
  }
  for (const [index, recordIds] of indexes) await recordSearchChanges({ db, index, recordIds: await recordIds, op: "upsert" });
}

/** Only one delivery runs at a time; a request made while one runs queues exactly one more. */
export const DELIVERY_JOB = "deliver-search-changes";

/**
 * Asks the worker to deliver pending changes now; true when queued. Never throws: the
 * changes are already in the outbox, so while Redis is down the worker's schedule
 * delivers them once it is back.
 */
export async function requestSearchDelivery(): Promise<boolean> {
  const { deferred } = await enqueueOrDefer({ queue: QUEUES.searchSync, name: DELIVERY_JOB, data: {}, coalesce: DELIVERY_JOB, recordedElsewhere: true });
  return !deferred;
}
