/**
 * Keeping the indexes in step with the database. Writers record a change in the
 * SearchOutbox table inside their own transaction (app/services/search-sync.server.ts);
 * the worker delivers pending changes by re-reading each record, so a delivery is
 * idempotent and order does not matter; a change stays pending until the engine
 * has accepted it.
 */
import { prisma } from "~/utils/db.server";
import { singleton } from "~/utils/singleton.server";
import { allSearchDocuments, countRecords, loadSearchDocuments } from "./documents.server";
import { INDEXES } from "./settings";
import { INDEX_NAMES, type IndexName, type SearchEngine } from "./types";

const DELIVERED_KEPT_MS = 7 * 86_400_000;

function isIndexName(name: string): name is IndexName {
  return (INDEX_NAMES as readonly string[]).includes(name);
}

/** Brings the index up to date for the given records: current documents in, the rest out. */
export async function refreshRecords(engine: SearchEngine, index: IndexName, ids: readonly number[]) {
  const documents = await loadSearchDocuments(index, ids);
  const present = new Set(documents.map((d) => d.id));
  await engine.upsert(INDEXES[index], documents);
  await engine.remove(
    INDEXES[index],
    ids.filter((id) => !present.has(id)),
  );
}

/** Delivers every pending change, oldest first, in batches. Safe to run again after any failure. */
export async function deliverSearchChanges({
  engine,
  now = new Date(),
  batchSize = 500,
}: {
  engine: SearchEngine;
  now?: Date;
  batchSize?: number;
}): Promise<{ delivered: number }> {
  let delivered = 0;
  for (;;) {
    const pending = await prisma.searchOutbox.findMany({
      where: { deliveredAt: null },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, indexName: true, recordId: true },
    });
    if (pending.length === 0) break;
    const byIndex = new Map<IndexName, Set<number>>();
    for (const change of pending) {
      if (!isIndexName(change.indexName)) {
        console.error(`[search] outbox row ${change.id} names unknown index ${change.indexName}; skipped`);
        continue;
      }
      const ids = byIndex.get(change.indexName) ?? new Set<number>();
      ids.add(change.recordId);
      byIndex.set(change.indexName, ids);
    }
    for (const [index, ids] of byIndex) await refreshRecords(engine, index, [...ids]);
    await prisma.searchOutbox.updateMany({
      where: { id: { in: pending.map((p) => p.id) } },
      data: { deliveredAt: now },
    });
    delivered += pending.length;
  }
  await prisma.searchOutbox.deleteMany({
    where: { deliveredAt: { lt: new Date(now.getTime() - DELIVERED_KEPT_MS) } },
  });
  return { delivered };
}

/** Rebuilds an index from the database: settings, then every document in batches. */
export async function reindex({
  engine,
  index,
  batchSize = 2_000,
  onProgress,
}: {
  engine: SearchEngine;
  index: IndexName;
  batchSize?: number;
  onProgress?: (indexed: number) => void;
}): Promise<{ indexed: number }> {
  const declaration = INDEXES[index];
  await engine.applySettings(declaration);
  await engine.clear(declaration);
  let indexed = 0;
  for await (const documents of allSearchDocuments(index, batchSize)) {
    await engine.upsert(declaration, documents);
    indexed += documents.length;
    onProgress?.(indexed);
  }
  return { indexed };
}

/**
 * Builds an index on first use when it does not hold what the database holds (a
 * fresh embedded file, a new Meilisearch server, a file left from an older
 * database) and no change is on its way to explain the difference; once per process.
 */
export function ensureIndexBuilt(engine: SearchEngine, index: IndexName): Promise<void> {
  const checked = singleton("search-indexes-checked", () => new Map<IndexName, Promise<void>>());
  let promise = checked.get(index);
  if (!promise) {
    promise = (async () => {
      await engine.applySettings(INDEXES[index]);
      const [indexed, records, pending] = await Promise.all([
        engine.count(INDEXES[index]),
        countRecords(index),
        prisma.searchOutbox.count({ where: { indexName: index, deliveredAt: null } }),
      ]);
      if (indexed !== records && pending === 0) await reindex({ engine, index });
    })();
    promise.catch(() => checked.delete(index));
    checked.set(index, promise);
  }
  return promise;
}
