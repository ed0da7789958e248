import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { roundOrderChoices } from "~/services/allocation/rounds.server";
import { orderScope, viewableJobScope } from "~/utils/scopes.server";
import { prisma } from "~/utils/db.server";
import type { Principal } from "~/utils/principal.server";
import { buildRegistry } from "./fixtures";
import { principalOf } from "./labour-fixtures";

/**
 * Scope builders combined with other conditions (issue 14, item 4). Prisma reads an empty
 * filter `{}` inside OR as matching nothing (and inside NOT as matching everything), and
 * a scope spread into an object loses to, or overwrites, keys of the same name; so scopes
 * are combined with AND, and the province's "everything" must survive every combination.
 */
let registry: Awaited<ReturnType<typeof buildRegistry>>;
let province: Principal;
let park: Principal;
let ids: Record<string, number> = {};

beforeAll(async () => {
  registry = await buildRegistry();
  province = await principalOf("scope-province", "province");
  park = await principalOf("scope-park", "park", { parkId: registry.park.id });
  const other = await prisma.enterprise.create({
    data: { creditCode: "91360100MA35F0011X", name: "另一园区企业", parkId: registry.otherPark.id, clusterRole: "supporting", headcount: 10 },
  });
  const order = (enterpriseId: number, title: string, status: string) =>
    prisma.order.create({ data: { enterpriseId, title, majorCode: "460103", skillTags: "[]", skillLevel: 4, quantity: 2, startDate: new Date("2027-03-01"), wageFen: 500_000, status } });
  ids = {
    own: (await order(registry.enterprise.id, "本园区订单", "open")).id,
    other: (await order(other.id, "外园区订单", "open")).id,
    draft: (await order(other.id, "草稿订单", "draft")).id,
  };
  const job = (status: string) =>
    prisma.job.create({ data: { enterpriseId: other.id, title: `岗位-${status}`, description: "d", majorClasses: '["4601"]', wageMinFen: 400_000, wageMaxFen: 500_000, cityCode: "360100", parkId: registry.otherPark.id, openings: 1, status } });
  ids.openJob = (await job("open")).id;
  ids.closedJob = (await job("closed")).id;
});

describe("scopes in combination", () => {
  it("lets the province put any park's open order in a round, and a park only its own", async () => {
    expect((await roundOrderChoices({ principal: province })).map((o) => o.id).sort()).toEqual([ids.own, ids.other].sort());
    expect((await roundOrderChoices({ principal: park })).map((o) => o.id)).toEqual([ids.own]);
  });

  it("keeps the province's 'everything' when a scope is combined with another condition", async () => {
    const closed = await prisma.job.count({ where: { AND: [{ id: ids.closedJob }, viewableJobScope(province)] } });
    expect(closed).toBe(1);
    const draft = await prisma.order.count({ where: { AND: [{ id: ids.draft }, orderScope(province)] } });
    expect(draft).toBe(1);
    // The pitfall itself, so that a change in Prisma's reading of {} is noticed here first.
    expect(await prisma.job.count({ where: { OR: [{ status: "open" }, {}] } })).toBe(1);
  });

  it("has no scope builder placed inside an OR or NOT, nor spread into a where, anywhere in app/", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) { if (e.name !== "generated") walk(p); } else if (/\.tsx?$/.test(e.name) && !e.name.includes(".test.")) files.push(p);
      }
    };
    walk("app");
    const offending = files.flatMap((file) =>
      fs.readFileSync(file, "utf8").split("\n").flatMap((line, i) => {
        const inOr = /\b(OR|NOT):\s*\[[^\]]*\b[a-zA-Z]+Scope\(/.test(line) && !/role === "province" \?/.test(line);
        const spread = /\.\.\.[a-zA-Z]+Scope\(/.test(line);
        return inOr || spread ? [`${file}:${i + 1}`] : [];
      }),
    );
    expect(offending).toEqual([]);
  });
});
