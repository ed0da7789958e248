import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.REDIS_URL = "redis://127.0.0.1:1";
});

import { searchEngine } from "../../search/engine.server";
import { INDEXES } from "../../search/settings";
import { deliverSearchChanges } from "../../search/sync.server";
import { requestSearchDelivery } from "~/services/search/sync.server";
import { prisma } from "~/utils/db.server";
import { buildJobMarket, postJob } from "./search-fixtures";
import { closeBackgroundQueues } from "~/utils/queue.server";

describe("search sync while Redis is down", () => {
  it("keeps the change in the database and delivers it once the worker runs again", async () => {
    const market = await buildJobMarket();
    await postJob({ enterpriseId: market.enterprise.id, parkId: market.park.id, title: "质检员" });
    await expect(requestSearchDelivery()).resolves.toBe(false);
    expect(await prisma.searchOutbox.count({ where: { deliveredAt: null } })).toBe(1);

    await deliverSearchChanges({ engine: searchEngine() });
    const result = await searchEngine().search(INDEXES.jobs, { q: "质量检验" });
    expect(result.hits.map((h) => h.document.title)).toEqual(["质检员"]);
    await closeBackgroundQueues();
  });
});
