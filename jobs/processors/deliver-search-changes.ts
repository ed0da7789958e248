import { searchEngine } from "../../search/engine.server";
import { deliverSearchChanges } from "../../search/sync.server";

/** Delivers the search outbox to this process's engine (idempotent: it re-reads every record). */
export async function deliverPendingSearchChanges({ now }: { now: Date }) {
  return deliverSearchChanges({ engine: searchEngine(), now });
}
