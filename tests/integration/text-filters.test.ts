import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { containsText } from "~/utils/sql.server";
import { buildRegistry } from "./fixtures";

/** Text filters ignore case on SQLite and PostgreSQL alike (ADR 100): every list's 「名称」 box uses containsText. */
describe("text filters", () => {
  it("find an enterprise whose name holds Latin letters whatever their case, on either database", async () => {
    const registry = await buildRegistry();
    await prisma.enterprise.create({
      data: { creditCode: "91360100MA35F0009X", name: "江西ABC新能源有限公司", parkId: registry.park.id, clusterRole: "supporting", headcount: 10 },
    });
    for (const q of ["abc", "ABC", "aBc新能源"]) {
      const found = await prisma.enterprise.findMany({ where: { name: containsText(q) }, select: { name: true } });
      expect(found.map((e) => e.name), q).toEqual(["江西ABC新能源有限公司"]);
    }
    expect(await prisma.enterprise.count({ where: { name: containsText("xyz") } })).toBe(0);
  });
});
