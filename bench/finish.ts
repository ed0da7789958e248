/**
 * The end of a benchmark: closes what the services it measured opened — the web
 * process's Redis queue handles (a service that writes a search-outbox row or asks for
 * background work opens them through `enqueueOrDefer`) and the database client — so
 * that the process exits by itself and `npm run bench` goes on to the next one.
 */
export async function closeBenchHandles(): Promise<void> {
  const { closeBackgroundQueues } = await import("../app/utils/queue.server");
  const { prisma } = await import("../app/utils/db.server");
  await closeBackgroundQueues();
  await prisma.$disconnect();
}
